"""One rule tells a person from a coding component (issue 19: the web app, the report and the
REFI-QDA adapter had three regular expressions that disagreed on names such as
"ensemble.v1[keyword.v1]", "1st.v1", "a b.v1" and "@team.v2")."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt
from indsigt.errors import IndsigtError
from indsigt.interchange.names import coder_name, user_name
from indsigt.records import is_machine_coder

MACHINES = [
    "keyword.v1",
    "ensemble.v2",
    "acme.tone.v3",
    "my-coder.v10",
    "anonymise.v1[cpr.v1,phone.v1]",
    "1st.v1",
]
PEOPLE = ["anna", "ann.berg", "anna@example.org", "a b.v1", "@team.v2", "keyword.v1x", "v1"]


@pytest.mark.parametrize("name", MACHINES)
def test_components(name: str) -> None:
    assert is_machine_coder(name)
    assert user_name(name) == f"indsigt {name}" and coder_name(user_name(name)) == name


@pytest.mark.parametrize("name", PEOPLE)
def test_people(name: str) -> None:
    assert not is_machine_coder(name)
    assert user_name(name) == name and coder_name(name) == name


def test_the_web_app_keeps_component_names_for_components(tmp_path: Path) -> None:
    from indsigt.web.auth import add_user

    with indsigt.init_study(tmp_path / "s.db") as study:
        for name in ("keyword.v1", "acme.tone.v3", "1st.v1"):
            with pytest.raises(IndsigtError, match="kept for coding components"):
                add_user(study.store, name, "a long password", role="coder")
        add_user(study.store, "ann.berg", "a long password", role="coder")
