"""`indsigt demo`: the whole chain on the bundled sample study (so far: init + import + stats)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from indsigt.progress import Progress, no_progress
from indsigt.project import init_study
from indsigt.sample import interview_files, respondents_sheet


def run_demo(
    outdir: str | Path = "indsigt-demo", *, progress: Progress = no_progress
) -> dict[str, Any]:
    """Create ``OUTDIR/study.db`` from the sample study and return its statistics.

    An earlier demo study in OUTDIR is replaced (only ``study.db`` and its side files)."""
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "study.db"
    for suffix in ("", "-wal", "-shm", ".bak"):
        side = database.with_name(database.name + suffix)
        if side.exists():
            side.unlink()
    with init_study(
        database, name="Digital omstilling i den offentlige sektor (eksempel)", language="da"
    ) as project:
        report = project.import_files(
            interview_files(), respondents=respondents_sheet(), progress=progress
        )
        stats = project.statistics(by="level")
    return {"study": str(database), "import": report.__dict__, "statistics": stats}
