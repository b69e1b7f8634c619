"""The search box's query language, parsed once and compiled for each database.

A query is words (all must occur), ``"quoted phrases"`` (a quoted single word: that word
exactly), ``OR`` between two items (either may occur), ``-word`` or ``-"phrase"`` (must not
occur) and ``word*`` (any word starting so).
Words are letters and digits; anything else in a word splits it ("it-folk" is the phrase
"it folk"), so no character of the query ever reaches a database as syntax.

Stemming: PostgreSQL stems with the study language's text search configuration. SQLite's
FTS5 has no Danish stemmer, so a word is searched as its Snowball stem followed by ``*``
("kompetencer" → ``kompetenc*``, which finds kompetence, kompetencer, kompetencerne;
"strategi" → ``strategi*``, which finds strategier) when the stem is a prefix of the word and
at least :data:`MIN_STEM` letters long; else the word as typed. This finds more than a
stemmer would (``digital*`` also finds digitalisering): quote the word for it alone (on
PostgreSQL a quoted word is still stemmed by the configuration).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from indsigt.errors import IndsigtError

WORD = re.compile(r"[^\W_]+")
MIN_STEM = 4
MAX_QUERY = 500
STEMMERS = {"da": "danish", "no": "norwegian", "nb": "norwegian", "sv": "swedish", "en": "english"}
# PostgreSQL text search configurations by study language (Norwegian and Swedish have their
# own configurations, but only these three are indexed; the rest use 'simple').
TS_CONFIGS = {"da": "danish", "en": "english"}
TS_INDEXED = ("danish", "english", "simple")


class QuerySyntaxError(IndsigtError):
    """A search query that cannot be read; the message says what to change."""


@dataclass(frozen=True)
class Atom:
    """One word (``prefix``: typed with ``*``) or a phrase of several words."""

    words: tuple[str, ...]
    prefix: bool = False
    exact: bool = False  # a quoted single word: no stem prefix

    @property
    def phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class SearchQuery:
    """All ``groups`` must match (a group: any of its atoms); no atom of ``excluded`` may."""

    text: str
    groups: tuple[tuple[Atom, ...], ...]
    excluded: tuple[Atom, ...] = ()
    language: str = "da"

    def atoms(self) -> list[Atom]:
        return [atom for group in self.groups for atom in group]


def parse_query(text: str, *, language: str = "da") -> SearchQuery:
    """Parse the search box's text; :class:`QuerySyntaxError` says what is wrong."""
    text = text.strip()
    if not text:
        raise QuerySyntaxError("the search is empty: type a word or a phrase")
    if len(text) > MAX_QUERY:
        raise QuerySyntaxError(f"the search is longer than {MAX_QUERY} characters")
    if text.count('"') % 2:
        raise QuerySyntaxError('the search has an unclosed quote (")')
    items: list[tuple[bool, Atom] | str] = []
    for match in re.finditer(r'(-?)"([^"]*)"|(\S+)', text):
        negated, phrase, bare = match.group(1) == "-", match.group(2), match.group(3)
        if phrase is not None:
            words = tuple(w.lower() for w in WORD.findall(phrase))
            if words:
                items.append((negated, Atom(words, exact=len(words) == 1)))
            continue
        if bare == "OR":
            items.append("OR")
            continue
        negated = bare.startswith("-")
        bare = bare.lstrip("-")
        prefix = bare.endswith("*")
        words = tuple(w.lower() for w in WORD.findall(bare))
        if not words:
            continue
        items.append((negated, Atom(words, prefix=prefix and len(words) == 1)))
    groups: list[list[Atom]] = []
    excluded: list[Atom] = []
    join_next = False
    for position, item in enumerate(items):
        if item == "OR":
            if not groups or join_next or position == len(items) - 1:
                raise QuerySyntaxError("OR needs a word or phrase on both sides")
            join_next = True
            continue
        assert not isinstance(item, str)
        negated, atom = item
        if negated:
            if join_next:
                raise QuerySyntaxError("OR cannot join an excluded (-) word")
            excluded.append(atom)
        elif join_next:
            groups[-1].append(atom)
            join_next = False
        else:
            groups.append([atom])
    if not groups:
        if excluded:
            raise QuerySyntaxError("the search needs at least one word that is not excluded (-)")
        raise QuerySyntaxError("the search has no words (letters or digits) to look for")
    return SearchQuery(
        text=text,
        groups=tuple(tuple(g) for g in groups),
        excluded=tuple(excluded),
        language=language,
    )


@functools.cache
def _stemmer(language: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(STEMMERS[language])


def stem(word: str, language: str) -> str:
    if language not in STEMMERS:
        return word
    return str(_stemmer(language).stemWord(word))


def match_prefix(word: str, language: str) -> str | None:
    """The prefix SQLite searches for ``word`` (its stem), or None to search the word as is."""
    found = stem(word, language)
    if word.startswith(found) and len(found) >= MIN_STEM:
        return found
    return None


# -- SQLite FTS5 ---------------------------------------------------------------------------


def _fts_atom(atom: Atom, language: str) -> str:
    if atom.phrase:
        return '"' + " ".join(atom.words) + '"'
    word = atom.words[0]
    if atom.prefix:
        return f'"{word}"*'
    if atom.exact:
        return f'"{word}"'
    found = match_prefix(word, language)
    return f'"{found}"*' if found else f'"{word}"'


def fts5_expression(query: SearchQuery) -> str:
    """The query as an FTS5 MATCH expression (every word quoted)."""
    groups = [
        "(" + " OR ".join(_fts_atom(a, query.language) for a in group) + ")"
        for group in query.groups
    ]
    expression = "(" + " AND ".join(groups) + ")"
    if query.excluded:
        excluded = " OR ".join(_fts_atom(a, query.language) for a in query.excluded)
        expression += f" NOT ({excluded})"
    return expression


# -- PostgreSQL ----------------------------------------------------------------------------


def ts_config(language: str) -> str:
    """The text search configuration for a study language (always one that is indexed)."""
    return TS_CONFIGS.get(language, "simple")


def _ts_atom(atom: Atom) -> str:
    if atom.phrase:
        return "(" + " <-> ".join(f"'{w}'" for w in atom.words) + ")"
    return f"'{atom.words[0]}'" + (":*" if atom.prefix else "")


def tsquery_expression(query: SearchQuery) -> str:
    """The query as ``to_tsquery`` text (every lexeme quoted; the configuration stems them)."""
    parts = ["(" + " | ".join(_ts_atom(a) for a in group) + ")" for group in query.groups]
    parts += [f"!{_ts_atom(a)}" for a in query.excluded]
    return " & ".join(parts)


# -- highlighting --------------------------------------------------------------------------


def highlight(text: str, query: SearchQuery) -> list[tuple[str, bool]]:
    """``text`` in pieces, ``True`` for the words the query looked for (to show as marks;
    the caller escapes both kinds)."""
    language = query.language
    exact: set[str] = set()
    prefixes: set[str] = set()
    stems: set[str] = set()
    for atom in query.atoms():
        for word in atom.words:
            exact.add(word)
            if atom.prefix:
                prefixes.add(word)
            elif atom.exact:
                continue
            else:
                stems.add(stem(word, language))
                found = match_prefix(word, language)
                if found and not atom.phrase:
                    prefixes.add(found)
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in WORD.finditer(text):
        token = match.group().lower()
        hit = (
            token in exact
            or any(token.startswith(p) for p in prefixes)
            or stem(token, language) in stems
        )
        if not hit:
            continue
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces
