"""``Project`` methods that are stage functions: ``Project.units`` *is*
:func:`indsigt.units.build_units` with the open study's store and id bound. Its options, their
defaults and its documentation are the stage's own, written once; the facade only names it.

A stage module is imported when its method is first used (:func:`lazy`), so opening a study —
and starting the command line — does not import every stage.

A stage function that gathers a command's work and passes its options on to another stage
function takes them as ``**options`` typed by a ``TypedDict`` and shows the called function's
keywords and defaults as its own (:func:`forwards`): each default is written once, in the
function that uses it."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

if TYPE_CHECKING:
    from indsigt.records import Study
    from indsigt.store import Store

P = ParamSpec("P")
R = TypeVar("R")


class OpenStudy(Protocol):
    store: Store
    study: Study


class Lazy:
    """A stage function by its place, ``"module:function"``, imported when first needed."""

    def __init__(self, where: str) -> None:
        self.where = where

    def resolve(self) -> Callable[..., Any]:
        module, name = self.where.split(":")
        found: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return found


def lazy(where: str) -> Any:
    """The stage function at ``where`` (``"module:function"``), imported when first called;
    typed as the function itself where the facade imports it for the type checker."""
    return Lazy(where)


class OnStudy(Generic[P, R]):
    """A stage function ``f(store, study_id, ...)`` as a method: ``project.f(...)``. On the
    class (``Project.f``) it is the stage function, so a default can be read from it."""

    def __init__(self, function: Callable[Concatenate[Store, int, P], R]) -> None:
        self._function = function

    def function(self) -> Callable[Concatenate[Store, int, P], R]:
        if isinstance(self._function, Lazy):
            self._function = self._function.resolve()
        return self._function

    @overload
    def __get__(
        self, project: None, owner: type[Any]
    ) -> Callable[Concatenate[Store, int, P], R]: ...

    @overload
    def __get__(self, project: OpenStudy, owner: type[Any]) -> Callable[P, R]: ...

    def __get__(self, project: OpenStudy | None, owner: type[Any]) -> Callable[..., R]:
        function = self.function()
        if project is None:
            return function
        store, study_id = project.store, project.study.id

        def bound(*args: P.args, **kwargs: P.kwargs) -> R:
            return function(store, study_id, *args, **kwargs)

        signature = inspect.signature(function)
        bound.__name__ = function.__name__
        bound.__doc__ = function.__doc__
        bound.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=list(signature.parameters.values())[2:]
        )
        return bound


def forwards(function: Callable[..., Any], called: Callable[..., Any], options: Any) -> None:
    """``function`` takes ``**options`` (the ``TypedDict`` ``options``) and passes them on to
    ``called``: its signature — what ``help()``, :class:`OnStudy` and the command line's
    defaults read — shows ``called``'s keyword parameters of those names, with their defaults,
    in place of ``**options``. A name ``called`` does not take is an error here, at import.
    (A statement after both functions, not a decorator, so that the type checker sees
    ``function`` as written.)"""
    names = tuple(options.__annotations__)
    theirs = inspect.signature(called).parameters
    missing = [name for name in names if name not in theirs]
    if missing:
        raise TypeError(f"{called.__qualname__} takes no {', '.join(missing)}")
    own = inspect.signature(function)
    kept = [p for p in own.parameters.values() if p.kind is not p.VAR_KEYWORD]
    passed_on = [p.replace(kind=p.KEYWORD_ONLY) for name, p in theirs.items() if name in names]
    function.__signature__ = own.replace(  # type: ignore[attr-defined]
        parameters=[*kept, *passed_on]
    )
