"""The framework matrix as a workbook download (``/studies/{sid}/matrix.xlsx?rows=…&columns=…``).

Every role that may read the study may download it, as with reports; a blinded coder's code
columns hold only that coder's own codings. Anonymised text only: a study whose documents
are not anonymised yet gets a 409 that says so."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.errors import IndsigtError
from indsigt.guard import NotAnonymised
from indsigt.matrix import COLUMNS, ROWS, build_matrix, matrix_xlsx
from indsigt.web.config import web_state
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, Conflict
from indsigt.web.views.common import study_header

router = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/studies/{sid}/matrix.xlsx")
def matrix_download(
    request: Request,
    sid: Id,
    user: CurrentUser,
    rows: str = "respondent",
    columns: str = "code",
    unit: str = "passage",
) -> Response:
    study = study_for(request, sid)
    header = study_header(request, study, user)
    if rows not in ROWS or columns not in COLUMNS or unit not in ("passage", "turn"):
        raise BadInput(
            N_("rows must be %(rows)s, columns %(columns)s, unit passage or turn"),
            rows=" or ".join(ROWS),
            columns=" or ".join(COLUMNS),
        )
    try:
        matrix = build_matrix(
            web_state(request).store,
            study.id,
            rows=rows,  # type: ignore[arg-type]
            columns=columns,  # type: ignore[arg-type]
            unit=unit,  # type: ignore[arg-type]
            only_coder=header["only_coder"],
        )
    except NotAnonymised as exc:
        raise Conflict(str(exc)) from None
    except IndsigtError as exc:  # no codebook, no guide, not aligned
        raise Conflict(str(exc)) from None
    name = f"matrix-study-{study.id}-{rows}-{columns}.xlsx"
    return Response(
        matrix_xlsx(matrix),
        media_type=XLSX,
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
