"""Fuzz replylint: generate replies, lint them, check invariants, print figures.

    python bench/fuzz.py                      # 10,000 inputs, fixed seed (several minutes)
    python bench/fuzz.py --count 500          # a quick look
    python bench/fuzz.py --only 4711,9999     # re-run single inputs of a run (same seed)
    python bench/fuzz.py --json               # figures as JSON

Inputs (each from its own `random.Random(f"{seed}:{index}")`, so any input of a
run can be re-made alone with `--only`): realistic Russian/English support
replies built from the phrase banks below, random Unicode (control and format
characters, combining marks, NFD Cyrillic, emoji and astral characters, curly
quotes, CR/LF/CRLF mixes, tabs, NBSP), long runs (`!` * n, `?!` * n, long
words and lines), many short lines, quoted history (`> ` lines, "On … wrote:",
«… писал(а):», Outlook "From:/Sent:" headers, forwarded blocks), HTML
fragments (block and inline tags, entities, blockquote/gmail_quote history,
broken tags), blame sentences hidden by Unicode artefacts (soft hyphens,
zero-width spaces, NFD, stress marks, …) and lone surrogates (API only).
Sizes run from a few characters to `--max-chars` (a few inputs past spaCy's
1,000,000-character limit by default).

Invariants, through `Engine(load_rules()).lint(Exchange(reply, customer))`
(one engine for the whole run):

- no exception, except the documented `replylint.errors.InputError` for a lone
  surrogate, which the API must raise just like the CLI does;
- every finding: 0 <= start < end <= len(message), text == message[start:end],
  not only whitespace, line/column consistent with start ("\\n" ends a line),
  findings sorted and without duplicates;
- nothing flagged in quoted history the generator appended (no overlap), and
  no finding starting or ending inside an HTML tag, comment or declaration;
- a blame sentence that is flagged as plain text is still flagged when
  Unicode artefacts are added to it (soft hyphen, ZWSP, NFD, …);
- every `--cli-every`-th input also goes through `python -m replylint check`
  (JSON exchanges in batches, and plain files): the JSON findings equal the
  API's, the exit code is 0/1 as the findings say, and exit code 2 comes only
  with one-line errors, never a traceback;
- time: no input up to 1 MB over 5 s (5 s per MB above that), a hard timeout
  per input, and for long runs of one unit ("!", "?!", …) a scaling probe at
  growing sizes: time must grow about linearly.

Prints inputs tried, failures grouped by kind (each with a minimized
reproducer written to --out), total time, the slowest input, characters per
second by size bucket and the probes' scaling. Exit code 1 on any failure.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # fuzz this checkout, also when it is not installed

DEFAULT_SEED = 20240615
DEFAULT_MAX_CHARS = 1_100_000
SLOW_SECONDS_PER_MB = 5.0  # the bar: an input up to 1 MB lints in under 5 s
MB = 1_000_000

# ----------------------------------------------------------------------------- phrase banks

RU = {
    "greeting": ["Здравствуйте!", "Добрый день!", "Добрый вечер, Ирина!", "Здравствуйте, Алексей Петрович.",
                 "Доброе утро!", "Привет!", "Добрый день, Марина Сергеевна!"],
    "apology": ["Приносим извинения за неудобства.", "Извините за долгий ответ.",
                "Нам очень жаль, что так вышло.", "Простите, пожалуйста, за задержку.",
                "Понимаем, как это неприятно."],
    "info": ["Откройте раздел «Настройки» и выберите пункт «Безопасность».",
             "Перезагрузите роутер и попробуйте ещё раз.", "Проверьте, пожалуйста, адрес доставки.",
             "Чтобы сменить тариф, зайдите в личный кабинет.", "Мы уже передали вашу заявку специалистам.",
             "Обычно проверка занимает до трёх рабочих дней.", "Номер вашего обращения — 4815162342.",
             "Если вопрос останется, напишите нам в чат.", "Деньги вернутся на карту в течение 5–7 дней.",
             "Ссылка для восстановления пароля: https://example.ru/reset?id=42&lang=ru",
             "Курьер приедет завтра с 10:00 до 14:00.", "Приложение обновится автоматически."],
    "blame": ["Вы указали неверные настройки.", "Вы ввели неправильный пароль.",
              "Вы не так поняли документацию.", "Вы неправильно настроили расписание.",
              "Вы выбрали не тот тариф.", "Вы указали неверную дату рождения.",
              "Вы привязали не ту карту.", "Вы неправильно указали ИНН.", "Вы ввели ИНН получателя с ошибкой.",
              "Надо было внимательнее читать инструкцию.", "Вы опять всё перепутали.",
              "Это ваша ошибка.", "Вы сами виноваты.", "Как я уже писал, нужно перезагрузить роутер.",
              "Вы не прочитали инструкцию.", "Вы неправильно вводите пароль."],
    "closing": ["С уважением, служба поддержки.", "Хорошего дня!", "Спасибо, что обратились к нам.",
                "Будем рады помочь!", "С уважением,\nАнна, служба заботы о клиентах"],
    "customer": ["Почему не работает оплата?", "Я не могу войти в аккаунт!!!", "Где мой заказ? Жду уже неделю.",
                 "Здравствуйте, приложение вылетает при запуске. Что делать?", "Верните деньги!",
                 "Подскажите, как сменить тариф?"],
}
EN = {
    "greeting": ["Hi Marco,", "Hello!", "Dear Mr. Santino,", "Hey there!", "Good morning,", "Hi Sarah!"],
    "apology": ["Sorry for the trouble.", "We apologize for the inconvenience.", "I'm sorry this took so long.",
                "Apologies for the delay."],
    "info": ["Please open Settings and choose Security.", "Could you restart the router and try again?",
             "Your ticket number is 4815162342.", "I've passed this on to our billing team.",
             "You can change your plan in the dashboard.", "Let me know if that helps.",
             "The refund should reach your card within 5-7 business days.",
             "Here is the reset link: https://example.com/reset?id=42&lang=en",
             "The courier will arrive tomorrow between 10am and 2pm.", "We've credited $5.00 to your account."],
    "blame": ["You should have read the docs.", "Obviously you didn't restart it.",
              "You entered the wrong password.", "As I said before, you need to update the app.",
              "You clearly didn't read my last email.", "You failed to follow the instructions.",
              "This is your fault.", "You messed up the configuration.", "Like I said, it's in the FAQ.",
              "You should know this by now.", "Simply restart it, it's not rocket science.",
              "Obviously, the cable isn't plugged in.", "You didn't read the manual."],
    "closing": ["Best regards,\nSupport Team", "Thanks for your patience!", "Have a great day.", "Cheers,\nTom"],
    "customer": ["Why was I charged twice?", "Hello, the app crashes when I open it. Can you help?",
                 "WHERE IS MY ORDER???", "I can't log in, please help.", "How do I cancel my subscription?"],
}
BANKS = {"ru": RU, "en": EN}

NAMES = {"ru": ["Иван Петров", "Марина Сергеевна", "Служба поддержки", "Алексей"],
         "en": ["Bob Smith", "Sarah Connor", "Support Team", "marco.santino"]}
EMAILS = ["bob@example.com", "ivan@example.ru", "support@example.com", "m.s@mail.example"]

# ----------------------------------------------------------------------------- Unicode noise

CONTROL = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + ["\x7f", "\x85", "\x9b", "\x1b[31m"]
FORMAT = ["\u200b", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
          "\u2067", "\u2068", "\u2069", "\u2060", "\ufeff", "\u200c", "\u200d", "\u061c", "\u180e"]
COMBINING = ["\u0301", "\u0306", "\u0308", "\u0300", "\u0327", "\u20dd", "\u0301\u0301\u0301"]
NFD_CYRILLIC = ["и\u0306", "е\u0308", "И\u0306", "Е\u0308"]
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧", "🇷🇺", "❤️", "\U0001F9D1\u200D\U0001F4BB", "🙏", "\U0001F600\U0001F600"]
ASTRAL = ["\U00010400", "𝐀𝐁", "\U00017000", "\U0002A6D6", "\U000E0001", "\U0010FFFD", "\ue000", "\uffff", "\ufffd"]
QUOTES = ["“", "”", "„", "«", "»", "‘", "’", "‚", "′", "`", "´", "'", '"']
SPACES = ["\xa0", "\u2009", "\u202f", "\u3000", "\t", "\u2028", "\u2029", "\x0b", "\x0c", "  ", " \t "]
NEWLINES = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n\r"]
NOISE_GROUPS = {"control": CONTROL, "format": FORMAT, "combining": COMBINING, "nfd": NFD_CYRILLIC, "emoji": EMOJI,
                "astral": ASTRAL, "quotes": QUOTES, "spaces": SPACES, "newlines": NEWLINES}
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ude00\ud83d"]

# units of long runs: (family name, unit); the scaling probe uses the same list
RUN_UNITS = [("!", "!"), (".", "."), ("?!", "?!"), ("-", "-"), ("…", "…"), ("=", "="), ("*", "*"), (")", ")"),
             ("(", "("), ("'", "'"), ('"', '"'), ("'s", "'s"), ("«»", "«»"), ("a.", "a."), ("a-", "a-"),
             ("a/", "a/"), ("a!", "a!"), (":)", ":)"), ("word", "a"), ("cyrillic-word", "й"), ("digits", "7"),
             ("emoji", "😀"), ("combining", "a\u0301"), ("zwsp", "\u200b"), ("nbsp", "\xa0"), ("space", " "),
             ("tab", "\t"), ("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r"), ("gt", "> "), ("<br>", "<br>"),
             ("&nbsp;", "&nbsp;"), ("&", "&"), ("<", "<"), ("short-lines", "ok\n"), ("вы", "Вы "),
             ("obviously", "obviously "), ("url", "https://example.com/a?b=c&"), ("@", "a@"),
             ("blame-ru", "Вы указали неверные настройки. "), ("blame-en", "Obviously you didn't restart it. ")]

# ----------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Part:
    """A piece of a generated reply. `role`: text (lintable), history (quoted
    history: nothing may be flagged in it), tag (HTML markup: no finding may
    start or end inside), target (a blame sentence with Unicode artefacts:
    `plain` is the same sentence without them), surrogate.
    `group`: parts dropped together when minimizing; `pinned`: never shrunk;
    `anchor`: the group whose removal also removes this part (history needs
    the attribution or header line that introduces it)."""

    text: str
    role: str = "text"
    group: int = 0
    pinned: bool = False
    anchor: int | None = None
    plain: str | None = None


@dataclass(frozen=True)
class Case:
    index: int
    generator: str
    detail: str
    parts: tuple[Part, ...]
    customer: tuple[str, ...] = ()

    @property
    def reply(self) -> str:
        return "".join(p.text for p in self.parts)

    @property
    def control(self) -> str:
        return "".join(p.plain if p.plain is not None else p.text for p in self.parts)

    @property
    def expects_input_error(self) -> bool:
        return any(p.role == "surrogate" for p in self.parts) or any(_has_surrogate(c) for c in self.customer)

    def spans(self, role: str, *, control: bool = False) -> list[tuple[int, int, Part]]:
        out, pos = [], 0
        for p in self.parts:
            text = p.plain if control and p.plain is not None else p.text
            if p.role == role and text:
                out.append((pos, pos + len(text), p))
            pos += len(text)
        return out

    def __len__(self) -> int:
        return sum(len(p.text) for p in self.parts) + sum(map(len, self.customer))


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


class Composer:
    """Builds a case's parts; every add() is its own group unless told otherwise."""

    def __init__(self):
        self.parts: list[Part] = []
        self.length = 0
        self._group = 0

    def new_group(self) -> int:
        self._group += 1
        return self._group

    def add(self, text: str, role: str = "text", *, group: int | None = None, pinned: bool = False,
            anchor: int | None = None, plain: str | None = None) -> int:
        group = self.new_group() if group is None else group
        if text:
            self.parts.append(Part(text, role, group, pinned or role in ("tag", "target", "surrogate"), anchor, plain))
            self.length += len(text)
        return group

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)

    def ends_line(self) -> bool:
        return not self.parts or self.parts[-1].text.endswith("\n")


def pick_size(rng: random.Random, index: int, max_chars: int) -> int:
    """Mostly short replies; a share of medium and long ones; one in a thousand
    is huge (every other one of those past 1,000,000 characters, when allowed)."""
    if index % 1000 == 999:
        if index % 2000 == 1999 and max_chars > MB:
            return rng.randint(MB + 1, max_chars)
        return int(math.exp(rng.uniform(math.log(200_000), math.log(max(200_001, min(max_chars, MB))))))
    r = rng.random()
    if r < 0.15:
        size = rng.randint(1, 100)
    elif r < 0.75:
        size = int(math.exp(rng.uniform(math.log(100), math.log(2_000))))
    elif r < 0.975:
        size = int(math.exp(rng.uniform(math.log(2_000), math.log(20_000))))
    else:
        size = int(math.exp(rng.uniform(math.log(20_000), math.log(200_000))))
    return max(1, min(size, max_chars))


def _lang(rng: random.Random) -> str:
    return rng.choices(["ru", "en", "mixed"], [0.45, 0.4, 0.15])[0]


def _sentence(rng: random.Random, lang: str, blame_rate: float = 0.3) -> str:
    bank = BANKS[lang if lang != "mixed" else rng.choice(["ru", "en"])]
    kind = "blame" if rng.random() < blame_rate else rng.choice(["info", "info", "apology"])
    return rng.choice(bank[kind])


def _paragraph(rng: random.Random, lang: str, blame_rate: float = 0.3) -> str:
    if lang == "mixed":
        lang = rng.choice(["ru", "en"])
    return " ".join(_sentence(rng, lang, blame_rate) for _ in range(rng.randint(1, 4)))


def _body(c: Composer, rng: random.Random, lang: str, target: int, nl: str = "\n", *,
          blame_rate: float = 0.3, greet: bool = True) -> None:
    """Greeting, paragraphs up to `target` characters, closing; one part each."""
    bank = BANKS["ru" if lang == "mixed" else lang]
    if greet and rng.random() < 0.8:
        c.add(rng.choice(bank["greeting"]) + nl + (nl if rng.random() < 0.5 else ""))
    while c.length < target:
        para = _paragraph(rng, lang, blame_rate)
        c.add(para + nl + (nl if rng.random() < 0.4 else ""))
    if greet and rng.random() < 0.6:
        c.add(rng.choice(bank["closing"]).replace("\n", nl) + nl)


def _customer(rng: random.Random, lang: str) -> tuple[str, ...]:
    r = rng.random()
    if r < 0.5:
        return ()
    bank = BANKS["ru" if lang == "mixed" else lang]
    if r < 0.9:
        return (rng.choice(bank["customer"]),)
    return tuple(rng.choice(bank["customer"]) for _ in range(rng.randint(2, 3)))


def _noise(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.1:  # any code point but a surrogate
        while True:
            cp = rng.randrange(0x110000)
            if not 0xD800 <= cp <= 0xDFFF:
                return chr(cp)
    group = rng.choice(list(NOISE_GROUPS))
    return rng.choice(NOISE_GROUPS[group])


def _sprinkle(rng: random.Random, text: str, rate: float) -> str:
    """Insert noise at random positions (inside words too)."""
    if not text:
        return text
    count = max(1, int(len(text) * rate))
    cuts = sorted(rng.randrange(len(text) + 1) for _ in range(min(count, 5000)))
    out, prev = [], 0
    for cut in cuts:
        out.append(text[prev:cut])
        out.append(_noise(rng))
        prev = cut
    out.append(text[prev:])
    return "".join(out)


# ----------------------------------------------------------------------------- generators


def gen_text(rng, size, index):
    lang = _lang(rng)
    nl = rng.choice(["\n", "\n", "\r\n"])
    c = Composer()
    _body(c, rng, lang, size, nl)
    return Case(index, "text", f"{lang} support reply, {'CRLF' if nl == chr(13) + chr(10) else 'LF'}",
                tuple(c.parts), _customer(rng, lang))


def gen_unicode(rng, size, index):
    lang = _lang(rng)
    c = Composer()
    mode = rng.choice(["sprinkle", "sprinkle", "random", "newline-mix", "nfd-all"])
    if mode == "random":
        text = "".join(_noise(rng) if rng.random() < 0.7 else rng.choice("абвгдйёaeiou .!?,\n") for _ in range(size))
        c.add(text)
    else:
        _body(c, rng, lang, size, "\n")
        parts = c.parts
        c = Composer()
        for p in parts:
            if mode == "sprinkle":
                c.add(_sprinkle(rng, p.text, rng.choice([0.002, 0.02, 0.1])))
            elif mode == "newline-mix":
                c.add(re.sub(r"\n", lambda m: rng.choice(NEWLINES), p.text))
            else:
                c.add(unicodedata.normalize("NFD", p.text))
    return Case(index, "unicode", f"{lang} reply, noise: {mode}", tuple(c.parts), _customer(rng, lang))


def gen_runs(rng, size, index):
    name, unit = rng.choice(RUN_UNITS)
    lang = _lang(rng)
    n = max(1, size // len(unit))
    c = Composer()
    where = rng.choice(["alone", "after-sentence", "between", "in-word"])
    if where == "alone":
        c.add(unit * n)
    elif where == "after-sentence":
        c.add(_sentence(rng, lang, 0.5).rstrip("."))
        c.add(unit * n)
    elif where == "between":
        c.add(_paragraph(rng, lang, 0.5) + " ")
        c.add(unit * n)
        c.add(" " + _paragraph(rng, lang, 0.5))
    else:
        word = rng.choice(["Вы", "указали", "obviously", "restart"])
        c.add(word + unit * n + word)
    return Case(index, "runs", f"{unit!r} * {n} ({where})", tuple(c.parts), _customer(rng, lang))


def gen_lines(rng, size, index):
    lang = _lang(rng)
    nl = rng.choice(["\n", "\r\n", "\r"])
    c = Composer()
    while c.length < size:
        kind = rng.random()
        if kind < 0.3:
            line = ""
        elif kind < 0.5:
            line = rng.choice(["ok", "да", "?", "!", "—", "-", "*", "1.", "•", ">", ">>", "Вы", "You"])
        else:
            words = _sentence(rng, lang, 0.4).split()
            line = " ".join(words[: rng.randint(1, len(words))])
        c.add(line + nl)
    return Case(index, "lines", f"{lang} many short lines, {nl!r}", tuple(c.parts), _customer(rng, lang))


QUOTE_STYLES = ["gt", "gt-nested", "gt-interleaved", "attribution-en", "attribution-ru", "attribution-unprefixed",
                "outlook-en", "outlook-ru", "forwarded", "original-message"]


def _attribution(rng, lang, full=False):
    """The line above quoted history. `full`: with a date, a time and an
    address or verb, as mail clients write it; the short forms ("Bob wrote:")
    introduce history only when quoted lines follow (rules/language/common.yaml)."""
    name, email = rng.choice(NAMES[lang]), rng.choice(EMAILS)
    if lang == "en":
        forms = [f"On Mon, 15 Jan 2024 at 10:15, {name} <{email}> wrote:", f"On 2024-01-15 10:15, {name} wrote:",
                 f"On Jan 15, 2024, at 10:15 AM, {name} <{email}> wrote:"]
        short = [f"{name} wrote:"]
    else:
        forms = [f"15 января 2024 г., 10:15 пользователь {name} <{email}> написал:",
                 f"15.01.2024 10:15, {name} пишет:", f"Понедельник, 15 января 2024, 10:15 +03:00 от {name} написала:",
                 f"пн, 15 янв. 2024 г. в 10:15, {name} <{email}>:"]
        short = [f"{name} писал(а):"]
    return rng.choice(forms if full else forms + short)


def _history_lines(rng, lang, count):
    """Earlier messages: the customer's and the agent's own (blame included)."""
    bank = BANKS["ru" if lang == "mixed" else lang]
    return [rng.choice(bank["customer"] + bank["blame"] + bank["info"]) for _ in range(count)]


def gen_quoted(rng, size, index):
    lang = rng.choice(["ru", "en"])
    style = rng.choice(QUOTE_STYLES)
    nl = rng.choice(["\n", "\n", "\r\n"])
    c = Composer()
    body_size = max(1, int(size * rng.uniform(0.2, 0.7)))
    _body(c, rng, lang, body_size, nl, blame_rate=0.1)

    def line_start(group):
        c.add(nl, "history", group=group, pinned=True)

    def quoted_line(prefix, text):
        g = c.new_group()
        line_start(g)
        c.add(prefix, "history", group=g, pinned=True)
        c.add(text, "history", group=g, pinned=True)  # shrunk history would read as gibberish

    def pinned_line(text, anchor=None):
        g = c.new_group()
        line_start(g)
        c.add(text, "history", group=g, pinned=True, anchor=anchor)
        return g

    count = max(1, (size - c.length) // 40)
    lines = _history_lines(rng, lang, min(count, 30_000))
    if style in ("gt", "gt-nested", "attribution-en", "attribution-ru"):
        if style.startswith("attribution"):
            pinned_line(_attribution(rng, "en" if style == "attribution-en" else "ru"))
        for line in lines:
            prefix = rng.choice(["> ", ">", "> > ", ">> ", " > "]) if style != "gt" else "> "
            quoted_line(prefix, line)
        c.add(nl, "history", group=c.new_group())
    elif style == "gt-interleaved":
        for line in lines:
            if rng.random() < 0.6:
                quoted_line("> ", line)
            else:
                g = c.new_group()
                c.add(nl + nl, group=g, pinned=True)
                c.add(_sentence(rng, lang, 0.3) + nl, group=g)
    else:
        if style == "attribution-unprefixed":
            head = pinned_line(_attribution(rng, lang, full=True))
        elif style.startswith("outlook"):
            if style == "outlook-en":
                header = ["From: Bob Smith <bob@example.com>", "Sent: Monday, January 15, 2024 10:15 AM",
                          "To: Support <support@example.com>", "Subject: RE: Login problem"]
            else:
                header = ["От: Иван Петров <ivan@example.ru>", "Отправлено: 15 января 2024 г. 10:15",
                          "Кому: Поддержка <support@example.ru>", "Тема: RE: Не могу войти"]
            head = pinned_line(nl.join(header))
        elif style == "forwarded":
            head = pinned_line(rng.choice(["---------- Forwarded message ---------", "Begin forwarded message:",
                                           "-------- Пересылаемое сообщение --------",
                                           "Начало пересылаемого сообщения:"]))
        else:
            head = pinned_line(rng.choice(["-----Original Message-----", "-----Исходное сообщение-----",
                                           "-------- Original message --------"]))
        for line in lines:
            g = c.new_group()
            c.add(nl, "history", group=g, pinned=True, anchor=head)
            c.add(line, "history", group=g, pinned=True, anchor=head)
    return Case(index, "quoted", f"{lang} reply + history ({style}), {nl!r}", tuple(c.parts), _customer(rng, lang))


def _entities(rng, text):
    """Escape a sentence as HTML text, with a share of entities."""
    out = []
    for ch in text:
        r = rng.random()
        if ch == "&":
            out.append("&amp;")
        elif ch == " " and r < 0.15:
            out.append("&nbsp;")
        elif ch in "«»" and r < 0.5:
            out.append("&laquo;" if ch == "«" else "&raquo;")
        elif ch == "—" and r < 0.5:
            out.append("&mdash;")
        elif ch == "'" and r < 0.3:
            out.append("&#39;")
        elif "\u0400" <= ch <= "\u04ff" and r < 0.03:
            out.append(f"&#{ord(ch)};" if r < 0.015 else f"&#x{ord(ch):X};")
        else:
            out.append(ch)
    return "".join(out)


HTML_BROKEN = ["<div", '<p class="note', "</", "<<b>>", "<div>>", '<a href="x>link</a>', "< div>", "<3", "a<b",
               "<!--", "<![CDATA[x", "</div></div>", "<br/ >", "<?xml version='1.0'?>", "&", "&#;", "&#xZZ;",
               "&notanentity;", "&#99999999;", "&#0;", "&#xD800;"]
HTML_QUOTE_STYLES = ["blockquote", "gmail", "yahoo", "moz", "outlook-html"]


def gen_html(rng, size, index):
    lang = _lang(rng)
    broken = rng.random() < 0.25
    history = None if broken or rng.random() < 0.5 else rng.choice(HTML_QUOTE_STYLES)
    nl = rng.choice(["", "\n", "\r\n"])
    c = Composer()

    def tag(text):
        c.add(text, "tag")

    def blame_attr():
        if broken:
            return ""
        return f' title="{_sentence(rng, lang, 0.8)}"' if rng.random() < 0.3 else ""

    if rng.random() < 0.3:
        tag("<!DOCTYPE html>")
        tag("<html><head>")
        tag(f"<style>.x {{ content: \"{_sentence(rng, lang, 1.0)}\" }}</style>")
        tag("</head><body>" + nl)
    body_target = size if history is None else max(1, int(size * rng.uniform(0.2, 0.7)))
    tag("<div>")
    while c.length < body_target:
        kind = rng.random()
        sentence = _entities(rng, _paragraph(rng, lang, 0.35))
        if kind < 0.3:
            tag(f'<div dir="ltr"{blame_attr()}>')
            c.add(sentence)
            tag("</div>" + nl)
        elif kind < 0.5:
            tag(f"<p{blame_attr()}>")
            c.add(sentence)
            tag("</p>" + nl)
        elif kind < 0.65:
            c.add(sentence)
            tag(rng.choice(["<br>", "<br/>", "<br />", "<BR>"]) + nl)
        elif kind < 0.75:  # an inline tag inside the sentence
            words = sentence.split(" ")
            i = rng.randrange(len(words))
            c.add(" ".join(words[:i]) + (" " if i else ""))
            tag(rng.choice(["<b>", "<i>", '<span style="color:#333">', f'<a href="https://example.com/?a=1&amp;b=2"{blame_attr()}>']))
            c.add(words[i])
            tag(rng.choice(["</b>", "</i>", "</span>", "</a>"]))
            c.add(" " + " ".join(words[i + 1:]))
            tag("<br>" + nl)
        elif kind < 0.82:
            tag("<ul><li>")
            c.add(sentence)
            tag("</li><li>")
            c.add(_entities(rng, _sentence(rng, lang)))
            tag("</li></ul>" + nl)
        elif kind < 0.88:
            tag("<table><tr><td>")
            c.add(sentence)
            tag("</td></tr></table>" + nl)
        elif kind < 0.93 and not broken:
            tag(f"<!-- {_sentence(rng, lang, 1.0)} -->")
        elif broken:
            c.add(rng.choice(HTML_BROKEN))
            c.add(sentence)
        else:
            tag("<div><br></div>" + nl)
    tag("</div>" + nl)
    if history is not None:
        g = c.new_group()
        hist = lambda text: c.add(text, "history", group=g, pinned=True)  # noqa: E731
        who = _attribution(rng, "ru" if lang == "ru" else "en")
        lines = _history_lines(rng, "ru" if lang == "ru" else "en", max(1, (size - c.length) // 60))
        inner = "".join(f"<div>{_entities(rng, line)}</div>{nl}" for line in lines)
        if history == "blockquote":
            hist(f"<div>{who}</div><blockquote>{inner}</blockquote>")
        elif history == "gmail":
            hist(f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">{who}<br></div>'
                 f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)">'
                 f"{inner}</blockquote></div>")
        elif history == "yahoo":
            hist(f'<div class="yahoo_quoted"><div>{who}</div>{inner}</div>')
        elif history == "moz":
            hist(f'<div class="moz-cite-prefix">{who}<br></div><blockquote type="cite">{inner}</blockquote>')
        else:  # Outlook: the header block, then the earlier message after it (not inside)
            hist('<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
                 '<font face="Calibri" style="font-size:11pt"><b>From:</b> Bob Smith &lt;bob@example.com&gt;<br>'
                 "<b>Sent:</b> Monday, January 15, 2024 10:15 AM<br><b>To:</b> Support<br>"
                 "<b>Subject:</b> RE: Login problem</font><div>&nbsp;</div></div>" + f"<div>{inner}</div>")
    if rng.random() < 0.3:
        tag("</body></html>")
    detail = f"{lang} HTML{' (broken tags)' if broken else ''}{f', history: {history}' if history else ''}, nl {nl!r}"
    return Case(index, "html", detail, tuple(c.parts), _customer(rng, lang))


def _insert_in_words(rng, sentence, char):
    words = sentence.split(" ")
    long = [i for i, w in enumerate(words) if sum(ch.isalpha() for ch in w) >= 4]
    if not long:
        return None
    chosen = [i for i in long if rng.random() < 0.5] or [rng.choice(long)]
    for i in chosen:
        w = words[i]
        letters = [k for k in range(1, len(w)) if w[k - 1].isalpha() and w[k].isalpha()]
        if letters:
            k = rng.choice(letters)
            words[i] = w[:k] + char + w[k:]
    return " ".join(words)


def _wrap_word(rng, sentence, before, after):
    words = sentence.split(" ")
    i = rng.randrange(len(words))
    words[i] = before + words[i] + after
    return " ".join(words)


def _transforms(rng, s):
    """Unicode artefacts a blame sentence picks up by copy and paste: name -> text (or None)."""
    vowels = "аеиоуыэюя"
    return {
        "soft-hyphen": _insert_in_words(rng, s, "\u00ad"),
        "zwsp": _insert_in_words(rng, s, "\u200b"),
        "word-joiner": _insert_in_words(rng, s, "\u2060"),
        "zwnj": _insert_in_words(rng, s, "\u200c"),
        "lrm": s.replace(" ", "\u200e ", 2) if " " in s else None,
        "bidi-isolate": _wrap_word(rng, s, "\u2066", "\u2069"),
        "rlo": _wrap_word(rng, s, "\u202e", "\u202c"),
        "nfd": unicodedata.normalize("NFD", s) if unicodedata.normalize("NFD", s) != s else None,
        # stress marks are Russian typography (dictionaries, learner texts)
        "stress-mark": re.sub(f"([{vowels}])", lambda m: m.group(1) + "\u0301", s, count=1) if re.search(f"[{vowels}]", s) else None,
        "curly-apostrophe": s.replace("'", "\u2019") if "'" in s else None,
        "nbsp": s.replace(" ", "\xa0"),
        "narrow-nbsp": s.replace(" ", "\u202f"),
        "tab": s.replace(" ", "\t", 1),
        # a client's hard wrap: before a lowercase word, as the cleaner reads wraps
        "crlf-wrap": re.sub(r" (?=[a-zа-яё])", "\r\n", s, count=1) if re.search(r" [a-zа-яё]", s) else None,
        "lf-wrap": re.sub(r" (?=[a-zа-яё])", "\n", s, count=1) if re.search(r" [a-zа-яё]", s) else None,
        "bom-inside": s.replace(" ", " \ufeff", 1),
    }


def gen_evasion(rng, size, index):
    lang = rng.choice(["ru", "en"])
    bank = BANKS[lang]
    plain = rng.choice(bank["blame"])
    options = {k: v for k, v in _transforms(rng, plain).items() if v is not None and v != plain}
    name = rng.choice(sorted(options))
    nl = rng.choice(["\n", "\r\n"])
    c = Composer()
    c.add(rng.choice(bank["greeting"]) + nl)
    if rng.random() < 0.5:
        c.add(rng.choice(bank["info"]) + nl)
    c.add(options[name], "target", plain=plain)
    c.add(nl + rng.choice(bank["closing"]).replace("\n", nl) + nl)
    return Case(index, "evasion", f"{lang} blame sentence with {name}", tuple(c.parts), _customer(rng, lang))


def gen_surrogate(rng, size, index):
    lang = _lang(rng)
    c = Composer()
    _body(c, rng, lang, min(size, 5000), "\n")
    parts = list(c.parts)
    surrogate = rng.choice(SURROGATES)
    customer = _customer(rng, lang)
    if customer and rng.random() < 0.3:  # in a customer message instead
        i = rng.randrange(len(customer))
        text = customer[i]
        at = rng.randrange(len(text) + 1)
        customer = customer[:i] + (text[:at] + surrogate + text[at:],) + customer[i + 1:]
        where = f"customer[{i}]"
    else:
        at = rng.randrange(len(parts) + 1)
        parts.insert(at, Part(surrogate, "surrogate", 10_000, True))
        where = "reply"
    return Case(index, "surrogate", f"{lang} reply, lone surrogate {surrogate!r} in {where}", tuple(parts), customer)


GENERATORS = {"text": (gen_text, 0.2), "unicode": (gen_unicode, 0.17), "runs": (gen_runs, 0.08),
              "lines": (gen_lines, 0.05), "quoted": (gen_quoted, 0.18), "html": (gen_html, 0.17),
              "evasion": (gen_evasion, 0.12), "surrogate": (gen_surrogate, 0.03)}
SMALL_ONLY = {"evasion"}  # a few lines whatever the size


def make_case(seed: int, index: int, max_chars: int = DEFAULT_MAX_CHARS, generators: tuple[str, ...] | None = None) -> Case:
    """Input number `index` of the run with `seed`: the same whatever else runs."""
    rng = random.Random(f"{seed}:{index}")
    names = list(generators or GENERATORS)
    name = rng.choices(names, [GENERATORS[n][1] for n in names])[0]
    size = pick_size(rng, index, max_chars)
    case = GENERATORS[name][0](rng, size, index)
    return _clip(case, max_chars)


def _clip(case: Case, max_chars: int) -> Case:
    """Keep a case within max_chars: drop trailing groups (with the parts
    anchored to them), then cut the last unpinned part."""
    parts = list(case.parts)
    total = sum(len(p.text) for p in parts)
    while total > max_chars and len({p.group for p in parts}) > 1:
        last = parts[-1].group
        if any(p.role in ("target", "surrogate") for p in parts if p.group == last):
            break
        kept = [p for p in parts if p.group != last and p.anchor != last]
        total -= sum(len(p.text) for p in parts) - sum(len(p.text) for p in kept)
        parts = kept
    if total > max_chars and parts and not parts[-1].pinned:
        last = parts[-1]
        parts[-1] = replace(last, text=last.text[: max(1, len(last.text) - (total - max_chars))])
    return replace(case, parts=tuple(parts))


# ----------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Failure:
    kind: str
    detail: str


@dataclass
class Result:
    findings: list = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0


class InputTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise InputTimeout()


class _Deadline:
    """Abort the lint after `seconds` (SIGALRM; only in the main thread on Unix)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.armed = bool(seconds) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    def __enter__(self):
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def slow_limit(chars: int) -> float:
    return SLOW_SECONDS_PER_MB * max(1.0, chars / MB)


def build_engine():
    from replylint.engine import Engine
    from replylint.packs import load_rules

    engine = Engine(load_rules())
    from replylint.engine import Exchange

    engine.lint(Exchange("Вы указали неверные настройки.\nObviously you didn't restart it."))  # compile both languages
    return engine


def _where(exc: BaseException) -> str:
    """The innermost frame: failures of one bug share it."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    return f"{Path(frames[-1].filename).name}:{frames[-1].name}"


def lint(engine, reply: str, customer: tuple[str, ...] = ()):
    from replylint.engine import Exchange

    return engine.lint(Exchange(reply, customer))


def check_case(engine, case: Case, *, timeout: float | None = 60.0, check_time: bool = True) -> Result:
    """Lint one case through the API and check every invariant."""
    from replylint.errors import InputError

    result = Result()
    reply, customer = case.reply, case.customer
    fail = lambda kind, detail: result.failures.append(Failure(kind, detail))  # noqa: E731
    start = time.perf_counter()
    try:
        with _Deadline(timeout):
            findings = lint(engine, reply, customer)
    except InputTimeout:
        result.seconds = time.perf_counter() - start
        fail("timeout", f"no result after {result.seconds:.1f} s ({len(reply):,} chars)")
        return result
    except InputError as exc:
        result.seconds = time.perf_counter() - start
        if not case.expects_input_error:
            fail("exception:InputError", f"InputError on valid text: {exc}")
        elif "surrogate" not in str(exc):
            fail("lone-surrogate-unclear-error", f"InputError without naming the surrogate: {exc}")
        return result
    except RecursionError as exc:
        result.seconds = time.perf_counter() - start
        fail(f"exception:RecursionError@{_where(exc)}", "maximum recursion depth exceeded")
        return result
    except Exception as exc:  # noqa: BLE001 - this is what we look for
        result.seconds = time.perf_counter() - start
        if case.expects_input_error:
            fail("lone-surrogate-no-input-error", f"raised {type(exc).__name__}: {str(exc)[:160]} instead of InputError")
        else:
            fail(f"exception:{type(exc).__name__}@{_where(exc)}", f"{type(exc).__name__}: {str(exc)[:200]}")
        return result
    result.seconds = time.perf_counter() - start
    result.findings = findings
    if case.expects_input_error:
        fail("lone-surrogate-no-input-error", f"returned {len(findings)} finding(s) instead of raising InputError")
        return result
    if check_time and result.seconds > slow_limit(len(reply)):
        fail("slow", f"{len(reply):,} chars in {result.seconds:.1f} s (limit {slow_limit(len(reply)):.0f} s)")
    check_spans(findings, {("reply", 0): reply, **{("customer", i): t for i, t in enumerate(customer)}}, fail)
    check_protected(engine, case, findings, fail)
    if case.generator == "evasion":
        check_evasion(engine, case, findings, fail, timeout)
    return result


class _Lines:
    def __init__(self, text: str):
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        before = bisect.bisect_left(self.breaks, offset)  # "\n" strictly before offset
        line_start = self.breaks[before - 1] + 1 if before else 0
        return before + 1, offset - line_start + 1


def check_spans(findings, messages: dict, fail) -> None:
    lines: dict = {}
    from replylint.finding import Finding

    for f in findings:
        key = (f.source, f.source_index)
        if key not in messages:
            fail("span-source", f"finding for a message that does not exist: {key}")
            continue
        text = messages[key]
        if not 0 <= f.start < f.end <= len(text):
            fail("span-bounds", f"{f.rule_id}: start={f.start} end={f.end} len={len(text)}")
            continue
        if text[f.start:f.end] != f.text:
            fail("span-text", f"{f.rule_id}: text {f.text!r} != message[{f.start}:{f.end}] {text[f.start:f.end]!r}")
        if not f.text.strip():
            fail("span-blank", f"{f.rule_id}: whitespace-only span {f.text!r}")
        if key not in lines:
            lines[key] = _Lines(text)
        line, column = lines[key].position(f.start)
        if (f.line, f.column) != (line, column):
            fail("span-position", f"{f.rule_id}: line:column {f.line}:{f.column}, expected {line}:{column}")
    if list(findings) != sorted(findings, key=Finding.sort_key) or len(set(findings)) != len(findings):
        fail("findings-order", "findings not sorted or duplicated")


def _overlaps(spans, start, end):
    return [(s, e, p) for s, e, p in spans if s < end and start < e]


def check_protected(engine, case: Case, findings, fail) -> None:
    reply_findings = [f for f in findings if f.source == "reply"]
    if not reply_findings:
        return
    history = case.spans("history")
    if history:
        for f in reply_findings:
            if _overlaps(history, f.start, f.end):
                fail(f"flagged-history:{_style(case)}", f"{f.rule_id} flagged {f.text!r} at {f.line}:{f.column} in quoted history")
                break
    tags = case.spans("tag")
    # markup only counts as markup where the cleaner reads the text as HTML
    # (its own `html.detect` setting); in plain text "<b>" is text
    if tags and engine.cleaner.html_detect.search(case.reply):
        for f in reply_findings:
            inside = [(s, e) for s, e, _ in tags if s <= f.start < e or s < f.end <= e]
            if inside:
                s, e = inside[0]
                fail("flagged-tag", f"{f.rule_id} finding {f.text!r} starts or ends inside markup {case.reply[s:e][:80]!r}")
                break


def _style(case: Case) -> str:
    m = re.search(r"history(?: \(|: )([\w-]+)", case.detail)
    return m.group(1) if m else case.generator


def check_evasion(engine, case: Case, findings, fail, timeout) -> None:
    targets = case.spans("target")
    if not targets or any(_overlaps(targets, f.start, f.end) for f in findings if f.source == "reply"):
        return
    with _Deadline(timeout):
        control = lint(engine, case.control)
    plain_targets = case.spans("target", control=True)
    if any(_overlaps(plain_targets, f.start, f.end) for f in control if f.source == "reply"):
        transform = case.detail.rsplit(" with ", 1)[-1]
        part = targets[0][2]
        fail(f"evasion:{transform}", f"{part.plain!r} is flagged, {part.text!r} is not")


# ----------------------------------------------------------------------------- CLI


def _cli_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("REPLYLINT_DEBUG", None)
    env["NO_COLOR"] = "1"
    return env


def run_cli(args: list[str], stdin: bytes | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "replylint", *args], input=stdin, capture_output=True,
                          cwd=str(ROOT), env=_cli_env(), timeout=timeout)


def _stderr_failures(proc) -> list[Failure]:
    err = proc.stderr.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in err:
        return [Failure("cli-traceback", err.strip().splitlines()[-1][:200])]
    if proc.returncode == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        if not lines:
            return [Failure("cli-exit-2-silent", "exit code 2 without any error line")]
        if any("internal error" in line for line in lines):
            return [Failure("cli-internal-error", lines[0][:200])]
        if any(not line.startswith("replylint: ") for line in lines):
            return [Failure("cli-stderr", f"error output is not one line per problem: {err[:200]!r}")]
    return []


def _expected_exit(findings) -> int:
    return 1 if any(f.severity in ("warning", "error") for f in findings) else 0


def _compare(api, cli_dicts) -> str | None:
    want = [f.to_dict() for f in api]
    got = [{k: v for k, v in d.items() if k != "path"} for d in cli_dicts]
    if want == got:
        return None
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            diff = {k: (w.get(k), g.get(k)) for k in set(w) | set(g) if w.get(k) != g.get(k)}
            return f"finding {i} differs: {diff}"
    return f"{len(want)} finding(s) by the API, {len(got)} by the CLI"


def check_cli_batch(engine, cases: list[Case], api: dict[int, list], workdir: Path) -> tuple[list[tuple[Case, Failure]], int]:
    """Run a batch of cases through the CLI twice: as JSON exchanges (reply and
    customer) and as plain files (reply only). Returns failures and the number
    of CLI processes started."""
    failures: list[tuple[Case, Failure]] = []
    runs = 0
    cases = [c for c in cases if c.reply.strip() and not c.expects_input_error]
    if not cases:
        return failures, runs

    def json_run(batch):
        payload = json.dumps([{"id": str(c.index), "reply": c.reply, "customer": list(c.customer)} for c in batch])
        return run_cli(["check", "--json-input", "-", "--format", "json"], payload.encode())

    def files_run(batch):
        paths = []
        for c in batch:
            path = workdir / f"{c.index}.txt"
            path.write_bytes(c.reply.encode("utf-8"))
            paths.append(str(path))
        return run_cli(["check", *paths, "--format", "json"])

    def expected(case, how):
        if how == "json":
            return api[case.index]
        text = case.reply
        if text.startswith("\ufeff"):  # the CLI reads a UTF-8 byte-order mark as the encoding's mark
            text = text[1:]
        # the file is checked alone: its formality findings read no customer (an emoji is flagged only to a
        # customer who writes formally), so the API is asked the same way
        return lint(engine, text)

    def label(case, how):
        return str(case.index) if how == "json" else str(workdir / f"{case.index}.txt")

    def run_batch(batch, how, single=False):
        nonlocal runs
        runs += 1
        try:
            proc = json_run(batch) if how == "json" else files_run(batch)
        except subprocess.TimeoutExpired:
            for c in batch:
                failures.append((c, Failure("cli-timeout", f"no answer from `replylint check` ({how})")))
            return
        bad = _stderr_failures(proc)
        if bad:
            if single or len(batch) == 1:
                failures.extend((batch[0], b) for b in bad)
            else:
                for c in batch:
                    run_batch([c], how, single=True)
            return
        if proc.returncode == 2:
            if not single and len(batch) > 1:  # one refused input stops the batch: find it
                for c in batch:
                    run_batch([c], how, single=True)
            return
        if proc.returncode not in (0, 1):
            failures.append((batch[0], Failure("cli-exit-code", f"exit code {proc.returncode} ({how})")))
            return
        try:
            out = json.loads(proc.stdout.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            failures.append((batch[0], Failure("cli-json", f"output is not JSON ({how}): {exc}")))
            return
        by_case: dict[str, list] = defaultdict(list)
        for d in out.get("findings", []):
            by_case[d.get("path", "").split(":customer[")[0]].append(d)
        all_api = []
        for c in batch:
            want = expected(c, how)
            all_api += want
            problem = _compare(want, by_case.get(label(c, how), []))
            if problem:
                failures.append((c, Failure(f"cli-mismatch:{how}", problem)))
        if proc.returncode != _expected_exit(all_api):
            failures.append((batch[0], Failure("cli-exit-code", f"exit code {proc.returncode}, findings say "
                                                                f"{_expected_exit(all_api)} ({how})")))

    # a NUL character is refused as binary data (exit 2 with a one-line error,
    # checked on one such input per batch): it would stop the whole batch
    plain = [c for c in cases if "\x00" not in c.reply]
    binary = [c for c in cases if "\x00" in c.reply]
    if plain:
        run_batch(plain, "json")
        run_batch(plain, "files")
    if binary:
        run_batch(binary[:1], "json", single=True)
    return failures, runs


# ----------------------------------------------------------------------------- minimizing and reporting


def drop_group(case: Case, group: int) -> Case:
    return replace(case, parts=tuple(p for p in case.parts if p.group != group and p.anchor != group))


def minimize(case: Case, still_fails, seconds: float = 20.0, max_chars_for_chars: int = 200_000) -> Case:
    """Drop customer messages and groups of parts, then words (and characters
    of long runs) of unpinned parts, while `still_fails`."""
    deadline = time.monotonic() + seconds
    best = case

    def ok(candidate):
        return time.monotonic() < deadline and candidate.parts and still_fails(candidate)

    for i in range(len(best.customer) - 1, -1, -1):
        candidate = replace(best, customer=best.customer[:i] + best.customer[i + 1:])
        if ok(candidate):
            best = candidate
    progress = True
    while progress and time.monotonic() < deadline:
        progress = False
        groups = list(dict.fromkeys(p.group for p in best.parts))
        # try dropping big halves of the groups first, then single ones
        chunk = max(1, len(groups) // 2)
        while chunk >= 1 and time.monotonic() < deadline:
            i = 0
            groups = list(dict.fromkeys(p.group for p in best.parts))
            while i < len(groups) and time.monotonic() < deadline:
                candidate = best
                for g in groups[i:i + chunk]:
                    candidate = drop_group(candidate, g)
                if candidate != best and ok(candidate):
                    best, progress = candidate, True
                    groups = list(dict.fromkeys(p.group for p in best.parts))
                else:
                    i += chunk
            chunk //= 2
    if len(best.reply) > max_chars_for_chars:
        return best
    for index in range(len(best.parts)):
        part = best.parts[index]
        if part.pinned:
            continue
        # whole words first (a readable reproducer), then characters of long runs
        tokens = re.findall(r"\s+|\S+", part.text)
        tokens = _shrink(tokens, lambda toks: ok(_with_text(best, index, "".join(toks))), deadline)
        best = _with_text(best, index, "".join(tokens))
        for t in range(len(tokens)):
            if len(tokens[t]) < 24:
                continue
            chars = _shrink(list(tokens[t]), lambda cs: ok(_with_text(best, index, "".join(tokens[:t] + ["".join(cs)] + tokens[t + 1:]))), deadline)
            tokens[t] = "".join(chars)
            best = _with_text(best, index, "".join(tokens))
    return best


def _with_text(case: Case, index: int, text: str) -> Case:
    return replace(case, parts=case.parts[:index] + (replace(case.parts[index], text=text),) + case.parts[index + 1:])


def _shrink(items: list, still_fails, deadline: float) -> list:
    """Remove chunks of items (halving the chunk size) while still_fails."""
    chunk = max(1, len(items) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i = 0
        while i < len(items) and time.monotonic() < deadline:
            candidate = items[:i] + items[i + chunk:]
            if candidate and still_fails(candidate):
                items = candidate
            else:
                i += chunk
        chunk //= 2
    return items


def literal(text: str, limit: int = 240) -> str:
    """A short Python expression for `text`: runs become `'x' * n`."""
    pieces: list[str] = []
    i, plain = 0, []
    n = len(text)
    while i < n:
        found = None
        for period in range(1, 41):
            unit = text[i:i + period]
            if len(unit) < period:
                break
            reps = 1
            while text.startswith(unit, i + reps * period) and reps < n:
                reps += 1
            if reps * period >= 24 and reps >= 4:
                found = (unit, reps)
                break
        if found:
            if plain:
                pieces.append(repr("".join(plain)))
                plain = []
            unit, reps = found
            pieces.append(f"{unit!r} * {reps}")
            i += len(unit) * reps
        else:
            plain.append(text[i])
            i += 1
    if plain:
        pieces.append(repr("".join(plain)))
    out = " + ".join(pieces) or "''"
    if len(out) > limit:
        return f"<{len(text):,} chars: {out[:limit - 30]}…>"
    return out


def _slug(kind: str) -> str:
    """A file name for a kind; kinds that differ only in punctuation
    ("superlinear:!", "superlinear:?!") get the code points of what was dropped."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", kind)[:80]
    dropped = [c for c in kind if not re.match(r"[A-Za-z0-9_.:-]", c)]
    return slug + ("-" + "-".join(f"{ord(c):x}" for c in dropped[:6]) if dropped else "")


def write_reproducer(out_dir: Path, kind: str, case: Case, failure: Failure, seed: int) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{_slug(kind)}.json"
    data = {"kind": kind, "detail": failure.detail, "generator": case.generator, "recipe": case.detail,
            "rerun": f"python bench/fuzz.py --seed {seed} --only {case.index}",
            "reply": case.reply, "customer": list(case.customer), "python": literal(case.reply, 10_000),
            "history_spans": [(s, e) for s, e, _ in case.spans("history")],
            "tag_spans": [(s, e) for s, e, _ in case.spans("tag")]}
    path.write_text(json.dumps(data, ensure_ascii=True, indent=2), encoding="utf-8")
    if not case.expects_input_error:
        (out_dir / f"{_slug(kind)}.txt").write_bytes(case.reply.encode("utf-8"))
    return path


# ----------------------------------------------------------------------------- the run

BUCKETS = [(0, 100), (100, 1_000), (1_000, 10_000), (10_000, 100_000), (100_000, MB), (MB, 10**12)]


def bucket_name(lo: int, hi: int) -> str:
    def short(n):
        return f"{n // MB}M" if n >= MB else f"{n // 1000}k" if n >= 1000 else str(n)

    return f"{short(lo)}+" if hi >= 10**12 else f"{short(lo)}-{short(hi)}"


@dataclass
class Stats:
    tried: int = 0
    chars: int = 0
    lint_seconds: float = 0.0
    by_generator: Counter = field(default_factory=Counter)
    buckets: dict = field(default_factory=lambda: {b: [0, 0, 0.0] for b in BUCKETS})
    slowest: tuple = (0.0, 0, "", -1)  # seconds, chars, generator recipe, index
    slowest_1mb: tuple = (0.0, 0, "", -1)  # the same among inputs up to 1 MB
    failures: dict = field(default_factory=dict)  # kind -> {"count", "first": (case, failure)}
    cli_inputs: int = 0
    cli_runs: int = 0
    cli_seconds: float = 0.0
    probes: list = field(default_factory=list)
    evasion_checked: int = 0
    stopped_early: bool = False
    total_seconds: float = 0.0
    reproducers: dict = field(default_factory=dict)  # kind -> (case, failure, path)

    def add_failure(self, case: Case, failure: Failure) -> None:
        entry = self.failures.setdefault(failure.kind, {"count": 0, "cases": []})
        entry["count"] += 1
        if len(entry["cases"]) < 3:
            entry["cases"].append((case, failure))


def record(stats: Stats, case: Case, result: Result) -> None:
    n = len(case.reply)
    stats.tried += 1
    stats.chars += n
    stats.lint_seconds += result.seconds
    stats.by_generator[case.generator] += 1
    for lo, hi in BUCKETS:
        if lo <= n < hi:
            b = stats.buckets[(lo, hi)]
            b[0] += 1
            b[1] += n
            b[2] += result.seconds
    if result.seconds > stats.slowest[0]:
        stats.slowest = (result.seconds, n, case.detail, case.index)
    if n <= MB and result.seconds > stats.slowest_1mb[0]:
        stats.slowest_1mb = (result.seconds, n, case.detail, case.index)
    for failure in result.failures:
        stats.add_failure(case, failure)


def scaling_probe(engine, units=RUN_UNITS, sizes=(1_000, 4_000, 16_000, 64_000, 256_000, MB), stop_after: float = 2.0,
                  timeout: float = 30.0) -> list[dict]:
    """Lint `unit * n` at growing n (best of two runs under a second): time
    should grow about linearly, and 1 MB of it should take under 5 s."""
    out = []
    for name, unit in units:
        times = []
        for size in sizes:
            text = unit * max(1, size // len(unit))
            best = None
            try:
                for _ in range(2):
                    start = time.perf_counter()
                    with _Deadline(timeout):
                        lint(engine, text)
                    seconds = time.perf_counter() - start
                    best = seconds if best is None else min(best, seconds)
                    if seconds > 1.0:
                        break
            except InputTimeout:
                times.append((len(text), None))
                break
            except Exception:  # noqa: BLE001 - reported by the main loop's generators
                break
            times.append((len(text), best))
            if best > stop_after:
                break
        measured = [(n, t) for n, t in times if t is not None]
        # the steepest step among those long enough to time (>= 50 ms)
        exponent = None
        for (n1, t1), (n2, t2) in zip(measured, measured[1:]):
            if t1 >= 0.05:
                step = math.log(max(t2, 1e-9) / t1) / math.log(n2 / n1)
                exponent = step if exponent is None else max(exponent, step)
        timed_out = any(t is None for _, t in times)
        n_last, t_last = measured[-1] if measured else (0, 0.0)
        projected = t_last * MB / n_last if n_last else 0.0  # seconds for 1 MB, if linear from here
        out.append({"family": name, "unit": unit, "times": times, "exponent": exponent,
                    "superlinear": timed_out or (exponent is not None and exponent > 1.5 and t_last > 0.25),
                    "slow": t_last >= 0.5 and projected > SLOW_SECONDS_PER_MB, "projected_1mb": projected})
    return out


def probe_failures(probes) -> list[tuple[Case, Failure]]:
    out = []
    for p in probes:
        if not (p["superlinear"] or p["slow"]):
            continue
        n = p["times"][-1][0]
        reps = max(1, n // len(p["unit"]))
        case = Case(-1, "probe", f"{p['unit']!r} * {reps}", (Part(p["unit"] * reps),))
        shown = ", ".join(f"{n:,}: {'timeout' if t is None else f'{t:.2f} s'}" for n, t in p["times"])
        if p["superlinear"]:
            out.append((case, Failure(f"superlinear:{p['family']}", f"time by size {shown}")))
        else:
            out.append((case, Failure(f"probe-slow:{p['family']}", f"time by size {shown}: 1 MB would take "
                                                                  f"~{p['projected_1mb']:.0f} s")))
    return out


def fuzz(engine, cases, *, stats: Stats | None = None, input_timeout: float | None = 60.0, cli_every: int = 0,
         cli_batch: int = 40, time_limit: float | None = None, progress: bool = False) -> Stats:
    """Check each case through the API (and every `cli_every`-th through the
    CLI, in batches); `cases` may be a lazy iterable."""
    stats = stats or Stats()
    t0 = time.monotonic()
    cli_queue: list[Case] = []
    api_findings: dict[int, list] = {}
    workdir = Path(tempfile.mkdtemp(prefix="replylint-fuzz-cli-"))

    def flush_cli():
        if not cli_queue:
            return
        start = time.monotonic()
        fails, runs = check_cli_batch(engine, list(cli_queue), api_findings, workdir)
        stats.cli_runs += runs
        stats.cli_inputs += len(cli_queue)
        stats.cli_seconds += time.monotonic() - start
        for case, failure in fails:
            stats.add_failure(case, failure)
        cli_queue.clear()
        api_findings.clear()

    try:
        _fuzz_loop(engine, cases, stats, t0, input_timeout, cli_every, cli_batch, time_limit, progress, cli_queue,
                   api_findings, flush_cli)
        flush_cli()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return stats


def _fuzz_loop(engine, cases, stats, t0, input_timeout, cli_every, cli_batch, time_limit, progress, cli_queue,
               api_findings, flush_cli):
    for k, case in enumerate(cases):
        if time_limit and time.monotonic() - t0 > time_limit:
            stats.stopped_early = True
            break
        result = check_case(engine, case, timeout=input_timeout)
        record(stats, case, result)
        if case.generator == "evasion":
            stats.evasion_checked += 1
        if cli_every and case.index % cli_every == 0 and not result.failures and len(case.reply) <= 200_000:
            cli_queue.append(case)
            api_findings[case.index] = result.findings
            if len(cli_queue) >= cli_batch:
                flush_cli()
        if progress and (k + 1) % 500 == 0:
            print(f"  {k + 1} inputs, {stats.chars:,} chars, {time.monotonic() - t0:.0f} s, "
                  f"{sum(e['count'] for e in stats.failures.values())} failures", file=sys.stderr, flush=True)


def run(args) -> Stats:
    t0 = time.monotonic()
    engine = build_engine()
    indices = [int(i) for i in args.only.split(",")] if args.only else range(args.count)
    cases = (make_case(args.seed, index, args.max_chars) for index in indices)
    stats = fuzz(engine, cases, input_timeout=args.input_timeout, cli_every=args.cli_every, cli_batch=args.cli_batch,
                 time_limit=args.time_limit, progress=args.progress)
    if args.probe and not args.only:
        stats.probes = scaling_probe(engine, timeout=args.input_timeout)
        for case, failure in probe_failures(stats.probes):
            stats.add_failure(case, failure)
    # minimize and write one reproducer per kind
    for kind, entry in sorted(stats.failures.items()):
        case, failure = min(entry["cases"], key=lambda cf: len(cf[0]))
        if not args.no_minimize and not kind.startswith(("cli-", "slow", "timeout", "superlinear", "probe-")):
            def still(candidate, kind=kind):
                return any(f.kind == kind for f in check_case(engine, candidate, timeout=args.input_timeout,
                                                               check_time=False).failures)
            case = minimize(case, still, seconds=args.minimize_seconds)
        path = write_reproducer(Path(args.out), kind, case, failure, args.seed)
        stats.reproducers[kind] = (case, failure, path)
    stats.total_seconds = time.monotonic() - t0
    return stats


# failure kinds by what they are about (tests/test_fuzz.py asserts each family separately)
FAMILIES = {
    "exceptions": ("exception:",),
    "spans": ("span-", "findings-order"),
    "lone-surrogates": ("lone-surrogate",),
    "quoted-history": ("flagged-history:",),
    "markup": ("flagged-tag",),
    "unicode-evasions": ("evasion:",),
    "runs-and-time": ("superlinear:", "probe-slow:", "slow", "timeout"),
    "cli": ("cli-",),
}


def family_of(kind: str) -> str:
    return next((name for name, prefixes in FAMILIES.items() if kind.startswith(prefixes)), "other")


def long_case(seed: int = DEFAULT_SEED, chars: int = MB + 500, lang: str = "ru") -> Case:
    """A realistic reply just over spaCy's 1,000,000-character limit, in one
    language (so that no per-line language split cuts it smaller)."""
    rng = random.Random(f"{seed}:long")
    c = Composer()
    _body(c, rng, lang, chars, "\n")
    return _clip(Case(-2, "text", f"{lang} support reply, {chars:,} chars", tuple(c.parts)), chars)


def figures(stats: Stats, args) -> dict:
    buckets = []
    for (lo, hi), (count, chars, seconds) in stats.buckets.items():
        if count:
            buckets.append({"bucket": bucket_name(lo, hi), "inputs": count, "chars": chars,
                            "seconds": round(seconds, 3), "chars_per_s": round(chars / seconds) if seconds else None})
    rated = [b for b in buckets if b["chars_per_s"]]
    linearity = None
    if len(rated) >= 2:
        smallest, largest = rated[0], rated[-1]
        ref = next((b for b in rated if b["bucket"] == "1k-10k"), smallest)
        linearity = {"smallest": smallest["bucket"], "largest": largest["bucket"],
                     "largest_vs_smallest": round(largest["chars_per_s"] / smallest["chars_per_s"], 2),
                     "largest_vs_1k_10k": round(largest["chars_per_s"] / ref["chars_per_s"], 2)}
    def slowest(entry):
        seconds, chars, recipe, index = entry
        return {"index": index, "chars": chars, "seconds": round(seconds, 3),
                "chars_per_s": round(chars / seconds) if seconds else None, "recipe": recipe}

    return {
        "seed": args.seed, "inputs": stats.tried, "requested": len(args.only.split(",")) if args.only else args.count,
        "stopped_early": stats.stopped_early, "chars": stats.chars,
        "by_generator": dict(stats.by_generator), "total_seconds": round(stats.total_seconds, 1),
        "lint_seconds": round(stats.lint_seconds, 1),
        "slowest": slowest(stats.slowest), "slowest_up_to_1mb": slowest(stats.slowest_1mb),
        "buckets": buckets, "linearity": linearity,
        "cli": {"inputs": stats.cli_inputs, "processes": stats.cli_runs, "seconds": round(stats.cli_seconds, 1)},
        "evasion_checked": stats.evasion_checked,
        "probes": [{"family": p["family"], "exponent": None if p["exponent"] is None else round(p["exponent"], 2),
                    "times": [[n, None if t is None else round(t, 4)] for n, t in p["times"]],
                    "superlinear": p["superlinear"]} for p in stats.probes],
        "failures": {kind: {"count": entry["count"], "detail": stats.reproducers[kind][1].detail,
                            "reproducer": literal(stats.reproducers[kind][0].reply),
                            "customer": list(stats.reproducers[kind][0].customer),
                            "recipe": stats.reproducers[kind][0].detail,
                            "file": str(stats.reproducers[kind][2])}
                     for kind, entry in sorted(stats.failures.items())},
    }


def print_text(fig: dict) -> None:
    p = print
    p(f"replylint fuzz: seed {fig['seed']}, {fig['inputs']:,} inputs tried"
      f"{' (time limit reached)' if fig['stopped_early'] else ''}, {fig['chars']:,} chars, "
      f"{fig['total_seconds']:.0f} s total ({fig['lint_seconds']:.0f} s linting)")
    p("  by generator: " + ", ".join(f"{k} {v}" for k, v in sorted(fig["by_generator"].items())))
    for label, key in (("slowest input", "slowest"), ("slowest up to 1 MB", "slowest_up_to_1mb")):
        s = fig[key]
        p(f"  {label}: #{s['index']}, {s['chars']:,} chars in {s['seconds']:.2f} s "
          f"({s['chars_per_s'] or 0:,} chars/s): {s['recipe']}")
    p("  chars/s by size: " + "; ".join(f"{b['bucket']}: {b['chars_per_s'] or 0:,} ({b['inputs']})" for b in fig["buckets"]))
    if fig["linearity"]:
        lin = fig["linearity"]
        p(f"  linearity: chars/s of {lin['largest']} / {lin['smallest']} = {lin['largest_vs_smallest']}, "
          f"/ 1k-10k = {lin['largest_vs_1k_10k']}")
    c = fig["cli"]
    p(f"  CLI: {c['inputs']} inputs in {c['processes']} processes, {c['seconds']:.0f} s; "
      f"evasion checks: {fig['evasion_checked']}")
    if fig["probes"]:
        worst = sorted(fig["probes"], key=lambda q: -(q["exponent"] or 0))[:5]
        p("  scaling probes (unit * n), highest exponents: " + "; ".join(
            f"{q['family']} {q['exponent'] if q['exponent'] is not None else '-'}" for q in worst))
    failures = fig["failures"]
    total = sum(f["count"] for f in failures.values())
    p(f"failures: {total} in {len(failures)} kind(s)")
    for kind, f in failures.items():
        p(f"  {kind}: {f['count']}  — {f['detail']}")
        p(f"      reproducer: {f['reproducer']}" + (f"  customer={f['customer']!r}" if f["customer"] else ""))
        p(f"      ({f['recipe']}; {f['file']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="inputs to try (default 10000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"run seed (default {DEFAULT_SEED})")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help=f"largest input in characters (default {DEFAULT_MAX_CHARS:,})")
    parser.add_argument("--cli-every", type=int, default=25, metavar="K",
                        help="also run every K-th input through the CLI (0: never; default 25)")
    parser.add_argument("--cli-batch", type=int, default=40, help="inputs per CLI process (default 40)")
    parser.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                        help="stop generating inputs after this long (the figures say so)")
    parser.add_argument("--input-timeout", type=float, default=60.0,
                        help="abort one input after this many seconds: a `timeout` failure (default 60)")
    parser.add_argument("--minimize-seconds", type=float, default=20.0, help="time to shrink each kind's reproducer")
    parser.add_argument("--no-minimize", action="store_true")
    parser.add_argument("--no-probe", dest="probe", action="store_false", help="skip the scaling probes")
    parser.add_argument("--only", help="comma-separated input numbers of the run to re-make and check")
    parser.add_argument("--out", default=None, help="directory for reproducers (default /tmp/replylint-fuzz-SEED)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--progress", action="store_true", help="a progress line on stderr every 500 inputs")
    args = parser.parse_args(argv)
    args.out = args.out or os.path.join(tempfile.gettempdir(), f"replylint-fuzz-{args.seed}")
    stats = run(args)
    fig = figures(stats, args)
    if args.json:
        print(json.dumps(fig, ensure_ascii=False, indent=2))
    else:
        print_text(fig)
    return 1 if fig["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
