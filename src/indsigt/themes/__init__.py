"""Emergent themes: embed → reduce → cluster → label (each step swappable), per study or code;
stored in the study (``stored``) to be renamed, merged and promoted."""

from indsigt.themes.discover import Theme, ThemeResult, discover_themes
from indsigt.themes.stored import (
    StoredTheme,
    ThemeExample,
    ThemeRun,
    latest_run,
    latest_themes,
    merge_themes,
    promote_stored_theme,
    rename_theme,
    save_themes,
    theme_examples,
)
from indsigt.themes.study import promote_theme, study_themes

__all__ = [
    "StoredTheme",
    "Theme",
    "ThemeExample",
    "ThemeResult",
    "ThemeRun",
    "discover_themes",
    "latest_run",
    "latest_themes",
    "merge_themes",
    "promote_stored_theme",
    "promote_theme",
    "rename_theme",
    "save_themes",
    "study_themes",
    "theme_examples",
]
