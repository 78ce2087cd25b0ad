"""Platform descriptions are HTML; the advisor quotes text. Tags go, entities are decoded,
blocks and list items stay apart so that sentences do not run into each other.

Regular expressions rather than an HTML parser: product descriptions are small fragments, and
html.parser took a third of a 100,000-product Shopify import.
"""

from __future__ import annotations

import html
import re

_BLOCKS = "p|div|br|ul|ol|tr|table|h[1-6]|section|article|blockquote|dd|dt|hr"
_DROPPED = re.compile(r"<(script|style|template|noscript|iframe|svg)\b[^>]*>.*?</\1\s*>|<!--.*?-->",
                      re.IGNORECASE | re.DOTALL)
_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_BLOCK = re.compile(rf"</?(?:{_BLOCKS})\b[^>]*>|</li\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_SPACE = re.compile(r"[ \t\r\f\v\xa0]+")


def clean_text(value: str | None) -> str | None:
    """Plain text for an HTML (or plain) cell, or None when nothing readable is left."""
    if value is None:
        return None
    value = str(value)
    if _LOOKS_LIKE_HTML.search(value):
        value = _DROPPED.sub(" ", value)
        value = _ITEM.sub("\n• ", value)
        value = _BLOCK.sub("\n", value)
        value = html.unescape(_TAG.sub("", value))
    lines = [_SPACE.sub(" ", line).strip() for line in value.split("\n")]
    lines = [line for line in lines if line and line != "•"]
    text, in_list = "", False
    for line in lines:  # paragraphs end with a full stop; the items of a list join with "; "
        item = line.startswith("• ")
        line = line.removeprefix("• ")
        if text:
            text += "; " if item and in_list else " " if text.endswith((".", ":", "!", "?", ";")) else ". "
        text += line
        in_list = item
    return text or None
