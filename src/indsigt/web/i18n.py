"""The interface language: message catalogues (gettext, made with Babel) and the choice of
language for a request.

The catalogues are ``locale/{da,en,no,sv}/LC_MESSAGES/messages.po`` beside this module
(Norwegian is Bokmål), extracted from the templates and the Python code by
``scripts/catalogues.sh`` (``pybabel extract`` → ``messages.pot`` → ``update`` → ``compile``);
the compiled ``messages.mo`` files are committed, so a fresh clone and the wheel need no build
step (a test checks that each ``.mo`` matches its ``.po``).

The language of a request (:func:`negotiate`): the user's choice (the ``indsigt_lang`` cookie,
set by the switch in the menu), else the browser's ``Accept-Language``, else the study's
language, else English. Templates translate with ``{% trans %}`` and ``_()``; Python code marks
a message with :func:`N_` where it is made and translates it with :func:`gettext` where it is
shown.
"""

from __future__ import annotations

import gettext as _gettext
import re
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
LANGUAGES = ("da", "en", "no", "sv")
NAMES = {"da": "Dansk", "en": "English", "no": "Norsk", "sv": "Svenska"}
DEFAULT = "en"
COOKIE = "indsigt_lang"
# The tags a browser or a study may give for a language the interface speaks: Bokmål and
# Nynorsk read the Norwegian (Bokmål) catalogue.
_STUDY_FALLBACK = {"da": "da", "nb": "no", "no": "no", "nn": "no", "sv": "sv"}
# Languages that write a decimal comma ("0,85").
DECIMAL_COMMA = frozenset({"da", "no", "sv"})

_current: ContextVar[str] = ContextVar("indsigt_language", default=DEFAULT)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalogue for ``language`` (English: the message ids themselves)."""
    if language == DEFAULT:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language])


def current_language() -> str:
    return _current.get()


def use_language(language: str) -> None:
    """Make ``language`` the one :func:`gettext` translates into (for this request)."""
    _current.set(language if language in LANGUAGES else DEFAULT)


def gettext(message: str) -> str:
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message


# Stored words shown in the interface (roles, statuses, units, modes): the ``word`` filter
# translates them; listed here so that extraction finds them.
WORDS = (
    N_("admin"),
    N_("coder"),
    N_("viewer"),
    N_("interviewer"),
    N_("respondent"),
    N_("unknown"),
    N_("note"),
    N_("suggested"),
    N_("accepted"),
    N_("rejected"),
    N_("sentence"),
    N_("paragraph"),
    N_("turn"),
    N_("statement"),
    N_("passage"),
    N_("sentences"),
    N_("paragraphs"),
    N_("turns"),
    N_("statements"),
    N_("respondents"),
    N_("passages"),
    N_("applied"),
    N_("kept"),
    N_("confirmed"),
    N_("false_positive"),
    N_("missed"),
    N_("local"),
    N_("server"),
    N_("document"),
    N_("study"),
    N_("code"),
)


def word(value: object) -> str:
    """A stored word (see :data:`WORDS`) in the interface language; anything else as it is."""
    text = str(value)
    return gettext(text) if text in WORDS else text


# Sentences the library writes in English that the app shows (indsigt.analyse.compare's notes,
# indsigt.memos' and the search syntax's refusals): the fixed ones by their text, the ones with
# a number by a pattern → a message.
_LIBRARY = (
    N_("a memo needs some text"),
    N_("a memo is on one document, one code or one passage"),
    N_("the search is empty: type a word or a phrase"),
    N_('the search has an unclosed quote (")'),
    N_("OR needs a word or phrase on both sides"),
    N_("OR cannot join an excluded (-) word"),
    N_("the search needs at least one word that is not excluded (-)"),
    N_("the search has no words (letters or digits) to look for"),
    N_("counts include machine suggestions that no human has reviewed"),
    N_("passages from one respondent are not independent: no tests on passages"),
    N_("not tested: passages are not independent"),
    N_("not tested: fewer than two segments"),
    N_("not tested: every or no respondent has the code"),
    N_("not tested: expected counts too small"),
    N_(
        "no speakers in the transcript (the speech-to-text tool did not separate voices, e.g. "
        "WhisperX without --diarize): it is stored as one turn"
    ),
)


def _pattern(message: str) -> re.Pattern[str]:
    """The sentences ``message`` stands for: each ``%(name)s`` field a named group of word
    characters and commas ("10,000"); a field that comes again repeats its value."""
    parts = re.split(r"%\((\w+)\)s", message)
    regex, seen = re.escape(parts[0]), set[str]()
    for name, text in zip(parts[1::2], parts[2::2], strict=True):
        regex += f"(?P={name})" if name in seen else f"(?P<{name}>[\\w,./\\-]+)"
        regex += re.escape(text)
        seen.add(name)
    return re.compile(regex)


_LIBRARY_PATTERNS = tuple(
    (_pattern(message), message)
    for message in (
        N_("cells marked * hold fewer than %(k)s %(unit)s (k = %(k)s)"),
        N_("not tested: too few respondents (N = %(n)s)"),
        N_("the search is longer than %(limit)s characters"),
        N_("a memo is limited to %(limit)s characters"),
        N_("a memo's title is limited to %(limit)s characters"),
        N_("no memo %(memo_id)s in this study"),
        N_("no passage %(missing)s in this study"),
        N_("no document %(document_id)s in this study"),
        N_("no code %(code_id)s in this study"),
    )
)


# The import's notes that tell a command-line user what to type: the page says it in its own
# words (the library's sentence → the page's message).
_REWORDED = tuple(
    (_pattern(sentence), message)
    for sentence, message in (
        (
            "study language set to %(language)s, the documents' (init --language chooses it)",
            N_("study language set to %(language)s, the language of the documents"),
        ),
        (
            "respondent noun set to %(noun)s: the documents are focus groups (settings "
            "respondent-noun changes it)",
            N_(
                "respondent noun set to %(noun)s: the documents are focus groups (an admin "
                "changes it under Settings)"
            ),
        ),
        (
            "not UTF-8; read as %(encoding)s (give --encoding if that is wrong)",
            N_("not UTF-8; read as %(encoding)s (save the file as UTF-8 if that is wrong)"),
        ),
        (
            "%(n)s anonymised document(s) name speakers by the pseudonyms of the respondents "
            "they had before: anonymise the study again so that the text follows the sheet",
            N_(
                "%(n)s anonymised document(s) name speakers by the pseudonyms of the "
                "respondents they had before: anonymise the study again (Jobs) so that the "
                "text follows the sheet"
            ),
        ),
        (
            "%(n)s respondent(s) stored before are replaced by the sheet's and removed (they "
            "spoke nowhere else; the names known for them go to the sheet's)",
            N_(
                "%(n)s respondent(s) stored before are replaced by the sheet's and removed (they "
                "spoke nowhere else; the names known for them go to the sheet's)"
            ),
        ),
        (
            "%(n)s line number(s) left out (runs of numbered lines, a PDF's margin)",
            N_("%(n)s line number(s) left out (runs of numbered lines, a PDF's margin)"),
        ),
    )
)


def library_text(text: str) -> str:
    """A sentence from the analysis library (see ``_LIBRARY``) in the interface language;
    any other text as it is."""
    if text in _LIBRARY:
        return gettext(text)
    for pattern, message in (*_LIBRARY_PATTERNS, *_REWORDED):
        found = pattern.fullmatch(text)
        if found:
            fields = {key: word(value) for key, value in found.groupdict().items()}
            return gettext(message) % fields
    return text


def translate(message: str, params: dict[str, Any] | None = None) -> str:
    """``message`` (a marked message id with ``%(name)s`` fields) in the current language."""
    text = gettext(message)
    return text % params if params else text


def parse_accept_language(header: str) -> list[str]:
    """The primary language tags of an ``Accept-Language`` header, most wanted first."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, rest = part.strip().partition(";")
        quality = 1.0
        if rest.strip().startswith("q="):
            try:
                quality = float(rest.strip()[2:])
            except ValueError:
                quality = 0.0
        tag = tag.strip().lower().split("-")[0]
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(
    *, cookie: str | None, accept_language: str | None, study_language: str | None
) -> str:
    """The interface language: the user's choice, else the browser's, else the study's."""
    if cookie in LANGUAGES:
        return str(cookie)
    for tag in parse_accept_language(accept_language or ""):
        if tag in LANGUAGES:
            return tag
        if tag in _STUDY_FALLBACK:
            return _STUDY_FALLBACK[tag]
    if study_language:
        return _STUDY_FALLBACK.get(study_language.lower(), DEFAULT)
    return DEFAULT


def install(env: Environment) -> None:
    """Give ``env`` the i18n extension, translating into the current request's language."""
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True  # a {% trans %} block's line breaks are spaces
    install_callables: Callable[..., None] = env.install_gettext_callables  # type: ignore[attr-defined]
    install_callables(gettext, ngettext, newstyle=True)
    env.filters["word"] = per_request(word)
    env.filters["t"] = per_request(gettext)  # a message marked with N_ in Python code
    env.filters["library"] = per_request(library_text)


def per_request(function: Callable[[Any], str]) -> Callable[..., str]:
    """``function`` as a filter that Jinja never evaluates when it compiles a template: on a
    literal (``"local"|word``) it would otherwise be folded into the cached template in the
    language of the first request."""

    @pass_context
    def apply(_context: Any, value: Any) -> str:
        return function(value)

    return apply
