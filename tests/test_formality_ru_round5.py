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
