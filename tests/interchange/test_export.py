"""Exporting a study as .qdpx: valid against Project.xsd, deterministic, positions as the standard
counts them, coders as users, no names from the sealed tables."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

import indsigt
from indsigt.guard import NotAnonymised
from indsigt.interchange import SchemaInvalid, export_qdpx, schema_errors
from indsigt.interchange.xmlutil import NS
from indsigt.store import schema

from .helpers import add_coding, add_note, make_study

N = {"q": NS}
TRANSCRIPT = (
    "I: Hvad betyder digitalisering for jer? 😀\n"
    "R1: Det betyder alt for os i Ærø Kommune. Vi er små, så vi må samarbejde.\n"
    "I: Hvordan mobiliserer I medarbejderne?\n"
    "R1: Ved at vise resultater 🇩🇰 hurtigt. Og ved at lytte.\n"
)


@pytest.fixture
def study(tmp_path: Path) -> indsigt.Project:
    project = make_study(
        tmp_path / "in",
        {"aeroe.txt": TRANSCRIPT},
        attributes={"aeroe.txt#S2": {"level": "kommune", "role": "kommunaldirektør"}},
        codes=[
            ("ledelse", "#3366CC", "Hvordan ledere leder."),
            ("ledelse/mobilisering", "#aa0000", "At få organisationen med."),
            ("muligheder/samarbejde", "", ""),  # no code "muligheder": a non-codable parent
            ("ugyldig farve", "red", ""),
        ],
    )
    passages = project.passages()
    by_text = {p.text: p.id for p in passages}
    add_coding(
        project, by_text["Ved at vise resultater 🇩🇰 hurtigt."], "ledelse/mobilisering", "anna"
    )
    add_coding(
        project,
        by_text["Ved at vise resultater 🇩🇰 hurtigt."],
        "ledelse/mobilisering",
        "keyword.v1",
        status="suggested",
        score=0.75,
    )
    add_coding(
        project,
        by_text["Vi er små, så vi må samarbejde."],
        "muligheder/samarbejde",
        "similarity.v2",
        status="rejected",
    )
    add_note(project, "Memo om Ærø", "Interessant\nsvar.", document_id=passages[0].document_id)
    add_note(project, "Om koden", "Bred kode.", author="bo", code_path="ledelse")
    add_note(project, "Studiet", "Overordnet note.", author="keyword.v1")
    yield project
    project.close()


def qde(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def test_export_is_valid_against_project_xsd(
    study: indsigt.Project, tmp_path: Path, project_xsd: Path
) -> None:
    report = study.export(tmp_path / "out.qdpx", schema=project_xsd)
    assert report.validated
    assert (report.sources, report.codings, report.cases, report.notes) == (1, 3, 1, 3)
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        assert schema_errors(archive.read("project.qde"), project_xsd) == []


@pytest.mark.parametrize("line_endings", ["lf", "crlf"])
def test_positions_count_characters_of_the_source_file(
    study: indsigt.Project, tmp_path: Path, project_xsd: Path, line_endings: str
) -> None:
    out = tmp_path / f"{line_endings}.qdpx"
    study.export(out, line_endings=line_endings, schema=project_xsd)  # type: ignore[arg-type]
    root = qde(out)
    source = root.find("q:Sources/q:TextSource", N)
    assert source is not None
    path = source.get("plainTextPath", "")
    assert path.startswith("internal://")
    with zipfile.ZipFile(out) as archive:
        raw = archive.read("sources/" + path.removeprefix("internal://")).decode("utf-8")
    assert ("\r\n" in raw) == (line_endings == "crlf")
    texts = {
        raw[int(s.get("startPosition", "")) : int(s.get("endPosition", ""))]
        for s in source.findall("q:PlainTextSelection", N)
    }
    assert texts == {"Ved at vise resultater 🇩🇰 hurtigt.", "Vi er små, så vi må samarbejde."}


def test_export_is_deterministic(study: indsigt.Project, tmp_path: Path) -> None:
    study.export(tmp_path / "a.qdpx")
    study.export(tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()


def test_coders_become_users_machine_coders_by_name(study: indsigt.Project, tmp_path: Path) -> None:
    study.export(tmp_path / "out.qdpx")
    root = qde(tmp_path / "out.qdpx")
    users = {u.get("name"): u.get("guid") for u in root.iterfind("q:Users/q:User", N)}
    assert set(users) == {"anna", "bo", "indsigt keyword.v1", "indsigt similarity.v2"}
    selections = root.findall(".//q:PlainTextSelection", N)
    by_user = {s.get("creatingUser"): s for s in selections}
    machine = by_user[users["indsigt keyword.v1"]]
    assert (
        machine.findtext("q:Description", namespaces=N) == "indsigt: status=suggested; score=0.75"
    )
    coding = machine.find("q:Coding", N)
    assert coding is not None and coding.get("creatingUser") == users["indsigt keyword.v1"]
    human = by_user[users["anna"]]
    assert human.find("q:Description", N) is None  # accepted, no score: nothing to say
    rejected = by_user[users["indsigt similarity.v2"]]
    assert rejected.findtext("q:Description", namespaces=N) == "indsigt: status=rejected"


def test_code_system(study: indsigt.Project, tmp_path: Path) -> None:
    study.export(tmp_path / "out.qdpx")
    root = qde(tmp_path / "out.qdpx")
    top = {c.get("name"): c for c in root.iterfind("q:CodeBook/q:Codes/q:Code", N)}
    assert set(top) == {"ledelse", "muligheder", "ugyldig farve"}
    assert top["ledelse"].get("color") == "#3366CC"
    assert top["ledelse"].findtext("q:Description", namespaces=N) == "Hvordan ledere leder."
    child = top["ledelse"].find("q:Code", N)
    assert child is not None and child.get("name") == "mobilisering"
    assert child.get("color") == "#aa0000"
    assert top["muligheder"].get("isCodable") == "false"
    assert top["ugyldig farve"].get("color") is None  # "red" is not an RGB value


def test_notes_are_attached(study: indsigt.Project, tmp_path: Path) -> None:
    study.export(tmp_path / "out.qdpx")
    root = qde(tmp_path / "out.qdpx")
    notes = {n.get("name"): n.get("guid") for n in root.iterfind("q:Notes/q:Note", N)}
    assert set(notes) == {"Memo om Ærø", "Om koden", "Studiet"}
    source = root.find("q:Sources/q:TextSource", N)
    assert source is not None
    assert [r.get("targetGUID") for r in source.iterfind("q:NoteRef", N)] == [notes["Memo om Ærø"]]
    code = root.find("q:CodeBook/q:Codes/q:Code[@name='ledelse']", N)
    assert code is not None
    assert [r.get("targetGUID") for r in code.iterfind("q:NoteRef", N)] == [notes["Om koden"]]
    assert [r.get("targetGUID") for r in root.iterfind("q:NoteRef", N)] == [notes["Studiet"]]


def test_cases_and_variables(study: indsigt.Project, tmp_path: Path) -> None:
    study.export(tmp_path / "out.qdpx")
    root = qde(tmp_path / "out.qdpx")
    variables = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", N)}
    assert sorted(variables.values()) == ["level"]  # role is identifying: sealed
    (case,) = root.iterfind("q:Cases/q:Case", N)
    assert case.get("name") == "Respondent 1"
    values = {
        variables[v.find("q:VariableRef", N).get("targetGUID")]: v.findtext(
            "q:TextValue", namespaces=N
        )  # type: ignore[union-attr]
        for v in case.iterfind("q:VariableValue", N)
    }
    assert values == {"level": "kommune"}
    source = root.find("q:Sources/q:TextSource", N)
    assert source is not None
    assert [r.get("targetGUID") for r in case.iterfind("q:SourceRef", N)] == [source.get("guid")]


def test_names_from_the_identity_table_are_never_exported(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    sheet = tmp_path / "in" / "respondents.yaml"
    sheet.write_text(
        "respondents:\n"
        "  - {respondent: K1, speaker: R, name: Mette Kjærgaard Holm, level: kommune}\n"
        "interviewers:\n"
        "  - {speaker: I, name: Anders Bech}\n",
        encoding="utf-8",
    )
    (tmp_path / "in" / "k1.txt").write_text("I: Hvordan går det?\nR: Godt.\n", encoding="utf-8")
    with indsigt.init_study(tmp_path / "s.db", anonymisation_required=False) as project:
        project.import_files([tmp_path / "in" / "k1.txt"], respondents=sheet)
        project.export(tmp_path / "out.qdpx")
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    for name in ("Mette", "Kjærgaard", "Anders Bech", "K1"):
        assert name.encode() not in everything
    assert b"kommune" in everything


def test_a_study_that_needs_anonymisation_is_refused(tmp_path: Path) -> None:
    project = make_study(tmp_path, {"a.txt": TRANSCRIPT}, anonymisation_required=True)
    with project, pytest.raises(NotAnonymised, match="REFI-QDA export"):
        project.export(tmp_path / "out.qdpx")
    assert not (tmp_path / "out.qdpx").exists()


def test_validation_failure_writes_nothing(
    study: indsigt.Project, tmp_path: Path, project_xsd: Path
) -> None:
    strict = tmp_path / "strict.xsd"  # Project.xsd with a Project that allows no children
    strict.write_text(
        project_xsd.read_text(encoding="utf-8").replace(
            '<xsd:element name="Users" type="UsersType" minOccurs="0"/>', ""
        ),
        encoding="utf-8",
    )
    with pytest.raises(SchemaInvalid, match=r"out\.qdpx: project\.qde: does not conform"):
        study.export(tmp_path / "out.qdpx", schema=strict)
    assert not (tmp_path / "out.qdpx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_unknown_format_and_bad_output(study: indsigt.Project, tmp_path: Path) -> None:
    with pytest.raises(indsigt.IndsigtError, match="unknown export format 'nvp'"):
        study.export(tmp_path / "out.nvp", format="nvp")
    with pytest.raises(indsigt.IndsigtError, match="is a directory"):
        study.export(tmp_path)
    with pytest.raises(indsigt.IndsigtError, match="does not exist"):
        study.export(tmp_path / "nowhere" / "out.qdpx")


def test_export_function_takes_store_and_study(study: indsigt.Project, tmp_path: Path) -> None:
    report = export_qdpx(study.store, study.study, tmp_path / "x.qdpx")
    assert report.path.endswith("x.qdpx") and not report.validated


def test_identifying_attributes_and_file_names_are_sealed(
    study: indsigt.Project, tmp_path: Path
) -> None:
    """Regression (issue 15): the export held the respondents' organisation and role as case
    variables and named its sources after their files ("dk01_kommune_viborg.txt")."""
    with study.store.begin() as connection:
        connection.execute(
            schema.respondent.update().values(
                attributes={
                    "level": "kommune",
                    "role": "kommunaldirektør",
                    "organisation": "Vesthimmerland",
                }
            )
        )
    study.export(tmp_path / "out.qdpx")
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        qde_text = archive.read("project.qde").decode("utf-8")
    assert "kommunaldirektør" not in qde_text and "Vesthimmerland" not in qde_text
    assert "aeroe" not in qde_text
    root = qde(tmp_path / "out.qdpx")
    names = [s.get("name") for s in root.iterfind("q:Sources/q:TextSource", N)]
    assert names == ["Interview 1"]
    study.change_setting("attribute:role", "publishable")
    study.export(tmp_path / "again.qdpx")
    root = qde(tmp_path / "again.qdpx")
    variables = sorted(v.get("name") for v in root.iterfind("q:Variables/q:Variable", N))
    assert variables == ["level", "role"]  # marked publishable by the study


def test_export_warns_when_attributes_single_out_a_respondent(
    study: indsigt.Project, tmp_path: Path
) -> None:
    report = study.export(tmp_path / "out.qdpx")
    assert report.warnings and "level=kommune" in report.warnings[0]  # one respondent only


def test_export_writes_the_open_study_of_a_store_with_two(
    study: indsigt.Project, tmp_path: Path
) -> None:
    """`Project.export` is the stage function by study id: the study exported is the one open,
    not the store's first."""
    from indsigt import queries
    from indsigt.store import graph

    with study.store.begin() as connection:
        graph.create_study(
            connection, study.store, name="anden", language="da", anonymisation_required=False
        )
    other = indsigt.Project(study.store, queries.study(study.store, name="anden"))
    other.export(tmp_path / "other.qdpx")
    study.export(tmp_path / "first.qdpx")
    assert qde(tmp_path / "other.qdpx").findall("q:Sources/*", N) == []
    assert qde(tmp_path / "first.qdpx").findall("q:Sources/*", N) != []
