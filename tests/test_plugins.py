"""Plugins: one precedence rule for every component family (a plugin's component overrides a
built-in of the same name), properties instead of fixed names, and the example plugin
(tests/plugin_example) installed as a package and run through the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import click
import pytest

import indsigt
from indsigt import cli  # imported before any test registers a plugin: `main` stays as shipped
from indsigt.anonymise.base import PER, Span
from indsigt.anonymise.detectors import detect
from indsigt.hookspecs import hookimpl
from indsigt.plugins import components, get_plugin_manager

EXAMPLE = Path(__file__).parent / "plugin_example"
TRANSCRIPT = (
    "I: Hvad driver jeres arbejde?\n"
    "R: Vi har automatiseret sagsbehandlingen med robotter, se sag SAG-2024-0042.\n"
    "R: Budgettet er etårigt, så investeringer skal betale sig hjem med det samme.\n"
)


@pytest.fixture
def register() -> Iterator[Any]:
    """Register plugins for one test; unregistered afterwards."""
    manager = get_plugin_manager()
    names: list[str] = []

    def add(plugin: object, name: str) -> None:
        manager.register(plugin, name=name)
        names.append(name)

    yield add
    for name in names:
        manager.unregister(name=name)


def _plugin(family: str, found: object) -> ModuleType:
    """A plugin object whose hook ``indsigt_<family>`` returns ``found``."""
    module = ModuleType(f"plugin_{family}")

    def hook() -> object:
        return found

    hook.__name__ = f"indsigt_{family}"
    setattr(module, hook.__name__, hookimpl(hook))
    return module


class _Fake:
    """Stands for any component: each family's lookup must return the plugin's class."""

    name: ClassVar[str] = "fake"
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    @classmethod
    def from_options(cls, options: object) -> _Fake:
        return cls()


def _lookups() -> dict[str, tuple[str, Any]]:
    from indsigt.anonymise.detectors import detector_classes, rule_detectors
    from indsigt.coding.run import coder_classes
    from indsigt.embed import embedder_factories, get_embedder
    from indsigt.ingest.registry import importers
    from indsigt.interchange.exporters import exporters
    from indsigt.report.formats import report_writers
    from indsigt.segment import get_segmenter
    from indsigt.themes.base import ThemeOptions
    from indsigt.themes.registry import theme_component

    return {
        # family: (a built-in's name, what the stage looks up under that name)
        "coders": ("keyword.v1", lambda: coder_classes()["keyword.v1"]),
        "embedders": ("tfidf", lambda: type(get_embedder("tfidf"))),
        "segmenters": ("turn", lambda: type(get_segmenter("turn"))),
        "detectors": ("cpr.v1", lambda: type(rule_detectors()[0])),
        "report_formats": ("md", lambda: report_writers()["md"]),
        "exporters": ("qdpx", lambda: exporters()["qdpx"]),
        "clusterers": (
            "kmeans.v1",
            lambda: type(theme_component("clusterers", "kmeans.v1", ThemeOptions())),
        ),
        "vectorisers": ("tfidf.v1", lambda: components("vectorisers")["tfidf.v1"]),
        "reducers": ("svd.v1", lambda: components("reducers")["svd.v1"]),
        "labellers": ("ctfidf.v1", lambda: components("labellers")["ctfidf.v1"]),
        "phrase_labellers": ("central.v4", lambda: components("phrase_labellers")["central.v4"]),
        "operators": ("redact", lambda: components("operators")["redact"]),
        "_embedder_table": ("tfidf", lambda: embedder_factories()["tfidf"]),
        "_detector_table": ("cpr.v1", lambda: detector_classes()["cpr.v1"]),
        "_importers": (".txt", lambda: type(importers()[".txt"])),
    }


@pytest.mark.parametrize("family", sorted(_lookups()))
def test_a_plugin_overrides_the_builtin_of_the_same_name(family: str, register: Any) -> None:
    """Before, built-ins won in ``embed`` and ``coding`` and lost in ``ingest``/``segment``."""
    name, lookup = _lookups()[family]
    assert lookup() is not _Fake
    hook = family.strip("_").removesuffix("_table")
    hook = {"embedder": "embedders", "detector": "detectors"}.get(hook, hook)
    register(_plugin(hook, [_Fake] if hook == "importers" else {name: _Fake}), f"fake-{family}")
    assert lookup() is _Fake


def test_plugins_win_whatever_order_pluggy_calls_them(register: Any) -> None:
    """A ``trylast`` plugin is called after the built-ins: it still overrides them."""
    module = ModuleType("late")

    def indsigt_coders() -> dict[str, type[_Fake]]:
        return {"keyword.v1": _Fake}

    module.indsigt_coders = hookimpl(trylast=True)(indsigt_coders)  # type: ignore[attr-defined]
    register(module, "late")
    assert components("coders")["keyword.v1"] is _Fake


class _ByRegex:
    """A plugin's person detector: "Jens Hansen" in full."""

    name: ClassVar[str] = "plugin-persons.v1"
    propagates: ClassVar[bool] = True

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        at = text.find("Jens Hansen")
        return [Span(at, at + len("Jens Hansen"), PER, 0.95, self.name)] if at >= 0 else []


class _Quiet(_ByRegex):
    propagates: ClassVar[bool] = False


def test_a_plugin_detector_seeds_name_propagation() -> None:
    """Propagation used to key on four built-in detector names."""
    text = "Jens Hansen ringede i går. Bagefter sagde Hansen, at han var enig."
    later = text.index("Hansen,")
    found = detect(text, [_ByRegex()])
    assert any(s.start == later and s.detector == "propagation.v1" for s in found)
    assert not any(s.start == later for s in detect(text, [_Quiet()]))


@pytest.fixture
def example(register: Any) -> ModuleType:
    """The example plugin's module, registered in this process."""
    sys.path.insert(0, str(EXAMPLE))
    try:
        import indsigt_example
    finally:
        sys.path.remove(str(EXAMPLE))
    register(indsigt_example, "example")
    return indsigt_example


def _study(folder: Path) -> Path:
    source = folder / "a.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    db = folder / "plugin.db"
    with indsigt.init_study(db) as study:
        study.import_files([source], unit="turn", language="da")
        study.import_codebook(default=True)
    return db


def test_the_example_plugin_in_process(example: ModuleType, tmp_path: Path) -> None:
    db = _study(tmp_path)
    with indsigt.open_study(db) as study:
        report = study.anonymise(model="none")
        assert report.detectors.get("caseno.v1") == 1
        assert any("[CASENO]" in p.text for p in study.passages())
        assert "SAG-2024-0042" not in " ".join(p.text for p in study.passages())
        coded = study.code(coders=["mentions"])
        assert coded.coders["mentions.v1"]["suggested"] == 1
        assert any("mentions.v1: 3 word(s) for ('da',)" in n for n in coded.notes)
        (row,) = study.codings(coder="mentions.v1")
        assert row.evidence == {"words": ["robotter"], "languages": ["da"]}


def test_a_plugin_coder_runs_in_a_batch_job(example: ModuleType, tmp_path: Path) -> None:
    """A plugin's coder whose class says ``per_partition`` codes a batch job's partitions,
    built with the job's settings (issue 19: batch jobs took keyword and supervised only)."""
    from indsigt.batch import InProcessEngine

    sheet = tmp_path / "answers.csv"
    sheet.write_text(
        "svar_id,svar\nS1,Vi har robotter i sagsbehandlingen.\nS2,Budgettet er stramt.\n"
        "S3,Robotterne tager rutinesagerne.\n",
        encoding="utf-8",
    )
    with indsigt.init_study(tmp_path / "batch.db") as study:
        study.import_codebook(default=True)
        report = study.batch(
            sheet,
            text_columns=["svar"],
            id_column="svar_id",
            language="da",
            coders=["mentions"],
            engine=InProcessEngine(),
            partition_size=2,
            model="none",
        )
        assert report.codings == {"mentions.v1": 2}
        assert any("mentions.v1: 3 word(s) for ('da',)" in note for note in report.notes)
        found = {tuple(row.evidence["words"]) for row in study.codings(coder="mentions.v1")}
        assert found == {("robotter",), ("robotterne",)}


def test_a_coder_without_the_partition_flag_stays_out_of_batch_jobs(
    register: Any, example: ModuleType, tmp_path: Path
) -> None:
    class Whole(example.MentionCoder):  # type: ignore[name-defined, misc]
        name: ClassVar[str] = "whole.v1"
        per_partition: ClassVar[bool] = False

    register(_plugin("coders", {"whole.v1": Whole}), "whole")
    sheet = tmp_path / "answers.csv"
    sheet.write_text("svar_id,svar\nS1,Robotter.\n", encoding="utf-8")
    with indsigt.init_study(tmp_path / "batch.db") as study:
        study.import_codebook(default=True)
        with pytest.raises(indsigt.IndsigtError, match=r"whole\.v1 does not run in batch jobs"):
            study.batch(sheet, text_columns=["svar"], coders=["whole"], model="none")


def test_plugin_commands_are_added_and_a_clash_is_refused(example: ModuleType) -> None:
    group = click.Group("indsigt")
    cli._plugin_commands(group)
    assert "example-count" in group.commands
    clash = click.Group("indsigt", commands=[click.Command("example-count")])
    builtin = clash.commands["example-count"]
    cli._plugin_commands(clash)
    assert clash.commands["example-count"] is builtin


def test_a_clash_is_reported(example: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    clash = click.Group("indsigt", commands=[click.Command("example-count")])
    cli._plugin_commands(clash)
    assert "plugin command 'example-count'" in capsys.readouterr().err


def test_a_plugin_coder_without_from_settings_is_refused(register: Any, tmp_path: Path) -> None:
    class Old:
        name: ClassVar[str] = "old.v1"

    register(_plugin("coders", {"old.v1": Old}), "old")
    with indsigt.open_study(_study(tmp_path)) as study:
        study.anonymise(model="none")
        with pytest.raises(indsigt.IndsigtError, match="has no from_settings"):
            study.code(coders=["old"])


@pytest.mark.slow
def test_the_example_plugin_installed(tmp_path: Path) -> None:
    """pip installs tests/plugin_example (offline: no build isolation, no dependencies) into a
    folder on ``PYTHONPATH`` (a venv made inside this venv would not see its packages);
    ``indsigt`` in a subprocess finds it by its entry point: the command is listed and runs,
    the detector redacts, the coder suggests with the run's settings."""
    source = tmp_path / "plugin_example"
    shutil.copytree(EXAMPLE, source)  # the build writes into the source tree
    site = tmp_path / "site"
    src = str(Path(indsigt.__file__).parents[1])  # this checkout's sources first, as here
    path = os.pathsep.join([str(site), src])
    env = {**os.environ, "PYTHONPATH": path, "PIP_NO_INDEX": "1"}
    install = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation"]
    install += ["--quiet", "--target", str(site), str(source)]
    done = subprocess.run(install, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    python = sys.executable

    def run(*args: str) -> str:
        result = subprocess.run(
            [python, "-m", "indsigt", *args], env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    db = _study(tmp_path)
    assert "example-count" in run("--help")
    assert run("example-count", str(db)).strip() == "1 document(s), 3 passage(s)"
    assert "CASENO 1" in run("anonymise", str(db), "--no-tagger")
    run("code", str(db), "--coder", "mentions")
    with indsigt.open_study(db) as study:
        assert any("[CASENO]" in p.text for p in study.passages())
        (row,) = study.codings(coder="mentions.v1")
        assert row.evidence["languages"] == ["da"]
