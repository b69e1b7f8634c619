"""The codebook: codes (``records.Code``) with their hierarchy, read from a file or the store.

Codes read from a file have ids 1…n in file order (``parent_id`` follows the path); codes read
from the store keep their store ids. Coders see a :class:`Codebook`; the codings they return
refer to its ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from indsigt.codebook.texts import all_languages, in_language
from indsigt.records import Code


def parent_path(path: str) -> str | None:
    return path.rsplit("/", 1)[0] if "/" in path else None


@dataclass(frozen=True)
class Codebook:
    codes: tuple[Code, ...]
    name: str = ""
    _by_path: dict[str, Code] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_path.update({code.path: code for code in self.codes})

    @classmethod
    def from_codes(cls, codes: Iterable[Code], *, name: str = "") -> Codebook:
        """Number file codes 1…n and link each to its parent by path."""
        listed = list(codes)
        ids = {code.path: number for number, code in enumerate(listed, start=1)}
        return cls(
            tuple(
                replace(
                    code,
                    id=ids[code.path],
                    parent_id=ids.get(parent_path(code.path) or ""),
                )
                for code in listed
            ),
            name=name,
        )

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, path: str) -> Code | None:
        return self._by_path.get(path)

    def by_id(self) -> dict[int, Code]:
        return {code.id: code for code in self.codes}

    def children(self, code: Code | None) -> list[Code]:
        """The codes directly beneath ``code`` (None: the top level)."""
        wanted = code.path if code else None
        return [c for c in self.codes if parent_path(c.path) == wanted]

    def leaves(self) -> list[Code]:
        """Codes with no code beneath them: the ones coders assign by default."""
        parents = {parent_path(code.path) for code in self.codes}
        return [code for code in self.codes if code.path not in parents]

    def depth(self, code: Code) -> int:
        return code.path.count("/")


def label(code: Code, language: str = "da") -> str:
    """The code's label in ``language`` (else English, else any, else its path)."""
    return (
        code.labels.get(language)
        or code.labels.get("en")
        or next(iter(code.labels.values()), "")
        or code.path.rsplit("/", 1)[-1]
    )


def describe(code: Code, language: str = "da") -> str:
    """A one-paragraph description of the code in ``language`` (for prompts and displays)."""
    parts = [label(code, language)]
    definition = in_language(code.definition, language)
    if definition:
        parts.append(definition)
    return ": ".join(parts)


def code_texts(code: Code, codebook: Codebook | None = None) -> list[str]:
    """What a code means, as short texts: labels (with the parent's), definitions in every
    language, the include rule and the examples."""
    parent = codebook.get(parent_path(code.path) or "") if codebook else None
    texts = []
    for lang, text in code.labels.items():
        parent_label = parent.labels.get(lang, "") if parent else ""
        texts.append(f"{parent_label}: {text}" if parent_label else text)
    texts += all_languages(code.definition) + all_languages(code.include)
    texts += list(code.examples)
    return [text for text in texts if text.strip()] or [code.path]
