"""Train the e5 tagger shipped with indsigt and write it into the package.

    .venv/bin/python scripts/train_tagger.py [--data ../shared/data]
        [--output src/indsigt/anonymise/models/e5-nordic] [--sentences N]
        [--windows context|sentence] [--layers 4,8] [--depth 12]

Reads only the public train splits listed in ``indsigt.anonymise.shipped.DATASETS`` (never a
dev or test split), trains the head (``train_e5_tagger``: multilingual-e5-small states, one
name-swapped copy of the sentences with names, a logistic regression) and writes
``head.npz`` and ``indsigt-e5-tagger.json`` (datasets, licences, a reproduction fingerprint)
beside MODEL_CARD.md, which is written by hand from the figures of ``indsigt eval anonymise``.
``--sentences N`` trains on the first N sentences of each dataset only (a quick check);
``--windows``, ``--layers`` and ``--depth`` default to the shipped head's (``shipped.py``).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from indsigt.anonymise.e5tagger import WINDOW_MODES
from indsigt.anonymise.shipped import DEPTH, LAYERS, WINDOWS, train_shipped

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT / "src" / "indsigt" / "anonymise" / "models" / "e5-nordic",
    )
    parser.add_argument("--sentences", type=int)
    parser.add_argument("--windows", choices=WINDOW_MODES, default=WINDOWS)
    parser.add_argument("--layers", default=",".join(map(str, LAYERS)))
    parser.add_argument("--depth", type=int, default=DEPTH)
    args = parser.parse_args()
    started = time.monotonic()
    meta = train_shipped(
        args.data,
        args.output,
        sentences=args.sentences,
        windows=args.windows,
        layers=tuple(int(n) for n in args.layers.split(",") if n),
        depth=args.depth,
    )
    print(
        json.dumps(
            {
                k: meta[k]
                for k in ("sentences", "augmented_sentences", "words", "layers", "depth", "windows")
            },
        )
    )
    print(f"written to {args.output} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
