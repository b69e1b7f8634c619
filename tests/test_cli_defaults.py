"""The command line's defaults are the library's: written once, in the library, and read
from there (issue 19: `indsigt code`, `Project.code` and `code_study` each wrote the default
coders; `indsigt themes` used e5 where `Project.themes` used tfidf)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import click
import pytest

from indsigt.cli import main
from indsigt.cli.common import LibraryDefault, default_of
from indsigt.coding.run import DEFAULT_CODERS, code_study
from indsigt.project import Project, init_study


def option(path: str, name: str) -> click.Parameter:
    command: click.Command = main
    for word in path.split():
        assert isinstance(command, click.Group)
        command = command.commands[word]
    return next(p for p in command.params if p.name == name)


def library(path: str) -> Callable[..., Any]:
    import importlib

    module, function = path.split(":")
    found: Any = importlib.import_module(module)
    for name in function.split("."):  # "function" or "Class.method"
        found = getattr(found, name)
    return found  # type: ignore[no-any-return]


SHARED = [
    ("init", "language", init_study, "language"),
    ("compare", "k", Project.compare, "k"),
    ("keypoints", "max_points", Project.keypoints, "max_points"),
    ("quotes", "n", Project.quotes, "n"),
    ("matrix", "per_cell", Project.matrix, "per_cell"),
    ("themes", "embedder", Project.themes, "embedder"),
    ("units", "embedder", Project.units, "embedder"),
    ("code", "embedder", Project.code, "embedder"),
    ("batch", "partition_size", Project.batch, "partition_size"),
]


@pytest.mark.parametrize(("path", "name", "function", "keyword"), SHARED)
def test_an_option_default_is_the_library_default(
    path: str, name: str, function: Callable[..., Any], keyword: str
) -> None:
    assert option(path, name).default == default_of(function, keyword)


def test_report_formats_are_the_library_formats() -> None:
    assert option("report", "format").default == ",".join(default_of(Project.report, "format"))


def test_lazy_defaults_are_the_library_defaults() -> None:
    lazy = [
        (path, param)
        for path, command in _commands(main)
        for param in command.params
        if isinstance(param, LibraryDefault)
    ]
    assert {path for path, _ in lazy} >= {"search", "eval themes", "eval coding"}
    for _path, param in lazy:
        function = library(param._library)
        assert param.default == default_of(function, param._keyword or param.name or "")


def test_themes_from_the_command_line_and_from_python_use_one_embedder() -> None:
    from indsigt.eval.themes import evaluate_themes

    assert default_of(Project.themes, "embedder") == option("themes", "embedder").default
    assert default_of(evaluate_themes, "embedder") == option("eval themes", "embedder").default


def test_the_default_coders_are_written_once() -> None:
    assert default_of(code_study, "coders") == DEFAULT_CODERS
    assert default_of(Project.code, "coders") is DEFAULT_CODERS  # the stage's, by name


def test_help_does_not_import_what_a_lazy_default_would() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from click.testing import CliRunner\n"
            "from indsigt.cli import main\n"
            "CliRunner().invoke(main, ['--help'])\n"
            "print(sorted(m for m in ('indsigt.eval.themes', 'indsigt.eval.coding', "
            "'indsigt.analyse.retrieval') if m in sys.modules))\n",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.strip() == "[]"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


def test_a_facade_method_is_the_stage_function() -> None:
    """Where the facade only passes the study on, its method is the stage's function (options,
    defaults and documentation written once, in the stage)."""
    from indsigt.batch.job import run_batch
    from indsigt.coding.review import list_codings
    from indsigt.interchange import export_study
    from indsigt.stats import study_statistics
    from indsigt.units import build_units

    assert Project.batch is run_batch
    assert Project.codings is list_codings
    assert Project.export is export_study
    assert Project.statistics is study_statistics
    assert Project.units is build_units


def test_the_facade_imports_a_stage_when_first_used(tmp_path: Any) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "import indsigt\n"
            f"project = indsigt.init_study({str(tmp_path / 's.db')!r})\n"
            "before = 'indsigt.stats' in sys.modules or 'indsigt.batch.job' in sys.modules\n"
            "print(before, project.statistics().totals['documents'], 'indsigt.stats' in "
            "sys.modules, 'indsigt.batch.job' in sys.modules)\n",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.split() == ["False", "0", "True", "False"]


# Facade methods that are stage functions which gather the study's work of one command (options
# and defaults written once, in the stage), and the function each calls with the same keywords.
STUDY_STAGES = [
    ("quotes", "indsigt.quotes.select:study_quotes", "indsigt.quotes.select:select_quotes"),
    ("report", "indsigt.report.build:study_report", "indsigt.report.build:write_report"),
    ("matrix", "indsigt.matrix.build:study_matrix", "indsigt.matrix.build:build_matrix"),
    ("compare", "indsigt.analyse.compare:compare_study", "indsigt.analyse.compare:segment_table"),
    ("code", "indsigt.coding.run:run_coding", "indsigt.coding.settings:CoderSettings"),
]


@pytest.mark.parametrize(("method", "stage", "called"), STUDY_STAGES)
def test_a_facade_method_that_gathers_work_is_a_stage_function(
    method: str, stage: str, called: str
) -> None:
    assert getattr(Project, method) is library(stage)


# Functions that pass their options on to another stage function (``**options`` typed by a
# TypedDict; ``stagecall.forwards`` shows the called function's keywords and defaults).
FORWARDING = [
    ("indsigt.anonymise.review:findings_in_context", "indsigt.anonymise.review:findings"),
    ("indsigt.report.build:write_report", "indsigt.report.context:build_context"),
    (
        "indsigt.analyse.keypoints.study:scope_inputs",
        "indsigt.analyse.keypoints.scope:resolve_scope",
    ),
    ("indsigt.quotes.select:study_quotes", "indsigt.quotes.select:select_quotes"),
    ("indsigt.report.build:study_report", "indsigt.report.build:write_report"),
    ("indsigt.matrix.build:study_matrix", "indsigt.matrix.build:build_matrix"),
    ("indsigt.analyse.compare:compare_study", "indsigt.analyse.compare:segment_table"),
    (
        "indsigt.analyse.keypoints.generate:generate",
        "indsigt.analyse.keypoints.generate:draft",
    ),
]


@pytest.mark.parametrize(
    ("function", "stage"),
    [(stage, called) for _method, stage, called in STUDY_STAGES]
    + [pair for pair in FORWARDING if pair[0].startswith("indsigt.analyse.keypoints")],
)
def test_a_gathering_stage_default_is_the_called_stage_default(function: str, stage: str) -> None:
    """Where a function gathering a study's work names the options it passes on, each default
    is the called stage's (they cannot drift apart)."""
    import inspect

    facade = inspect.signature(library(function)).parameters
    called = inspect.signature(library(stage)).parameters
    shared = [
        name
        for name in facade
        if name in called
        and facade[name].default is not inspect.Parameter.empty
        and called[name].default is not inspect.Parameter.empty
    ]
    assert shared, f"{function} shares no option with {stage}"
    for name in shared:
        assert facade[name].default == called[name].default, (function, name)


# An option the function needs itself before the called one runs, so it keeps its own
# parameter (with the same default, checked): the report's language is checked before
# anything is read and words the model's summary.
USED_BEFORE_PASSED_ON = {"indsigt.report.build:write_report": {"lang"}}


@pytest.mark.parametrize(("function", "stage"), FORWARDING)
def test_a_gathering_stage_writes_none_of_the_called_stage_defaults(
    function: str, stage: str
) -> None:
    """Issue 19: `study_matrix`, `compare_study`, `keypoints.generate`, `scope_inputs`,
    `study_quotes`, `study_report`, `write_report` and `findings_in_context` restated the
    defaults of the function they call; now they take ``**options`` and show the called one's."""
    import inspect

    code = library(function).__code__
    written = code.co_varnames[code.co_argcount : code.co_argcount + code.co_kwonlyargcount]
    called = inspect.signature(library(stage)).parameters
    defaulted = {name for name, p in called.items() if p.default is not p.empty}
    assert code.co_flags & inspect.CO_VARKEYWORDS
    own = defaulted & set(written)
    assert own <= USED_BEFORE_PASSED_ON.get(function, set()), function
    for name in own:
        assert inspect.signature(library(function)).parameters[name].default == (
            called[name].default
        ), (function, name)
    shown = inspect.signature(library(function)).parameters
    assert {name for name in shown if name in defaulted}, function
    for name in shown:
        if name in defaulted:
            assert shown[name].default is called[name].default, (function, name)


def test_a_forwarded_option_the_called_function_lacks_is_refused() -> None:
    import inspect
    from typing import TypedDict

    from indsigt.stagecall import forwards

    class Options(TypedDict, total=False):
        k: int

    class Wider(Options, total=False):
        colour: str

    def called(*, k: int = 3) -> int:
        return k

    def caller(**options: Any) -> int:
        return called(**options)

    with pytest.raises(TypeError, match="colour"):
        forwards(caller, called, Wider)
    forwards(caller, called, Options)
    assert str(inspect.signature(caller)) == "(*, k: 'int' = 3) -> 'int'"


def test_serve_defaults_are_the_web_apps() -> None:
    from indsigt.web.server import serve

    for name in ("host", "port", "max_upload_mb"):
        assert option("serve", name).default == default_of(serve, name)


def test_a_default_of_an_extra_not_installed_is_none() -> None:
    """`indsigt serve --help` without the web extra shows no default rather than failing."""
    missing = LibraryDefault(["--host"], library="indsigt_not_installed.server:serve", type=str)
    assert missing.default is None
