"""The framework matrix (``indsigt matrix``): rows × columns of representative excerpts."""

from __future__ import annotations

from indsigt.matrix.build import COLUMNS, ROWS, build_matrix, study_matrix
from indsigt.matrix.model import Excerpt, Matrix, MatrixCell, MatrixColumn, MatrixUnit
from indsigt.matrix.write import FORMATS, matrix_csv, matrix_markdown, matrix_xlsx, write_matrix

__all__ = [
    "COLUMNS",
    "FORMATS",
    "ROWS",
    "Excerpt",
    "Matrix",
    "MatrixCell",
    "MatrixColumn",
    "MatrixUnit",
    "build_matrix",
    "matrix_csv",
    "matrix_markdown",
    "matrix_xlsx",
    "study_matrix",
    "write_matrix",
]
