"""The package version, apart from the package root (which imports the Project facade), so a
stage that writes it into a file does not import every other stage for it."""

from __future__ import annotations

__version__ = "0.1.0"
