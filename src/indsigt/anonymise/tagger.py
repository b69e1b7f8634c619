"""The sequence tagger: a spaCy NER, trained by ``indsigt anonymise train`` from CoNLL/IOB2/CoNLL-U
files into a model directory the user keeps (``spacy.blank(lang)`` + ``ner``, CPU only), or any
spaCy pipeline the user has installed (``da_core_news_sm``, DaCy, …), loaded by name or path.

Nothing is downloaded: a name that is not installed is an error. spaCy is imported lazily."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from indsigt.anonymise.base import LOC, MISC, ORG, PER, Span
from indsigt.anonymise.gold import GoldSentence, read_sentences, sentence_spans
from indsigt.errors import IndsigtError

# Labels of other schemes → ours. Anything else becomes MISC.
MODEL_LABELS = {
    "PER": PER,
    "PERSON": PER,
    "PS": PER,
    "ORG": ORG,
    "ORGANIZATION": ORG,
    "GPE_ORG": ORG,
    "NORP": MISC,
    "LOC": LOC,
    "LOCATION": LOC,
    "GPE": LOC,
    "GPE_LOC": LOC,
    "FAC": LOC,
}
# Gold labels that are not entities for training (DaN+ -deriv/-part, NorNE derived names).
_DROP_SUFFIXES = ("deriv", "part")
_DROP = {"DRV"}


def training_label(label: str) -> str | None:
    """The label a gold entity is trained as (PER, ORG, LOC, MISC), or None to skip it."""
    if label in _DROP or label.endswith(_DROP_SUFFIXES):
        return None
    return MODEL_LABELS.get(label.upper(), MISC)


def _spacy() -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise IndsigtError("the tagger needs spaCy: pip install 'indsigt[ner]'") from exc
    return spacy


class SpacyTagger:
    """Detector over a spaCy pipeline with an ``ner`` component (a directory or a package)."""

    name: ClassVar[str] = "tagger.v1"
    propagates: ClassVar[bool] = True  # its full person names seed propagation
    guesses: ClassVar[bool] = True  # a statistical tagger: seeds only with a known name

    def __init__(self, model: str | Path) -> None:
        spacy = _spacy()
        self.model = str(model)
        path = Path(model)
        try:
            if path.exists():
                self.nlp = spacy.load(path)
            elif spacy.util.is_package(str(model)):
                self.nlp = spacy.load(str(model))
            else:
                raise IndsigtError(
                    f"{model}: no spaCy model directory or installed pipeline of that name "
                    "(train one with `indsigt anonymise train`; nothing is downloaded)"
                )
        except (OSError, ValueError) as exc:
            raise IndsigtError(f"{model}: cannot load the spaCy model ({exc})") from exc
        if "ner" not in self.nlp.pipe_names:
            raise IndsigtError(f"{model}: the spaCy pipeline has no ner component")
        self._disabled = [p for p in self.nlp.pipe_names if p not in ("ner", "tok2vec")]
        meta = self.nlp.meta
        self.label = (
            f"{meta.get('lang', '?')}_{meta.get('name', 'model')}-{meta.get('version', '')}"
        )

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        return self.detect_many([text], language=language)[0]

    def detect_many(self, texts: Sequence[str], *, language: str = "da") -> list[list[Span]]:
        results: list[list[Span]] = []
        for doc in self.nlp.pipe(texts, disable=self._disabled, batch_size=64):
            spans = []
            for ent in doc.ents:
                label = MODEL_LABELS.get(ent.label_.upper(), MISC)
                start, end = ent.start_char, ent.end_char
                while end > start and not text_char_is_name(doc.text[end - 1]):
                    end -= 1
                while start < end and not doc.text[start].isalnum():
                    start += 1  # «Rock Band»
                if end > start:
                    spans.append(Span(start, end, label, 0.85, self.name))
            results.append(_plausible(doc.text, spans))
        return results


def _plausible(text: str, spans: list[Span]) -> list[Span]:
    """Drop one-word entities at a sentence start that nothing else supports: small taggers
    take sentence-initial capitals ("Sammen", "Omkring") for names. Kept when the word is a
    known first name or place, has a surname ending, or is capitalised mid-sentence elsewhere."""
    from indsigt.anonymise.gazetteer import entries
    from indsigt.anonymise.names import SURNAME
    from indsigt.anonymise.tokens import tokenize
    from indsigt.firstnames import first_names

    if not spans:
        return spans
    tokens = tokenize(text)
    starts = {t.start: t for t in tokens}
    inner = {t.text for t in tokens if not t.sentence_start and t.capitalised}
    kept = []
    for span in spans:
        before = text[span.start - 1 : span.start] if span.start else ""
        after = text[span.end : span.end + 1]
        if span.label == PER and before in '«“„"' and before and after in '»”"' and after:
            span = Span(span.start, span.end, MISC, span.score, span.detector)  # «a title»
        token = starts.get(span.start)
        single = token is not None and token.end == span.end
        if single and token is not None and token.sentence_start:
            word = token.text
            stem = word[:-1] if word.endswith("s") else word
            supported = (
                word in inner
                or stem in inner
                or word in first_names()
                or stem in first_names()
                or word in entries()
                or SURNAME.match(word) is not None
                or word.isupper()
            )
            if not supported:
                continue
        kept.append(span)
    return kept


def text_char_is_name(char: str) -> bool:
    return char.isalnum() or char in ".'’-"


# -- training ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainReport:
    output: str
    language: str
    sentences: int
    iterations: int
    seconds: float
    best_iteration: int
    dev: dict[str, float] = field(default_factory=dict)
    history: tuple[dict[str, float], ...] = ()


@dataclass(frozen=True)
class TrainingFile:
    """A gold file with its own format and sentences (``slice(0, 5885)``)."""

    path: str | Path
    format: str | None = None
    sentences: slice | None = None


def read_training(
    files: Sequence[str | Path | TrainingFile], format: str | None, sentences: slice | None
) -> list[GoldSentence]:
    """The training sentences of every file (only ``sentences`` of each, when given)."""
    train: list[GoldSentence] = []
    for file in files:
        if isinstance(file, TrainingFile):
            found = read_sentences(file.path, file.format or format)
            part = file.sentences if file.sentences is not None else sentences
        else:
            found = read_sentences(file, format)
            part = sentences
        train.extend(found[part] if part is not None else found)
    return train


def train_tagger(
    files: Sequence[str | Path],
    *,
    language: str,
    output: str | Path,
    format: str | None = None,
    dev: str | Path | None = None,
    dev_format: str | None = None,
    iterations: int = 20,
    sentences: slice | None = None,
    seed: int = 0,
    max_sentences: int | None = None,
    sentences_per_doc: int = 8,
    augment: int = 0,
    progress: Callable[[int, int, str], None] | None = None,
) -> TrainReport:
    """Train a spaCy NER (CPU) on gold token files and save it to ``output``.

    Consecutive sentences are joined into training documents of ``sentences_per_doc``
    sentences, as in running text (a model trained on single sentences takes every
    sentence-initial capital for a name). ``augment`` adds that many copies of the training
    documents with every person name swapped for another (``augment.swap_names``), so that the
    tagger learns names from their context rather than by heart. With ``dev``, the model of the
    iteration with the best dev F1 is kept."""
    spacy = _spacy()
    from spacy.training import Example

    started = time.monotonic()
    train = read_training(files, format, sentences)
    rng = random.Random(seed)
    if max_sentences is not None and len(train) > max_sentences:
        train = train[:max_sentences]
    found_dev = read_sentences(dev, dev_format) if dev else []
    size = max(1, sentences_per_doc)
    dev_sentences = [_join(found_dev[i : i + size]) for i in range(0, len(found_dev), size)]
    lang = {"no": "nb"}.get(language, language)
    nlp = spacy.blank(lang)
    nlp.add_pipe("ner", config={"model": _MODEL})
    docs = [_join(train[i : i + size]) for i in range(0, len(train), size)]
    if augment:
        from indsigt.anonymise.augment import swap_names

        docs += [swap_names(doc, train, rng) for _ in range(augment) for doc in docs]
    examples = [_example(nlp, Example, doc) for doc in docs]
    spacy.util.fix_random_seed(seed)
    best_iteration, history = _iterate(
        spacy, nlp, examples, dev_sentences, iterations=iterations, rng=rng, progress=progress
    )
    out = Path(output)
    nlp.meta["name"] = out.name.replace("-", "_") or "indsigt_ner"
    nlp.meta["description"] = "indsigt anonymisation tagger (spaCy NER trained from gold files)"
    nlp.meta["indsigt"] = {
        "files": [str(f) for f in files],
        "sentences": len(train),
        "iterations": iterations,
        "best_iteration": best_iteration,
        "seed": seed,
        "augment": augment,
    }
    nlp.to_disk(out)
    final = next((h for h in history if h["iteration"] == best_iteration), {})
    return TrainReport(
        output=str(out),
        language=language,
        sentences=len(train),
        iterations=iterations,
        seconds=round(time.monotonic() - started, 1),
        best_iteration=best_iteration,
        dev={k: v for k, v in final.items() if k not in ("iteration", "loss")},
        history=tuple(history),
    )


def _iterate(
    spacy: Any,
    nlp: Any,
    examples: list[Any],
    dev_sentences: list[Any],
    *,
    iterations: int,
    rng: random.Random,
    progress: Callable[[int, int, str], None] | None,
) -> tuple[int, list[dict[str, float]]]:
    """Train for ``iterations``; with dev sentences, keep the model of the best dev F1.
    Returns (the iteration kept, every iteration's scores)."""
    optimizer = nlp.initialize(lambda: examples)
    best: tuple[float, int, bytes | None] = (-1.0, 0, None)
    history: list[dict[str, float]] = []
    for iteration in range(1, iterations + 1):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in spacy.util.minibatch(examples, size=16):
            nlp.update(batch, drop=0.25, sgd=optimizer, losses=losses)
        scores: dict[str, float] = {"iteration": iteration, "loss": losses.get("ner", 0.0)}
        if dev_sentences:
            scores.update(_dev_scores(nlp, dev_sentences))
            if scores["f1"] > best[0]:
                best = (scores["f1"], iteration, nlp.to_bytes())
        history.append(scores)
        if progress:
            progress(iteration, iterations, f"iteration {iteration}: {_short(scores)}")
    if best[2] is not None:
        nlp.from_bytes(best[2])
    return best[1] or iterations, history


_MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "tok2vec": {
        "@architectures": "spacy.HashEmbedCNN.v2",
        "pretrained_vectors": None,
        "width": 128,
        "depth": 4,
        "embed_size": 4000,
        "window_size": 1,
        "maxout_pieces": 3,
        "subword_features": True,
    },
}


def _join(sentences: Sequence[GoldSentence]) -> GoldSentence:
    """Sentences as one stretch of running text (a space after each sentence)."""
    tokens: list[str] = []
    tags: list[str] = []
    spaces: list[bool] = []
    for sentence in sentences:
        tokens += sentence.tokens
        tags += sentence.tags
        spaces += [*sentence.spaces[:-1], True]
    return GoldSentence(tuple(tokens), tuple(tags), tuple(spaces))


def _doc(nlp: Any, sentence: GoldSentence) -> Any:
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=list(sentence.tokens), spaces=list(sentence.spaces))


def _example(nlp: Any, example_cls: Any, sentence: GoldSentence) -> Any:
    reference = _doc(nlp, sentence)
    ents = []
    for start, end, label in sentence_spans(sentence):
        mapped = training_label(label)
        if mapped:
            ents.append(
                reference.char_span(
                    reference[start].idx,
                    reference[end - 1].idx + len(reference[end - 1].text),
                    label=mapped,
                )
            )
    reference.ents = [e for e in ents if e is not None]
    return example_cls(_doc(nlp, sentence), reference)


def _dev_scores(nlp: Any, sentences: Sequence[GoldSentence]) -> dict[str, float]:
    """Entity F1 (all labels) and PER token recall on dev sentences, tokens as given."""
    tp = fp = fn = 0
    per_tokens = per_found = 0
    docs = [_doc(nlp, s) for s in sentences]
    for sentence, doc in zip(sentences, nlp.pipe(docs), strict=True):
        gold = set()
        for start, end, label in sentence_spans(sentence):
            mapped = training_label(label)
            if mapped:
                gold.add((start, end, mapped))
        predicted = {(e.start, e.end, e.label_) for e in doc.ents}
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        per_pred = {i for e in doc.ents if e.label_ == PER for i in range(e.start, e.end)}
        for start, end, label in gold:
            if label == PER:
                per_tokens += end - start
                per_found += sum(1 for i in range(start, end) if i in per_pred)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "per_token_recall": round(per_found / per_tokens, 4) if per_tokens else 0.0,
    }


def _short(scores: dict[str, float]) -> str:
    return ", ".join(f"{k}={v}" for k, v in scores.items() if k != "iteration")
