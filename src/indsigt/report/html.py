"""HTML: Jinja2 templates under ``report/templates/``, overridable by name from a folder.

``--template DIR`` puts DIR in front of the built-in templates: a file there named like one of
them (``report.html``, ``style.css``, ``_title.html`` …) replaces it. DIR may also hold a
``theme.json`` (``accent``, ``tint``, ``palette``, ``font_body``, ``font_heading``,
``organisation``, ``logo``) and a logo (``logo.svg``, ``logo.png`` or ``logo.jpg``), which the
title page shows. The HTML is one self-contained file: styles and charts are inline.
"""

from __future__ import annotations

import base64
import json
import mimetypes
from pathlib import Path
from typing import Any

from indsigt.errors import IndsigtError
from indsigt.report.charts import PALETTE
from indsigt.report.i18n import report_words
from indsigt.report.model import Report

DEFAULT_THEME: dict[str, Any] = {
    "accent": PALETTE[0],
    "tint": "#e8eef6",
    "palette": list(PALETTE),
    "font_body": '"Indsigt Serif", Georgia, "Times New Roman", serif',
    "font_heading": '"Indsigt Sans", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif',
    "organisation": "",
    "logo": "",
    "logo_path": "",
    "logo_uri": "",
}
LOGOS = ("logo.svg", "logo.png", "logo.jpg", "logo.jpeg")


def load_theme(template: str | Path | None) -> dict[str, Any]:
    """The default theme, updated from ``theme.json`` in the template folder; a logo file is
    read into ``logo_path`` and ``logo_uri`` (a data URI)."""
    theme = dict(DEFAULT_THEME)
    folder = Path(template) if template else None
    if folder is not None:
        if not folder.is_dir():
            raise IndsigtError(f"{folder}: the template folder does not exist")
        settings = folder / "theme.json"
        if settings.is_file():
            try:
                loaded = json.loads(settings.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise IndsigtError(f"{settings}: not valid JSON ({exc})") from exc
            if not isinstance(loaded, dict):
                raise IndsigtError(f"{settings}: expected an object of settings")
            theme.update(loaded)
        logo = folder / theme["logo"] if theme["logo"] else None
        if logo is None:
            logo = next((folder / name for name in LOGOS if (folder / name).is_file()), None)
        if logo is not None:
            if not logo.is_file():
                raise IndsigtError(f"{logo}: the logo named in theme.json does not exist")
            kind = mimetypes.guess_type(logo.name)[0] or "image/png"
            theme["logo_path"] = str(logo.resolve())
            theme["logo_uri"] = (
                f"data:{kind};base64," + base64.b64encode(logo.read_bytes()).decode()
            )
    return theme


def environment(template: str | Path | None = None) -> Any:
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    if template:
        loaders.append(jinja2.FileSystemLoader(str(template)))
    loaders.append(jinja2.PackageLoader("indsigt.report", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_html(report: Report, *, template: str | Path | None = None) -> str:
    """The report as one HTML page."""
    page = environment(template).get_template("report.html")
    return str(
        page.render(
            r=report,
            t=report_words(report),
            theme=report.theme,
        )
    )
