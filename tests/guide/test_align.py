"""Aligning turns to the guide: order is rewarded, skips, returns and follow-ups are allowed."""

from __future__ import annotations

import numpy as np

from indsigt.guide import Guide, GuideQuestion
from indsigt.guide.align import AlignTurn, align_turns, best_path
from indsigt.testing import FakeEmbedder

GUIDE = Guide(
    questions=(
        GuideQuestion("Q1", "Fortæl om din rolle og din baggrund", "Indledning"),
        GuideQuestion("Q2", "Hvilke muligheder ser du i digitaliseringen", "Muligheder"),
        GuideQuestion(
            "Q3",
            "Hvilke udfordringer møder I med gamle systemer",
            "Udfordringer",
            probes=("Et eksempel på en udfordring med systemerne",),
        ),
        GuideQuestion("Q4", "Hvad driver udviklingen hos jer", "Drivkræfter"),
        GuideQuestion("Q5", "Hvordan mobiliserer du medarbejderne", "Mobilisering"),
        GuideQuestion("Q6", "Er der noget du vil tilføje", "Afrunding"),
    )
)

INTERVIEW = [
    ("interviewer", "Velkommen, og tak fordi du ville være med."),  # small talk
    ("respondent", "Det var så lidt."),
    ("interviewer", "Fortæl først om din rolle og din baggrund?"),  # Q1
    ("respondent", "Jeg er direktør og har været her i fem år."),
    ("interviewer", "Hvornår skete det?"),  # follow-up on Q1
    ("respondent", "Via økonomiområdet."),
    ("interviewer", "Hvilke udfordringer møder I med jeres gamle systemer?"),  # Q3: Q2 skipped
    ("respondent", "Integrationerne er dyre."),
    ("interviewer", "Har du et eksempel på en udfordring med systemerne?"),  # Q3's probe
    ("respondent", "Byggesagerne."),
    ("interviewer", "Lad os gå tilbage: hvilke muligheder ser du i digitaliseringen?"),  # Q2, back
    ("respondent", "Mange."),
    ("interviewer", "Hvordan mobiliserer du medarbejderne?"),  # Q5: Q4 skipped
    ("respondent", "Ved at gå forrest."),
    ("interviewer", "Tak for det."),  # thanks, no question
    ("respondent", "Selv tak."),
]


def run(follow_ups: str = "question") -> list[str | None]:
    turns = [AlignTurn(role, text) for role, text in INTERVIEW]
    return align_turns(
        turns,
        GUIDE,
        embedder=FakeEmbedder(dim=512),
        languages=("da",),
        follow_ups=follow_ups,  # type: ignore[arg-type]
    )


def test_skips_returns_and_follow_ups() -> None:
    assert run() == [
        None, None,
        "Q1", "Q1",
        "Q1", "Q1",
        "Q3", "Q3",
        "Q3", "Q3",
        "Q2", "Q2",
        "Q5", "Q5",
        None, None,
    ]  # fmt: skip


def test_follow_ups_can_carry_none() -> None:
    labels = run("none")
    assert labels[4] is None and labels[5] is None  # the follow-up and its answer
    assert labels[2] == "Q1" and labels[8] == "Q3"  # a guide probe still counts as asked


def test_order_breaks_ties_that_a_nearest_match_cannot() -> None:
    # Turn 2 is as similar to Q2 as to Q4; after Q1, the next question in guide order wins.
    scores = np.array(
        [
            [0.5, 0.0, 0.0, 0.0],
            [0.0, 0.3, 0.0, 0.3],
            [0.0, 0.0, 0.4, 0.0],
        ]
    )
    assert best_path(scores) == [0, 1, 2]


def test_a_clear_jump_back_is_taken() -> None:
    scores = np.array([[0.5, 0.0, 0.0], [0.0, 0.0, 0.5], [0.5, 0.0, 0.0]])
    assert best_path(scores) == [0, 2, 0]


def test_low_similarity_stays_or_starts() -> None:
    scores = np.array([[0.0, 0.01], [0.5, 0.0], [0.01, 0.02]])
    path = best_path(scores)
    assert path[0] is None  # nothing asked yet
    assert path[1] == 0
    assert path[2] == -1  # stays with question 0 (index 0 → -1)


def test_no_interviewer_turns() -> None:
    turns = [AlignTurn("respondent", "Hej."), AlignTurn("unknown", "Ja.")]
    assert align_turns(turns, GUIDE, embedder=FakeEmbedder()) == [None, None]
