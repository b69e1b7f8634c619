"""Quote selection on a small hand-coded study."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.quotes import select_quotes
from indsigt.store import schema
from indsigt.store.store import now

SAYINGS = [
    "Vi har brugt data til at forudsige, hvilke borgere der får brug for hjælp, og det har "
    "ændret måden vi planlægger hjemmeplejen på i hele kommunen.",
    "Kunstig intelligens kan aflaste sagsbehandlerne, men kun hvis vi tør afprøve den i små "
    "forsøg først og lærer af fejlene undervejs sammen med medarbejderne.",
    "Vores gamle fagsystemer taler ikke sammen, så data ligger i siloer, og det gør det svært "
    "at bruge dem til at skabe bedre velfærd for borgerne.",
    "Og det var jo også derfor, at vi valgte at samle alle data i én platform sidste år, "
    "selv om det kostede mange penge og krævede meget af organisationen.",
    "Mette Kjærgaard Holm sagde til mig, at data er det vigtigste råstof, vi har i den "
    "offentlige sektor, og at vi skal passe på det.",
]


def _study(tmp_path: Path, *, levels: list[str]) -> indsigt.Project:
    paths, rows = [], []
    for i, level in enumerate(levels):
        text = f"I: Hvad med data?\nR: {SAYINGS[i % len(SAYINGS)]} Kort svar.\n"
        path = tmp_path / f"i{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        rows.append(f"i{i},R,P{i},{level},Navn{i}")
    rows.append("i4,I,,,Mette Kjærgaard Holm")
    sheet = tmp_path / "r.csv"
    sheet.write_text("document,speaker,respondent,level,name\n" + "\n".join(rows) + "\n")
    project = indsigt.init_study(
        tmp_path / "s.db", anonymisation_required=False, respondent_noun="Leder"
    )
    project.import_files(paths, respondents=sheet)
    with project.store.begin() as connection:
        code_id = connection.execute(
            schema.code.insert().values(
                study_id=project.study.id,
                path="Muligheder/Data",
                labels={},
                definition="",
                include_rule="",
                exclude_rule="",
                keywords=[],
                examples=[],
                color="",
            )
        ).inserted_primary_key[0]
        for passage in project.passages():
            if "data" in passage.text.lower() and not passage.text.startswith("Hvad"):
                connection.execute(
                    schema.coding.insert().values(
                        passage_id=passage.id,
                        code_id=code_id,
                        coder="ann",
                        score=None,
                        status="accepted",
                        evidence={},
                        created_at=now(),
                    )
                )
    return project


def test_quotes_are_whole_diverse_and_attributed(tmp_path: Path) -> None:
    levels = ["kommune", "kommune", "region", "stat", "kommune"]
    with _study(tmp_path, levels=levels) as project:
        quotes = select_quotes(project.store, project.study.id, code="Muligheder", n=2)
        # Three quotable passages mention data (the fifth names a participant); with only
        # three, the one that starts "Og det var jo" is used rather than nothing.
        three = select_quotes(project.store, project.study.id, code="Muligheder", n=3)
    assert len(quotes) == 2 and len(three) == 3
    assert any("refers back" in w for q in three for w in q.warnings)
    assert len({q.respondent_id for q in quotes}) == 2
    for quote in quotes:
        assert 12 <= len(quote.text.split()) <= 60
        assert quote.text in {s for s in SAYINGS} | {s + " Kort svar." for s in SAYINGS}
        assert quote.attribution in {"Leder i kommune", "Leder i region", "Leder i staten"}
    texts = " ".join(q.text for q in quotes)
    assert "Og det var jo" not in texts  # a dangling start is avoided when others exist
    assert "Mette" not in texts  # a participant's name excludes a quote
    assert {q.attribution for q in quotes} == {"Leder i kommune", "Leder i region"}


def test_small_label_groups_warn(tmp_path: Path) -> None:
    with _study(tmp_path, levels=["kommune", "kommune", "region", "stat", "kommune"]) as p:
        quotes = select_quotes(p.store, p.study.id, code="Muligheder/Data", n=4, k=3)
    warned = {q.attribution for q in quotes if any("covers only" in w for w in q.warnings)}
    assert warned == {"Leder i region", "Leder i staten"}
    english = select_quotes(p.store, p.study.id, code="Muligheder/Data", n=1, lang="en")
    assert english[0].attribution.endswith("leader")


def test_quotes_and_the_report_print_the_same_label(tmp_path: Path) -> None:
    """One attribution rule (issue 19): `indsigt quotes` printed "State leader" where the
    report printed "Central government leader"."""
    from indsigt.anonymise.attribution import attribution_label
    from indsigt.settings import noun_of

    with _study(tmp_path, levels=["stat"] * 5) as p:
        quotes = select_quotes(p.store, p.study.id, code="Muligheder", n=1, lang="en")
        with p.store.connect() as connection:
            noun = noun_of(connection, p.study.id, "en")
    expected = attribution_label({"level": "stat"}, level="level", language="en", noun=noun)
    assert quotes[0].attribution == expected == "Central government leader"


def test_quotes_need_anonymised_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("I: Hej?\nR: Hej med dig, jeg hedder noget.\n")
    with indsigt.init_study(tmp_path / "s.db", respondent_noun="Leder") as project:
        project.import_files([tmp_path / "a.txt"])
        with pytest.raises(indsigt.IndsigtError, match="anonymise"):
            select_quotes(project.store, project.study.id)


def test_quotes_cli(tmp_path: Path) -> None:
    _study(tmp_path, levels=["kommune", "region", "stat", "kommune", "region"]).close()
    result = CliRunner().invoke(
        main, ["quotes", str(tmp_path / "s.db"), "--code", "Muligheder/Data", "--n", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["Muligheder/Data"]) == 2
    assert all(q["printed"] and "øh" not in q["printed"] for q in data["Muligheder/Data"])
    text = CliRunner().invoke(main, ["quotes", str(tmp_path / "s.db")])
    assert "— Leder i" in text.output


def test_quotes_are_printed_as_the_report_prints_them(tmp_path: Path) -> None:
    """`indsigt quotes` printed the verbatim text ("… not knowing. Um. In …") under the code's
    path ("drivkraefter") where the report prints it publishable under its label."""
    from indsigt.quotes.select import Quote

    with _study(tmp_path, levels=["kommune", "region", "stat", "kommune", "region"]) as p:
        with p.store.begin() as connection:
            connection.execute(
                schema.code.update()
                .where(schema.code.c.path == "Muligheder/Data")
                .values(labels={"da": "Data på tværs"})
            )
            connection.execute(
                schema.passage.update()
                .where(schema.passage.c.text.like("%data%"))
                .values(text=schema.passage.c.text + " Øh. Og så videre, øh, ja")
            )
        quotes = select_quotes(p.store, p.study.id, code="Muligheder/Data", n=2)
    assert quotes and all(isinstance(q, Quote) and "Øh" in q.text for q in quotes)
    assert all("øh" not in q.printed.lower() for q in quotes), [q.printed for q in quotes]
    shown = ["quotes", str(tmp_path / "s.db"), "--code", "Muligheder/Data"]
    result = CliRunner().invoke(main, shown)
    assert "Data på tværs (Muligheder/Data)" in result.output, result.output
    assert "Øh" not in result.output


def test_what_a_code_is_about_steers_the_first_quote(tmp_path: Path) -> None:
    with _study(tmp_path, levels=["kommune", "region", "stat", "kommune", "kommune"]) as p:
        legacy = select_quotes(
            p.store, p.study.id, code="Muligheder", n=1, about="gamle fagsystemer siloer"
        )
        ai = select_quotes(
            p.store, p.study.id, code="Muligheder", n=1, about="forudsige hjemmeplejen planlægger"
        )
        # the code's own definition is the default description
        with p.store.begin() as connection:
            connection.execute(
                schema.code.update()
                .where(schema.code.c.path == "Muligheder/Data")
                .values(definition="Gamle fagsystemer, der ikke taler sammen; data i siloer.")
            )
        by_definition = select_quotes(p.store, p.study.id, code="Muligheder/Data", n=1)
    assert "fagsystemer" in legacy[0].text
    assert "hjemmeplejen" in ai[0].text
    assert "fagsystemer" in by_definition[0].text


def test_quotes_know_documents_by_neutral_names(tmp_path: Path) -> None:
    """Regression (issue 15): quotes carried the source file name."""
    with _study(tmp_path, levels=["kommune", "kommune", "region", "stat", "kommune"]) as p:
        quotes = select_quotes(p.store, p.study.id, code="Muligheder", n=3)
    assert quotes and all(q.document.startswith("Interview ") for q in quotes)


def test_publishable_attributes_that_single_out_the_speaker_warn(tmp_path: Path) -> None:
    with _study(tmp_path, levels=["kommune", "kommune", "region", "stat", "kommune"]) as p:
        quotes = select_quotes(p.store, p.study.id, code="Muligheder", n=3, k=3)
    single = [q for q in quotes if q.attribution != "Leder i kommune"]
    assert single and all(any("single out 1" in w for w in q.warnings) for q in single)


QUESTION_STUDY = [
    "We use the data platform to plan the home care for the citizens in our municipality "
    "every single week.",
    "Our case workers share data about the citizens across all the departments through "
    "the platform now.",
    "Could you tell me how the data platform plans the home care and lets the case workers "
    "share data about the citizens across the departments?",
]


def _answered(tmp_path: Path, sayings: list[str]) -> indsigt.Project:
    """A study of one interview per saying, each the participant's answer to one question."""
    paths = []
    for i, saying in enumerate(sayings):
        path = tmp_path / f"p{i}.txt"
        path.write_text(f"Interviewer: What about data?\nParticipant: {saying}\n", "utf-8")
        paths.append(path)
    project = indsigt.init_study(tmp_path / "q.db", anonymisation_required=False)
    project.import_files(paths)
    return project


def test_a_question_is_no_quote_while_statements_are_left(tmp_path: Path) -> None:
    # pdpilot: "Could you remind me what that one did, …? But can you remind me what that
    # one did?" was a report quote for a theme. A respondent's question says nothing.
    with _answered(tmp_path, QUESTION_STUDY) as project:
        ids = [p.id for p in project.passages() if "platform" in p.text]
        assert len(ids) == 3
        for n in (1, 2):
            quotes = select_quotes(project.store, project.study.id, passage_ids=ids, n=n)
            assert len(quotes) == n
            assert not any(q.text.endswith("?") for q in quotes), [q.text for q in quotes]
        three = select_quotes(project.store, project.study.id, passage_ids=ids, n=3)
    asked = [q for q in three if q.text.endswith("?")]  # only when nothing else is left
    assert len(asked) == 1 and "is a question, not a statement" in asked[0].warnings


def test_a_quote_that_breaks_off_is_chosen_last(tmp_path: Path) -> None:
    """pdpilot's report quoted "… the SHAP plots are. But it's typically it looks like.": a
    thought broken off is a quote only when nothing else is left."""
    from indsigt.quotes.candidates import breaks_off

    assert breaks_off("But it's typically it looks like.") and breaks_off("we could, um...")
    assert not breaks_off("Vi deler data på tværs af afdelingerne.")
    sayings = [
        *QUESTION_STUDY[:2],
        "We use the data platform for the home care of the citizens and it's typically "
        "the case workers that are probably.",
    ]
    with _answered(tmp_path, sayings) as project:
        ids = [p.id for p in project.passages() if "platform" in p.text or "probably" in p.text]
        two = select_quotes(project.store, project.study.id, passage_ids=ids, n=2)
        three = select_quotes(project.store, project.study.id, passage_ids=ids, n=3)
    assert not any("probably" in q.text for q in two), [q.text for q in two]
    broken = [q for q in three if "probably" in q.text]
    assert len(broken) == 1 and "breaks off before the thought ends" in broken[0].warnings


def test_a_quote_that_says_little_is_chosen_last(tmp_path: Path) -> None:
    """pdpilot's report quoted "If there was like something else, I think it would be that
    would make it." and "You know, I mean, like places where …" for its themes: a quote with
    almost no content words, thick with fillers or talking to the interviewer is a quote only
    when nothing else is left."""
    sayings = [
        *QUESTION_STUDY[:2],
        "If there was like something else, I think it would be that would make it.",
        "You know, I mean, like places where we know we have very different and heterogeneous "
        "populations, but I don't think of anything too.",
        "Uh, I wasn't able to perform well, uh, between those you asked me to do no.",
    ]
    with _answered(tmp_path, sayings) as project:
        ids = [p.id for p in project.passages() if p.text != "What about data?"]
        two = select_quotes(project.store, project.study.id, passage_ids=ids, n=2)
        five = select_quotes(project.store, project.study.id, passage_ids=ids, n=5)
    assert sorted(q.text for q in two) == sorted(QUESTION_STUDY[:2])
    little = [q for q in five if q.text not in QUESTION_STUDY]
    assert len(little) == 3
    assert all(any(w.startswith("says little: it ") for w in q.warnings) for q in little)


def test_a_quote_starts_after_the_question_the_respondent_repeats(tmp_path: Path) -> None:
    """pdpilot's P320: "Do I use both PDP and ICE plots? Honestly, …" opened on the
    respondent repeating the interviewer's question; the answer starts after it."""
    path = tmp_path / "p1.txt"
    path.write_text(
        "Interviewer: So the first question is, do you use PDP and ICE plots in your work?\n"
        "Participant: Do I use both PDP and ICE plots? Honestly, I don't think we will use ICE "
        "plots because our sample size is so huge, we have to down sample.\n",
        "utf-8",
    )
    with indsigt.init_study(tmp_path / "e.db", anonymisation_required=False) as project:
        project.import_files([path])
        ids = [p.id for p in project.passages() if "ICE" in p.text]
        quotes = select_quotes(project.store, project.study.id, passage_ids=ids, n=2)
    assert quotes and all(q.text.startswith("Honestly, I don't think") for q in quotes), [
        q.text for q in quotes
    ]


def test_a_quote_starts_after_the_question_that_opens_the_turn(tmp_path: Path) -> None:
    """pdpilot's P1394: "Do you use both one-way and two-way plots? Typically, yes, …" opens
    a respondent's turn (the interviewer's question transcribed into it); the answer starts
    after it."""
    path = tmp_path / "p1.txt"
    path.write_text(
        "Interviewer: Thank you, that was the first part.\n"
        "Participant: Do you use both one-way and two-way plots? Typically, yes, I would use "
        "two-way plots, but I definitely don't have exposure to this.\n",
        "utf-8",
    )
    with indsigt.init_study(tmp_path / "t.db", anonymisation_required=False) as project:
        project.import_files([path])
        ids = [p.id for p in project.passages() if "plots" in p.text]
        quotes = select_quotes(project.store, project.study.id, passage_ids=ids, n=2)
    assert quotes and all(q.text.startswith("Typically, yes") for q in quotes), [
        q.text for q in quotes
    ]


PDPILOT_WEAK = [
    "If there was like something else, I think it would be that would make it.",
    "You know, I mean, like places where we know we have very different and heterogeneous "
    "populations, but I don't think of anything too.",
    "Uh, I wasn't able to perform well, uh, between those you asked me to do no.",
    "Oh, we did briefly talk about, well, I don't think you want to invite three way "
    "interactions in here, but that like might be something. Yeah, no, I don't think you want "
    "to, but.",
]


def test_too_few_whole_quotes_come_first_and_the_rest_after_them(tmp_path: Path) -> None:
    """pdpilot's report: a theme with five whole quotes where six were asked for (three and
    three spares) chose from all its candidates alike and printed "…, I don't think you want
    to, but."; the whole ones come first, the others after them."""
    with _answered(tmp_path, [*QUESTION_STUDY[:2], *PDPILOT_WEAK]) as project:
        ids = [p.id for p in project.passages() if p.text != "What about data?"]
        four = select_quotes(project.store, project.study.id, passage_ids=ids, n=4)
    whole = [q for q in four if not q.warnings]
    assert len(whole) == 3 and four[:3] == whole, [(q.text, q.warnings) for q in four]
    # the first sentence alone is whole ("…, but that like might be something.")
    assert any(q.text.endswith("might be something.") for q in whole)


def test_a_quote_is_judged_as_it_is_printed(tmp_path: Path) -> None:
    """pdpilot's "Yeah, but of course like going on to pain points. …" was printed "But of
    course …": its first word points back once "Yeah," is gone."""
    from indsigt.quotes.candidates import load_candidates

    said = (
        "Yeah, but of course like going on to pain points. Like I think the thing that gives "
        "me the most heartburn with that is all of that of course is a very, very top down "
        "global approach to it."
    )
    with _answered(tmp_path, [said]) as project:
        ids = [p.id for p in project.passages() if p.text != "What about data?"]
        found = load_candidates(project.store, project.study.id, code=None, passage_ids=ids)
    both = next(c for c in found if c.text.startswith("Yeah"))
    assert both.dangling
