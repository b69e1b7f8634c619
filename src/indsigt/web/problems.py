"""HTTP problems a view raises; the app renders each as an HTML page or as JSON."""

from __future__ import annotations


class HttpProblem(Exception):
    """An error with an HTTP status and a message meant for the user."""

    status: int = 400

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class BadInput(HttpProblem):
    status = 422


class LoginRequired(HttpProblem):
    status = 401


class Forbidden(HttpProblem):
    status = 403


class NotFound(HttpProblem):
    status = 404


class Conflict(HttpProblem):
    status = 409


class TooLarge(HttpProblem):
    status = 413
