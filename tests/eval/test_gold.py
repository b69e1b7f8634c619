"""The gold adapters on the real data, read in place from ../shared/data."""

from __future__ import annotations

import re
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
    # P2's text from line 253 on carries the PDF margin's line numbers; the importer drops them
    assert not any(re.search(r"\b69\s+70\s+71\b", u.text) for u in gold.units)


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


def test_gennovate_context() -> None:
    """Each quote knows the guide question it answers (data_container, worded from the
    QUESTIONS file), the other quotes of that answer and the quote before it."""
    gold = load_gold("gennovate", shared("gennovate-focusgroups"))
    by_id = {u.id: u for u in gold.units}
    dream = next(u for u in gold.units if u.text.startswith("My dream was to get married"))
    assert dream.question.startswith("E.10 When you finished your education, did you have")
    assert "become a good nurse" in dream.neighbours and dream.text not in dream.neighbours
    assert "My dream was to get married" not in dream.neighbours  # a longer quote holding it
    later = [u for u in gold.units if u.group == dream.group and u.previous]
    assert later and all(by_id[u.previous].group == u.group for u in later)
    assert all(by_id[u.previous].question != u.question for u in later)
    assert sum(bool(u.question) for u in gold.units) > 0.9 * len(gold.units)
    # Positions order a document's quotes answer by answer (what the learner smooths by):
    # distinct, and the quotes of one answer next to each other.
    assert len({u.position for u in gold.units}) == len(gold.units) and dream.position >= 0
    answer = sorted(
        u.position for u in gold.units if u.group == dream.group and u.question == dream.question
    )
    assert answer == list(range(answer[0], answer[0] + len(answer)))


def test_pdpilot_context() -> None:
    gold = load_gold("pdpilot", shared("pdpilot-interviews"))
    answer = next(u for u in gold.units if u.text == "Participant: Yeah, we use PDP and ICE plots.")
    assert answer.question == "And do you use both PDP and ICE plots?"
    assert "Dan: And do you use both PDP and ICE plots?" in answer.neighbours
    previous = next(u for u in gold.units if u.id == answer.previous)
    assert previous.text == "Dan: And do you use both PDP and ICE plots?"
    assert all(u.previous == "" for u in gold.units if u.id.endswith(":0"))
    # Each turn's position in its interview: what the learner smooths by (stop 27).
    assert previous.position == answer.position - 1 and previous.group == answer.group
    assert all(u.position == int(u.id.split(":")[1]) for u in gold.units)
