"""User text is printed literally by the command line: no rich markup, no emoji codes.

A transcript may contain ``:x:``, ``:thumbs_up:`` or ``[bold]`` (issue 18, item 14); a study,
document or user name may too. Every command that prints user text shows it as written."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner, Result

from indsigt.cli import main

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TRAP = "Svaret er :x: og :thumbs_up: og [bold]fed[/bold] og [/] slut"


def run(*args: str | Path, code: int = 0) -> Result:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code == code, (result.output, result.exception)
    return result


def plain(result: Result) -> str:
    return ANSI.sub("", result.stdout)


def literal(out: str, text: str = TRAP) -> bool:
    """``text`` is in ``out`` as written (the table may fold it, so compare without spaces)."""
    squeeze = re.compile(r"[\s│┃|]+")
    return squeeze.sub("", text) in squeeze.sub("", out)


def test_show_and_ls_print_transcript_text_literally(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    run("init", path, "--name", "Studie :x: [b]")
    source = tmp_path / "int :x: [i].txt"
    source.write_text(f"I: Hvad siger du :smile:?\n\nR: {TRAP}.\n", encoding="utf-8")
    run("import", path, source)

    out = plain(run("show", path, "int"))
    assert literal(out) and ":smile:" in out
    assert "❌" not in out and "👍" not in out and "😄" not in out
    assert out.startswith("int :x: [i].txt (txt")

    out = plain(run("ls", path, "passages"))
    assert literal(out), out
    assert "❌" not in out and "👍" not in out

    out = plain(run("ls", path))
    assert "int :x: [i].txt" in out and "❌" not in out


def test_messages_with_user_names_are_literal(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    out = plain(run("init", path, "--name", "Studie :x: [b]x[/b]"))
    assert "Studie :x: [b]x[/b]" in out and "❌" not in out
    source = tmp_path / "a :x: [b].txt"
    source.write_text("I: Hej.\n\nR: Hej.\n", encoding="utf-8")
    run("import", path, source)
    out = plain(run("import", path, source))
    assert "skipped a :x: [b].txt" in out and "❌" not in out
