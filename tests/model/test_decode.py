"""Decoding document bytes: BOMs, UTF-8, legacy 8-bit, stray bad bytes and binary files."""

from __future__ import annotations

import codecs

import pytest

from tui.model.load import LoadError, decode, load_bytes

TEXT = "Stéphane Chazelas and Güttler wrote “this” — 日本語も。\n"


def test_utf8() -> None:
    assert decode(TEXT.encode("utf-8")) == (TEXT, "utf-8")


def test_utf8_with_bom_drops_the_bom() -> None:
    text, enc = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert text == TEXT and enc == "utf-8"


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_with_bom(bom: bytes, codec: str) -> None:
    data = bom + TEXT.encode(codec)
    assert decode(data) == (TEXT, codec)


def test_latin1_whose_first_8bit_byte_is_late() -> None:
    # Like a long ASCII change log with a handful of accented names far into the file.
    ascii_part = "".join(f"{i}) Fixed a typo in example {i}.\n" for i in range(1200))
    assert len(ascii_part) > 19517
    data = (ascii_part + "Thanks to Güttler.\nAnd to Stéphane Chazelas.\n").encode("latin-1")
    text, enc = decode(data)
    assert "Güttler" in text and "Stéphane Chazelas" in text
    assert "\ufffd" not in text
    assert enc in ("cp1252", "latin-1")


def test_windows_1252_quotes() -> None:
    text, _ = decode("Ça va “très” bien – où?".encode("cp1252"))
    assert text == "Ça va “très” bien – où?"


def test_cyrillic_legacy_charset_is_not_read_as_western() -> None:
    src = "Привет, как дела? Это тестовый текст на русском языке, довольно длинный."
    text, _ = decode(src.encode("cp1251"))
    assert text == src


def test_stray_bad_byte_in_utf8_becomes_one_replacement_character() -> None:
    good = "Résumé of the naïve café — ünïcode everywhere.\n" * 3
    data = good.encode() + b"bad \xff byte\n" + good.encode()
    text, enc = decode(data)
    assert enc == "utf-8"
    assert text == good + "bad \ufffd byte\n" + good
    assert text.count("\ufffd") == 1


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"some text\x00with a NUL byte",
        bytes(range(32)) * 50,
    ],
)
def test_binary_data_raises_a_one_line_load_error(data: bytes) -> None:
    with pytest.raises(LoadError) as err:
        decode(data)
    assert "\n" not in str(err.value) and str(err.value)


def test_empty_bytes_decode_to_empty_text() -> None:
    assert decode(b"")[0] == ""


def test_crlf_and_bom_file_parses_like_the_plain_one() -> None:
    plain = "Title\n=====\n\nFirst paragraph\nwrapped.\n\nSection\n-------\n\nBody.\n"
    crlf = codecs.BOM_UTF8 + plain.replace("\n", "\r\n").encode()
    a = load_bytes(plain.encode(), "a.txt")
    b = load_bytes(crlf, "b.txt")
    assert [x.text for x in a.blocks] == [x.text for x in b.blocks]
    assert a.meta.title == b.meta.title == "Title"
