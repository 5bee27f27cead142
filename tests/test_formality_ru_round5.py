"""Russian formality, what generalised from held-out round 5 (tests/fixtures/heldout/formality_ru5.yaml):
the readings of the customer's register and name, in examples of our own."""

from __future__ import annotations

import pytest

from .test_formality import _formality


@pytest.mark.parametrize("customer, reply, expected", [
    # a customer who greets on «ты», or signs with a familiar name, says «вы» to the company
    ("Салют! Есть у вас в наличии колодки на Ninja 400? как быстро привезёте?\nСтёпа",
     "Салют, Стёпа! Есть, привезём завтра — напиши адрес.", []),
    ("Привет! Все чеки у вас уже в личном кабинете лежат.\nДаша", "Привет, Даша! Нашла их, скинь номер заказа.", []),
    ("Слушайте, чё за фигня, опять списали дважды. Верните.\nВова", "Привет, Вова! Вернём сегодня, проверь карту вечером.", []),
    # … but a polite capital «Вас» keeps the distance, and so does chat style without such markers
    ("Привет! Хотела уточнить у Вас про доставку.\nДаша", "Привет, Даша! Напиши адрес.", [("ru.formality.ty-form", "Напиши")]),
    ("подскажите куда вводить код с открытки", "Введи его в корзине.", [("ru.formality.ty-form", "Введи")]),
    ("Добрый день! Есть у вас колодки на Ninja 400?\nСтепан", "Есть, напиши адрес.", [("ru.formality.ty-form", "напиши")]),
])
def test_an_informal_customer_says_vy_to_the_company(engine, customer, reply, expected):
    found = [(rule, text) for rule, text, _ in _formality(engine, reply, customer)]
    assert found == expected


@pytest.mark.parametrize("reply", [
    "Добрый день! Мастер занимался с Кузей час, он привыкнет к когтерезке.",
    "Добрый день! Поговорили с Тошей и его хозяйкой, всё в порядке.",
])
def test_a_name_in_an_oblique_case_is_no_imperative(engine, reply):
    assert _formality(engine, reply, "Добрый день! Как прошла стрижка моего пуделя?") == []


@pytest.mark.parametrize("customer, reply, expected", [
    # a title, a given name and a surname: the bare given name is too familiar
    ("Добрый день. Прошу прислать смету на ремонт кровли.\nС уважением,\nдоцент Павел Верещагин, СПбГУ",
     "Павел, добрый день! Смету пришлём в пятницу.", [("ru.formality.first-name", "Павел", ("доцент Верещагин",))]),
    # a role before the name on the signature line, initials before a surname the dictionary does not know
    ("Добрый день. Прошу выставить счёт за май.\nС уважением, старший экономист Р. Ф. Залесская",
     "Добрый день, госпожа Залесская! Счёт выставлен.", []),
    ("Добрый день. Прошу выставить счёт за май.\nС уважением, старший экономист Р. Ф. Залесская",
     "Добрый день, госпожа Залеская! Счёт выставлен.", [("ru.formality.wrong-name", "госпожа Залеская", ())]),
    ("Добрый день! Прошу прислать договор.\nЗаместитель директора Ольга Игоревна Бронштейн, info@example.ru",
     "Ольга, добрый день! Договор отправили.", [("ru.formality.first-name", "Ольга", ("Ольга Игоревна",))]),
    # the surname misspelt where the reply names the customer
    ("Добрый день! Прошу прислать договор.\nЗаместитель директора Ольга Игоревна Бронштейн, info@example.ru",
     "Ольга Игоревна, договор на имя О. И. Бранштейн отправили.", [("ru.formality.wrong-name", "Бранштейн", ("Бронштейн",))]),
    # … but the surname in another case, or someone else's with another first name, is no misspelling
    ("Добрый день! Прошу прислать договор.\nЗаместитель директора Ольга Игоревна Бронштейн, info@example.ru",
     "Ольга Игоревна, договор на имя О. И. Бронштейна отправили.", []),
    ("Добрый день! Прошу прислать договор.\nЗаместитель директора Ольга Игоревна Бронштейн, info@example.ru",
     "Ольга Игоревна, договор подпишет Марк Бернштейн.", []),
])
def test_titles_roles_and_surnames_in_a_formal_signature(engine, customer, reply, expected):
    assert _formality(engine, reply, customer) == expected


def test_a_run_of_chat_marks_is_one_finding(engine):
    customer = "Добрый день. Прошу подтвердить бронь зала.\nС уважением, Руслан Тимурович"
    found = _formality(engine, "Руслан Тимурович, бронь подтверждена!!! 🎉🎉 Ждём Вас.", customer)
    assert found == [("ru.formality.emoji", "!!! 🎉🎉", ("!",))]


CAPTAIN = "Добрый день. Прошу перенести экскурсию на субботу.\nТимофей Орлов"


@pytest.mark.parametrize("reply, expected", [
    # a name set off by commas inside a sentence addresses the reader
    ("Перенести можно, Тимур, — в субботу катер свободен.", [("ru.formality.wrong-name", "Тимур", ("Тимофей",))]),
    ("Экскурсия перенесена на субботу, Тимур.", [("ru.formality.wrong-name", "Тимур", ("Тимофей",))]),
    ("Перенести можно, Тимофей, — в субботу катер свободен.", []),
    # … not a name after the person it names, nor one of a list
    ("В субботу Вас встретит наш капитан, Тимур, у причала № 3.", []),
    ("Для ребёнка, Орлова Тимура, нужен детский билет.", []),
    ("В субботу дежурят Олег, Тимур и Анна.", []),
])
def test_a_vocative_inside_a_sentence(engine, reply, expected):
    assert _formality(engine, reply, CAPTAIN) == expected


def test_a_writer_who_gives_their_role_before_their_name(engine):
    customer = ("Добрый день. Я завуч гимназии № 12, Маргарита Львовна Серова. Нужны автобусы на экскурсию "
                "для двух классов.")
    found = {(rule, text) for rule, text, _ in _formality(engine, "Добрый день, Рита! Автобусы есть.", customer)}
    assert ("ru.formality.first-name", "Рита") in found
    assert _formality(engine, "Добрый день, Маргарита Львовна! Автобусы есть.", customer) == []
