"""Broken, hostile and odd EPUB files: a one-line LoadError, or what can be read and a warning."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.model.formats.epub.helpers import CONTAINER, book, nav, opf, write_zip, xhtml
from tui.model.formats.epub import archive
from tui.model.load import LoadError, load_path


def _error(path: Path) -> str:
    with pytest.raises(LoadError) as info:
        load_path(path)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_file_named_epub_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert "not a readable ZIP archive" in _error(path)


def test_a_truncated_zip(tmp_path: Path) -> None:
    whole = book(tmp_path / "whole.epub", {"a.xhtml": "<p>text</p>"}).read_bytes()
    cut = tmp_path / "cut.epub"
    cut.write_bytes(whole[: len(whole) // 2])
    assert "ZIP" in _error(cut)


def test_a_zip_that_is_not_an_epub(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "photos.zip", {"a.txt": "hello", "b.jpg": b"\xff\xd8"}, mimetype=False)
    assert "not an EPUB book" in _error(path)


def test_missing_container_xml_falls_back_to_the_only_package_document(tmp_path: Path) -> None:
    items = [("c", "a.xhtml", "application/xhtml+xml")]
    path = write_zip(
        tmp_path / "b.epub",
        {"OEBPS/content.opf": opf(items, ["c"]), "OEBPS/a.xhtml": xhtml("<p>Found anyway.</p>")},
    )
    assert [b.text for b in load_path(path).blocks] == ["Found anyway."]


def test_missing_container_and_no_package(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "b.epub", {"OEBPS/a.xhtml": xhtml("<p>x</p>")})
    assert "package document" in _error(path)


def test_a_manifest_item_whose_file_is_missing_is_skipped_and_named(tmp_path: Path) -> None:
    items = [("a", "a.xhtml", "application/xhtml+xml"), ("b", "gone.xhtml", "application/xhtml+xml")]
    files = {"META-INF/container.xml": CONTAINER, "OEBPS/content.opf": opf(items, ["a", "b"])}
    files["OEBPS/a.xhtml"] = xhtml("<p>Still here.</p>")
    doc = load_path(write_zip(tmp_path / "b.epub", files))
    assert [b.text for b in doc.blocks] == ["Still here."]
    assert any("gone.xhtml" in w and "missing" in w for w in doc.meta.warnings)


def test_a_spine_item_that_is_not_xhtml_is_skipped(tmp_path: Path) -> None:
    items = [("a", "a.xhtml", "application/xhtml+xml"), ("p", "pic.png", "image/png")]
    files = {"META-INF/container.xml": CONTAINER, "OEBPS/content.opf": opf(items, ["p", "a"])}
    files["OEBPS/a.xhtml"] = xhtml("<p>Text.</p>")
    files["OEBPS/pic.png"] = b"\x89PNG\r\n"
    doc = load_path(write_zip(tmp_path / "b.epub", files))
    assert [b.text for b in doc.blocks] == ["Text."]
    assert any("pic.png" in w and "not XHTML" in w for w in doc.meta.warnings)


@pytest.mark.parametrize(
    "href", ["../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "..%2F..%2Fx.xhtml"]
)
def test_paths_out_of_the_archive_are_not_followed(tmp_path: Path, href: str) -> None:
    items = [("a", "a.xhtml", "application/xhtml+xml"), ("x", href, "application/xhtml+xml")]
    files = {"META-INF/container.xml": CONTAINER, "OEBPS/content.opf": opf(items, ["x", "a"])}
    files["OEBPS/a.xhtml"] = xhtml("<p>Inside.</p>")
    doc = load_path(write_zip(tmp_path / "b.epub", files))
    assert [b.text for b in doc.blocks] == ["Inside."]
    assert doc.meta.warnings


def test_an_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>a &x; b</p></body></html>'
    )
    items = [("a", "a.xhtml", "application/xhtml+xml")]
    files = {
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": opf(items, ["a"]),
        "OEBPS/a.xhtml": body,
    }
    path = write_zip(tmp_path / "b.epub", files)
    assert load_path(path).blocks[0].text.startswith("a")
    assert "SECRET" not in " ".join(b.text for b in load_path(path).blocks)


def test_percent_encoded_and_non_ascii_names(tmp_path: Path) -> None:
    items = [
        ("a", "%E7%AB%A0%20one.xhtml", "application/xhtml+xml"),
        ("b", "二.xhtml", "application/xhtml+xml"),
    ]
    files = {"META-INF/container.xml": CONTAINER, "OEBPS/content.opf": opf(items, ["a", "b"])}
    files["OEBPS/章 one.xhtml"] = xhtml('<p>First, <a href="%E4%BA%8C.xhtml#n">to two</a>.</p>')
    files["OEBPS/二.xhtml"] = xhtml('<p id="n">Second.</p>')
    doc = load_path(write_zip(tmp_path / "b.epub", files))
    assert [b.text for b in doc.blocks] == ["First, to two.", "Second."]
    href = doc.blocks[0].inlines[0].href
    assert doc.target(href.lstrip("#")) == 1


def test_drm_encrypted_book_is_refused(tmp_path: Path) -> None:
    path = book(tmp_path / "b.epub", {"a.xhtml": "<p>cipher</p>"})
    enc = (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        '<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
        '<enc:CipherData><enc:CipherReference URI="OEBPS/a.xhtml"/></enc:CipherData>'
        "</enc:EncryptedData></encryption>"
    )
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("META-INF/encryption.xml", enc)
    assert "DRM" in _error(path)


def test_obfuscated_fonts_are_not_drm(tmp_path: Path) -> None:
    path = book(tmp_path / "b.epub", {"a.xhtml": "<p>readable</p>"})
    enc = (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        '<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
        '<enc:CipherData><enc:CipherReference URI="OEBPS/font.otf"/></enc:CipherData>'
        "</enc:EncryptedData></encryption>"
    )
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("META-INF/encryption.xml", enc)
    assert [b.text for b in load_path(path).blocks] == ["readable"]


def test_a_zip_bomb_member_is_skipped_with_a_bounded_read(tmp_path: Path, monkeypatch) -> None:
    from tui.model.formats.epub import book as book_module

    monkeypatch.setattr(book_module, "ITEM_LIMIT", 1024 * 1024)
    bomb = "<p>" + "a" * (8 * 1024 * 1024) + "</p>"  # 8 MB that deflates to a few KB
    path = book(tmp_path / "b.epub", {"bomb.xhtml": bomb, "ok.xhtml": "<p>Fine.</p>"})
    assert path.stat().st_size < 100_000
    doc = load_path(path)
    assert [b.text for b in doc.blocks] == ["Fine."]
    assert any("bomb.xhtml" in w and "inflates past" in w for w in doc.meta.warnings)


def test_a_book_that_inflates_past_the_total_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 4096)
    path = book(tmp_path / "b.epub", {f"c{i}.xhtml": "<p>" + "x" * 1000 + "</p>" for i in range(10)})
    assert "inflates past" in _error(path)


def test_ten_thousand_files(tmp_path: Path) -> None:
    chapters = {f"c{i:05d}.xhtml": f"<p>Chapter {i}.</p>" for i in range(10_000)}
    doc = load_path(book(tmp_path / "b.epub", chapters, toc='<li><a href="c09999.xhtml">Last</a></li>'))
    assert len(doc.blocks) == 10_000
    assert doc.blocks[doc.sections[0].start].text == "Chapter 9999."


def test_a_package_without_a_spine(tmp_path: Path) -> None:
    files = {
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": opf([], []).replace("<spine></spine>", ""),
        "OEBPS/nav.xhtml": nav(""),
    }
    assert "spine" in _error(write_zip(tmp_path / "b.epub", files))


def test_malformed_xhtml_still_gives_its_text(tmp_path: Path) -> None:
    path = book(tmp_path / "b.epub", {"a.xhtml": "<p>one &nbsp; <b>two</p><p>three &bogus; four"})
    texts = " ".join(b.text for b in load_path(path).blocks)
    assert "one" in texts and "two" in texts
