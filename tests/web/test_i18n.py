"""The interface in Danish, English, Norwegian and Swedish: catalogues complete and compiled,
no untranslated text in a template, the choice of language (cookie, Accept-Language, study),
attribute labels and the codebook editor's refusals on the page."""

from __future__ import annotations

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from indsigt.settings import attribute_label, change_setting, humanise
from indsigt.store import Store, schema
from indsigt.web import create_app, i18n

from .helpers import LOCAL, ids, post, rows, token

WEB = Path(i18n.__file__).parent
TEMPLATES = WEB / "templates"
LOCALE = i18n.LOCALE_DIR
TRANSLATED = tuple(language for language in i18n.LANGUAGES if language != i18n.DEFAULT)
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "require": (3,)}

# Text a template may show as it is: names, symbols and notation that read the same in both
# languages ("coding" is the audit log's action prefix placeholder).
ALLOWED = {
    "indsigt",
    "AC1",
    "N=",
    "p =",
    "V =",
    "PERSON",
    "coding",
    "kB",
    "CSV",
    "Excel",
    "YAML",
    "REFI-QDA (.qdc",
    "×",
    "κ",
    "α",
}
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "data-confirm", "label")


def _catalogue(language: str) -> object:
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def _blank_jinja(source: str) -> str:
    """The template with its translated blocks and Jinja syntax replaced by a neutral mark."""
    source = re.sub(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", "§", source, flags=re.S)
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    source = re.sub(r"\{\{.*?\}\}", "§", source, flags=re.S)
    return re.sub(r"\{%.*?%\}", "", source, flags=re.S)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code", "kbd"):
            self._skip += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self.found.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "kbd") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.found.append(data)


def untranslated(source: str) -> list[str]:
    """The pieces of user-visible text in a template that no gettext call covers."""
    parser = _Text()
    parser.feed(_blank_jinja(source))
    left = []
    for text in parser.found:
        for piece in text.split("§"):
            piece = piece.strip(" \n\t·—–,.:;()/|!?…→←✓✗=&")
            if re.search(r"[A-Za-zÆØÅæøå]{2,}", piece) and piece not in ALLOWED:
                left.append(piece)
    return left


def test_the_literal_check_finds_untranslated_text() -> None:
    assert untranslated('<p class="x">Hello {{ name }}</p>') == ["Hello"]
    assert untranslated('<input placeholder="Your name">') == ["Your name"]
    assert untranslated('<p>{{ _("Hello") }} · {% trans %}Hi <b>you</b>{% endtrans %}</p>') == []
    assert untranslated("<p>{{ name }} · κ <code>indsigt init</code></p>") == []


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_no_untranslated_text_in_templates(template: str) -> None:
    assert untranslated((TEMPLATES / template).read_text(encoding="utf-8")) == []


def test_every_message_is_in_the_catalogues_and_has_a_nordic_text() -> None:
    extracted = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(
            str(WEB.parent),
            method_map=[
                ("web/**.py", "python"),
                ("coding/evidence.py", "python"),
                ("analyse/reliability.py", "python"),
                ("web/templates/**.html", "jinja2"),
            ],
            options_map={"web/templates/**.html": {"trimmed": "true", "newstyle_gettext": "true"}},
            keywords=KEYWORDS,
        )
    }
    for language in TRANSLATED:
        catalogue = _catalogue(language)
        ids_in_po = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}  # type: ignore[attr-defined]
        assert sorted(extracted - ids_in_po) == [], "run scripts/catalogues.sh"
        untranslated_ids = [
            m.id
            for m in catalogue  # type: ignore[attr-defined]
            if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
        ]
        assert untranslated_ids == [], language
        assert "fuzzy" not in {flag for m in catalogue for flag in m.flags if m.id}  # type: ignore[attr-defined]


def test_the_committed_mo_files_match_the_po_files() -> None:
    """The .mo files are committed (no build step): each must say what its .po says."""
    for language in i18n.LANGUAGES:
        folder = LOCALE / language / "LC_MESSAGES"
        with (folder / "messages.mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        for message in _catalogue(language):  # type: ignore[attr-defined]
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                singular, plural = message.id
                if all(message.string):
                    assert compiled.ngettext(singular, plural, 1) == message.string[0]
                    assert compiled.ngettext(singular, plural, 5) == message.string[1]
            elif message.string:
                assert compiled.gettext(message.id) == message.string, message.id


def test_placeholders_survive_translation() -> None:
    """Every field of a message in each translation of it, and as many tags."""
    field = re.compile(r"%\([a-z_]+\)[sr]")
    for language in TRANSLATED:
        for message in _catalogue(language):  # type: ignore[attr-defined]
            if not message.id or not message.string:
                continue
            ids_ = message.id if isinstance(message.id, tuple) else (message.id,)
            texts = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in texts:
                assert set(field.findall(ids_[-1])) == set(field.findall(text)), (language, ids_)
                assert text.count("<") == ids_[-1].count("<"), (language, ids_)


def test_negotiation_order() -> None:
    choose = i18n.negotiate
    assert choose(cookie="en", accept_language="da", study_language="da") == "en"
    assert (
        choose(cookie=None, accept_language="da-DK,da;q=0.9,en;q=0.8", study_language="en") == "da"
    )
    assert (
        choose(cookie=None, accept_language="fr, en;q=0.5, da;q=0.7", study_language=None) == "da"
    )
    assert choose(cookie=None, accept_language="fr", study_language="da") == "da"
    assert choose(cookie=None, accept_language=None, study_language="nb") == "no"
    assert choose(cookie=None, accept_language="nn-NO,nn;q=0.9", study_language="da") == "no"
    assert choose(cookie=None, accept_language="sv-SE", study_language="da") == "sv"
    assert choose(cookie="xx", accept_language="", study_language="de") == "en"
    assert i18n.parse_accept_language("en;q=0, da;q=bad, sv") == ["sv"]


def _client(study_file: Path) -> TestClient:
    return TestClient(create_app(study_file, local_user="tester"), base_url=LOCAL)


def test_a_danish_study_speaks_danish_without_a_choice(study_file: Path) -> None:
    s = ids(study_file)["study"]
    with _client(study_file) as client:
        html = client.get(f"/studies/{s}/codebook").text
        assert '<html lang="da">' in html
        assert ">Kodebog<" in html and ">Forslag<" in html and ">Pålidelighed<" in html
        english = client.get(f"/studies/{s}/codebook", headers={"Accept-Language": "en-GB,en"})
        assert '<html lang="en">' in english.text and ">Suggestions<" in english.text
        # the study name keeps its own language inside an English page
        assert 'class="studyname" title="Webstudie" lang="da"' in english.text


def test_norwegian_and_swedish_analysts_read_the_interface_in_their_language(
    study_file: Path,
) -> None:
    """The sister studies' analysts: a Norwegian or Swedish browser (or study) gets its own
    language, no longer Danish; the menu offers the three others."""
    s = ids(study_file)["study"]
    with _client(study_file) as client:
        for header, language in (("nb-NO,nb;q=0.9", "no"), ("sv-SE,sv", "sv")):
            words = i18n.translations(language).gettext
            html = client.get(f"/studies/{s}/codebook", headers={"Accept-Language": header}).text
            assert f'<html lang="{language}">' in html
            for message in ("Codebook", "Suggestions", "Reliability", "Upload"):
                assert f">{words(message)}<" in html, (language, message)
            assert words("Reliability") != i18n.translations("da").gettext("Reliability")
            others = [code for code in i18n.LANGUAGES if code != language]
            for code in others:
                assert f'href="/language?language={code}&amp;' in html


def test_the_switch_in_the_menu_wins_over_the_browser(study_file: Path) -> None:
    s = ids(study_file)["study"]
    with _client(study_file) as client:
        client.headers["Accept-Language"] = "en"
        page = client.get(f"/studies/{s}/documents").text
        # the menu offers the other language, coming back to this page
        assert f'href="/language?language=da&amp;next=%2Fstudies%2F{s}%2Fdocuments"' in page
        answer = client.get(
            "/language",
            params={"language": "da", "next": f"/studies/{s}/documents"},
            follow_redirects=False,
        )
        assert answer.status_code == 303
        assert answer.headers["location"] == f"/studies/{s}/documents"
        assert client.cookies.get(i18n.COOKIE) == "da"
        html = client.get(f"/studies/{s}/documents").text
        assert '<html lang="da">' in html and ">Dokumenter</h1>" in html
        assert 'href="/language?language=en&amp;' in html
        off_site = client.post(
            "/language",
            data={"language": "en", "next": "//evil.example", "csrf_token": token(client)},
            follow_redirects=False,
        )
        assert off_site.headers["location"] == "/"
        assert post(client, "/language", {"language": "fr"}).status_code == 422
        assert post(client, "/language", {"language": "auto"}).status_code == 200
        assert i18n.COOKIE not in client.cookies


def test_errors_are_in_the_interface_language(study_file: Path) -> None:
    s = ids(study_file)["study"]
    with _client(study_file) as client:
        missing = client.get(f"/studies/{s}/documents/999999")
        assert missing.status_code == 404
        assert "intet dokument 999999 i dette studie" in missing.text
        assert "Ikke fundet" in missing.text
        # JSON for an API client that states no language stays English
        as_json = client.get(f"/studies/{s}/documents/999999.json")
        assert as_json.json()["error"] == "no document 999999 in this study"


def _add_form(client: TestClient, s: int, **fields: str) -> object:
    return client.post(
        f"/studies/{s}/codebook",
        data={"csrf_token": token(client), **fields},
        follow_redirects=False,
    )


def test_a_duplicate_code_is_refused_on_the_page(study_file: Path) -> None:
    s = ids(study_file)["study"]
    with _client(study_file) as client:
        client.headers["Accept-Language"] = "en"
        answer = _add_form(client, s, path="drivere", label="Igen", definition="typed text")
        assert answer.status_code == 409  # type: ignore[attr-defined]
        html = answer.text  # type: ignore[attr-defined]
        assert 'id="code-problem"' in html
        assert "the codebook has a code &#39;drivere&#39; already" in html
        assert "typed text" in html  # what was typed is kept
        danish = client.post(
            f"/studies/{s}/codebook",
            data={"csrf_token": token(client), "path": "drivere"},
            headers={"Accept-Language": "da"},
        )
        assert "kodebogen har allerede en kode" in danish.text


def test_an_unknown_parent_is_refused_not_created(study_file: Path) -> None:
    s = ids(study_file)["study"]
    before = len(rows(study_file, schema.code))
    with _client(study_file) as client:
        client.headers["Accept-Language"] = "en"
        answer = _add_form(client, s, path="findes-ikke/barn")
        assert answer.status_code == 422  # type: ignore[attr-defined]
        assert "no code &#39;findes-ikke&#39; to put" in answer.text  # type: ignore[attr-defined]
        assert (
            post(client, f"/studies/{s}/codebook", {"path": "findes-ikke/barn"}).status_code == 422
        )
        assert len(rows(study_file, schema.code)) == before
        # under an existing parent it works, with the parent recorded
        assert post(client, f"/studies/{s}/codebook", {"path": "drivere/data"}).status_code == 201
    added = [r for r in rows(study_file, schema.code) if r.path == "drivere/data"]
    assert added and added[0].parent_id == ids(study_file)["codes"]["drivere"]


def test_the_add_form_comes_before_the_table_and_definitions_follow_the_language(
    study_file: Path,
) -> None:
    s = ids(study_file)["study"]
    with _client(study_file) as client:
        client.headers["Accept-Language"] = "en"
        assert (
            post(
                client,
                f"/studies/{s}/codebook",
                {
                    "path": "tosproget",
                    "definition": "da: Dansk forklaring\nen: English explanation",
                },
            ).status_code
            == 201
        )
        english = client.get(f"/studies/{s}/codebook").text
        assert english.index('id="add-code"') < english.index('id="code-tree"')
        assert "English explanation" in english and "da: Dansk" not in english
        danish = client.get(f"/studies/{s}/codebook", headers={"Accept-Language": "da"}).text
        assert "Dansk forklaring" in danish and "English explanation" not in danish
        code_id = next(r.id for r in rows(study_file, schema.code) if r.path == "tosproget")
        page = client.get(f"/studies/{s}/codebook/{code_id}").text
        assert 'data-confirm="Delete tosproget and its 0 codings?"' in page
        # regression: the count, not the path, chooses the plural (a str made Danish fail)
        danish_page = client.get(
            f"/studies/{s}/codebook/{code_id}", headers={"Accept-Language": "da"}
        ).text
        assert 'data-confirm="Slet tosproget og dens 0 kodninger?"' in danish_page
        assert "0 kodninger" in danish_page


def test_attribute_labels(study_file: Path) -> None:
    assert humanise("organisation_type") == "Organisation type"
    assert humanise("Organisation type") == "Organisation type"  # the sheet's own header
    assert attribute_label("level", {"level": "Niveau"}) == "Niveau"
    s = ids(study_file)["study"]
    store = Store.open(study_file)
    try:
        assert change_setting(store, s, "attribute-label:level", "Forvaltningsniveau") == (
            "Forvaltningsniveau"
        )
    finally:
        store.close()
    with _client(study_file) as client:
        client.headers["Accept-Language"] = "en"
        html = client.get(f"/studies/{s}/documents").text
        assert "<span>Forvaltningsniveau</span>" in html
        assert "Forvaltningsniveau: kommune" in html
        segments = client.get(f"/studies/{s}/segments").text
        assert ">Forvaltningsniveau</option>" in segments
    store = Store.open(study_file)
    try:
        assert change_setting(store, s, "attribute-label:level", "default") == "Level"
    finally:
        store.close()


def test_evidence_in_words_in_danish() -> None:
    from indsigt.coding.evidence import evidence_in_words

    danish = i18n.translations("da").gettext
    keywords = {"matches": [{"keyword": "rekruttere"}, {"keyword": "kompetencer"}]}
    assert evidence_in_words(keywords, gettext=danish) == "nøgleord: rekruttere, kompetencer"
    assert evidence_in_words(keywords) == "keywords: rekruttere, kompetencer"
    similar = {"similarity": 0.7, "nearest": "x"}
    assert evidence_in_words(similar, gettext=danish) == "ligner kodens beskrivelse, 0.70"


def test_figures_take_a_decimal_comma_in_nordic_languages() -> None:
    from indsigt.web.app import _number

    try:
        i18n.use_language("da")
        assert _number(0.5) == "0,50" and _number(-0.001) == "0,00" and _number(None) == "—"
        for language in ("no", "sv"):
            i18n.use_language(language)
            assert _number(0.5) == "0,50"
        i18n.use_language("en")
        assert _number(0.5) == "0.50"
    finally:
        i18n.use_language("en")


def test_the_libraries_sentences_on_the_segments_page_in_danish(study_file: Path) -> None:
    s = ids(study_file)["study"]
    with _client(study_file) as client:
        html = client.get(f"/studies/{s}/segments", headers={"Accept-Language": "da"}).text
        assert "n af N: respondenter i segmentet" in html
        assert "celler markeret med * rummer færre end" in html
        assert "cells marked" not in html
    try:
        i18n.use_language("da")
        assert i18n.library_text("not tested: too few respondents (N = 4)") == (
            "ikke testet: for få respondenter (N = 4)"
        )
        assert i18n.library_text("not tested: fewer than two segments") == (
            "ikke testet: færre end to segmenter"
        )
        assert i18n.library_text("something else") == "something else"
    finally:
        i18n.use_language("en")


def test_values_inside_translated_sentences_are_escaped(study_file: Path) -> None:
    """A translated sentence is trusted markup; what is filled into it never is."""
    s = ids(study_file)["study"]
    with _client(study_file) as client:
        answer = post(client, f"/studies/{s}/codebook", {"path": "<i>fed"})
        assert answer.status_code == 201
        code_id = answer.json()["id"]
        for language in ("da", "en"):
            html = client.get(
                f"/studies/{s}/codebook/{code_id}", headers={"Accept-Language": language}
            ).text
            assert "<i>fed" not in html and "&lt;i&gt;fed" in html


def test_a_page_in_one_language_does_not_fix_the_words_of_the_next(study_file: Path) -> None:
    """Regression: a filter on a literal ("local"|word) was folded into the compiled template
    in the first request's language, so English pages said "lokal"."""
    s = ids(study_file)["study"]
    with _client(study_file) as client:
        danish = client.get(f"/studies/{s}/documents", headers={"Accept-Language": "da"}).text
        assert " · lokal</span>" in danish
        english = client.get(f"/studies/{s}/documents", headers={"Accept-Language": "en"}).text
        assert " · local</span>" in english and "lokal" not in english


def test_the_reliability_page_is_danish_throughout(study_file: Path) -> None:
    """Found by the browser flows (test_browser_flows.py): on the Danish reliability page the
    unit note (a library sentence) and the "% agreement" line of "how to read" (a literal % in
    a trans block) stayed English."""
    from .helpers import insert_coding

    known = ids(study_file)
    skills = known["codes"]["udfordringer/kompetencer"]
    insert_coding(study_file, known["passages"]["kommune_a"][3], skills, coder="cai")
    insert_coding(study_file, known["passages"]["kommune_a"][3], skills, coder="cora")
    app = create_app(study_file, local_user="tester")
    with TestClient(app, base_url=LOCAL, headers={"Accept-Language": "da"}) as client:
        text = client.get(f"/studies/{known['study']}/reliability").text
    assert "<b>% enighed</b>: andelen" in text
    assert "% agreement" not in text
    assert "Enhed: passage." in text
    assert "Unit: passage" not in text
    with TestClient(app, base_url=LOCAL, headers={"Accept-Language": "en"}) as client:
        english = client.get(f"/studies/{known['study']}/reliability").text
    assert "<b>% agreement</b>: the share" in english and "%%" not in english


def test_the_memos_page_names_the_target_in_danish(study_file: Path) -> None:
    """Found by the browser flows: a memo on a code was listed as "code" on the Danish page."""
    known = ids(study_file)
    app = create_app(study_file, local_user="tester")
    with TestClient(app, base_url=LOCAL, headers={"Accept-Language": "da"}) as client:
        code = known["codes"]["drivere"]
        response = post(
            client, f"/studies/{known['study']}/memos", {"code_id": code, "text": "Et memo"}
        )
        assert response.status_code in (200, 201, 303), response.text
        text = client.get(f"/studies/{known['study']}/memos").text
    assert re.search(r'<a href="[^"]+">kode</a>', text), text


def test_every_library_sentence_with_a_number_is_translated() -> None:
    """The patterns are derived from the message ids: each sentence the library writes with its
    fields filled in comes out in Danish, the fields kept (a repeated field must repeat)."""
    values = {"k": "3", "unit": "respondents", "n": "4", "limit": "10,000"}
    try:
        i18n.use_language("da")
        for _, message in i18n._LIBRARY_PATTERNS:
            names = re.findall(r"%\((\w+)\)s", message)
            fields = {name: values.get(name, "12") for name in names}
            danish = i18n.library_text(message % fields)
            assert danish == i18n.gettext(message) % {
                key: i18n.word(value) for key, value in fields.items()
            }
            assert danish != message % fields, message
        assert i18n.library_text("cells marked * hold fewer than 3 passages (k = 4)") == (
            "cells marked * hold fewer than 3 passages (k = 4)"
        )
    finally:
        i18n.use_language("en")


def test_import_notes_in_the_page_s_language_and_words() -> None:
    """An upload's notes came in English, with what to type on a command line ("init
    --language chooses it", "give --encoding"): in the page's language, and its own words."""
    try:
        i18n.use_language("en")
        said = i18n.library_text(
            "study language set to en, the documents' (init --language chooses it)"
        )
        assert said == "study language set to en, the language of the documents"
        said = i18n.library_text("not UTF-8; read as utf-16-le (give --encoding if that is wrong)")
        assert "--encoding" not in said and "utf-16-le" in said
        i18n.use_language("da")
        said = i18n.library_text(
            "95 line number(s) left out (runs of numbered lines, a PDF's margin)"
        )
        assert said.startswith("95 linjenummer/linjenumre udeladt")
        said = i18n.library_text(
            "respondent noun set to Fokusgruppe/fokusgrupper: the documents are focus groups "
            "(settings respondent-noun changes it)"
        )
        assert "Fokusgruppe/fokusgrupper" in said and "Indstillinger" in said
        i18n.use_language("sv")
        assert i18n.library_text("something else entirely") == "something else entirely"
    finally:
        i18n.use_language("en")
