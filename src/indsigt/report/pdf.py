"""PDF: the report's HTML laid out by WeasyPrint (A4, title page, running heads, page numbers,
a contents page with page numbers, clickable evidence links).

The default fonts are the ones matplotlib ships (STIX General for the text, DejaVu Sans for
headings), declared here with ``@font-face``, so the PDF looks the same on every machine; a
template that names other fonts gets those when they are installed.
"""

from __future__ import annotations

from pathlib import Path

FACES = (
    ("Indsigt Serif", "STIXGeneral.ttf", "normal", "normal"),
    ("Indsigt Serif", "STIXGeneralItalic.ttf", "normal", "italic"),
    ("Indsigt Serif", "STIXGeneralBol.ttf", "bold", "normal"),
    ("Indsigt Serif", "STIXGeneralBolIta.ttf", "bold", "italic"),
    ("Indsigt Sans", "DejaVuSans.ttf", "normal", "normal"),
    ("Indsigt Sans", "DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("Indsigt Sans", "DejaVuSans-Bold.ttf", "bold", "normal"),
    ("Indsigt Sans", "DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)


def font_faces() -> str:
    """``@font-face`` rules for the bundled fonts (those that exist)."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    rules = []
    for family, name, weight, style in FACES:
        path = folder / name
        if path.is_file():
            rules.append(
                f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)


def write_pdf(html: str, target: str | Path, *, base_url: str | Path | None = None) -> Path:
    """Lay out ``html`` and write the PDF to ``target``."""
    import logging

    from weasyprint import CSS, HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    target = Path(target)
    document = HTML(string=html, base_url=str(base_url) if base_url else None)
    document.write_pdf(target, stylesheets=[CSS(string=font_faces())])
    return target
