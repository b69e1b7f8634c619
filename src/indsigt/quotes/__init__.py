"""Publishable quotes: representative, quotable, diverse, attributed and checked."""

from indsigt.quotes.select import Quote, select_quotes, study_quotes

__all__ = ["Quote", "select_quotes", "study_quotes"]
