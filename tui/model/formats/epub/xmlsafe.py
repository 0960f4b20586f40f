"""Parsing the XML of a book without trusting it: no DTDs, entities or network, tags without namespaces.

External entities could read files outside the archive and nested ones could blow up
memory, so none are resolved. HTML's named entities (``&nbsp;``), which XHTML books use
without declaring them, are turned into character references first. Tags and attributes
lose their namespace URI (``{http://www.w3.org/1999/xhtml}p`` becomes ``p``); attributes of
the EPUB and XML namespaces keep a prefix joined by a dash (``epub-type``, ``xml-lang``).
"""

from __future__ import annotations

import re
from html.entities import name2codepoint

import lxml.html
from lxml import etree

_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "recover": True,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
_PARSER = etree.XMLParser(**_OPTIONS)
_XHTML_PARSER = lxml.html.XHTMLParser(**_OPTIONS)  # elements with the lxml.html helpers
_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_PREFIXES = {
    "http://www.idpf.org/2007/ops": "epub-",
    "http://www.w3.org/XML/1998/namespace": "xml-",
    "http://www.idpf.org/2007/opf": "opf-",
    "http://www.w3.org/1999/xlink": "xlink-",
}


def _entity(m: re.Match[bytes]) -> bytes:
    name = m.group(1)
    if name in _XML_ENTITIES:
        return m.group(0)
    code = name2codepoint.get(name.decode("ascii"))
    return b"&#%d;" % code if code is not None else b""


def parse_xml(data: bytes, xhtml: bool = False) -> etree._Element | None:
    """The root element of an XML document with namespaces stripped, or None when unreadable.

    With ``xhtml`` the elements are lxml.html elements, as the HTML converter expects.
    """
    if b"&" in data:
        data = _ENTITY.sub(_entity, data)
    try:
        root = etree.fromstring(data, _XHTML_PARSER if xhtml else _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return None
    strip_namespaces(root)
    return root


def strip_namespaces(root: etree._Element) -> None:
    """Drop namespace URIs from tags (and most attributes) in place."""
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag[0] == "{":
            el.tag = tag.rpartition("}")[2]
        if not el.attrib:
            continue
        for key in [k for k in el.attrib if k[0] == "{"]:
            uri, _, local = key[1:].partition("}")
            value = el.attrib.pop(key)
            el.set(_PREFIXES.get(uri, "") + local, value)


def text_of(el: etree._Element | None) -> str:
    """The element's text content with whitespace runs collapsed ("" for None)."""
    if el is None:
        return ""
    return " ".join("".join(el.itertext()).split())
