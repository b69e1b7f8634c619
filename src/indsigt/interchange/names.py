"""Naming rules shared by export and import: stable GUIDs, coders as users, coding status.

* GUIDs are UUID 5 of the study name, the kind of record and its id, so exporting the same
  study twice gives the same GUIDs (and the same bytes).
* A human coder id (``"anna"``) becomes a user of that name. A machine coder (a component name
  ``name.vN`` such as ``"keyword.v1"``, :func:`indsigt.records.is_machine_coder`) becomes
  the user ``"indsigt keyword.v1"``, so other tools show whose codings they are; import turns
  that user name back into the coder name.
* REFI-QDA has no coding status or score. A selection whose coding is not simply an accepted
  human one carries them in its description, ``indsigt: status=suggested; score=0.83``; import
  reads that line back, and any other selection counts as ``accepted`` without a score.
"""

from __future__ import annotations

import re
import uuid

from indsigt.records import CodingStatus, is_machine_coder

NAMESPACE = uuid.UUID("5b0c3f56-8d1e-5a8f-9a61-2f7d0c1e4b7a")
MACHINE_PREFIX = "indsigt "
UNKNOWN_CODER = "unknown"

_STATUS = re.compile(
    r"^indsigt: status=(?P<status>suggested|accepted|rejected)(?:; score=(?P<score>\S+))?$"
)


def stable_guid(study_name: str, kind: str, key: object) -> str:
    """The GUID of one record of a study, the same on every export."""
    return str(uuid.uuid5(NAMESPACE, f"{study_name}\x1f{kind}\x1f{key}"))


def user_name(coder: str) -> str:
    """The REFI-QDA user name for an indsigt coder (or note author)."""
    return f"{MACHINE_PREFIX}{coder}" if is_machine_coder(coder) else coder


def coder_name(name: str) -> str:
    """The indsigt coder for a REFI-QDA user name (the inverse of :func:`user_name`)."""
    rest = name.removeprefix(MACHINE_PREFIX)
    if name.startswith(MACHINE_PREFIX) and is_machine_coder(rest):
        return rest
    return name


def status_description(status: str, score: float | None) -> str:
    """The selection description that carries a coding's status and score ("" if neither is
    needed: an accepted coding without a score)."""
    if status == "accepted" and score is None:
        return ""
    line = f"indsigt: status={status}"
    return line if score is None else f"{line}; score={score!r}"


def parse_status(description: str) -> tuple[CodingStatus, float | None]:
    match = _STATUS.match(description.strip())
    if match is None:
        return "accepted", None
    status: CodingStatus = match["status"]  # type: ignore[assignment]
    score = match["score"]
    try:
        return status, float(score) if score is not None else None
    except ValueError:
        return status, None
