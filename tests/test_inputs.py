"""Reading inputs: encodings (UTF-8, UTF-16/32, legacy Russian and English
8-bit encodings, binary data) and the JSON exchanges of --json-input."""

from __future__ import annotations

import io
import json
import random
import sys

import pytest

from replylint import inputs
from replylint.errors import InputError
from replylint.inputs import InputText, decode_input, json_exchanges, read_input

RU_LINE = "Вы указали неверные настройки."
RU_SHORT = [
    RU_LINE,
    "Спасибо, всё исправили.",
    "Мы уже отправили вам новый счёт.",
    "Ошибка на вашей стороне.",
    "Вы неправильно ввели пароль.",
    "ОК, ЖДЁМ ОТВЕТА ДО ПЯТНИЦЫ.",
    "Я уже третий раз спрашиваю.",
]
RU_PARAGRAPH = (
    "Добрый день, Марко!\n\n"
    "Вы указали неверные настройки кодировщика: ключевой кадр приходит раз в 10 секунд, а плееру нужен "
    "хотя бы раз в 2 секунды. Поставьте интервал ключевых кадров 2 с и перезапустите трансляцию.\n\n"
    "С уважением,\nИгнат\n"
)
EN_LINE = "You’re right — the fix is deployed, José."
EN_PARAGRAPH = (
    "Hi Zoë,\n\nObviously it won’t work over plain HTTP. You should have read the docs: webhooks are only "
    "delivered to HTTPS endpoints. We refunded €45 to your café’s account.\n\nBest,\nIgnat\n"
)
CYRILLIC_CODECS = ["cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5"]
REPORTED = {"cp1251": "cp1251", "koi8_r": "koi8-r", "cp866": "cp866", "mac_cyrillic": "mac-cyrillic",
            "iso8859_5": "iso8859-5", "cp1252": "cp1252"}


def problems(exc_info) -> list[str]:
    return [str(p) for p in exc_info.value.problems]


def refused(data: bytes) -> str:
    with pytest.raises(InputError) as exc_info:
        decode_input(data, "in.txt")
    (line,) = problems(exc_info)
    return line


# ---------------------------------------------------------------- UTF-8, UTF-16, UTF-32


@pytest.mark.parametrize("data", [RU_LINE.encode(), b"\xef\xbb\xbf" + RU_LINE.encode()])
def test_utf8_with_or_without_bom_is_not_noted(data):
    assert decode_input(data, "in.txt") == (RU_LINE, None)


@pytest.mark.parametrize("bom,codec,reported", [
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
])
@pytest.mark.parametrize("text", [RU_LINE, RU_PARAGRAPH, EN_PARAGRAPH, "→ ✓ 🙂"])
def test_utf16_and_utf32_with_bom(bom, codec, reported, text):
    assert decode_input(bom + text.encode(codec), "in.txt") == (text, reported)


def test_utf16_with_bom_but_broken_names_byte_and_line():
    data = b"\xff\xfe" + "ok\nсекунду\n".encode("utf-16-le") + b"\x00"  # an odd byte at the end
    assert refused(data) == ("in.txt:3: invalid UTF-16-LE at byte 24 "
                             "(the input starts with a UTF-16-LE byte-order mark)")


def test_utf16_with_bom_holding_a_nul_is_binary():
    data = b"\xff\xfe" + "ok\nok\x00".encode("utf-16-le")
    assert refused(data) == "in.txt:2: binary data (NUL character), expected UTF-16-LE text"


@pytest.mark.parametrize("codec,reported", [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
@pytest.mark.parametrize("text", [RU_LINE, RU_PARAGRAPH, "Obviously it won't work.\n", EN_PARAGRAPH])
def test_utf16_without_bom_is_detected(codec, reported, text):
    assert decode_input(text.encode(codec), "in.txt") == (text, reported)


def test_binary_data_names_the_line_of_the_nul():
    assert refused(b"Hello\nworld\n\x00\x01\x02") == "in.txt:3: binary data (NUL byte), expected UTF-8 text"
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    assert refused(png) == "in.txt:3: binary data (NUL byte), expected UTF-8 text"


# ---------------------------------------------------------------- legacy 8-bit encodings


@pytest.mark.parametrize("codec", CYRILLIC_CODECS)
@pytest.mark.parametrize("text", RU_SHORT + [RU_PARAGRAPH, " ".join(RU_SHORT)])
def test_russian_legacy_encodings_are_told_apart(codec, text):
    """cp1251, KOI8-R, cp866 and mac-cyrillic all decode any Russian bytes: each
    must be read as itself, one-line replies too (charset-normalizer alone reads
    most short KOI8-R texts as cp1251)."""
    assert decode_input(text.encode(codec), "in.txt") == (text, REPORTED[codec])


@pytest.mark.parametrize("codec", ["cp1252", "latin_1"])
@pytest.mark.parametrize("text", [EN_LINE, EN_PARAGRAPH, "Hi Zoë, the refund for your café order is done."])
def test_english_legacy_encodings(codec, text):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        pytest.skip(f"{codec} cannot hold this text")
    # latin-1 and cp1252 share their printable characters: both are read as cp1252
    assert decode_input(data, "in.txt") == (text, "cp1252")


def test_english_in_cp1252_is_not_read_as_cyrillic():
    assert decode_input("Café déjà vu, Zoë.".encode("cp1252"), "in.txt") == ("Café déjà vu, Zoë.", "cp1252")


def test_cannot_tell_which_is_refused_naming_both():
    # mac-cyrillic's я is cp1251's Я, and nothing else tells these readings apart
    line = refused("2 раза я писал вам, и никто не ответил.".encode("mac_cyrillic"))
    assert line == ("in.txt:1: invalid UTF-8 at byte 2, expected UTF-8 text; it may be cp1251 or "
                    "mac-cyrillic (cannot tell which): convert it to UTF-8 first, e.g. `iconv -f CP1251 -t UTF-8`")


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_too_short_to_tell_is_refused_naming_the_likely_encoding(codec):
    line = refused("Спасибо!".encode(codec))
    assert line.startswith("in.txt:1: invalid UTF-8 at byte 0, expected UTF-8 text; it may be "
                           f"{REPORTED[codec]} (too little text to be sure)")
    assert line.endswith(f"`iconv -f {REPORTED[codec].upper()} -t UTF-8`")
    assert refused("Да.".encode(codec)) == "in.txt:1: invalid UTF-8 at byte 0, expected UTF-8 text"


def test_utf8_with_a_latin1_line_is_refused_not_read_as_mojibake():
    data = "Привет\nвторая\n".encode() + "Caf\xe9".encode("latin-1")
    assert refused(data) == "in.txt:3: invalid UTF-8 at byte 29, expected UTF-8 text"


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("size", [8, 40, 300, 5000])
def test_random_bytes_are_refused_as_binary_or_unknown(seed, size):
    rng = random.Random(seed * 10_000 + size)
    kind = seed % 4
    if kind == 0:
        data = rng.randbytes(size)
    elif kind == 1:
        data = bytes(rng.randrange(128, 256) for _ in range(size))  # no ASCII: all Cyrillic in cp1251
    elif kind == 2:
        data = bytes(rng.choice([rng.randrange(32, 127), rng.randrange(128, 256), 32]) for _ in range(size))
    else:
        data = bytes(rng.randrange(1, 256) for _ in range(size))  # no NUL
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        pytest.skip("valid UTF-8 by chance")
    line = refused(data)
    assert line.endswith("binary data (NUL byte), expected UTF-8 text") or line.endswith(
        ", expected UTF-8 text") and "may be" not in line, line


# ---------------------------------------------------------------- read_input


def test_read_input_file_and_note(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_bytes(RU_PARAGRAPH.encode("koi8_r"))
    result = read_input(str(path))
    assert result == InputText(str(path), RU_PARAGRAPH, "koi8-r")
    assert result.note == f"{path}: not UTF-8; read as koi8-r"
    path.write_text(RU_PARAGRAPH, encoding="utf-8")
    assert read_input(str(path)).encoding is None and read_input(str(path)).note is None


def test_read_input_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(RU_LINE.encode("cp1251"))))
    assert read_input("-") == InputText("<stdin>", RU_LINE, "cp1251")


def test_read_input_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1024 * 1024)
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (1024 * 1024 + 1))
    with pytest.raises(InputError) as exc_info:
        read_input(str(path))
    assert problems(exc_info) == [f"{path}: input is 1.0 MB, over the 1 MB limit"]


def test_read_input_missing_file(tmp_path):
    with pytest.raises(InputError) as exc_info:
        read_input(str(tmp_path / "nope.txt"))
    assert problems(exc_info) == [f"{tmp_path / 'nope.txt'}: cannot read file: No such file or directory"]


# ---------------------------------------------------------------- JSON exchanges


def json_problems(text: str) -> list[str]:
    with pytest.raises(InputError) as exc_info:
        json_exchanges("in.json", text)
    return problems(exc_info)


def test_json_every_problem_of_an_object_is_reported():
    text = '{"reply": 5, "customer": [1, "ok", "\\ud800"], "id": true, "x": 1}'
    assert json_problems(text) == [
        "in.json:1: unknown key(s) x (allowed: reply, customer, id)",
        "in.json:1: `reply` must be a non-empty string",
        "in.json:1: `customer[0]` must be a string (`customer` is a string or a list of strings)",
        "in.json:1: `customer[2]` contains a lone surrogate (U+D800) at character 0, which is not valid Unicode text",
        "in.json:1: `id` must be a string or a number",
    ]


def test_json_duplicate_keys_at_any_depth():
    assert json_problems('{"reply": "a", "reply": "b"}') == [
        "in.json:1: duplicate key `reply` (each key may appear once)"]
    text = '[\n  {"reply": "a"},\n  {"reply": "x",\n   "meta": {"k": 1, "k": 2}}\n]'
    assert json_problems(text) == [
        "in.json[1]:3: duplicate key `k` (each key may appear once)",
        "in.json[1]:3: unknown key(s) meta (allowed: reply, customer, id)",
    ]


def test_json_huge_integer_id_is_a_label_as_written():
    digits = "1" + "0" * 4999
    assert json_exchanges("in.json", f'{{"reply": "x", "id": {digits}}}') == [(digits, "x", ())]
    assert json_exchanges("in.json", '{"reply": "x", "id": 1.50}') == [("1.50", "x", ())]
    assert json_exchanges("in.json", '{"reply": "x", "id": 1e999}') == [("1e999", "x", ())]
    assert json_exchanges("in.json", '{"reply": "x", "id": 42}') == [("42", "x", ())]
    assert json_problems(f'{{"reply": {digits}}}') == ["in.json:1: `reply` must be a non-empty string"]
    assert json_problems('{"reply": 5}') == ["in.json:1: `reply` must be a non-empty string"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_problems(constant):
    assert json_problems(f'{{"reply": "x", "id": {constant}}}') == [
        f"in.json:1: {constant} is not valid JSON (use a number or a string)"]
    assert json_problems(f'[{{"reply": "x"}}, {{"reply": "y", "customer": [{constant}]}}]') == [
        f"in.json[1]:1: {constant} is not valid JSON (use a number or a string)"]


def test_json_nul_characters_name_the_value():
    text = '{"reply": "a\\u0000b", "customer": ["x", "y\\u0000"], "id": "\\u0000"}'
    assert json_problems(text) == [
        "in.json:1: `reply` contains a NUL character at character 1: binary data, not text",
        "in.json:1: `customer[1]` contains a NUL character at character 1: binary data, not text",
        "in.json:1: `id` contains a NUL character at character 0: binary data, not text",
    ]
    assert json_problems('{"reply":\n "a\x00b"}') == ["in.json:2: invalid JSON: Invalid control character at (column 4)"]


def test_json_raw_nul_byte_in_a_file_is_binary_data(tmp_path):
    path = tmp_path / "in.json"
    path.write_bytes(b'[\n {"reply": "a\x00b"}\n]')
    with pytest.raises(InputError) as exc_info:
        read_input(str(path))
    assert problems(exc_info) == [f"{path}:2: binary data (NUL byte), expected UTF-8 text"]


def test_json_item_problems_name_item_and_line():
    text = '[\n\n  {"reply": "ok"},\n  {"reply": ""},\n\n\n  "str",\n  {"reply": "x", "id": 3}, {"reply": 1}]'
    assert json_problems(text) == [
        "in.json[1]:4: `reply` must be a non-empty string",
        "in.json[2]:7: expected an object with `reply` (and optional `customer`)",
        "in.json[4]:8: `reply` must be a non-empty string",
    ]


def test_json_valid_list_keeps_return_type():
    data = [{"reply": "a"}, {"reply": "b", "customer": "c", "id": "t-1"}, {"reply": "d", "customer": ["e", "f"]}]
    assert json_exchanges("in.json", json.dumps(data)) == [
        ("in.json[0]", "a", ()), ("t-1", "b", ("c",)), ("in.json[2]", "d", ("e", "f"))]


@pytest.mark.parametrize("text,message", [
    ('[{"reply": "x"}, {"reply": "y"} {"reply": "z"}]', "in.json:1: invalid JSON: Expecting ',' delimiter (column 33)"),
    ('[{"reply": "x"}]\n extra', "in.json:2: invalid JSON: Extra data (column 2)"),
    ('{"reply": "x"} []', "in.json:1: invalid JSON: Extra data (column 16)"),
    ("[" * 100_000, "in.json: invalid JSON: nested too deeply"),
    ("[]", "in.json: the JSON list is empty: no exchange to check"),
])
def test_json_syntax_errors_are_one_problem(text, message):
    assert json_problems(text) == [message]
