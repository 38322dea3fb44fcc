"""HTML fragments as QTI 2.1 content: QTI's item body is a subset of XHTML in the QTI namespace,
so pandoc's HTML is re-built element by element, keeping what the schema allows (tags, ``class``,
image and table-cell attributes) and turning the rest into ``div``/``span`` (tags) or dropping it
(``style``, ``type`` of ``ol``)."""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

BLOCK = {
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dl",
    "dt",
    "dd",
    "hr",
    "colgroup",
    "col",
}
INLINE = {
    "span",
    "em",
    "strong",
    "code",
    "b",
    "i",
    "sub",
    "sup",
    "br",
    "img",
    "small",
    "big",
    "tt",
    "q",
    "cite",
    "kbd",
    "var",
    "abbr",
    "dfn",
    "samp",
}
ATTRIBUTES = {
    "img": {"src", "alt", "width", "height"},
    "td": {"rowspan", "colspan", "align", "valign"},
    "th": {"rowspan", "colspan", "align", "valign"},
}
SHARED = {"class"}
BLOCK_LIKE = {
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
}


def append_html(parent: etree._Element, fragment: str, namespace: str) -> None:
    """Append ``fragment`` (HTML) to ``parent`` as elements of ``namespace``."""
    if not fragment.strip():
        return
    holder = lxml_html.fragment_fromstring(fragment, create_parent="div")
    _copy_children(holder, parent, namespace)


def _copy_children(source: etree._Element, target: etree._Element, namespace: str) -> None:
    _add_text(target, source.text)
    for child in source:
        if not isinstance(child.tag, str):  # comments, processing instructions
            _add_text(target, child.tail)
            continue
        tag = child.tag.lower()
        name = tag if tag in BLOCK | INLINE else "div" if tag in BLOCK_LIKE else "span"
        element = etree.SubElement(target, f"{{{namespace}}}{name}")
        allowed = SHARED | ATTRIBUTES.get(name, set())
        for key, value in child.attrib.items():
            if key in allowed:
                element.set(key, value)
        if name == "img" and "alt" not in element.attrib:
            element.set("alt", "figure")
        _copy_children(child, element, namespace)
        _add_text(target, child.tail)


def _add_text(element: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text
