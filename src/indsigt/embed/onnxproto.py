"""Just enough of the ONNX protobuf format to write a model for onnxruntime.

onnxruntime loads a serialised ``ModelProto``; writing the few messages we need by hand spares
the ``onnx`` package (and its own dependencies). Field numbers are those of ``onnx.proto``,
which are frozen. Only what :mod:`indsigt.embed.e5onnx` uses is here: nodes with int, float
and ints attributes, tensors as raw little-endian bytes, and inputs/outputs with named dims.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

IR_VERSION = 8
# TensorProto.DataType
_DATA_TYPES = {
    np.dtype(np.float32): 1,
    np.dtype(np.uint8): 2,
    np.dtype(np.int8): 3,
    np.dtype(np.int32): 6,
    np.dtype(np.int64): 7,
}
FLOAT = 1
INT32 = 6
_VARINT, _FIXED32, _BYTES = 0, 5, 2


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64: two's complement, ten bytes
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _key(field: int, wire: int) -> bytes:
    return _varint(field << 3 | wire)


def _int(field: int, value: int) -> bytes:
    return _key(field, _VARINT) + _varint(value)


def _bytes(field: int, value: bytes) -> bytes:
    return _key(field, _BYTES) + _varint(len(value)) + value


def _str(field: int, value: str) -> bytes:
    return _bytes(field, value.encode("utf-8"))


def tensor(name: str, array: NDArray[np.generic]) -> bytes:
    """A ``TensorProto`` holding ``array`` as raw data."""
    data = np.ascontiguousarray(array)
    body = b"".join(_int(1, dim) for dim in data.shape)
    body += _int(2, _DATA_TYPES[data.dtype]) + _str(8, name)
    body += _bytes(9, data.astype(data.dtype.newbyteorder("<"), copy=False).tobytes())
    return body


def node(
    op_type: str,
    inputs: Sequence[str],
    outputs: Sequence[str],
    *,
    domain: str = "",
    **attributes: int | float | Sequence[int],
) -> bytes:
    """A ``NodeProto``."""
    body = b"".join(_str(1, name) for name in inputs)
    body += b"".join(_str(2, name) for name in outputs)
    body += _str(4, op_type)
    for name, value in attributes.items():
        attribute = _str(1, name)
        if isinstance(value, float):
            attribute += _key(2, _FIXED32) + struct.pack("<f", value) + _int(20, 1)
        elif isinstance(value, int):
            attribute += _int(3, value) + _int(20, 2)
        else:
            attribute += b"".join(_int(8, item) for item in value) + _int(20, 7)
        body += _bytes(5, attribute)
    if domain:
        body += _str(7, domain)
    return body


def value_info(name: str, elem_type: int, dims: Sequence[int | str]) -> bytes:
    """A ``ValueInfoProto`` for a tensor; a str dim is symbolic (``"batch"``)."""
    shape = b"".join(
        _bytes(1, _int(1, dim) if isinstance(dim, int) else _str(2, dim)) for dim in dims
    )
    tensor_type = _int(1, elem_type) + _bytes(2, shape)
    return _str(1, name) + _bytes(2, _bytes(1, tensor_type))


def model(
    *,
    nodes: Sequence[bytes],
    initializers: Sequence[bytes],
    inputs: Sequence[bytes],
    outputs: Sequence[bytes],
    opsets: dict[str, int],
    name: str = "graph",
) -> bytes:
    """A serialised ``ModelProto``."""
    graph = b"".join(_bytes(1, item) for item in nodes) + _str(2, name)
    graph += b"".join(_bytes(5, item) for item in initializers)
    graph += b"".join(_bytes(11, item) for item in inputs)
    graph += b"".join(_bytes(12, item) for item in outputs)
    body = _int(1, IR_VERSION) + _str(2, "indsigt")
    body += b"".join(
        _bytes(8, _str(1, domain) + _int(2, version)) for domain, version in opsets.items()
    )
    body += _bytes(7, graph)
    return body
