"""Readable theme labels: a short central statement of the theme (``central.v4``).

Of the sentences in the members nearest the theme's centre, the label is the one that says
most of the theme's top terms in few words, cleaned as a publishable quote is (fillers, stage
directions and false starts out, see :func:`indsigt.units.publishable`), its leading
conjunction dropped and, when longer than 13 words, cut at a clause boundary if one lies
between 6 and 13 words (a comma; before "but", "men", "which"; before "and", "og"), else near
ten words where no word waits for what follows, kept whole instead when the cut would drop
at most three words of a sentence of at most 16. A title never ends on a word that waits for
its complement (an article, a conjunction, a modal, a subject before its verb, a verb before
its object: "… women cannot easily sell …" was the title of "… sell anything."); a sentence
whose title must end so, or is a subordinate clause alone ("Hvis en privat virksomhed kan
tjene penge …"), loses to a central sentence whose title need not (:meth:`cut_how`). A
sentence that names a pseudonym or an anonymiser's placeholder ("Person 41",
"[kommune]"), holds fewer than three content words or is a tally of table cells run together
("Very Easy 01Easy 09Neither …") is never chosen, and a question only when no statement is
left (in a focus group's record the moderator's questions stand among the answers); a reply
to the interviewer ("I mean, you walked me through it …", "Of course, …", "… right now") or a
cut that drops a contrast's negated clause ("It will not be difficult for women to sell in the
local market …" without "… but they will never get permission …") only when nothing else is
(:meth:`misleads`); with no sentence left the label falls back to the top terms. Lines
wrapped inside a sentence (text extracted from PDF) are joined first, so a label never starts
mid-sentence ("Than three cars"), and a speaker code the transcriber wrote into the text
("R 7", "R.1 =") is dropped, as are an item's number ("12. Genoptagelse …", "Nr. 1: …") and a
table of contents' dot leaders and page ("…servicevejvisning..396").

Why a sentence and not noun phrases: noun phrases need a tagger per language (the sample
study mixes four), and read on the sample study and pdpilot's raw transcripts a central
sentence says what the theme is about where its terms do not: "penge, gevinsten, kapital"
became "Hvis jeg skal købe 200 sensorer, så skal pengene findes i mit driftsbudget",
"predictions, actual, ground" became "Comparing the predicted versus the actual".
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from typing import ClassVar

from indsigt._words import shouted, words
from indsigt.lexical import is_negation
from indsigt.themes.base import ThemeOptions
from indsigt.themes.components import primary, stem_words
from indsigt.units.lexicon import (
    CLAUSE_OPENERS,
    DANGLING,
    FINITE_VERBS,
    NONVERBAL,
    PSEUDONYM,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    TITLE_CLOSERS,
    VERB_ADVERBS,
    VERB_BEFORE,
    discourse_fillers,
    function_words,
    reply_pattern,
)
from indsigt.units.publish import OMISSION, publishable
from indsigt.units.rules import content_words

_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[\"“”'(\[]?[A-ZÆØÅÄÖ])|\n+")
# A line break inside a sentence: transcripts extracted from PDF wrap lines mid-sentence
# ("… if you have 30 or\n40 features"); a line that starts there is no sentence of its own.
_WRAP = re.compile(r"(?<![.!?…:\n])[ \t]*\n(?![ \t]*\n)[ \t]*")
# A speaker code a transcriber wrote into the text of a group's turn: "R 7", "R.1 =", "R2."
# Table cells run together by the transcriber ("Very Easy 01Easy 09Neither easy …"): a tally.
_CELLS = re.compile(r"\d[A-ZÆØÅÄÖ][a-zæøåäö]")
_SPEAKER_CODE = re.compile(r"^(?:R|P|FG)\s?\.?\s?\d{1,2}\b\s*(?:[.:=,)-]\s*)*(?=\w)")
_LEADING = re.compile(
    # "because" only as a conjunction: "Because of poverty many families …" keeps it
    r"^(?:og|men|så|altså|jamen|jo|nå|og så|men altså|and|but|so|well|because(?!\s+of\b)|or|"
    r"och|eller|dvs|also|then|og da|men så|like|you know)\b[,]?\s+",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\[[^\[\]]{1,40}\]|\bX{2,}\b")  # "[kommune]", "XXXX" (redacted)
_DIRECTION = re.compile(r"\([^()]{0,40}\)")  # "(griner)", "(unintelligible)"
_BREAK = re.compile(r"\s[–—-]\s")
# "like" as a filler beside a comma ("For example, like we …", "it's like, …"); after a noun
# it says "such as" ("Fertilizers like D.A.P", "tools like SHAP").
_FILLER_LIKE = re.compile(r"(?:^|[,;])\s*like\b|\blike\s*,", re.IGNORECASE)
_LIKE = re.compile(r"\blike\b", re.IGNORECASE)
_UNFINISHED_EN = words("that is are was were to like")  # "… instead of like"
# Back to what was said before ("like I said", "som sagt", "som jag sa") and a restart at a
# filler after an article ("it totally helped in the like I said"; "and the like" is no
# filler): said haltingly.
_SAID_BEFORE = re.compile(
    r"\b(?:like|as) I said\b|\bsom (?:jeg |jag |eg )?(?:sagt|sagde|sa|sade)\b"
    r"|\b(?:in|on|of|to|for|with|at|from) the like\b",
    re.IGNORECASE,
)
# Words said again as a restart ("I think that the main the main use case", "we we"): a
# title said haltingly; "had had", "that that" and "det det" are grammar.
_RESTART = re.compile(r"\b(?!(?:had|that|det|der)\b)(\w+(?:\s+\w+){0,2})\s+\1\b", re.IGNORECASE)
# The same "is/was" again one or two words on, the sentence begun anew ("the options were
# useful were helpful", "Det er jo problemet er ikke …"); "that is what is needed" and "det er
# hvad der er" ask with a wh-word between.
_COPULA_RESTART = re.compile(
    r"\b(is|are|was|were|er|var|är)\s+(?!(?:what|who|which|how|where|it|there|hvad|hvem|"
    r"hvor|hvordan|det|der|vad|vem|hur|var)\b)\w+(?:\s+\w+)?\s+\1\b",
    re.IGNORECASE,
)
# An item's number before the text ("12. Genoptagelse af …", "Nr. 1: Godkendelse …", "5 -
# Godkendelse …", "3) Vi mener …") and a table of contents' dots and page ("…vejvisning..396").
_NUMBER = r"\d{1,4}(?:[./-]\d{1,4})*"
_ITEM = re.compile(
    rf"^(?:(?:(?:nr|no|sag|punkt|pkt)\.?\s*)+{_NUMBER}[.):]?|{_NUMBER}(?:[.):]|\s+[-–—]))"
    r"\s+(?=\w)",
    re.IGNORECASE,
)

_LEADER = re.compile(r"\s*\.{2,}[\s.]*\d*\s*$")
_CLAUSE_END = re.compile(r"[,;:–—]$")
_BARE = ".,;:!?–—-\"“”'()"
_EDGE = " ,;:–—-\"“”'"  # what a label does not start or end with ("Og så – måske …")
_AND = frozenset({"and", "or", "og", "eller", "och", "samt"})  # may join two nouns
_RELATIVE = words("der som hvor hvilket hvilke där vilket vilka which who whom whose where that")
# Words that open a verb's object clause ("ser, hvor mange …", "said that …").
_OBJECT_CLAUSE = words(
    "at om hvor hvad hvordan hvorfor hvem att vad hur varför vem that what how why whether who"
)
# How a title was cut (see :meth:`CentralStatementLabeller.cut_how`) and what that adds to a
# sentence's score: a whole sentence is best, then a whole clause; a title that waits for its
# object worst.
_HOW = {
    "whole": 0.2,
    "clause": 0.0,
    "dependent": -0.15,
    "plain": -0.15,
    "broken": -0.3,
    "contrast": -0.3,
}
# Words that open a contrast. A title cut before one drops the point when the contrast turns on
# a negation: "It will not be difficult for women to sell in the local market …" lost "… but
# they will never get permission from their family" (a cut that drops it is "contrast").
_CONTRAST = {
    "da": words("men dog"),
    "nb": words("men"),
    "sv": words("men dock"),
    "en": words("but however"),
}


class CentralStatementLabeller:
    """The theme's most telling central sentence, cleaned and cut (see the module docstring)."""

    name: ClassVar[str] = "central.v4"

    @classmethod
    def from_options(cls, options: ThemeOptions) -> CentralStatementLabeller:
        return cls(language=options.language)

    def __init__(
        self,
        *,
        language: str = "da",
        candidates: int = 30,
        words: int = 10,
        most: int = 13,
        longest: int = 16,
    ) -> None:
        self.language = language
        # Each document language's fillers; a Nordic language's lists hold the English ones
        # that are no Nordic word, and English's own ("er") would cut Danish "er" (is).
        codes = language.split("+")
        self._fillers = [c for c in codes if c == codes[0] or c != "en"]
        self.candidates = candidates
        self.words = words
        self.most = most
        # A sentence of up to ``longest`` words is kept whole when a cut would drop only a
        # few words: "… women cannot easily sell …" lost only "anything".
        self.longest = longest
        key = _key(primary(language))
        # A title cut short may end on an object or an adverb, not on another function word.
        self._function = function_words(primary(language))
        self._waiting = self._function - TITLE_CLOSERS[key]
        self._dangling = DANGLING[key]
        # A sentence said to its end stops on none of these ("… approach is that."; "etc" and
        # "too" close one).
        self._unfinished = self._dangling | (_UNFINISHED_EN if key == "en" else frozenset())
        self._openers = CLAUSE_OPENERS[key]
        self._subordinators = SUBORDINATORS[key]
        self._verbs = FINITE_VERBS[key]
        self._before_verb = VERB_BEFORE[key]
        self._subjects = SUBJECT_PRONOUNS[key]
        self._contrast = _CONTRAST[key]
        self._reply = reply_pattern(primary(language))
        self._between = VERB_ADVERBS[key] | SUBJECT_PRONOUNS[key]
        self._english = key == "en"

    def phrase(self, texts: Sequence[str], members: Sequence[int], terms: Sequence[str]) -> str:
        weights = {
            stem: 1.0 / (1 + rank)
            for rank, term in enumerate(terms)
            for stem, _ in stem_words(term, self.language)
        }
        best: tuple[bool, bool, bool, float, str] | None = None
        for position, member in enumerate(members[: self.candidates]):
            text = _WRAP.sub(" ", _DIRECTION.sub(" ", texts[member]))
            for sentence in _SENTENCE.split(text):
                cleaned = self.clean(sentence)
                if not cleaned:
                    continue
                label, how = self.cut_how(cleaned)
                stems = {s for s, _ in stem_words(label, self.language)}
                # What the label shows; fsum: the same score in any order of the set (a
                # plain sum's last bit, and so a tie, changed with PYTHONHASHSEED).
                score = math.fsum(weights.get(s, 0.0) for s in stems)
                score += 0.6 / (1 + position)  # central members say the theme best
                score += _HOW[how]  # a whole sentence; a title that waits for more
                score -= 0.3 if _BREAK.search(label) else 0.0  # a false start left in
                # A question (often the moderator's, written into a group's record) names
                # what was asked, not what the theme says: only when nothing else is left;
                # then a reply to the interviewer, or a cut that drops a contrast's point.
                # Then one said haltingly: a restart or a filler ("For example, like we …").
                ranked = (
                    not cleaned.endswith("?"),
                    not self.misleads(label, how),
                    not self.halting(label),
                    score,
                    label,
                )
                if best is None or ranked[:4] > best[:4]:
                    best = ranked
        return best[4] if best is not None else ", ".join(terms[:3])

    def halting(self, label: str) -> bool:
        """Whether ``label`` is said haltingly: words said again as a restart ("the main the
        main use case", "were useful were helpful"), a discourse filler left in ("For
        example, like we talked about …", "Honestly, like it's a little bit of …";
        :func:`publishable` takes out only the spoken hesitations), or a sentence that
        stops on a word waiting for more ("The issue with the hypothesis driven approach is
        that.")."""
        last = label.rstrip(" .!…").split()[-1:]
        return (
            bool(_RESTART.search(label))
            or bool(_COPULA_RESTART.search(label))
            or bool(_FILLER_LIKE.search(label))
            or bool(_SAID_BEFORE.search(label))
            or any(
                discourse_fillers(_LIKE.sub(" ", label), language=code) for code in self._fillers
            )
            or (bool(last) and last[0].lower() in self._unfinished)  # "… approach is that."
        )

    def misleads(self, label: str, how: str) -> bool:
        """Whether ``label`` (cut ``how``) would tell the reader something the theme does not
        say: talk to the interviewer or a reply in the conversation ("I mean, you walked me
        through it very comprehensively …", "Of course, with a model …", "That's super handy
        wavy right now", :func:`indsigt.units.lexicon.reply_pattern`), or a cut before a
        contrast that carries the point (``how`` "contrast")."""
        return how == "contrast" or bool(self._reply.search(label.rstrip(" …")))

    def clean(self, sentence: str) -> str:
        """The sentence as a label may show it, or "" when it may not be a label."""
        if PSEUDONYM.search(sentence) or _PLACEHOLDER.search(sentence):
            return ""
        if len(_CELLS.findall(sentence)) >= 2:
            return ""
        cleaned = NONVERBAL.sub(" ", _SPEAKER_CODE.sub("", _LEADER.sub("", sentence.strip())))
        while item := _ITEM.match(cleaned):
            cleaned = cleaned[item.end() :]
        for _ in range(2):
            for code in self._fillers:
                cleaned = publishable(cleaned, language=code)
            cleaned = cleaned.replace(OMISSION, " ").replace("...", " ").replace("…", " ")
            cleaned = _LEADING.sub("", cleaned.strip(_EDGE)).strip(_EDGE)
        cleaned = " ".join(_balanced(cleaned).split())
        # Content words by every document language's function words: "Jag kan ta ett
        # personligt exempel" has five by Danish words and two by Swedish ones.
        if min(content_words(cleaned, language=code) for code in self._fillers) < 3:
            return ""
        if shouted(cleaned):
            cleaned = cleaned.lower()  # "LUKKET PUNKT - ORIENTERING" reads as a heading shouted
        return cleaned[:1].upper() + cleaned[1:]

    def cut(self, text: str) -> str:
        """The title :meth:`cut_how` makes of ``text``."""
        return self.cut_how(text)[0]

    def cut_how(self, text: str) -> tuple[str, str]:
        """(title, how it was cut). Text of at most ``most`` words is kept whole; longer text
        is cut at the latest clause boundary between ``words`` − 4 and ``most`` words (a
        comma, or before "but", "og", "which" …), else at a word that waits for nothing near
        ``words`` words, and marked with "…"; a cut that would drop at most three words of a
        sentence of at most ``longest`` keeps it whole. A title never ends on a word that waits
        for what follows: an article, a conjunction ("… I think we use the"), and at a cut a
        function word or a verb before its object ("… women cannot easily sell"); a negation
        is kept ("… det kan man simpelthen ikke"). ``how``: "whole", "clause", "plain",
        "dependent" (a subordinate clause alone: "Hvis en privat virksomhed kan tjene penge",
        or a whole sentence that is one: "Although a few girls get married at the age of
        fourteen"), "broken" (no clean cut, or a sentence that broke off) or "contrast" (a
        cut before a contrast that carries the point, see :meth:`_drops_contrast`)."""
        words = text.split()
        cut, how = len(words), "whole"
        if len(words) > self.most:
            cut, how = self._best_cut(words)
            if len(words) - cut <= 3 and len(words) <= self.longest:
                cut, how = len(words), "whole"
        if how == "whole":
            while cut > 3 and _bare(words[cut - 1]) in self._dangling:
                cut -= 1
            how = "whole" if cut == len(words) else "broken"
        if how == "whole" and self._alone(words):
            how = "dependent"  # "Although a few girls get married at the age of fourteen"
        elif cut < len(words) and self._drops_contrast(words, cut):
            how = "contrast"
        label = _balanced(" ".join(words[:cut])).rstrip(".!;:,–—- ")
        return (label if cut == len(words) else label + " …"), how

    def _best_cut(self, words: list[str]) -> tuple[int, str]:
        """(words kept, how) of text longer than ``most`` words: the latest clause boundary
        of the strongest kind (a comma or dash; before "but", "because", "which" …; before
        "and", "or", which may join two nouns), else a subordinate clause alone, else a clean
        cut nearest ``words`` (shorter first), else the old rule: ``words`` words less the
        function words at the end."""
        low, high = max(4, self.words - 4), min(len(words) - 1, self.most)
        clean = [cut for cut in range(high, low - 1, -1) if self._clean(words, cut)]
        dependent = None
        for kind in (1, 2, 3):
            for cut in clean:
                if self._boundary(words, cut) != kind:
                    continue
                if not self._dependent(words[:cut]):
                    return cut, "clause"
                dependent = dependent or cut
        if dependent is not None:
            return dependent, "dependent"
        for cut in [*range(self.words, low - 1, -1), *range(self.words + 1, high + 1)]:
            if cut in clean and not self._verb_waits(words, cut):
                return cut, "plain"
        cut = self.words
        while cut > 3 and not self._clean(words, cut):
            cut -= 1
        return cut, "broken"

    def _boundary(self, words: list[str], cut: int) -> int:
        """Whether a clause ends after ``cut`` words, by strength: 1 at a comma or dash, 2
        before a word that opens a clause, 3 before "and" or "or"; 0 for none (nor before a
        conjunction after a verb: the verbs share what follows, "to buy and sell land")."""
        if _CLAUSE_END.search(words[cut - 1]):
            return 1
        following = _bare(words[cut])
        if following not in self._openers or self._verb_waits(words, cut):
            return 0
        return 3 if following in _AND else 2

    def _clean(self, words: list[str], cut: int) -> bool:
        """Whether the title may end on word ``cut``: no function word that waits for more
        (an object, an adverb or a negation may end it), no subject before its verb ("… it
        seemed like there …")."""
        last = _bare(words[cut - 1])
        if _CLAUSE_END.search(words[cut - 1]):
            # Not "… og ser, [hvor mange der klikker]" (a verb before its object clause) nor
            # "… features and, you know," (a filler before the comma).
            if last in self._verbs and _bare(words[cut]) in _OBJECT_CLAUSE:
                return False
            waits = last in self._waiting and _bare(words[cut - 2]) in self._function
            return last not in self._dangling and not (cut >= 2 and waits)
        if last in self._subjects and cut < len(words) and self._is_verb(_bare(words[cut])):
            return False
        return last not in self._waiting or is_negation(last, self._fillers)

    def _is_verb(self, word: str) -> bool:
        return word in self._verbs or (self._english and word.endswith("ed"))

    def _verb_waits(self, words: list[str], cut: int) -> bool:
        """Whether word ``cut`` is a verb (a finite verb of the lexicon, a word after a
        subject pronoun, a modal, "have" or an infinitive marker with at most a subject or
        adverb between, an English "-ing") whose object or complement the cut drops."""
        last = _bare(words[cut - 1])
        if last in self._verbs:
            return True
        if self._english and last.endswith("ing") and len(last) > 5:
            return _bare(words[cut - 2]) not in self._dangling if cut >= 2 else True
        before = [_bare(w) for w in words[max(0, cut - 3) : cut - 1]]
        if before and (before[-1] in self._before_verb or before[-1] in self._subjects):
            return not _CLAUSE_END.search(words[cut - 2])
        if len(before) == 2 and before[0] in self._before_verb:
            middle = before[1]
            return middle in self._between or (self._english and middle.endswith("ly"))
        return False

    def _alone(self, words: list[str]) -> bool:
        """Whether a whole sentence is a subordinate clause alone: it opens on a subordinating
        conjunction ("Although", "Hvis"; not "Because of", a preposition), has one finite verb
        at most ("If someone has a love marriage he is thrown out …" has its main clause) and
        no clause boundary (see :meth:`_dependent`)."""
        first = _bare(words[0])
        if first not in self._subordinators or len(words) < 2:
            return False
        if first == "because" and _bare(words[1]) == "of":
            return False
        verbs = sum(_bare(w) in self._verbs for w in words)
        return verbs <= 1 and self._dependent(words)

    def _drops_contrast(self, words: list[str], cut: int) -> bool:
        """Whether a cut after ``cut`` words drops a contrast ("but", "however", "men") whose
        clause holds a negation: "It will not be difficult … but they will never get
        permission …" says the opposite of its first clause alone. A contrast that only adds
        ("… does not consult wife about new crop, but informs her …") or sets two sides
        side by side ("… work in the fields but for landowners …") may be cut."""
        for at in range(max(cut, 1), len(words) - 1):
            if _bare(words[at]) not in self._contrast:
                continue
            tail = itertools.takewhile(lambda w: _bare(w) not in self._contrast, words[at + 1 :])
            if any(is_negation(_bare(w), self._fillers) for w in tail):
                return True
        return False

    def _dependent(self, kept: list[str]) -> bool:
        """Whether ``kept`` is a subordinate clause alone: a subordinating conjunction among
        its first four words and no clause boundary before its end but one before a relative
        clause ("Hvis vi kun eksperimenterer med de ting, der ikke betyder noget")."""
        opens = any(_bare(w) in self._subordinators for w in kept[:4])
        return opens and not any(
            _CLAUSE_END.search(w) and _bare(after) not in _RELATIVE
            for w, after in itertools.pairwise(kept)
        )


def _key(language: str) -> str:
    """The title word lists' key of ``language`` (Norwegian as ``nb``; others as English)."""
    if language in ("no", "nb", "nn"):
        return "nb"
    return language if language in DANGLING else "en"


def _bare(word: str) -> str:
    return word.lower().strip(_BARE).replace("’", "'")


def _balanced(text: str) -> str:
    """``text`` without brackets that do not pair up — a transcriber's aside split across
    sentences ("… in the village)"), or cut off by the title ("… the market (alone …") —
    and without the pair around the whole of it ("(Here small fishes indicate girls …)")."""
    if text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]) == text[1:-1]:
        text = text[1:-1]
    opened: list[int] = []
    unmatched: set[int] = set()
    for at, char in enumerate(text):
        if char == "(":
            opened.append(at)
        elif char == ")":
            if opened:
                opened.pop()
            else:
                unmatched.add(at)
    unmatched.update(opened)
    return "".join(c for at, c in enumerate(text) if at not in unmatched)
