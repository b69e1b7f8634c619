"""The fine-tuned encoder (coding/finetune.py): it learns, it is deterministic, it blends into
the single-label learner, and without torch asking for it fails naming the extra.

The training tests need torch (the ``finetune`` extra; scripts/test.sh installs its CPU build).
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from indsigt.coding.finetune import Finetune

SPORT = [
    "Kommunen bygger en ny svømmehal ved skolen",
    "Tilskud til fodboldklubbens nye kunstgræsbane",
    "Idrætshallen får nye omklædningsrum",
    "Håndboldklubben søger penge til træningslejr",
    "Renovering af atletikbanen på stadion",
    "Ny tennisbane og padelbaner i idrætsparken",
]
ROADS = [
    "Asfaltering af Hovedgaden og cykelstien",
    "Ny rundkørsel ved motorvejens afkørsel",
    "Vejbelysning langs landevejen udskiftes",
    "Trafiksikring med vejbump ved skolevejen",
    "Busruten omlægges på grund af vejarbejde",
    "Parkeringspladser ved stationen udvides",
]
TINY = Finetune(epochs=4, layers=2, lr=3e-4, head_lr=1e-2, batch=4, max_pieces=24, threads=1)
TINY_TOP = Finetune(epochs=2, layers=2, trained=1, batch=4, max_pieces=24, threads=1)


def _truth() -> tuple[list[str], np.ndarray]:
    return SPORT + ROADS, np.array([0] * len(SPORT) + [1] * len(ROADS))


def _fit(seed: int = 0) -> np.ndarray:
    from indsigt.coding.finetune import FinetunedEncoder

    texts, truth = _truth()
    reports: list[tuple[int, int]] = []
    encoder = FinetunedEncoder(
        TINY, seed=seed, progress=lambda done, total, what: reports.append((done, total))
    ).fit(texts, truth, classes=2)
    assert reports[0] == (0, TINY.epochs) and reports[-1] == (TINY.epochs, TINY.epochs)
    return encoder.probabilities(texts)


def _torch() -> None:
    """Skip without torch on a developer's machine; fail where the test command installed it
    (``INDSIGT_REQUIRE_TORCH=1``, set by scripts/test.sh): a skip must not hide a broken
    install."""
    if os.environ.get("INDSIGT_REQUIRE_TORCH") == "1":
        import torch  # noqa: F401
    else:
        pytest.importorskip("torch", reason="needs the finetune extra (torch)")


@pytest.mark.slow
def test_fine_tuned_encoder_learns_its_training_titles_and_is_deterministic() -> None:
    _torch()
    _, truth = _truth()
    found = _fit()
    assert found.shape == (len(truth), 2)
    np.testing.assert_allclose(found.sum(axis=1), 1.0, atol=1e-6)
    accuracy = float(np.mean(found.argmax(axis=1) == truth))
    assert accuracy > 0.75  # chance is 0.5
    np.testing.assert_allclose(_fit(), found, atol=1e-6)  # the same seed, the same model


@pytest.mark.slow
def test_single_label_learner_averages_the_fine_tuned_probabilities() -> None:
    _torch()
    from indsigt.coding.learner import Learner

    texts, truth = _truth()
    labels = [{"sport" if t == 0 else "roads"} for t in truth]
    plain = Learner(single_label=True, folds=3).fit(texts, labels)
    tuned = Learner(single_label=True, folds=3, finetune=TINY).fit(texts, labels)
    assert tuned._finetuned is not None
    own = plain.probabilities(texts)
    encoder = tuned._finetuned.probabilities(texts)
    np.testing.assert_allclose(tuned.probabilities(texts), (own + encoder) / 2, atol=1e-6)
    off = Learner(single_label=True, folds=3, finetune=Finetune(weight=0.0)).fit(texts, labels)
    assert off._finetuned is None
    np.testing.assert_allclose(off.probabilities(texts), own, atol=1e-9)


@pytest.mark.slow
def test_seeds_average_encoders_fine_tuned_from_consecutive_seeds() -> None:
    _torch()
    from dataclasses import replace

    from indsigt.coding.finetune import FinetunedEncoders

    texts, truth = _truth()
    pair = FinetunedEncoders(replace(TINY, seeds=2), seed=0).fit(texts, truth, classes=2)
    assert [member.seed for member in pair.members] == [0, 1]
    first, second = _fit(0), _fit(1)
    assert not np.allclose(first, second, atol=1e-4)  # two seeds, two encoders
    np.testing.assert_allclose(pair.probabilities(texts), (first + second) / 2, atol=1e-6)
    with pytest.raises(ValueError, match="seeds"):
        Finetune(seeds=0)


def _multi_truth() -> tuple[list[str], np.ndarray]:
    """Two codes (sport, roads) and a third on half of each: a multi-label truth matrix."""
    texts, classes = _truth()
    third = np.array([k % 2 == 0 for k in range(len(texts))])
    return texts, np.column_stack([classes == 0, classes == 1, third])


@pytest.mark.slow
def test_multi_label_fine_tuning_learns_a_separable_toy_set() -> None:
    _torch()
    from indsigt.coding.finetune import FinetunedEncoder

    texts, truth = _multi_truth()
    settings = Finetune(
        epochs=6, layers=1, lr=3e-4, head_lr=1e-2, batch=4, max_pieces=24, threads=1, balanced=True
    )
    encoder = FinetunedEncoder(settings, seed=0).fit(texts, truth, classes=3)
    found = encoder.probabilities(texts)
    assert encoder.multi_label and found.shape == truth.shape
    assert np.all((found >= 0) & (found <= 1))
    # a sigmoid per code, not a softmax over them: the rows need not sum to 1
    assert not np.allclose(found.sum(axis=1), 1.0)
    for j in (0, 1):  # the two topics are separable by their words
        assert float(np.mean((found[:, j] >= 0.5) == truth[:, j])) > 0.75
    with pytest.raises(ValueError, match="a row per text"):
        FinetunedEncoder(settings).fit(texts, truth[:, :2], classes=3)


@pytest.mark.slow
def test_multi_label_learner_blends_the_fine_tuned_probabilities_only_when_asked() -> None:
    _torch()
    from indsigt.coding.learner import Learner

    texts, truth = _multi_truth()
    labels = [
        {name for name, on in zip(("sport", "roads", "z-half"), row, strict=True) if on}
        for row in truth
    ]
    plain = Learner(folds=3).fit(texts, labels)
    assert plain._finetuned is None
    tuned = Learner(folds=3, finetune=TINY).fit(texts, labels)
    assert tuned._finetuned is not None and tuned._finetuned.members[0].multi_label
    own = plain.probabilities(texts)
    encoder = tuned._finetuned.probabilities(texts)
    assert encoder.shape == own.shape  # a column per learner label, in the learner's order
    # two fits of the same learner agree to the solver's tolerance (1e-4), not to the last digit:
    # the BLAS threads torch leaves behind may sum in another order
    np.testing.assert_allclose(tuned.probabilities(texts), (own + encoder) / 2, atol=1e-4)
    # the thresholds are the learner's own, cut without the fine-tuned part
    thresholds = [m.threshold for m in tuned.models]
    np.testing.assert_allclose(thresholds, [m.threshold for m in plain.models], atol=1e-4)
    off = Learner(folds=3, finetune=Finetune(weight=0.0)).fit(texts, labels)
    assert off._finetuned is None
    np.testing.assert_allclose(off.probabilities(texts), own, atol=1e-4)


@pytest.mark.slow
def test_frozen_layers_are_computed_once_and_give_the_full_forward() -> None:
    _torch()
    from indsigt.coding.finetune import FinetunedEncoder, _padded, encoder
    from indsigt.embed.e5file import E5File

    model = E5File()
    fine = FinetunedEncoder(Finetune(trained=1, layers=3), model=model)
    net = encoder(model, layers=3)
    texts, truth = _multi_truth()
    ids = fine._ids(texts)
    assert fine._freeze(net) == 2
    assert not any(p.requires_grad for p in net.layers[:2].parameters())
    assert all(p.requires_grad for p in net.layers[2].parameters())
    states = fine._frozen_states(net, ids, 2)
    assert states is not None and [len(s) for s in states] == [len(row) for row in ids]
    words, mask = fine._batch(ids)
    again, again_mask = _padded(states)
    full = net(words, mask).detach().numpy()
    np.testing.assert_allclose(net(again, again_mask, start=2).detach().numpy(), full, atol=1e-5)
    found = FinetunedEncoder(TINY_TOP, model=model).fit(texts, truth, classes=3)
    assert found.probabilities(texts).shape == truth.shape


def test_finetune_true_means_the_settings_of_the_coding_kind() -> None:
    _torch()
    from indsigt.coding.finetune import MULTI_LABEL, SINGLE_LABEL
    from indsigt.coding.learner import Learner
    from indsigt.eval.coding import _finetune

    assert Learner(finetune=True).finetune == MULTI_LABEL
    assert Learner(single_label=True, finetune=True).finetune == SINGLE_LABEL
    # the eval asks the learner's check: multi-label gold is no longer refused
    assert _finetune(True, False, lambda *a: None)["finetune"] == MULTI_LABEL
    assert _finetune(False, False, lambda *a: None) == {}


def test_batches_cover_every_row_once_in_length_sorted_runs() -> None:
    from indsigt.coding.finetune import batches

    lengths = [int(n) for n in np.random.default_rng(1).integers(3, 100, size=70)]
    found = batches(np.random.default_rng(0), lengths, 4)
    assert sorted(r for batch in found for r in batch) == list(range(70))
    assert all(1 <= len(batch) <= 4 for batch in found)
    assert all(lengths[a] <= lengths[b] for batch in found for a, b in itertools.pairwise(batch))


# `import torch` raises ModuleNotFoundError in the subprocess, as where torch is not installed
NO_TORCH = """import sys
class NoTorch:
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, NoTorch())
"""


def _without_torch(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    import indsigt

    source = str(Path(indsigt.__file__).resolve().parents[1])  # this checkout's indsigt
    path = os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH", "")) if p)
    return subprocess.run(
        [sys.executable, "-c", NO_TORCH + code],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "PYTHONPATH": path},
    )


def test_without_torch_the_learner_names_the_extra(tmp_path: Path) -> None:
    done = _without_torch(
        "from indsigt.coding.learner import Learner\n"
        "try:\n"
        "    Learner(single_label=True, finetune=True)\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("FinetuneUnavailable")
    assert "pip install 'indsigt[finetune]'" in done.stdout


def test_without_torch_multi_label_fine_tuning_names_the_extra(tmp_path: Path) -> None:
    done = _without_torch(
        "from indsigt.coding.learner import Learner\n"
        "try:\n"
        "    Learner(finetune=True)\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("FinetuneUnavailable")
    assert "pip install 'indsigt[finetune]'" in done.stdout


def test_without_torch_eval_coding_finetune_fails_naming_the_extra(tmp_path: Path) -> None:
    gold = tmp_path / "gold.csv"
    rows = ["id,text,code"] + [f"{k},{t},{'a' if k < 6 else 'b'}" for k, t in enumerate(SPORT)]
    rows += [f"{k + 6},{t},b" for k, t in enumerate(ROADS)]
    gold.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = _without_torch(
        "from indsigt.cli import main\n"
        f"main(['eval', 'coding', '--format', 'csv', '--train', {str(gold)!r}, '--test', "
        f"{str(gold)!r}, '--folds', '2', '--finetune', '--json'])\n",
        tmp_path,
    )
    assert done.returncode != 0
    assert "pip install 'indsigt[finetune]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not done.stdout.strip() or "accuracy" not in json.loads(done.stdout or "{}")
