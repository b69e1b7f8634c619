"""Texts in several languages inside one field.

A code's definition, include and exclude rules are single strings in the store. A codebook
written in several languages keeps them apart with a language tag at the start of a line::

    da: Borgernes ændrede forventninger …
    en: Citizens' changing expectations …

Untagged text is one text of no particular language (key ``""``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

LANGUAGES = ("da", "no", "sv", "en")
_TAG = re.compile(r"^(da|no|nb|nn|sv|en):[ \t]?", re.MULTILINE)


def join_languages(texts: Mapping[str, str]) -> str:
    """One string from ``{language: text}`` (a lone untagged text stays untagged)."""
    items = [(lang, text.strip()) for lang, text in texts.items() if text.strip()]
    if len(items) == 1 and items[0][0] == "":
        return items[0][1]
    return "\n".join(f"{lang}: {text}" if lang else text for lang, text in items)


def split_languages(text: str) -> dict[str, str]:
    """``{language: text}`` from a string made by :func:`join_languages`."""
    text = text.strip()
    if not text:
        return {}
    matches = list(_TAG.finditer(text))
    if not matches or matches[0].start() != 0:
        return {"": text}
    parts: dict[str, str] = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        parts[match.group(1)] = text[match.end() : end].strip()
    return parts


def in_language(text: str, language: str) -> str:
    """The text in ``language``, else in English, else the first one given."""
    parts = split_languages(text)
    if not parts:
        return ""
    return parts.get(language) or parts.get("en") or next(iter(parts.values()))


def all_languages(text: str) -> list[str]:
    """Every language's text, tags removed."""
    return [part for part in split_languages(text).values() if part]
