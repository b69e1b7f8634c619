"""Emergent themes: embed → reduce → cluster → label (each step swappable), per study or code."""

from indsigt.themes.discover import Theme, ThemeResult, discover_themes
from indsigt.themes.study import promote_theme, study_themes

__all__ = ["Theme", "ThemeResult", "discover_themes", "promote_theme", "study_themes"]
