"""Key point candidates: respondents' own sentences that can stand alone as a key point.

A sentence is first cleaned as a quote would be (stage directions such as "(griner)", leading
fillers such as "Øh, altså," and a leading coordinator ("Men", "Og", "But") removed, a closing
tag question (", ik'", ", ikke?", ", right?") removed, spaces tidied); it is a candidate when it
is

- a statement: it does not start with a finite auxiliary ("Har vurderet truslen …": the
  subject dropped, or a question without its "?");
- short: ``min_words``–``max_words`` words (5–25 by default);
- complete: starts with a capital letter or a digit and ends with ".", "!" or nothing
  else (no question, no trailing "…", dash or "osv.", no broken-off start " – " or "…"
  inside, no "[…]"), and names no pseudonym ("Person 43");
- fluent: no hesitation sound ("øh", "um": the units stage's spoken fillers), no
  broken-off word ("siden, d., et forsøg") and no self-repair ("so we first we get", "det
  det") inside;
- self-contained: does not start with a word that points back to something unsaid
  ("Men", "Så", "Han", "Dette", "Især", "That's", "In the end", "Til sidst") and holds no
  dangling reference ("som jeg sagde", "det samme", "sådan er det", a closing object
  pronoun: "vi skal kende dem", a pronoun object before a new clause: "I found that and I
  thought …") and no talk
  about its own words ("undskyld", "kliché"); one
  led by "Det"/"It" needs an extraposed clause in its first words ("Det er svært at …"),
  else "Det" points back ("Det er en reel udfordring"); and it does not lean on the question
  it answers: no "X er et godt eksempel", "det er rigtigt", "that's true", "du har ret",
  "Tag f.eks. …" (an example of what was asked);
- a clause: its main clause has a finite verb (:mod:`indsigt.analyse.keypoints.verbs`, rules
  without a tagger), so "Datadeling på tværs af sektorer." is not a key point;
- substantive: not conversational by the units stage's talk detector
  (:class:`~indsigt.units.rules.RuleTalkDetector`, the rules that mark stored passages), with
  at least ``min_content`` content words (:func:`indsigt.units.rules.content_words`).

A sentence that is not a candidate as a whole (too long, or one of its clauses leans on
something) offers its main clauses instead (:func:`candidate_texts`): it is split after a
comma before a coordinator ("…, og vi mangler folk", "…, but …") or at a semicolon, and each
clause, cleaned again and closed with a full stop, must pass the same rules.
"""

from __future__ import annotations

import functools
import re

from indsigt._words import words as _words
from indsigt.analyse.keypoints.verbs import has_finite_verb
from indsigt.nouns import PSEUDONYM
from indsigt.units.base import TalkDetector
from indsigt.units.lexicon import RESAID, SPOKEN_FILLER, lexicon
from indsigt.units.rules import RuleTalkDetector, content_words

# First words that make a sentence lean on what came before it.
LEADING = {
    "da": _words(
        """og men så eller fordi hvilket hvorfor derfor han hun de dem dette disse den denne
        ja nej jo altså øh præcis netop nemlig også heller hvor hvis når mens selvom end
        sådan ligesom der's dér her især specielt fx eksempelvis bl.a. blandt herunder
        primært dels både enten heller samt plus fordi at måske f.eks mht ift iht pga
        fx. ikke desuden endvidere derudover ellers dog imidlertid alligevel"""
    ),
    "nb": _words(
        """og men så eller fordi hvilket derfor han hun de dem dette disse den denne ja nei
        jo altså liksom også heller hvor hvis når mens selv om enn sånn især spesielt
        f.eks blant primært dels både enten samt at å kanskje pga ikke ikkje da sen dessuten
        videre ellers imidlertid likevel"""
    ),
    "sv": _words(
        """och men så eller eftersom vilket därför han hon de dem detta dessa den denna ja
        nej ju alltså också heller där om när medan fast än sådär typ särskilt speciellt
        t.ex bland främst dels både antingen samt att kanske pga inte då sen sedan dessutom
        vidare annars ändå däremot"""
    ),
    "en": _words(
        """and but so or because which therefore he she they them this these that those
        yes no exactly um also too where if when while though than like especially
        particularly e.g mainly both either plus to maybe perhaps not then moreover
        furthermore besides additionally however otherwise instead anyway"""
    ),
}
# Phrases that refer to something said elsewhere.
DANGLING = {
    "da": r"\b(?:som jeg sagde|som nævnt|det samme|det der|den der|de der|det her|dét"
    r"|sådan er det)\b"
    r"|\b(?:om|med|til|på|af|for|i|ved|hos) (?:det|dem|den|dét)\W*$|\b(?:dem|det|dét)\W*$"
    r"|^det (?:betyder|gør|gjorde|har|havde|hjælper|skyldes)\b",
    "nb": r"\b(?:som jeg sa|som nevnt|det samme|det der|den der|det her|sånn er det)\b"
    r"|\b(?:om|med|til|på|av|for|i|ved|hos) (?:det|dem|den)\W*$|\b(?:dem|det)\W*$",
    "sv": r"\b(?:som jag sa|som sagt|samma sak|det där|den där|det här|så är det)\b"
    r"|\b(?:om|med|till|på|av|för|i|vid|hos) (?:det|dem|den)\W*$|\b(?:dem|dom|det)\W*$",
    "en": r"\b(?:as i said|as mentioned|the same thing|that one|this one|that's how it is)\b"
    r"|\b(?:about|with|to|on|of|for|in|at) (?:it|that|them|this)\W*$|\b(?:it|them)\W*$"
    r"|\b(?:like|not)\W*$",  # "I use PDP plots, but like not."
}
# An object that is only a pronoun before a new clause: "I found that and I thought it was
# useful" (found what?), "vi prøvede det og vi …"; a judgement of a thing only pointed at:
# "I found those quite useful" (which?).
POINTING_OBJECT = re.compile(
    r"\b(?:that|this|it|det|dét|dette|detta|dem|dom)\s+(?:and|but|og|men|och)\s+"
    r"(?:i|we|they|he|she|you|jeg|jag|vi|de|han|hun|hon|man)\b"
    r"|\b(?:found|find|finds|consider|considered)\s+(?:those|these|them|it)\s+(?:quite|very"
    r"|really|pretty|super|extremely|so|rather|fairly|somewhat|\w+(?:ful|ing|ive|ble))\b",
    re.I,
)
# The end of a story told before: "…; but in the end he will buy a bike", "Til sidst …"
# ("at the end of the day", "ultimately", is a conclusion and is kept).
AFTERMATH = re.compile(
    r"^(?:in the end|at the end(?! of the day)|eventually|finally|til sidst|til slut"
    r"|til slutt|til sist|till slut|till sist)\b",
    re.I,
)
# "… 25 af dem …" before any comma: "them" can only be something said before the sentence
# ("dem, der …" and "them who …" point forward and are kept).
OF_THEM = re.compile(
    r"^[^,;]{0,40}\b(?:af|av|of)\s+(?:dem|dom|them)\b(?!,?\s+(?:der|som|who|that|which)\b)",
    re.I,
)
# What removal left behind: a preposition and then a comma before something that is not a
# clause ("et samarbeid med, bl.a. på, og med næringslivet"; "handler om, at …" is kept);
# and "have" with its object left unsaid before a new clause ("In case a woman have, her
# husband would decide"; "We have, in our region, …" is kept), and "allow" without whom
# ("Our men never allow to go to school in outside areas"; "allowed to" is kept).
EMPTIED = re.compile(
    r"\b(?:med|på|til|af|av|för|for|till|with|on|to)\s*,\s+(?!(?:at|att|å|som|der|hvor|that)\b)"
    r"|\b(?:have|has|had)\s*,\s+(?:her|his|their|our|my|your)\b"
    r"|\b(?:allow|allows|permit|permits)\s+to\b",
    re.I,
)
# Talk about one's own words: an apology, a cliché announced ("undskyld, det lyder som en kliché").
META = re.compile(
    r"\b(?:undskyld|unnskyld|förlåt|ursäkta|sorry|kliché|klisjé|klyscha|cliché|cliche"
    r"|sige det sådan|si det sånn|säga det så här|put it (?:this|that) way"
    # a liking for the word asked about, not for a thing: "Jeg kan ikke lide udtrykket"
    r"|(?:lide|like|liker|gillar)\s+(?:udtrykket|ordet|begrebet|uttrykket|uttrycket|begreppet"
    r"|the (?:term|word|expression)))\b",
    re.I,
)
# A statement of one's own uncertainty is no point: "I don't know if this is using in this
# plots …", "I'm not sure I really used those filters", "I wouldn't say pain points as such"
# (pdpilot's summary, three of five lines). Not "I guess …", which often leads a point.
HEDGED = re.compile(
    r"^(?:(?:but|well|so|and|men|og|så|och)\W+)?"
    r"(?:i (?:don't|do not) (?:really )?know (?:if|whether)|i'm not (?:really )?sure"
    r"|i am not (?:really )?sure|i wouldn't say|i don't think there (?:are|is) any"
    r"|jeg ved ikke,? om|jeg er ikke (?:helt )?sikker på|jeg vil ikke sige"
    r"|jeg vet ikke,? om|jag vet inte,? om"
    r"|jag är inte (?:helt )?säker på)\b",
    re.I,
)
# Answers that lean on the question they answer: "Byggesagerne er faktisk et godt eksempel."
# (an example of what?), "Det er helt rigtigt.", "That's true for us too.", "Du har ret".
LEANING = re.compile(
    r"\b(?:(?:et|ett|a|an|the|a very|et rigtig|et meget|ett väldigt|et veldig)\s+)?"
    r"(?:godt|gott|bra|good|great|fint|typisk|klassisk|perfekt|oplagt|tydeligt|typical"
    r"|classic|perfect|obvious)\s+(?:eksempel|exempel|example)(?:\s+(?:på|of)\s+"
    r"(?:det|dét|dette|den|that|this|it))?\W*$"
    r"|\b(?:eksempel|exempel|example)\s+(?:på|of)\s+(?:det|dét|dette|that|this|it)\b"
    r"|^(?:det|dét|that|that's|it's|it|det här)\s+(?:er|är|is|'s)?\s*(?:helt\s+|nok\s+|faktisk\s+"
    r"|absolut\s+|også\s+|också\s+|very\s+|absolutely\s+|so\s+|quite\s+)?(?:rigtigt|rigtig"
    r"|riktig|riktigt|rätt|korrekt|sandt|sant|true|right|correct)\b"
    r"|\b(?:du|dere|I|ni|you)\s+(?:har|have|are|'re)\s+(?:helt\s+|så\s+|absolutely\s+)?"
    r"(?:ret|rett|rätt|right)\b"
    r"|^(?:tag|ta|take|se|look at)\s+(?:f\.eks\.|fx\.?|f\.ex\.|t\.ex\.|eksempelvis|for example"
    r"|for instance)"
    # "…, for svaret er: Meget." (the answer to what was asked); "Jeg ser tre ting." (a list
    # announced, said in the sentences after it)
    r"|\b(?:svaret|the answer)\s+(?:er|är|is)\b"
    r"|\b(?:to|tre|fire|två|fyra|two|three|four)\s+(?:ting|saker|things|punkter|points)\W*$"
    # a reply that takes the question's words for granted: "Why not, we help them …", "Of
    # course it is useful …", "Selvfølgelig …" (GENNOVATE's key points)
    r"|^(?:why not|of course|selvfølgelig|selvfølgeligt|naturligvis|selvsagt|självklart"
    r"|såklart|hvorfor ikke|varför inte)\b",
    re.I,
)
# A word broken off inside a sentence: "siden, d., et forsøg" (one or two letters and ".,").
BROKEN = re.compile(r"(?<![.\w])\w{1,2}\.,\s")
# A self-repair: a word said twice ("we we", "det det") or a subject restarted after one
# small word ("so we first we get", "jeg så jeg"); "had had" and "that that" are grammar.
REPAIR = re.compile(
    r"\b(?!(?:had|that)\b)(\w+)\s+\1\b|\b(?:i|we|jeg|vi|jag),\s+(?:i|we|jeg|vi|jag)\b"
    r"|\b(we|i|they|you|vi|jeg|de|jag|dere|ni)\s+(?:first|then|also|just|so|like|så|også"
    r"|bare|da|nu|now)\s+\2\b"
    r"|\b(what|which|who|how|hvad|hvilke|hvem|vad|vilka|vem)\s+\w+,?\s+\3\b"  # "what the, what"
    r"|\b\w+n't\s+(?:and|but|or)\s+(?:like|uh|um|i think|i mean|you know)\b"  # "I can't and like"
    # a phrase restarted after at most two words: "I'm not like taking so I'm not like taking"
    r"|\b(\w+(?:'\w+)?(?:\s+\w+(?:'\w+)?){2,3})\s+(?:\w+\s+){0,2}\4\b"
    + "|"
    + RESAID.replace(r"\1", r"\5"),  # "I am studying still studying": its groups 5 and 6
    re.IGNORECASE,
)
# A sentence that stops on a word that needs more after it: "…, we have some features that.",
# "… because that's when I was." (Danish, Norwegian and Swedish prepositions may end a
# sentence: "det er vi ikke klar til."; only conjunctions and articles count there.)
UNFINISHED = {
    "da": _words("at og men fordi hvis en et"),
    "nb": _words("å at og men fordi hvis en et ei"),
    "sv": _words("att och men eftersom om en ett"),
    "en": _words(
        """that the a an and or but if because so which was were to of with probably like
        basically kind sort it's they're we're i'm you're there's that's he's she's what's
        i we they he she"""
    ),  # a contraction never ends a clause: "Then the ICE plot shows that they're probably."
}
FILLERS = {
    "da": ("øh", "øhm", "altså", "ja", "nej", "jo", "jamen", "nå", "okay", "men altså"),
    "nb": ("eh", "ehm", "øh", "altså", "ja", "nei", "jo", "liksom", "okei"),
    "sv": ("öh", "eh", "ehm", "alltså", "ja", "nej", "jo", "typ", "okej"),
    "en": ("uh", "um", "er", "well", "yeah", "yes", "so", "okay", "you know", "i mean"),
}
# Coordinators that join a sentence to the one before it; "Men vi mangler folk." says what
# "Vi mangler folk." says.
COORDINATORS = {
    "da": ("og", "men", "eller"),
    "nb": ("og", "men", "eller"),
    "sv": ("och", "men", "eller"),
    "en": ("and", "but", "or"),
}
# A tag question closing a sentence: "…, ik'", "…, ikke?", "…, eller hur?", "…, right?".
TAGS = {
    "da": r"ik'|ikk'?|ikke(?: også| sant)?|ikke\s+også|ikk|ikke",
    "nb": r"ikke(?: sant)?|ikkje|sant|ikk'?",
    "sv": r"eller hur|inte sant|va|ju",
    "en": r"right|you know|isn't it|don't you think|yeah",
}
# Where a sentence splits into main clauses: after a comma before a coordinator, or at ";".
CLAUSE = {
    lang: re.compile(r",\s+(?=(?:" + "|".join(words) + r")\s)|;\s+", re.IGNORECASE)
    for lang, words in COORDINATORS.items()
}
# "Det er en reel udfordring" points back; "Det er svært at rekruttere" does not: a sentence
# led by one of these is accepted only with an extraposed clause ("at", "to") in its first words.
EXPLETIVE = {
    "da": (_words("det den der"), _words("at når hvis om som")),
    "nb": (_words("det den der"), _words("å at når hvis om som")),
    "sv": (_words("det den där"), _words("att när om som")),
    "en": (_words("it there"), _words("to that when if whether")),
}
EXPLETIVE_WINDOW = 7
SUBJECTS = {
    "da": _words("jeg du han hun vi i de man"),
    "nb": _words("jeg du han hun vi dere de man"),
    "sv": _words("jag du han hon vi ni de man"),
}
PREPOSITIONS = {
    "da": _words("med om for af på til i ved over under efter fra"),
    "nb": _words("med om for av på til i ved over under etter fra"),
    "sv": _words("med om för av på till i vid över under efter från"),
    "en": _words("of with about for on in at over under after from"),
}
# A finite auxiliary first: the subject was dropped ("Har vurderet truslen mod sektoren som
# høj.") or it is a question said without "?" ("Er det ikke sådan, at …").
VERB_FIRST = {
    "da": _words(
        "har havde er var kan kunne skal skulle vil ville må måtte bliver blev gør gjorde"
    ),
    "nb": _words("har hadde er var kan kunne skal skulle vil ville må måtte blir ble gjør gjorde"),
    "sv": _words(
        "har hade är var kan kunde ska skall skulle vill ville måste blir blev gör gjorde"
    ),
    "en": _words("has have had is are was were do does did can could will would shall should"),
}
NAME_LIST = 0.3  # more capitalised words than this share: a list of names, not a sentence
LIST_END = re.compile(r"\b(?:osv|etc|mv|m\.m|o\.l|m\.fl|o\.s\.v|og så videre|and so on)\.?$", re.I)
FALSE_START = re.compile(r"\s[–—-]\s|\.\.\.|…")  # "Vi har – jeg tror …": a broken-off start
_STAGE = re.compile(r"\s*[\(\[][^\)\]]{0,40}[\)\]]")  # (griner), [latter], [inaudible]
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def language_key(language: str) -> str:
    """The candidate rules' language: Norwegian variants are ``nb``; unknown ones Danish."""
    if language in ("no", "nn", "nb"):
        return "nb"
    return language if language in LEADING else "da"


def _uncontracted(word: str) -> str:
    """A first word without its contracted verb: "that's" → "that", "it's" → "it"."""
    return re.split(r"['’]", word, maxsplit=1)[0] or word


def clean(text: str, language: str) -> str:
    """The sentence as a quote would print it: stage directions and leading fillers removed,
    repeated spaces tidied, the first letter capitalised after a removed filler."""
    lang = language_key(language)
    cleaned = _STAGE.sub("", text)
    cleaned = _SPACES.sub(" ", cleaned).strip(" ,;–-")
    stripped = _leading(lang).sub("", cleaned)
    tag = re.compile(r",\s*(?:" + TAGS[lang] + r")\s*[?.!]*$", re.IGNORECASE)
    untagged = tag.sub(".", stripped)
    if stripped != cleaned and untagged:
        untagged = untagged[0].upper() + untagged[1:]
    return untagged.strip()


@functools.cache
def _leading(lang: str) -> re.Pattern[str]:
    """Leading fillers and coordinators, repeated ("Men altså, øh, …")."""
    words = sorted((*FILLERS[lang], *COORDINATORS[lang]), key=len, reverse=True)
    return re.compile(
        r"^(?:(?:" + "|".join(re.escape(w) for w in words) + r")\b[\s,.…–-]*)+", re.IGNORECASE
    )


def clauses(text: str, language: str) -> list[str]:
    """The main clauses of a cleaned sentence (see the module docstring), each cleaned and
    closed with a full stop; the sentence alone when it has one."""
    lang = language_key(language)
    parts = [p.strip() for p in CLAUSE[lang].split(text) if p.strip()]
    if len(parts) < 2:
        return [text]
    found = []
    for part in parts:
        piece = clean(part, language).rstrip(" ,;")
        if not piece:
            continue
        piece = piece[0].upper() + piece[1:]
        found.append(piece if piece[-1:] in (".", "!") else piece.rstrip(".!?") + ".")
    return found


@functools.cache
def _spoken_filler(language: str) -> re.Pattern[str]:
    """The units stage's hesitation sounds ("øh", "um") as words inside a sentence."""
    spoken = sorted(lexicon(SPOKEN_FILLER, language), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, spoken)) + r")\b", re.IGNORECASE)


class CandidateRules:
    """The candidate predicate (see the module docstring)."""

    def __init__(
        self,
        *,
        min_words: int = 5,
        max_words: int = 25,
        min_content: int = 3,
        talk: TalkDetector | None = None,
    ) -> None:
        self.min_words = min_words
        self.max_words = max_words
        self.min_content = min_content
        self.talk = talk or RuleTalkDetector()
        self._dangling = {lang: re.compile(p, re.IGNORECASE) for lang, p in DANGLING.items()}

    def reason(self, text: str, language: str) -> str | None:
        """Why ``text`` (already cleaned) is not a candidate, or None when it is one."""
        lang = language_key(language)
        words = _WORD.findall(text)
        if not self.min_words <= len(words) <= self.max_words:
            return "length"
        if not (text[:1].isupper() or text[:1].isdigit()):
            return "fragment"
        if text.endswith(("?", "…", "...", "-", "–", ",", ":", ";")) or "[…]" in text:
            return "incomplete"
        if text[-1:] not in (".", "!") and text[-1:].isalnum() is False:
            return "incomplete"
        if LIST_END.search(text) or FALSE_START.search(text):
            return "incomplete"
        if words[-1].lower() in UNFINISHED[lang]:
            return "incomplete"
        if PSEUDONYM.search(text):
            return "pseudonym"
        if sum(w[:1].isupper() for w in words[1:]) > NAME_LIST * len(words):
            return "fragment"  # "MitID, Digital Post, NemLog-in, borger.dk og virk.dk."
        if self.talk.detect([text], language=language)[0] is not None:
            return "conversational"
        if BROKEN.search(text) or REPAIR.search(text) or _spoken_filler(language).search(text):
            return "disfluent"  # a key point is said cleanly: no "øh" or broken word inside
        if META.search(text):
            return "meta"
        if HEDGED.search(text):
            return "hedged"
        if LEANING.search(text):
            return "leaning"  # meaningful only beside the interviewer's question
        first = text.split()[0].lower().rstrip(",;:.")
        if first in VERB_FIRST[lang]:
            return "fragment"
        # "That's a big problem" leans as "That is …" does; "It's" is read as "It" below
        window = [w.lower() for w in words[:EXPLETIVE_WINDOW]]
        window[0] = _uncontracted(window[0])
        if first in LEADING[lang] or window[0] in LEADING[lang] or AFTERMATH.search(text):
            return "dangling"
        if self._dangling[lang].search(text) or OF_THEM.search(text):
            return "dangling"
        if POINTING_OBJECT.search(text):
            return "dangling"
        if EMPTIED.search(text):
            return "fragment"
        lead, clause = EXPLETIVE[lang]
        if window[0] in lead:
            at = next((i for i, w in enumerate(window) if i and w in clause), None)
            # "Det er hele pointen med, at …": a clause after a preposition completes a noun;
            # "det" still points back.
            if at is None or window[at - 1] in PREPOSITIONS[lang]:
                return "dangling"
            # "Der har vi prøvet …", "Det gjorde vi …": a fronted adverb or object, not an
            # expletive (verb second, then the subject pronoun).
            if len(window) > 2 and window[2] in SUBJECTS.get(lang, frozenset()):
                return "dangling"
        if content_words(text, language=language) < self.min_content:
            return "no content"
        if not has_finite_verb(text, language):
            return "verbless"
        return None

    def accepts(self, text: str, language: str) -> bool:
        return self.reason(text, language) is None

    def offers(self, text: str, language: str) -> tuple[list[str], str | None]:
        """The candidates a cleaned sentence offers — itself when it is one, else those of
        its main clauses (:func:`clauses`) — and why the whole is not one (None when it is)."""
        why = self.reason(text, language)
        if why is None:
            return [text], None
        parts = clauses(text, language)
        if len(parts) < 2:
            return [], why
        return [part for part in parts if self.accepts(part, language)], why
