"""Speaker turns in running text (indsigt.ingest.turns): labels, continuation, preamble, roles."""

from __future__ import annotations

import pytest

from indsigt.ingest.builder import printed_label
from indsigt.ingest.turns import find_turns, guess_roles, role_word, speaker_name


def turns_of(text: str, known: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(t.speaker, text[t.start : t.end]) for t in find_turns(text, known_labels=known)]


def test_name_colon_text() -> None:
    text = (
        "Mette: Vi har lige fået ny strategi.\n"
        "Søren Ørsted: Hvordan tager medarbejderne den?\n"
        "Mette: Godt, faktisk.\n"
        "Søren Ørsted: Og ledelsen?\n"
    )
    assert turns_of(text) == [
        ("Mette", "Vi har lige fået ny strategi."),
        ("Søren Ørsted", "Hvordan tager medarbejderne den?"),
        ("Mette", "Godt, faktisk."),
        ("Søren Ørsted", "Og ledelsen?"),
    ]


def test_i_and_r1_labels() -> None:
    text = "I: Hvad er din rolle?\nR1: Jeg er direktør.\nI: Siden hvornår?\nR1: 2019.\n"
    assert turns_of(text) == [
        ("I", "Hvad er din rolle?"),
        ("R1", "Jeg er direktør."),
        ("I", "Siden hvornår?"),
        ("R1", "2019."),
    ]


@pytest.mark.parametrize("label", ["INTERVIEWER", "Interviewer", "Int", "I", "Moderator", "Q"])
def test_interviewer_role_words_count_even_once(label: str) -> None:
    text = f"{label}: Hvordan oplever du forandringen?\nR: Den er svær.\n"
    assert turns_of(text) == [
        (label, "Hvordan oplever du forandringen?"),
        ("R", "Den er svær."),
    ]
    assert guess_roles(text, find_turns(text))[label] == "interviewer"


def test_timestamped_labels() -> None:
    text = (
        "[00:01:02] Anne Holm: Hvad er det vigtigste lige nu?\n"
        "[00:01:09] Bo: Økonomien.\n"
        "[00:02:30] Anne Holm: Hvorfor?\n"
        "[00:02:41] Bo: Fordi budgettet er skåret.\n"
    )
    assert turns_of(text) == [
        ("Anne Holm", "Hvad er det vigtigste lige nu?"),
        ("Bo", "Økonomien."),
        ("Anne Holm", "Hvorfor?"),
        ("Bo", "Fordi budgettet er skåret."),
    ]


def test_timestamps_in_other_places() -> None:
    text = (
        "00:01:02 Anne: Hvad?\n(00:01:05) Bo: Ja.\nAnne [00:02:00]: Og så?\nBo (00:02:10): Nej.\n"
    )
    assert turns_of(text) == [("Anne", "Hvad?"), ("Bo", "Ja."), ("Anne", "Og så?"), ("Bo", "Nej.")]


def test_a_name_and_a_time_on_a_line_of_their_own() -> None:
    """Microsoft Teams and Otter.ai: the speaker and the time on one line, the turn below (the
    time's colon made "Anne Holm   0" the label and "03" the turn)."""
    text = (
        "Transskription\n7. december 2026, 10:02\n\n"
        "Anne Holm   0:03\nHvad er det vigtigste lige nu?\n\n"
        "Speaker 2   0:09\nØkonomien.\nOg tilliden.\n\n"
        "Anne Holm   1:02:30\nHvorfor?\n\n"
        "Speaker 2   (1:02:41)\nFordi budgettet er skåret.\n"
    )
    assert turns_of(text) == [
        ("Anne Holm", "Hvad er det vigtigste lige nu?"),
        ("Speaker 2", "Økonomien.\nOg tilliden."),
        ("Anne Holm", "Hvorfor?"),
        ("Speaker 2", "Fordi budgettet er skåret."),
    ]


def test_a_time_after_the_colon_is_not_speech() -> None:
    """Rev: "Name: (00:03)" and the turn on the next line."""
    text = "Anne: (00:03)\nHvad?\n\nBo: (00:09)\nJa.\nAnne: [00:12] Og så?\nBo: (00:15) Nej.\n"
    assert turns_of(text) == [("Anne", "Hvad?"), ("Bo", "Ja."), ("Anne", "Og så?"), ("Bo", "Nej.")]


def test_a_line_with_a_time_is_no_speaker_unless_it_reads_like_one() -> None:
    text = "Mødet begyndte 10:30\nMette: Hej.\nJens: Hej.\nMette: Ja.\nPause 10:45\nJens: Nej.\n"
    assert turns_of(text) == [("Mette", "Hej."), ("Jens", "Hej."), ("Mette", "Ja.\nPause 10:45"),
                              ("Jens", "Nej.")]  # fmt: skip


def starts_of(text: str) -> list[tuple[str, int | None]]:
    return [(t.speaker, t.start_ms) for t in find_turns(text)]


def test_the_time_in_a_label_is_the_turns_start() -> None:
    text = "[00:01:02] Anne: Hvad?\nBo (1:05.5): Ja.\nAnne: Og så?\nBo   1:02:03\nNej.\n"
    assert starts_of(text) == [("Anne", 62_000), ("Bo", 65_500), ("Anne", None), ("Bo", 3_723_000)]


def test_a_time_then_a_name_on_a_line_of_their_own() -> None:
    """Word's transcription ("00:00:03 Speaker 1" above the turn; the time's colon made "00"
    the speaker) and "[00:00:03] Name"; a speaker who speaks once in that form counts."""
    word = "00:00:03 Speaker 1\nHvad tænker du?\n\n00:00:09 Speaker 2\nDet er svært.\n"
    assert turns_of(word) == [("Speaker 1", "Hvad tænker du?"), ("Speaker 2", "Det er svært.")]
    named = (
        "[00:00:03] Mette Hansen\nHvad tænker du?\n\n[00:00:09] Bo Berg\nDet er svært.\n\n"
        "[00:00:15] Mette Hansen\nHvorfor?\n\n[00:00:19] Mette Hansen\nAltså helt konkret?\n"
    )
    assert [speaker for speaker, _ in turns_of(named)] == [
        "Mette Hansen",
        "Bo Berg",
        *["Mette Hansen"] * 2,
    ]
    assert starts_of(named)[1] == ("Bo Berg", 9_000)
    # a short paragraph of speech after its time is no speaker who speaks once
    timed = named.replace("Det er svært.", "Det er svært.\n[00:00:12] Okay.\nMen vi prøver.")
    assert [speaker for speaker, _ in turns_of(timed)] == [
        speaker for speaker, _ in turns_of(named)
    ]


def test_zoom_a_name_in_brackets_and_the_clock_above_the_turn() -> None:
    text = (
        "[Mette Hansen] 10:02:15\nHej allesammen. Hvad tænker I?\n\n"
        "[Bo Berg] 10:02:21\nDet er svært.\n\n[Mette Hansen] 10:02:30\nHvorfor?\n"
    )
    assert turns_of(text) == [
        ("Mette Hansen", "Hej allesammen. Hvad tænker I?"),
        ("Bo Berg", "Det er svært."),
        ("Mette Hansen", "Hvorfor?"),
    ]
    assert starts_of(text)[1] == ("Bo Berg", 36_141_000)


def test_a_numbered_speaker_counts_even_once() -> None:
    """Sonix ("Speaker 1: [00:00:00]"), Descript ("Speaker 1 (00:00)"), a diarisation's
    "SPEAKER_00", "Taler 2"."""
    sonix = "Speaker 1: [00:00:00] Hvad tænker du?\n\nSpeaker 2: [00:00:05] Det er svært.\n"
    assert turns_of(sonix) == [("Speaker 1", "Hvad tænker du?"), ("Speaker 2", "Det er svært.")]
    descript = "Speaker 1 (00:00)\nHvad?\n\nSpeaker 2 (00:05)\nJa.\n"
    assert turns_of(descript) == [("Speaker 1", "Hvad?"), ("Speaker 2", "Ja.")]
    assert turns_of("SPEAKER_00: Hvad?\nTaler 2: Ja.\n") == [
        ("SPEAKER_00", "Hvad?"),
        ("Taler 2", "Ja."),
    ]


def test_a_dash_after_a_role_word() -> None:
    text = (
        "Interview 3\n\nI - Hvad tænker du?\nR – Det er svært - altså.\nI — Hvorfor?\nR - Folk.\n"
    )
    assert turns_of(text) == [
        ("I", "Hvad tænker du?"),
        ("R", "Det er svært - altså."),
        ("I", "Hvorfor?"),
        ("R", "Folk."),
    ]


def test_a_tab_after_the_label() -> None:
    """A transcript kept in a table and pasted as text: "I<tab>Hvad?"."""
    text = "I\tHvad tænker du?\nR\tDet er svært.\nMette Holm\tJa.\nMette Holm\tNej.\n"
    assert turns_of(text) == [
        ("I", "Hvad tænker du?"),
        ("R", "Det er svært."),
        ("Mette Holm", "Ja."),
        ("Mette Holm", "Nej."),
    ]
    assert [speaker for speaker, _ in turns_of("Ja\tdet tror jeg\nJa\tgodt\n")] == [""]


def test_a_dash_after_a_word_of_speech_is_no_label() -> None:
    text = "Mette: Hvad tænker du?\nJa - det tror jeg.\nJa - altså.\nMette: Godt.\n"
    assert [speaker for speaker, _ in turns_of(text)] == ["Mette", "Mette"]


def test_a_role_or_name_alone_on_its_line_above_the_turn() -> None:
    roles = "INTERVIEWER\nHvad tænker du?\n\nRESPONDENT\nDet er svært.\n\nINTERVIEWER\nHvorfor?\n"
    assert turns_of(roles) == [
        ("INTERVIEWER", "Hvad tænker du?"),
        ("RESPONDENT", "Det er svært."),
        ("INTERVIEWER", "Hvorfor?"),
    ]
    names = "Mette\nHvad tænker du?\n\nBo\nDet er svært.\nMeget.\n\nMette\nHvorfor?\n\nBo\nFolk.\n"
    assert turns_of(names) == [
        ("Mette", "Hvad tænker du?"),
        ("Bo", "Det er svært.\nMeget."),
        ("Mette", "Hvorfor?"),
        ("Bo", "Folk."),
    ]


def test_a_name_beside_a_role_alone_on_their_lines() -> None:
    """ "Dan" above his turns and "Participant" above the other's (PDPilot written so); a
    "Yeah" on its own line below "Participant" is speech, even as often as "Dan"."""
    text = "Dan\nHvad bruger du?\n\nParticipant\nYeah\n\nDan\nOg så?\n\nParticipant\nYeah\n"
    assert turns_of(text) == [
        ("Dan", "Hvad bruger du?"),
        ("Participant", "Yeah"),
        ("Dan", "Og så?"),
        ("Participant", "Yeah"),
    ]


def test_one_word_answers_on_their_own_lines_are_no_speakers() -> None:
    """A transcript without labels, an utterance a line: "Præcis" and "Fint" twice each are
    speech, and "[00:00:10] Ja" twice is no speaker called Ja."""
    said = [f"Det er sætning nummer {n} om budgettet." for n in range(30)]
    text = "\n".join([*said[:10], "Præcis", "Fint", *said[10:20], "Præcis", "Fint", *said[20:]])
    assert [speaker for speaker, _ in turns_of(text)] == [""]
    timed = "[00:00:10] Ja\nDet tror jeg.\n[00:00:14] Ja\nGodt.\n"
    assert [speaker for speaker, _ in turns_of(timed)] == [""]


def test_a_role_or_place_in_brackets_after_the_name() -> None:
    text = (
        "Anne Holm (interviewer): Hvad fylder mest?\nBo (kommune): Økonomien.\n"
        "Anne Holm (interviewer): Hvorfor?\nBo (kommune): Budgettet.\n"
    )
    assert turns_of(text) == [
        ("Anne Holm (interviewer)", "Hvad fylder mest?"),
        ("Bo (kommune)", "Økonomien."),
        ("Anne Holm (interviewer)", "Hvorfor?"),
        ("Bo (kommune)", "Budgettet."),
    ]
    assert guess_roles(text, find_turns(text)) == {
        "Anne Holm (interviewer)": "interviewer",
        "Bo (kommune)": "respondent",
    }
    # a sentence with a bracket before a colon is no label
    said = "Mette: Han sagde (vist nok): det er fint.\nMette: Ja.\n"
    assert turns_of(said) == [("Mette", "Han sagde (vist nok): det er fint."), ("Mette", "Ja.")]


def test_markdown_bold_labels() -> None:
    text = "**Interviewer:** Hvad?\n**Bo Berg:** Ja.\n__Interviewer__: Og?\n**Bo Berg**: Nej.\n"
    assert turns_of(text) == [
        ("Interviewer", "Hvad?"),
        ("Bo Berg", "Ja."),
        ("Interviewer", "Og?"),
        ("Bo Berg", "Nej."),
    ]


def test_unlabelled_lines_continue_the_turn() -> None:
    text = (
        "I: Fortæl om jeres reform.\n"
        "R1: Den begyndte i 2020.\n"
        "Vi var fire afdelinger dengang.\n"
        "\n"
        "Nu er vi to.\n"
        "I: Tak.\n"
    )
    assert turns_of(text) == [
        ("I", "Fortæl om jeres reform."),
        ("R1", "Den begyndte i 2020.\nVi var fire afdelinger dengang.\n\nNu er vi to."),
        ("I", "Tak."),
    ]


def test_preamble_is_not_a_turn() -> None:
    text = (
        "Interview med kommunaldirektør\n"
        "Dato: 3. maj 2024\n"
        "Sted: Rådhuset\n"
        "\n"
        "I: Velkommen.\n"
        "R1: Tak.\n"
    )
    turns = find_turns(text)
    assert [(t.speaker, text[t.start : t.end]) for t in turns] == [
        ("I", "Velkommen."),
        ("R1", "Tak."),
    ]
    assert turns[0].start == text.index("Velkommen.")


def test_colon_inside_a_turn_is_not_a_new_speaker() -> None:
    text = (
        "Anna: Hvad sagde du til dem?\n"
        "Bo: Jeg sagde det ligeud.\n"
        "Men jeg siger: noget skal ændres.\n"
        "Og så: stilhed.\n"
        "Anna: Hvordan reagerede de?\n"
        "Bo: Roligt. Klokken var 10:30: alle var trætte.\n"
    )
    assert turns_of(text) == [
        ("Anna", "Hvad sagde du til dem?"),
        ("Bo", "Jeg sagde det ligeud.\nMen jeg siger: noget skal ændres.\nOg så: stilhed."),
        ("Anna", "Hvordan reagerede de?"),
        ("Bo", "Roligt. Klokken var 10:30: alle var trætte."),
    ]


def test_a_name_seen_once_is_not_a_label_but_a_known_label_is() -> None:
    text = "I: Hvem står for det?\nR1: Det gør Karen.\nKaren: hun er chef.\n"
    assert [s for s, _ in turns_of(text)] == ["I", "R1"]
    assert [s for s, _ in turns_of(text, known=("Karen",))] == ["I", "R1", "Karen"]
    # a known label alone on its line is taken as written, punctuation and all (bold in Word)
    text = "Mette, CFO\nVi har skåret ned.\nI: Hvorfor?\nMette, CFO\nØkonomien.\n"
    assert turns_of(text, known=("Mette, CFO",)) == [
        ("Mette, CFO", "Vi har skåret ned."),
        ("I", "Hvorfor?"),
        ("Mette, CFO", "Økonomien."),
    ]


def test_a_first_name_who_speaks_once_among_named_turns_has_a_turn() -> None:
    # Two leaders in one interview; the second answers once. Before, his answer was the
    # interviewer's speech ("Og du, Søren?\nSøren: Jeg er enig …") and Lars's was Mette's.
    text = (
        "Interview med to ledere\n"
        "Dato: 3. marts\n\n"
        "Interviewer: Hvad er jeres største udfordring?\n"
        "Mette: Det er klart rekruttering.\n"
        "Interviewer: Og du, Søren?\n"
        "Søren: Jeg er enig, men data er også svært.\n"
        "Interviewer: Hvordan mobiliserer I organisationen?\n"
        "Mette: Med små forsøg.\n"
        "Lars Holm (region): Og med ledelse tæt på.\n"
        "Interviewer: Tak.\n"
        "Konklusion: Begge peger på rekruttering.\n"
    )
    assert turns_of(text) == [
        ("Interviewer", "Hvad er jeres største udfordring?"),
        ("Mette", "Det er klart rekruttering."),
        ("Interviewer", "Og du, Søren?"),
        ("Søren", "Jeg er enig, men data er også svært."),
        ("Interviewer", "Hvordan mobiliserer I organisationen?"),
        ("Mette", "Med små forsøg."),
        ("Lars Holm (region)", "Og med ledelse tæt på."),
        # a heading is no one, though "Dato" is a first name somewhere: before the first turn
        ("Interviewer", "Tak.\nKonklusion: Begge peger på rekruttering."),
    ]


def test_a_first_name_once_that_the_text_uses_as_a_word_stays_speech() -> None:
    text = (
        "I: Hvor vil folk bo?\nR: Tæt på arbejdet. Men spørg dem selv.\nBo: Det gør vi.\nI: Godt.\n"
    )
    assert [s for s, _ in turns_of(text)] == ["I", "R", "I"]
    assert [s for s, _ in turns_of(text.replace("bo?", "flytte?"))] == ["I", "R", "Bo", "I"]


def test_two_labelled_lines_of_one_speaker_stay_two_turns() -> None:
    # Merging them would put the second "Bo:" label inside the turn's text.
    text = "Anna: Hvad så?\nBo: Jeg siger: hej\nBo: Og farvel.\nAnna: Tak.\n"
    assert turns_of(text) == [
        ("Anna", "Hvad så?"),
        ("Bo", "Jeg siger: hej"),
        ("Bo", "Og farvel."),
        ("Anna", "Tak."),
    ]


def test_no_labels_gives_one_turn() -> None:
    text = "Dette er et notat uden talere.\nDet fortsætter her.\n"
    turns = find_turns(text)
    assert len(turns) == 1
    assert turns[0].speaker == ""
    assert text[turns[0].start : turns[0].end] == text.strip()


def test_empty_text_gives_no_turns() -> None:
    assert find_turns("  \n\n") == []


def test_turn_offsets_are_slices() -> None:
    text = "Titel\n\nI:   Hvad?  \n\nR1:\tSvar her.\n  fortsat  \n"
    for turn in find_turns(text):
        span = text[turn.start : turn.end]
        assert span == span.strip() and span


# -- roles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("I", "interviewer"),
        ("INTERVIEWER", "interviewer"),
        ("Int", "interviewer"),
        ("Int.", "interviewer"),
        ("Moderator", "interviewer"),
        ("Intervjuare", "interviewer"),
        ("Interviewer 2", "interviewer"),
        ("R", "respondent"),
        ("R1", "respondent"),
        ("R12", "respondent"),
        ("Deltager 2", "respondent"),
        ("Respondent", "respondent"),
        ("Informant", "respondent"),
        ("Mette", None),
        ("Søren Ørsted", None),
        ("12", None),
        ("Anne (interviewer)", "interviewer"),
        ("I (Anne)", "interviewer"),
        ("Bo Berg (R1)", "respondent"),
        ("Bo (kommune)", None),
        ("Spørgsmål", "interviewer"),  # a transcript of questions and answers
        ("Spm.", "interviewer"),
        ("Svar", "respondent"),
        ("Sv.", "respondent"),
    ],
)
def test_role_words(label: str, role: str | None) -> None:
    assert role_word(label) == role


def test_the_named_speaker_who_asks_is_the_interviewer() -> None:
    text = (
        "Lise: Hvordan startede projektet?\n"
        "Peter: Med en idé fra borgmesteren.\n"
        "Lise: Hvem var med fra starten?\n"
        "Peter: Tre afdelingschefer.\n"
        "Lise: Hvad gik galt?\n"
        "Peter: Tidsplanen. Den holdt ikke.\n"
    )
    turns = find_turns(text)
    assert guess_roles(text, turns) == {"Lise": "interviewer", "Peter": "respondent"}


def test_the_interviewer_asks_though_a_second_leader_asks_once() -> None:
    # A Teams transcript: the second leader's one turn asks leave to speak, so their share of
    # questions (1 of 1) beat the interviewer's (4 of 6), and everyone was a respondent.
    text = (
        "Kari: Kan du fortelle om rollen din?\n"
        "Ola: Jeg er konsernsjef.\n"
        "Kari: Hva er mulighetene?\n"
        "Ola: Automatisering av drift.\n"
        "Kari: Mm.\n"
        "Ola: Og kundesiden.\n"
        "Kari: Hva er utfordringene?\n"
        "Ola: Kompetanse.\n"
        "Kari: Hvordan får du med deg organisasjonen?\n"
        "Ola: Jeg viser vei selv.\n"
        "Per: Kan jeg legge til noe? Vi sluttet å snakke om teknologi.\n"
        "Kari: Takk begge to.\n"
    )
    roles = guess_roles(text, find_turns(text))
    assert roles == {"Kari": "interviewer", "Ola": "respondent", "Per": "respondent"}


def test_named_speaker_beside_a_role_word_respondent() -> None:
    text = (
        "Dan: So what do you use it for?\n"
        "Participant: Mostly exploration.\n"
        "Dan: And how often?\n"
        "Participant: Weekly, I think.\n"
    )
    assert guess_roles(text, find_turns(text)) == {
        "Dan": "interviewer",
        "Participant": "respondent",
    }


def test_role_words_decide_before_questions() -> None:
    text = "I: Fortæl.\nR1: Hvorfor skulle jeg det?\nI: Fordi.\nR1: Hvad vil du vide?\n"
    assert guess_roles(text, find_turns(text)) == {"I": "interviewer", "R1": "respondent"}


def test_nobody_asking_leaves_everyone_respondent() -> None:
    text = "Anna: Jeg mener A.\nBo: Jeg mener B.\nAnna: Stadig A.\nBo: Stadig B.\n"
    assert guess_roles(text, find_turns(text)) == {"Anna": "respondent", "Bo": "respondent"}


def test_group_interview_one_asker_several_respondents() -> None:
    text = (
        "Moderator: Hvad betyder tillid for jer?\n"
        "Karen: At man bliver hørt.\n"
        "Jens: At man ikke bliver kontrolleret.\n"
        "Moderator: Og i praksis?\n"
        "Karen: Færre skemaer.\n"
        "Jens: Mere tid.\n"
    )
    roles = guess_roles(text, find_turns(text))
    assert roles == {"Moderator": "interviewer", "Karen": "respondent", "Jens": "respondent"}


def test_a_groups_label_is_no_respondent_beside_people_who_speak_alone() -> None:
    """A focus group's chorus ("Alle: Ja!") was a respondent named "Alle", counted in "n of N",
    and the word "Alle" in the text took its pseudonym ("Deltager B kommuner har travlt")."""
    text = (
        "Moderator: Hvad synes I?\nMette: Alle kommuner har travlt.\nAlle: Ja!\n"
        "Moderator: Og borgerne?\nMette: De følger med.\nAlle: Helt enig.\n"
    )
    assert guess_roles(text, find_turns(text)) == {
        "Moderator": "interviewer",
        "Mette": "respondent",
        "Alle": "unknown",
    }
    assert speaker_name("Alle") == speaker_name("Participants") == ""


def test_a_groups_label_is_the_respondent_where_no_one_speaks_alone() -> None:
    """GENNOVATE's records: the focus group answers as "Participants", the unit counted."""
    text = "Moderator: What do women decide?\nParticipants: Very little.\nModerator: Why?\n"
    text += "Participants: Custom.\n"
    roles = guess_roles(text, find_turns(text))
    assert roles == {"Moderator": "interviewer", "Participants": "respondent"}


@pytest.mark.parametrize(
    ("text", "said", "label"),
    [
        ("R 5, 6, 7: Vi er enige.", "Vi", "R 5, 6, 7"),  # a group's members (GENNOVATE's sheet)
        ("[00:00:03] Anne Holm: Hvad?", "Hvad", "Anne Holm"),  # a Word table's row, its time
        ("Anne (00:02:10): Nej.", "Nej", "Anne"),
        ("**Bo**: Ja.", "Ja", "Bo"),
        ("Anne: (00:03)\nHvad?", "Hvad", None),  # the turn is on the line below its label
    ],
)
def test_the_label_printed_before_a_turn(text: str, said: str, label: str | None) -> None:
    """What `indsigt show` prints beside the speaker when it differs ("R 5, 6, 7" beside
    "Respondents"): the label as written, without the time a transcript puts beside it."""
    assert printed_label(text, text.index(said)) == label


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Bo Berg (kommune)", "Bo Berg"),
        ("Mette Ø.", "Mette Ø."),
        ("LONE DAMGAARD", "Lone Damgaard"),  # capitals: the name as the text writes it
        ("ANNE-MARIE", "Anne-Marie"),
        ("KV", ""),  # initials
        ("IP", ""),
        ("KOMMUNE A", ""),  # a role with a letter
        ("Kvinde 1", ""),
        ("Svar", ""),  # a role word
        ("INTERVIEWER", ""),
    ],
)
def test_the_name_a_speaker_label_gives(label: str, name: str) -> None:
    """What the anonymiser looks for in the text as the speaker."""
    assert speaker_name(label) == name


def test_a_pasted_exchange_of_two_lines_has_both_speakers() -> None:
    """A transcript pasted into the upload form, one question and one answer: the answer was
    the interviewer's ("Lone: …" inside her turn), since a name labels a turn only where it or
    another does twice. A role opening a turn makes it a document of turns; a preamble's
    "Dato:" and a "Bo:" where people "bo" stay text."""
    text = "Interviewer: Hvad fylder?\nLone: Økonomien fylder mest hos os.\n"
    assert [(t.speaker, text[t.start : t.end]) for t in find_turns(text)] == [
        ("Interviewer", "Hvad fylder?"),
        ("Lone", "Økonomien fylder mest hos os."),
    ]
    preamble = "Interviewer: Mette\nDato: 5. maj\n\nVi talte om data.\n"
    assert [t.speaker for t in find_turns(preamble)] == ["Interviewer"]
    lives = "I: Hvad så?\nBo: Jeg bo her.\n"
    assert [t.speaker for t in find_turns(lives)] == ["I"]
