"""``keyword.v1``: the codebook's keywords, matched stemmed in Danish, Norwegian, Swedish and
English, with phrases and simple negation.

* A keyword word matches a passage word when their Snowball stems agree in one of the study's
  languages and the words share their first five letters (``kompetencer`` ~
  ``kompetencerne``, ``automation`` ~ ``automations``, but not ``lighed`` ~ ``lige``, which
  Danish Snowball stems alike).
* ``word*`` matches every word that starts with ``word`` (``automatiser*`` ~
  ``automatiseringen``), which also catches Danish compounds.
* A phrase (``kunstig intelligens``, ``på tværs``) matches its words in a row.
* Negation: a match with a negation (``ikke``, ``ingen``, ``not``, ``inte`` …) among the three
  words before it does not count; it is listed in the evidence as ``negated``.
* Pseudonyms the anonymiser wrote ("Leder A", "Person 2", "[kommune]") are not words of the
  passage: "Leder A" is no evidence of leadership.

The score is ``1 - 0.5**n`` for ``n`` distinct keywords that matched (0.5, 0.75, 0.875 …).
Evidence: every match with its keyword and its document offsets (``start``, ``end``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from indsigt import nouns
from indsigt.codebook.model import Codebook
from indsigt.coding.base import BatchedCoder, suggestion
from indsigt.coding.settings import CoderSettings, CoderStudy
from indsigt.lexical import LANGUAGES, Stems, is_negation, tokens
from indsigt.records import Code, Coding, Passage

NEGATION_WINDOW = 3
HEAD = 5  # letters a stem match must share with the keyword word
PSEUDONYM = re.compile(rf"{nouns.PSEUDONYM.pattern}|\[[^\]\n]{{1,40}}\]")
PROGRESS_EVERY = 2000


@dataclass(frozen=True)
class _Pattern:
    code_index: int
    keyword: str
    # ("prefix", "automatiser") or ("stem", ({(language, stem), …}, first letters))
    words: tuple[tuple[str, Any], ...]


class KeywordCoder(BatchedCoder["tuple[list[Code], _Matcher]"]):
    name: ClassVar[str] = "keyword.v1"
    per_partition: ClassVar[bool] = True  # runs in batch jobs (see coding.base)
    batch_size = PROGRESS_EVERY

    @classmethod
    def from_settings(cls, settings: CoderSettings, *, study: CoderStudy) -> KeywordCoder:
        """Stems and stop words of the study's languages."""
        return cls(languages=settings.languages)

    def __init__(
        self,
        *,
        languages: Iterable[str] = LANGUAGES,
        negation: bool = True,
        min_keywords: int = 1,
    ) -> None:
        self.stems = Stems(languages)
        self.negation = negation
        self.min_keywords = min_keywords

    def _patterns(self, codes: Sequence[Code]) -> list[_Pattern]:
        patterns = []
        for index, code in enumerate(codes):
            for keyword in code.keywords:
                words: list[tuple[str, Any]] = []
                parts = [word for word, _, _ in tokens(keyword)]
                for position, word in enumerate(parts):
                    last = position == len(parts) - 1
                    if last and keyword.rstrip().endswith("*"):
                        words.append(("prefix", word))
                    else:
                        words.append(("stem", (frozenset(self.stems.keys(word)), word[:HEAD])))
                if words:
                    patterns.append(_Pattern(index, keyword, tuple(words)))
        return patterns

    def prepare(self, codebook: Codebook) -> tuple[list[Code], _Matcher]:
        codes = [code for code in codebook if code.keywords]
        return codes, _Matcher(self._patterns(codes), self.stems)

    def code_batch(
        self, batch: Sequence[Passage], prepared: tuple[list[Code], _Matcher]
    ) -> list[Coding]:
        codes, matcher = prepared
        out: list[Coding] = []
        for passage in batch:
            found = matcher.find(passage.text)
            by_code: dict[int, dict[str, list[dict[str, Any]]]] = {}
            for pattern, start, end, negated in found:
                if negated and not self.negation:
                    negated = False
                entry = by_code.setdefault(pattern.code_index, {"matches": [], "negated": []})
                entry["negated" if negated else "matches"].append(
                    {
                        "keyword": pattern.keyword,
                        "start": passage.start + start,
                        "end": passage.start + end,
                        "text": passage.text[start:end],
                    }
                )
            for index, evidence in by_code.items():
                distinct = {match["keyword"] for match in evidence["matches"]}
                if len(distinct) < self.min_keywords:
                    continue
                if not evidence["negated"]:
                    del evidence["negated"]
                score = 1 - 0.5 ** len(distinct)
                out.append(suggestion(passage, codes[index], self.name, score, evidence))
        return out


class _Matcher:
    """Finds keyword patterns in texts; per distinct word, the candidate patterns are cached."""

    def __init__(self, patterns: list[_Pattern], stems: Stems) -> None:
        self.patterns = patterns
        self.stems = stems
        self._first_stem: dict[tuple[str, str], list[int]] = {}
        self._first_prefix: list[tuple[str, int]] = []
        for number, pattern in enumerate(patterns):
            kind, value = pattern.words[0]
            if kind == "prefix":
                self._first_prefix.append((value, number))
            else:
                for key in value[0]:
                    self._first_stem.setdefault(key, []).append(number)
        self._candidates: dict[str, tuple[int, ...]] = {}

    def _word_matches(self, word: str, spec: tuple[str, Any]) -> bool:
        kind, value = spec
        if kind == "prefix":
            return word.startswith(value)
        keys, head = value
        return word.startswith(head) and not keys.isdisjoint(self.stems.keys(word))

    def candidates(self, word: str) -> tuple[int, ...]:
        found = self._candidates.get(word)
        if found is None:
            numbers = {
                n
                for key in self.stems.keys(word)
                for n in self._first_stem.get(key, ())
                if self._word_matches(word, self.patterns[n].words[0])
            }
            numbers.update(n for prefix, n in self._first_prefix if word.startswith(prefix))
            found = tuple(sorted(numbers))
            self._candidates[word] = found
        return found

    def find(self, text: str) -> list[tuple[_Pattern, int, int, bool]]:
        words = list(tokens(text))
        masked = [(m.start(), m.end()) for m in PSEUDONYM.finditer(text)]
        if masked:
            words = [w for w in words if not any(a <= w[1] < b for a, b in masked)]
        found = []
        for position, (word, start, _) in enumerate(words):
            for number in self.candidates(word):
                pattern = self.patterns[number]
                size = len(pattern.words)
                if position + size > len(words):
                    continue
                if size > 1 and not all(
                    self._word_matches(words[position + k][0], pattern.words[k])
                    for k in range(1, size)
                ):
                    continue
                before = words[max(0, position - NEGATION_WINDOW) : position]
                negated = any(is_negation(w, self.stems.languages) for w, _, _ in before)
                found.append((pattern, start, words[position + size - 1][2], negated))
        return found
