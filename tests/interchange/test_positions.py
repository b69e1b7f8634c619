"""The position rule: REFI-QDA counts Unicode characters of the source file, line endings as they
are in the file; indsigt counts code points of the NFC text with "\\n" line endings."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from indsigt.interchange.positions import ExportPositions, SourceText, source_file_text

TEXT = "Æblet på bordet 😀 er rødt.\r\nNæste linje: søen.\r\nSidste 🇩🇰 linje."


def test_crlf_counts_two_characters_and_emoji_one() -> None:
    source = SourceText(TEXT)
    assert source.text == TEXT.replace("\r\n", "\n")
    start = TEXT.index("Næste")
    end = TEXT.index("søen") + len("søen")
    # In the file: "Æblet på bordet 😀 er rødt." is 26 characters (the emoji is one), then \r\n.
    assert start == 28
    assert TEXT[start:end] == "Næste linje: søen"
    assert source.text[source.offset(start) : source.offset(end)] == "Næste linje: søen"
    assert source.offset(start) == 27  # one \r fewer before it
    last = TEXT.index("Sidste")
    assert source.offset(last) == last - 2


def test_emoji_is_one_character_not_two_utf16_units() -> None:
    source = SourceText("a😀b")
    assert len(source) == 3
    assert source.text[source.offset(2) : source.offset(3)] == "b"


def test_a_position_inside_crlf_maps_to_the_line_ending() -> None:
    source = SourceText("ab\r\ncd")
    assert source.offset(2) == source.offset(3) == 2
    assert source.offset(4) == 3


def test_lone_cr_and_bom() -> None:
    source = SourceText("\ufeffen\rto")
    assert source.text == "en\nto"
    assert len(source) == 5  # the byte order mark is not counted
    assert source.text[source.offset(3) : source.offset(5)] == "to"


def test_decomposed_text_is_normalised_and_positions_follow() -> None:
    raw = "Sa\u030aledes ga\u030ar det"  # "Således går det" with combining rings
    source = SourceText(raw)
    assert source.text == "Således går det"
    start = raw.index("ga")
    end = start + len("ga\u030ar")
    assert source.text[source.offset(start) : source.offset(end)] == "går"
    assert source.offset(len(raw)) == len(source.text)


def test_export_positions_follow_the_written_line_endings() -> None:
    text = "Første linje 😀.\nAnden linje med æøå.\n"
    for line_endings in ("lf", "crlf"):
        written = source_file_text(text, line_endings)
        position = ExportPositions(text, line_endings)
        start, end = text.index("Anden"), text.index("æøå") + 3
        assert written[position(start) : position(end)] == text[start:end]


@given(
    st.lists(st.sampled_from(["a", "æ", "Ø", "😀", "🇩🇰", " ", "\n", ".", "é"]), max_size=40),
    st.sampled_from(["lf", "crlf"]),
)
def test_export_then_read_maps_every_offset_back(chars: list[str], line_endings: str) -> None:
    text = unicodedata.normalize("NFC", "".join(chars))
    written = source_file_text(text, line_endings)  # type: ignore[arg-type]
    position = ExportPositions(text, line_endings)  # type: ignore[arg-type]
    source = SourceText(written)
    assert source.text == text
    for offset in range(len(text) + 1):
        assert source.offset(position(offset)) == offset
