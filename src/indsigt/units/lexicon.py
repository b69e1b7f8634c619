"""Word lists of conversational talk in Danish, Norwegian, Swedish and English.

Each language has backchannels (a listener's "yes, go on"), fillers (hesitation and spoken
discourse markers), greetings and thanks, sign-offs, patterns of talk about the interview
itself, and the function words a fragment may hold besides them. English lists are always
added to a Nordic language's: "okay", "super" and "cool" are common in Nordic speech.
"""

from __future__ import annotations

import functools
import re

from indsigt import nouns
from indsigt._words import SAID, words

BACKCHANNEL = {
    "da": words(
        """ja jaja jah jep nej næ nå nåh nåe okay ok okej præcis netop nemlig klart bestemt
        selvfølgelig absolut sikkert korrekt rigtigt rigtig sandt enig fint godt super fedt
        dejligt spændende interessant jamen jo javel aha ah nåja nårh sådan mm mhm hm hmm
        ikk ik ikke vel værsgo helt""",
    ),
    "no": words(
        """ja jo nei neida jaha okei ok akkurat nettopp stemmer klart absolutt selvfølgelig
        sikkert riktig sant enig greit fint bra supert flott spennende interessant jasså aha
        mm mhm hm hmm ikke sant helt""",
    ),
    "sv": words(
        """ja jo nej nä jaha javisst visst okej ok precis exakt absolut självklart säkert
        riktigt rätt sant stämmer håller bra fint toppen super kul spännande intressant aha
        mm mhm hm hmm just det""",
    ),
    "en": words(
        """yeah yea yes yep yup ya no nope nah okay ok okey right alright sure exactly
        absolutely definitely totally correct true cool great perfect awesome nice good fine
        gotcha interesting wow indeed certainly agreed agree course sounds makes sense fair
        enough see got oh ah aha mm mhm hmm hm uh huh uhhuh mmhmm mm-hmm uh-huh yeah-yeah
        of it that's that this is it's i understood sorry oops mmm mmmm hmmm ohh ooh ahh
        obviously precisely point""",
    ),
}

FILLER = {
    "da": words("øh øhm øhh æh æhm eh ehm hm hmm mm altså sådan ligesom liksom jo vel ik ik'"),
    "no": words("eh ehm æh æhm hm hmm mm altså liksom på en måte jo vel"),
    "sv": words("eh ehm öh öhm äh hm hmm mm alltså liksom typ så här ju va"),
    "en": words("um umm uh uhh uhm er erm ah hmm hmmm hm mm mmm like basically actually"),
}

# Spoken fillers a publishable quote loses (a closed set: never a word with meaning).
SPOKEN_FILLER = {
    "da": words("øh øhm øhh æh æhm ehm hmm mm"),
    "no": words("eh ehm æh æhm hmm mm"),
    "sv": words("eh ehm öh öhm äh hmm mm"),
    "en": words("um umm uh uhh uhm er erm hmm mm"),
}

GREETING = {
    "da": words(
        """tak tusind mange hej goddag godmorgen velkommen selv det var så lidt skønt
        dejligt at møde dig jer også""",
    ),
    "no": words("takk tusen mange hei hallo god dag morgen velkommen selv bare hyggelig"),
    "sv": words("tack så mycket hej hallå god dag morgon välkommen själv trevligt"),
    "en": words(
        """thank thanks you very much so hi hello hey morning afternoon welcome pleasure
        worries problem my no nice to meet again appreciate it""",
    ),
}

SIGNOFF = {
    "da": words("farvel hej hejhej vi ses snakkes god dag weekend fortsat tak for nu"),
    "no": words("ha det hadet vi ses snakkes god dag helg fortsatt takk for nå"),
    "sv": words("hej då hejdå vi ses hörs ha en bra dag helg tack för nu"),
    "en": words(
        """bye goodbye see you later soon take care have a good nice day weekend cheers
        talk to then night evening""",
    ),
}

# Farewells as phrases ("hej då", "vi ses", "see you", "ha det bra").
SIGNOFF_PHRASES = re.compile(
    r"\b(?:hej ?då|hej ?hej|vi ses|vi hørs|vi hörs|snakkes|hörs|ha det(?: så)?(?: bra| godt)?"
    r"|hadet|farvel|adjø|bye(?: bye)?|goodbye|see you(?: later| soon)?|take care"
    r"|held og lykke|lykke til|lycka till|good luck|best of luck"
    r"|have a (?:good|nice|great) (?:day|one|weekend|evening|night))\b",
    re.IGNORECASE,
)

# Thanks for the interview as a clause ("Many thanks for being so generous with your time").
THANKS = re.compile(
    r"\b(?:many |thank|thanks)[^.?!]{0,20}\bfor\b[^.?!]*?\b(?:your time|taking (?:the )?time"
    r"|being (?:so )?generous|sharing|participating|coming|having me|talking (?:to|with) (?:me|us))"
    r"[^.?!]*|\btak (?:fordi|for at) (?:du|i) (?:ville|gad|tog)[^.?!]*|\btak for (?:din|jeres) tid"
    r"[^.?!]*|\btakk for (?:at du|at jeg fikk|tiden)[^.?!]*"
    r"|\btack för (?:att du|att jag fick|din tid)[^.?!]*|\btak fordi jeg måtte[^.?!]*",
    re.IGNORECASE,
)

# Talk about the interview itself: set-up, recording, connection, repeating the question.
INTERVIEW = {
    "da": (
        r"gentage spørgsmålet|gentag spørgsmålet|kan du gentage|gentag lige"
        r"|hvad var spørgsmålet|forstod ikke spørgsmålet"
        r"|kan du høre mig|hører du mig|kan du se min skærm|dele (?:min )?skærm|nu kører den"
        r"|optage(?:lsen|r)?\b|båndoptager|på båndet|du er på mute|din lyd|forbindelsen"
        r"|det var mine spørgsmål|sidste spørgsmål|næste spørgsmål|godt spørgsmål"
        r"|giver det mening|hvis (?:i|du) har brug for mere|(?:skriv|ring) (?:til|på) (?:mig|os)"
        r"|send (?:mig|dig) (?:gerne )?(?:en mail|rapporten)|min sekretær|kan jeg høre dig"
        r"|hører dig nu|du hakker|min forbindelse"
        r"|udskrift(?:en)?|transskription(?:en)?|sagt (?:det hele|rigeligt|alt)"
        r"|(?:intet|ikke mere) at tilføje|hvis jeg kommer i tanke om (?:noget|mere)"
        r"|\bvent (?:lige|lidt)\b|\b(?:lige )?et (?:øjeblik|sekund)\b|\bto sekunder\b"
    ),
    "no": (
        r"gjenta spørsmålet|kan du gjenta|hva var spørsmålet|forsto ikke spørsmålet|hører du meg"
        r"|kan du se skjermen|dele skjerm|opptak(?:et)?\b|på mute|forbindelsen"
        r"|det var mine spørsmål|siste spørsmål|neste spørsmål|godt spørsmål"
        r"|gir det mening|hvis (?:dere|du) trenger mer|(?:skriv|ring) (?:til|på) (?:meg|oss)"
        r"|kan jeg høre deg|utskrift(?:en)?|transkripsjon(?:en)?|sagt (?:alt|nok)"
        r"|(?:ingenting|ikke mer) å legge til"
        r"|\bvent (?:litt|lite)\b|\bet (?:øyeblikk|sekund)\b|\bto sekunder\b"
    ),
    "sv": (
        r"upprepa frågan|kan du upprepa|vad var frågan|förstod inte frågan|hör du mig"
        r"|kan du se min skärm"
        r"|dela skärm|inspelning(?:en)?\b|spela in|på mute|uppkopplingen"
        r"|det var mina frågor|sista frågan|nästa fråga|bra fråga"
        r"|om (?:ni|du) behöver mer|(?:skriv|ring) (?:till|på) (?:mig|oss)"
        r"|kan jag höra dig|utskrift(?:en)?|transkribering(?:en)?|sagt (?:allt|nog)"
        r"|(?:inget|inte mer) att tillägga"
        r"|\bvänta (?:lite|lite grann)\b|\b(?:ett ögonblick|en sekund)\b|\btvå sekunder\b"
    ),
    "en": (
        r"repeat the question|(?:could|can) you repeat|say that again|rephrase the question"
        r"|what was the question|what's the question"
        r"|understand the question|can you hear me|hear me (?:okay|ok|now)|you(?:'re| are) muted"
        r"|on mute|share (?:my |your )?screen|stop sharing|screen ?share|recording|the audio"
        r"|my connection|your connection|(?:that's|those are) all (?:my|the) questions"
        r"|last question|next question|good question|great question|one more question"
        r"|does (?:that|it) make sense|if you need anything else|(?:email|e-mail|call|write to) me"
        r"|my (?:assistant|secretary)|(?:can|could) hear you|the transcript"
        r"|said (?:it all|everything)|nothing (?:more|else) to add"
        r"|any (?:other )?questions for (?:me|us)"
        r"|(?:send|drop) (?:you |me )?an? (?:e-?mail|message|note)"
        r"|feel free to (?:reach out|contact)|if anything (?:else )?comes to mind"
        # the respondent busy at the screen, or steering the interview on
        r"|\b(?:give|gimme) me (?:a|one|just a) (?:second|sec|moment|minute)\b"
        r"|\b(?:just a|wait a|hold on a|one) (?:second|sec|moment|minute)\b|\bbear with me\b"
        r"|\b(?:i was|i'm|we're|let's) moving on(?= to (?:the )?next\b|\s*[,.]|$)"
        r"|\b(?:stay|go back|come back|return|skip) (?:on |to |with )?"
        r"(?:this|that|the (?:previous|last|first|other)) question\b"
    ),
}

# A word said again after an adverb, a speaker restarting: "I am studying still studying"
# (the word, the adverb, the word again; group 1 the word, group 2 the adverb).
RESAID = (
    r"\b(\w{4,})\s+(still|just|also|really|actually|even|stadig|stadigvæk|bare|også"
    r"|fortsatt|fortfarande|också)\s+\1\b"
)

# Non-answers and hedges: the respondent has nothing to say on the question ("I don't know",
# "same answer as above", "that rings a bell", "det kan jeg ikke svare på", "vet inte"). Talk
# only when the passage says nothing besides (see ``RuleTalkDetector``).
NON_ANSWER = {
    "da": (
        r"(?:jeg )?ved (?:det )?ikke(?: helt| rigtigt| rigtig)?|det ved jeg (?:ikke|sgu ikke)"
        r"|aner (?:det )?ikke|ingen anelse|(?:det )?kan jeg ikke (?:svare på|sige|huske)"
        r"|det har jeg ikke (?:nogen|en) (?:idé|ide|holdning|mening)(?: om)?"
        r"|det husker jeg ikke|husker (?:det )?ikke|(?:det er )?svært at (?:sige|svare på)"
        r"|samme svar(?: som før| som ovenfor)?|det kan godt være|det kunne godt være"
        r"|ikke (?:som|så vidt) jeg ved|ikke hvad jeg ved af|det siger mig (?:ikke noget|noget)"
        r"|til dels|delvist?|nogenlunde|det kommer an på|det afhænger af"
    ),
    "no": (
        r"(?:jeg )?vet (?:ikke|ikkje)(?: helt)?|det vet jeg (?:ikke|ikkje)|aner (?:ikke|ikkje)"
        r"|ingen anelse|(?:det )?kan jeg (?:ikke|ikkje) (?:svare på|si|huske)"
        r"|husker (?:det )?(?:ikke|ikkje)|(?:det er )?(?:vanskelig|vanskelig|vanskeleg) å si"
        r"|samme svar(?: som før)?|(?:det )?kan godt være|ikke som jeg vet"
        r"|til dels|delvis|sånn passe|det kommer an på"
    ),
    "sv": (
        r"(?:jag )?vet (?:inte|ej)(?: riktigt)?|det vet jag inte|ingen aning"
        r"|(?:det )?kan jag inte (?:svara på|säga)|minns (?:det )?inte"
        r"|kommer inte ihåg|(?:det är )?svårt att (?:säga|svara på)|samma svar(?: som innan)?"
        r"|(?:det )?kan (?:nog )?vara så|inte vad jag vet"
        r"|till viss del|delvis|någorlunda|det beror på"
    ),
    "en": (
        r"i (?:do not|don't|dont|really don't|wouldn't|won't) (?:really )?(?:know|remember|recall)"
        r"(?: about (?:it|that))?|(?:i )?(?:have|had|got) no (?:idea|clue)"
        r"|i (?:don't|do not) have (?:an|any) (?:idea|clue|answer|opinion)(?: about (?:it|that))?"
        r"|no idea|not sure|i'm not (?:really )?sure|i am not sure|who knows|hard to say"
        r"|(?:it's |it is )?(?:difficult|hard) to (?:say|answer|tell)"
        r"|i can't (?:really )?(?:say|answer|remember|recall|think of (?:any|anything))"
        r"|i cannot (?:say|answer|remember|recall)|(?:the )?same (?:answer )?as (?:above|before)"
        r"|same answer|(?:that |it )?(?:rings|ring) a bell"
        r"|(?:it |that )?(?:could|might|may) (?:well )?be(?=\s*(?:[,.!?]|$))"
        r"|not that i (?:know|remember|recall|can think of)|i guess(?: so)?|i suppose(?: so)?"
        r"|nothing (?:comes|that comes) to mind|i have nothing to (?:say|add)|no comment"
        r"|not (?:at the moment|right now)|none that i can think of|(?:i think )?that's (?:it|all)"
        # a hedge of degree as the whole answer ("Somewhat.", "To some extent.")
        r"|somewhat|partly|partially|to (?:some|a certain) extent|more or less|it depends"
    ),
}


@functools.cache
def non_answer_pattern(language: str) -> re.Pattern[str]:
    key = language_key(language)
    parts = {NON_ANSWER[key], NON_ANSWER["en"]}
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in sorted(parts)) + r")\b", re.I)


# Filler phrases: a speaker searching for words ("hvad skal man sige", "let me see").
FILLER_PHRASES = re.compile(
    r"\b(?:hvad skal man sige|hvad hedder det|lad mig (?:se|tænke|sige det sådan)"
    r"|hva skal man si|hva heter det|la meg (?:se|tenke)|vad ska man säga|vad heter det"
    r"|låt mig (?:se|tänka)|let me (?:see|think|remember|check)|what(?:'s| is) it called"
    r"|how (?:should|do) i (?:say|put) (?:it|this)|you know what i mean)\b",
    re.IGNORECASE,
)

# Discourse fillers: what a speaker says while looking for the next word ("like", "you know",
# "I mean", "sort of"; "altså", "liksom", "typ"). A publishable quote keeps them (they are
# words), but they say nothing of the matter, and a quote thick with them reads as talk
# (quotes/substance.py counts them). English's are added to a Nordic language's only as
# phrases ("you know", "I mean"): Norwegian "like" is a word ("like mye").
DISCOURSE_FILLER = {
    "da": r"altså|ligesom|liksom|du ved|ik'|på en måde|hvad skal man sige",
    "no": r"altså|liksom|du vet|på en måte|ikke sant|hva skal man si",
    "sv": r"alltså|asså|liksom|typ|du vet|på något sätt|vad ska man säga",
    "en": r"like|you know|i mean|sort of|kind of|basically|literally",
}
# Words before "like", "kind of", "sort of" or "typ" that make it a verb, a comparison or a
# noun, no filler: "I like", "would like", "looks like", "something like", "what kind of data",
# "en typ av".
FILLER_NOT_AFTER = words(
    """i we you they he she would 'd do does did don't doesn't didn't really also feel feels
    felt look looks looked looking seem seems seemed sound sounds sounded something anything
    nothing everything things stuff more much exactly a the what this that these those any
    some which one same every each other another different en ett den det vilken samma"""
)

# Talk to the interviewer about the interview, not about the matter: "you walked me through
# it", "those you asked me to do", "your question", "let me show you". A theme's title that
# says so is no title, and a quote that says so says little (pdpilot).
TO_INTERVIEWER = {
    "da": r"du (?:spurgte|viste|fortalte|bad) mig|dit spørgsmål|lad mig vise dig",
    "no": r"du (?:spurte|viste|fortalte|ba) meg|spørsmålet ditt|la meg vise deg",
    "sv": r"du (?:frågade|visade|berättade|bad) mig|din fråga|låt mig visa dig",
    "en": (
        r"you (?:\w+ly )?(?:asked|walked|showed|told|gave) me|your questions?"
        r"|let me show you|(?:the|those) (?:tasks|questions) you"
    ),
}


# A reply in the conversation rather than what a theme says (themes/phrase.py, besides
# :data:`TO_INTERVIEWER`): an opening reply marker ("I mean, …", "Of course, …"), a restart on
# "This is I …", the conversation's own here and now ("That's super handy wavy right now") or
# the speaker's ranking of what was asked about ("I think the main one for me …").
REPLY = {
    "da": (
        r"^(?:jeg mener|selvfølgelig|ja selvfølgelig)\b|\blige nu\b"
        r"|\b(?:den|det) (?:vigtigste|største) for mig\b"
    ),
    "no": (
        r"^(?:jeg mener|selvfølgelig|ja selvfølgelig)\b|\bakkurat nå\b"
        r"|\b(?:den|det) (?:viktigste|største) for meg\b"
    ),
    "sv": (
        r"^(?:jag menar|självklart|såklart)\b|\bjust nu\b"
        r"|\b(?:den|det) (?:viktigaste|största) för mig\b"
    ),
    "en": (
        r"^(?:i mean|of course|this is (?:i|we)|that's (?:i|we))\b|\bright now\b"
        r"|\b(?:main|biggest|most important|first) (?:one|ones|thing|things) for me\b"
    ),
}


@functools.cache
def reply_pattern(language: str) -> re.Pattern[str]:
    """A reply or talk to the interviewer in ``language`` and in English (see :data:`REPLY`
    and :data:`TO_INTERVIEWER`)."""
    key = language_key(language)
    parts = {REPLY[key], REPLY["en"], TO_INTERVIEWER[key], TO_INTERVIEWER["en"]}
    return re.compile("|".join(f"(?:{p})" for p in sorted(parts)), re.IGNORECASE)


@functools.cache
def discourse_filler_pattern(language: str) -> re.Pattern[str]:
    """``language``'s discourse fillers, and English's phrases for a Nordic language."""
    key = language_key(language)
    parts = DISCOURSE_FILLER[key].split("|")
    if key != "en":
        parts += [p for p in DISCOURSE_FILLER["en"].split("|") if " " in p]
    return re.compile(r"\b(?:" + "|".join(sorted(set(parts))) + r")(?!\w)", re.IGNORECASE)


# Fillers that are a verb, a comparison or a noun after some words ("I like", "what kind of").
_AMBIGUOUS_FILLERS = frozenset({"like", "kind of", "sort of", "typ"})


def discourse_fillers(text: str, *, language: str) -> int:
    """How many discourse fillers ``text`` holds ("like" as a filler, not "I like")."""
    count = 0
    for found in discourse_filler_pattern(language).finditer(text):
        before = SAID.findall(text[: found.start()])
        previous = before[-1].lower().replace("’", "'") if before else ""
        if found[0].lower() in _AMBIGUOUS_FILLERS and previous in FILLER_NOT_AFTER:
            continue
        count += 1
    return count


@functools.cache
def to_interviewer_pattern(language: str) -> re.Pattern[str]:
    """Talk to the interviewer in ``language`` and in English (see :data:`TO_INTERVIEWER`)."""
    parts = {TO_INTERVIEWER[language_key(language)], TO_INTERVIEWER["en"]}
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in sorted(parts)) + r")\b", re.I)


# Contact details as the anonymiser leaves them, with the words that ask to use them:
# "skriv til mig på [E-MAIL]", "call me on [PHONE]" — arranging a follow-up, not content.
CONTACT = re.compile(r"\[(?:E-?MAIL|TELEFON|TELEFONNUMMER|PHONE|TELEFONNUMMER|URL)\]", re.I)
CONTACT_WORDS = words(
    """skriv skrive skriver ring ringe ringer mail mailen e-mail email send sende sendt
    kontakt kontakte adresse nummer nummeret telefon skicka maila kontakta call write
    reach contact number address phone"""
)

# Pseudonyms and speaker labels as they stand alone in a fragment ("Person 41.", "Leder A.").
PSEUDONYM = re.compile(nouns.PSEUDONYM.pattern + r"|\bP\d{1,3}\b")

# Stage directions and non-verbal marks: "(griner)", "[laughs]", "[inaudible]".
NONVERBAL = re.compile(r"\([^()]{0,40}\)|\[[^\[\]]{0,40}\]")

# A passage wholly in brackets: a transcriber's aside, whatever its length ("[Ten participants
# have agreed and raised their hands.]"), mixed brackets allowed ("(One participant out of 10].").
BRACKETED = re.compile(r"^\W*[\[(][^\[\]()]*[\])]\W*$")

# A transcriber's lead-in with nothing after its colon ("The participants expressed their
# responses in a private voting as:"); with the quote after the colon it stays speech.
LEAD_IN = re.compile(
    r"^\W*(?:the |all (?:the )?|another |one |some |most |other )?(?:fgd |group )?"
    r"(?:participants?|respondents?|deltager(?:e|ne|en)?|deltaker(?:e|ne|en)?"
    r"|deltagar(?:e|na|en)?)\b[^:]*:\W*$",
    re.IGNORECASE,
)

# An apology to the interviewer ("Oh, sorry, it's late."): talk when little is said besides.
APOLOGY = re.compile(
    r"\b(?:sorry|excuse me|pardon|my bad|apologies|undskyld|beklager|unnskyld|förlåt|ursäkta)\b",
    re.IGNORECASE,
)

# Laughter as transcribers mark it: banter, when little else is said.
LAUGHTER = re.compile(
    r"[(\[](?:griner|ler|latter|skratt\w*|laughs?|laughter|laughing|chuckles?)[)\]]", re.I
)

# Finite verbs: auxiliaries, modals and common verbs in the present and past (read by the key
# point verb rules, analyse/keypoints/verbs.py, and by the theme labeller's cut, which must not
# end a title on a verb waiting for its object).
FINITE_VERBS = {
    "da": words(
        """er var har havde kan kunne skal skulle vil ville må måtte bør burde tør turde
        bliver blev gør gjorde får fik går gik kommer kom ser står stod ligger lå
        sidder sad tager tog giver gav siger sagde tror troede synes syntes vidste hedder
        findes fandtes handler betyder mener mente tænker tænkte bruger brugte mangler
        manglede laver lavede arbejder arbejdede kender kendte hjælper hjalp"""
    ),
    "nb": words(
        """er var har hadde kan kunne skal skulle vil ville må måtte bør burde blir ble
        gjør gjorde får fikk går gikk kommer kom ser står sto ligger lå sitter satt
        tar tok gir ga sier sa tror trodde synes syntes vet visste heter finnes fantes
        handler betyr mener mente tenker tenkte bruker brukte mangler manglet lager
        laget jobber jobbet kjenner kjente hjelper hjalp"""
    ),
    "sv": words(
        """är var har hade kan kunde ska skall skulle vill ville måste borde får fick
        blir blev gör gjorde går gick kommer kom ser såg står stod ligger låg sitter satt
        tar tog ger gav säger sa sade tror trodde tycker tyckte vet visste heter finns
        fanns handlar betyder menar tänker använder saknar jobbar arbetar känner hjälper"""
    ),
    "en": words(
        """is are was were am be has have had do does did can could will would shall should
        may might must 's 're 've 'm 'd 'll don't doesn't didn't can't cannot won't isn't
        aren't wasn't weren't hasn't haven't wouldn't shouldn't couldn't need needs needed
        want wants wanted make makes made take takes took give gives gave help helps
        helped think thinks thought know knows knew see sees saw get gets got go goes went
        work works worked use uses used provide provides allow allows ensure ensures lead
        leads led cause causes create creates reduce reduces increase increases keep keeps
        kept protect protects prevent prevents improve improves support supports require
        requires include includes become becomes became seem seems feel feels felt believe
        believes show shows mean means let lets put puts bring brings brought cost costs
        hurt hurts harm harms save saves deserve deserves violate violates promote promotes
        encourage encourages teach teaches learn learns benefit benefits affect affects
        exist exists lack lacks spend spends spent pay pays paid find finds found say says
        said tell tells told come comes came try tries tried"""
    ),
}
# Subject pronouns, and adverbs that may stand between a subject and its verb or a verb and
# its inverted subject (key point verb rules; the theme labeller's cut: "har vi lavet").
SUBJECT_PRONOUNS = {
    "da": words("jeg du han hun vi de man det der den dette"),
    "nb": words("jeg du han hun vi dere de man det der den dette"),
    "sv": words("jag du han hon vi ni de man det där den detta"),
    "en": words("i we you they he she it people there"),
}
VERB_ADVERBS = {
    "da": words("ikke også jo altid aldrig ofte faktisk bare kun stadig nok egentlig allerede"),
    "nb": words("ikke ikkje også jo alltid aldri ofte faktisk bare kun fortsatt nok allerede"),
    "sv": words("inte också ju alltid aldrig ofta faktiskt bara endast fortfarande nog redan"),
    "en": words(
        """also really just often always never still already actually usually only even
        mostly generally typically probably definitely"""
    ),
}
# What a theme's title (themes/phrase.py) may not end on. DANGLING words wait for what comes
# next and never close a title, not even a whole sentence (a transcript's sentence may break
# off: "I think we use the"): articles, possessive determiners, conjunctions. Prepositions are
# not among them, since one may close a sentence ("det vi snakker om", "what we talked about").
DANGLING = {
    "da": words("en et min mit mine din dit dine vores jeres og men eller samt at fordi hvis når"),
    "nb": words("en ei et min mitt mine din ditt dine vår vårt våre og men eller samt å at fordi"),
    "sv": words("en ett min mitt mina din ditt dina vår vårt våra och men eller samt att"),
    "en": words(
        """a an the my your our their its whose and or but nor because although though whereas
        if unless whether than"""
    ),
}
# Words after which the next word is a verb (an infinitive or a participle): modals, "do",
# "have" and the infinitive marker ("can easily help", "want to sell", "har vi lavet").
VERB_BEFORE = {
    "da": words("kan kunne skal skulle vil ville må måtte bør burde har havde at"),
    "nb": words("kan kunne skal skulle vil ville må måtte bør burde har hadde å"),
    "sv": words("kan kunde ska skall skulle vill ville måste bör borde har hade att"),
    "en": words(
        """can could will would shall should may might must do does did don't doesn't didn't
        can't cannot won't wouldn't shouldn't couldn't have has had to"""
    ),
}
# Words that open a clause: a title cut before one ends on a whole clause ("… in the fields"
# before "but for landowners …").
CLAUSE_OPENERS = {
    "da": words("og men eller fordi så hvis når mens selvom der som hvor hvilket idet eftersom"),
    "nb": words("og men eller fordi så hvis når mens der som hvor hvilket ettersom"),
    "sv": words("och men eller för eftersom så om när medan fast som där vilket"),
    "en": words(
        """and but or so because if when while whereas although though unless which who where
        whose since"""
    ),
}
# Subordinating conjunctions: a title that is only such a clause ("Hvis en privat virksomhed
# kan tjene penge …") waits for its main clause.
SUBORDINATORS = {
    "da": words("hvis når fordi selvom mens idet eftersom skønt"),
    "nb": words("hvis når fordi mens idet ettersom skjønt"),
    "sv": words("om när eftersom fast medan ifall"),
    "en": words("if when because although though while whereas unless whatever whenever once"),
}

# Function words that may close a title cut short: an object, a pronoun that stands alone,
# an adverb ("… help her out", "… sell anything", "… all things"); not a determiner ("all").
TITLE_CLOSERS = {
    "da": words(
        """ham hende os mig dig sig jer selv godt helt her nu også aldrig lidt meget mere
        noget nogen ingen intet ned op ud ind før"""
    ),
    "nb": words(
        """ham henne oss meg deg seg dere selv bra helt her nå også aldri litt mye mer noe
        noen ingen ned opp ut inn før"""
    ),
    "sv": words(
        """honom henne oss mig dig sig er själv bra helt här nu också aldrig lite mycket mer
        något någon ingen inget ner upp ut in förut"""
    ),
    "en": words(
        """it them him her us me you myself yourself himself herself itself ourselves
        themselves yourselves anything everything something nothing anyone everyone someone
        nobody noone anybody everybody somebody none things thing stuff lot too also again
        here there now then well more much most less enough together alone else elsewhere
        everywhere anywhere somewhere nowhere out up down off away back yet ever already
        still others mine yours ours hers theirs once first last sometimes often always
        never"""
    ),
}

# English function words: sklearn's list and stopwordsiso's in common, less a few content
# words they carry, plus contractions (stopwordsiso's English list holds "problem", "work").
_EN_NOT_FUNCTION = words(
    """bill bottom call con cry describe detail empty fill find fire found front full interest
    mill move name part serious show side sincere system thick thin top"""
)
_EN_EXTRA = words(
    """i'm i've i'd i'll it's that's there's we're we've we'd we'll you're you've don't
    doesn't didn't can't won't isn't aren't wasn't weren't let's what's he's she's they're
    just really maybe kind sort bit lot things thing stuff gonna wanna yeah oh know mean
    think guess say said like get got go going remember recall"""
)


@functools.cache
def function_words(language: str) -> frozenset[str]:
    """Words that carry no content on their own in ``language`` (``nb``/``nn`` as ``no``)."""
    from indsigt.lexical import stopwords

    code = "no" if language in ("nb", "nn") else language
    if code == "en":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        base = (frozenset(ENGLISH_STOP_WORDS) & stopwords("en")) - _EN_NOT_FUNCTION
        return base | _EN_EXTRA
    return stopwords(code) | words("ja nej jo nei ju så")


def language_key(language: str) -> str:
    """The lexicon key for ``language``: ``nb``/``nn`` → ``no``; unknown → ``en``."""
    code = "no" if language in ("nb", "nn") else language
    return code if code in BACKCHANNEL else "en"


# English words that are Nordic words too ("er": is; "i": in; "is": ice): not borrowed.
_CLASH = words("er i is of it this that")


def lexicon(table: dict[str, frozenset[str]], language: str) -> frozenset[str]:
    """``table``'s words for ``language`` together with English's (less the English words
    that are also Nordic words, for a Nordic language)."""
    key = language_key(language)
    return table[key] | (table["en"] if key == "en" else table["en"] - _CLASH)


@functools.cache
def interview_pattern(language: str) -> re.Pattern[str]:
    key = language_key(language)
    parts = {INTERVIEW[key], INTERVIEW["en"]}
    return re.compile("|".join(f"(?:{p})" for p in sorted(parts)), re.IGNORECASE)
