"""Importing a REFI-QDA project (``.qdpx``, or a bare ``.qde`` with inline texts) as a NEW study.

Order: read the archive, validate against Project.xsd when a schema is given, parse
``project.qde``, plan every record (all input errors surface here, before anything is
created), then write the study in one transaction. An SQLite study is built in a temporary file
beside the target and moved into place only when complete, so a failed import leaves no study
file behind. An existing study is never touched: import refuses a location that already holds
one. (A PostgreSQL target must be an empty database; a failure there rolls back the data but
leaves the empty schema.)
"""

from __future__ import annotations

import glob
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from indsigt.errors import StoreError
from indsigt.interchange.archive import Archive
from indsigt.interchange.plan import ImportPlan, plan_import
from indsigt.interchange.qde_read import read_project
from indsigt.interchange.validation import validate_project
from indsigt.interchange.writer import write_plan
from indsigt.progress import Progress, no_progress
from indsigt.store import Store
from indsigt.store.engine import sqlite_path


@dataclass(frozen=True)
class QdpxImportReport:
    study: str
    name: str
    documents: int
    passages: int
    codes: int
    codings: int
    users: int
    respondents: int
    notes: int
    warnings: tuple[str, ...] = ()


def import_qdpx(
    file: str | Path,
    study: str | Path,
    *,
    name: str | None = None,
    language: str | None = None,
    anonymisation_required: bool = True,
    schema: str | Path | None = None,
    progress: Progress = no_progress,
) -> QdpxImportReport:
    """Create a new study at ``study`` (SQLite path or empty PostgreSQL database) from the
    REFI-QDA project ``file``. ``name`` defaults to the project's name; ``language`` (of every
    document) defaults to a guess per document; ``schema`` is the path of REFI-QDA's
    Project.xsd to validate ``project.qde`` against first."""
    target = sqlite_path(study)
    if target is not None and target.exists():
        raise StoreError(
            f"{target}: already exists; import-qdpx creates a new study, give a new file name"
        )
    progress(0, 3, f"reading {Path(file).name}")
    archive = Archive(file)
    try:
        if schema is not None:
            validate_project(archive.project, schema, label=f"{file}: {archive.member}")
        project = read_project(archive.project, archive=file, member=archive.member)
        progress(1, 3, "checking selections")
        plan = plan_import(project, archive, name=name, language=language)
    finally:
        archive.close()
    progress(2, 3, "writing the study")
    removed = remove_leftovers(target) if target is not None else []
    _write(study, target, plan, anonymisation_required=anonymisation_required, source=str(file))
    progress(3, 3, "imported")
    cleaned = (
        [f"removed {', '.join(removed)}: left beside {target.name} by an import that was stopped"]
        if removed and target is not None
        else []
    )
    return QdpxImportReport(
        study=str(study),
        name=plan.name,
        documents=len(plan.documents),
        passages=sum(len(d.passages) for d in plan.documents),
        codes=len(plan.codes),
        codings=sum(len(d.codings) for d in plan.documents),
        users=len(plan.users),
        respondents=len(plan.respondents),
        notes=len(plan.notes),
        warnings=(*cleaned, *plan.warnings),
    )


def _write(
    location: str | Path,
    target: Path | None,
    plan: ImportPlan,
    *,
    anonymisation_required: bool,
    source: str,
) -> None:
    if target is None:  # a server database: one transaction
        store = Store.create(location)
        try:
            write_plan(store, plan, anonymisation_required=anonymisation_required, source=source)
        finally:
            store.close()
        return
    if not target.parent.is_dir():
        raise StoreError(f"{target}: the folder {target.parent} does not exist")
    partial = target.with_name(f"{_partial_prefix(target)}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        store = Store.create(partial)
        try:
            write_plan(store, plan, anonymisation_required=anonymisation_required, source=source)
            with store.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            store.close()
        if target.exists():
            raise StoreError(f"{target}: appeared while importing; the import was not moved there")
        os.replace(partial, target)
    finally:
        for suffix in _SQLITE_FILES:
            Path(f"{partial}{suffix}").unlink(missing_ok=True)


_SQLITE_FILES = ("", "-wal", "-shm", "-journal")
_STALE_AFTER = 24 * 3600  # seconds; where a process id cannot be checked


def _partial_prefix(target: Path) -> str:
    return f".{target.name}.importing-"


def remove_leftovers(target: Path) -> list[str]:
    """Remove the files an import into ``target`` that was killed left beside it (its partial
    study, with a WAL holding the imported text); returns their names. A partial file whose
    import is still running (its process id, in the name, is alive) is left alone."""
    prefix = _partial_prefix(target)
    try:
        found = sorted(target.parent.glob(f"{glob.escape(prefix)}*"))
    except OSError:
        return []
    removed = []
    for path in found:
        base = path.name
        for suffix in _SQLITE_FILES[1:]:
            base = base.removesuffix(suffix)
        if _running(base[len(prefix) :], path):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError(
                f"{path}: left by an import that was stopped, and cannot be removed "
                f"({exc.strerror}); remove it by hand"
            ) from exc
        removed.append(path.name)
    return removed


def _running(tag: str, path: Path) -> bool:
    """Whether the import that named its partial file ``…importing-TAG`` may still run."""
    pid, _, rest = tag.partition("-")
    if not rest or not pid.isdigit():
        return False  # the name older versions gave: no process id
    if os.name != "posix":
        try:
            return time.time() - path.stat().st_mtime < _STALE_AFTER
        except OSError:
            return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's live process
        return True
    return True
