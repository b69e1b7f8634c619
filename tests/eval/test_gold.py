"""The gold adapters on the real data, read in place from ../shared/data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import shared
from indsigt.errors import InputError
from indsigt.eval import load_gold


def test_pdpilot() -> None:
    gold = load_gold("pdpilot", shared("pdpilot-interviews"))
    assert gold.unit == "turn" and len(gold.codes) == 8
    assert {u.group for u in gold.units} == {f"P{k}" for k in range(1, 8)}
    assert gold.notes == ["1 coded segment(s) not found in the transcripts"]
    coded = [u for u in gold.units if u.labels]
    assert 400 < len(coded) < len(gold.units)
    assert all(u.text.split(":")[0] in {"Dan", "Participant", "Particpant"} for u in gold.units)


def test_gennovate() -> None:
    gold = load_gold("gennovate", shared("gennovate-focusgroups"))
    assert gold.unit == "quote" and len({u.group for u in gold.units}) == 20
    assert len(gold.codes) >= 32 and gold.descriptions["ASP_NON"]
    assert "BD3E_F" in {u.group for u in gold.units}


def test_games() -> None:
    gold = load_gold("games", shared("games-as-art-coded"))
    assert len(gold.codes) == 31 and len(gold.descriptions) == 31
    assert len(gold.units) > 300 and all(u.labels for u in gold.units)
    assert "**" not in " ".join(u.text for u in gold.units)


def test_cap() -> None:
    path = shared("dk-municipal-agendas-cap", "training_agendas.csv")
    gold = load_gold("cap", path)
    assert gold.single_label and len(gold.units) == 1000
    counts = Counter(next(iter(u.labels)) for u in gold.units)
    assert counts["14"] == 193 and "1407" not in counts
    minor = load_gold("cap", path, level="minor")
    assert "1407" in {next(iter(u.labels)) for u in minor.units}
    with pytest.raises(InputError, match="no 'coding' column"):
        load_gold("cap", shared("dk-municipal-agendas-cap", "test_agendas.csv"))


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text("id,text,codes,document\n1,Et,a;b,d1\n2,To,,d1\n3,Tre,b,d2\n", "utf-8")
    gold = load_gold("csv", path)
    assert [u.labels for u in gold.units] == [frozenset("ab"), frozenset(), frozenset("b")]
    assert [u.group for u in gold.units] == ["d1", "d1", "d2"] and not gold.single_label
    path.write_text("id,text,code\n1,Et,a\n2,To,\n", "utf-8")
    with pytest.raises(InputError, match="line 3"):
        load_gold("csv", path)
