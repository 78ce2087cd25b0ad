"""Platform descriptions are HTML; the advisor quotes text. Tags go, entities are decoded,
blocks and list items stay apart so that sentences do not run into each other."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "blockquote", "dd", "dt", "hr"}
_DROPPED = {"script", "style", "template", "noscript", "iframe", "svg"}
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.dropping += 1
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(data)


def clean_text(value: str | None) -> str | None:
    """Plain text for an HTML (or plain) cell, or None when nothing readable is left."""
    if value is None:
        return None
    value = str(value)
    if _LOOKS_LIKE_HTML.search(value):
        parser = _Text()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    lines = [re.sub(r"\s+", " ", line).strip() for line in value.replace("\xa0", " ").split("\n")]
    lines = [line for line in lines if line and line != "•"]
    text, in_list = "", False
    for line in lines:  # paragraphs end with a full stop; the items of a list join with "; "
        item = line.startswith("• ")
        line = line.removeprefix("• ")
        if text:
            joiner = "; " if item and in_list else " " if text.endswith((".", ":", "!", "?", ";")) else ". "
            text += joiner
        text += line
        in_list = item
    return text or None
