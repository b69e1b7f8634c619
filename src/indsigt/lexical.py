"""Words for the lexical coders, the units stage's rules and the guide alignment: tokens with
offsets, Snowball stems (Danish, Norwegian, Swedish, English) and stop words (stopwordsiso;
Norwegian is ``no``). Below every stage, so none of them imports another for it."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
STEMMERS = {
    "da": "danish",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "sv": "swedish",
    "en": "english",
}
LANGUAGES = ("da", "no", "sv", "en")
NEGATIONS = {
    "da": {"ikke", "ingen", "intet", "aldrig", "hverken", "uden", "ej"},
    "no": {"ikke", "ingen", "intet", "aldri", "verken", "uten", "ikkje"},
    "sv": {"inte", "ingen", "inga", "inget", "aldrig", "varken", "utan", "ej", "icke"},
    "en": {"not", "no", "never", "without", "neither", "nor", "none", "cannot"},
}


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """``(lower-case token, start, end)`` for every word in ``text``."""
    for match in TOKEN.finditer(text):
        yield match.group().lower(), match.start(), match.end()


@functools.cache
def _stemmer(language: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(STEMMERS[language])


def languages_of(languages: Iterable[str]) -> tuple[str, ...]:
    """The stemmable languages among ``languages`` (Norwegian variants become ``no``)."""
    found: list[str] = []
    for language in languages:
        code = "no" if language in ("nb", "nn") else language
        if code in STEMMERS and code not in found:
            found.append(code)
    return tuple(found) or LANGUAGES


class Stems:
    """Stems of words in several languages, cached per word."""

    def __init__(self, languages: Iterable[str] = LANGUAGES) -> None:
        self.languages = languages_of(languages)
        self._cache: dict[str, tuple[str, ...]] = {}

    def of(self, word: str) -> tuple[str, ...]:
        """One stem per language (in ``self.languages`` order)."""
        found = self._cache.get(word)
        if found is None:
            found = tuple(_stemmer(lang).stemWord(word) for lang in self.languages)
            self._cache[word] = found
        return found

    def keys(self, word: str) -> tuple[tuple[str, str], ...]:
        """``(language, stem)`` pairs: two words match when they share one."""
        return tuple(zip(self.languages, self.of(word), strict=True))


def is_negation(word: str, languages: Iterable[str] = LANGUAGES) -> bool:
    if word.endswith("n't"):
        return True
    return any(word in NEGATIONS.get(lang, ()) for lang in languages_of(languages))


@functools.cache
def stopwords(language: str) -> frozenset[str]:
    """Stop words (stopwordsiso; ``nb``/``nn`` read as ``no``); empty if unknown."""
    import stopwordsiso

    code = "no" if language in ("nb", "nn") else language
    try:
        return frozenset(stopwordsiso.stopwords(code))
    except Exception:  # pragma: no cover - an unknown language has no list
        return frozenset()
