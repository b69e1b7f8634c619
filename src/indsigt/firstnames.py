"""First names, from the name dictionary shipped with ``gender-guesser``: every name used in
Denmark, Norway, Sweden, Iceland or Finland, and names common somewhere else. Below every stage:
the anonymiser looks for them in text, the turn parser in a speaker's label ("Søren: …")."""

from __future__ import annotations

import functools
from importlib import resources

from indsigt._words import words

# Capitalised words that are not names although some are listed as first names somewhere.
STOP = words(
    """
    a af al alle alt altså and andre at bare begge ben bo bor by da dag dage dagen de dem den der
    det dette din dit do du eller elle else en end er et for fra frem fri god go ha han hans har
    hej helt her hos hun hvad hvis hvor i ikke in ind is jeg jo kan kim kom kun lang le lige liv
    lov maj mai man mand mange mark may me med meget men mens mig min mine mit mod my må nej ni nu
    når og okay om op os over per på sa se sig sin skal so sol som sommer storm så tak tid til to
    tom ud under ved vi vil vinter var vel will ja jamen nogle noget nok når selv sådan også
    the this that these those there then they we you he she it his her our their what who why
    how when where yes no not but if so as at by on of or to up an are be can do go has had
    och att det som är på för med han hon inte men ett om hade till av den har de jag du var
    eller när kan ska sen bra nu här där vad hur vem vi ni dom ja nej tack hej även också
    ikke jeg du han hun vi dere de og eller men for på til fra med som det en et er var har
    skal vil kan må nå her der hva hvordan hvem hvorfor ja nei takk hei også bare litt mye
    mars april juni juli august oktober november desember december januar februar
    mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tisdag fredag lördag söndag
    gud herre kong konge dronning prins fru hr frk doktor
    rose lin lykke liva ask sten eg ege ung unge ro rune runa nor syd øst vest
    mo may june april august grace hope joy faith sky rain dawn summer winter autumn
    china india paris london berlin georgia virginia florence victoria
    """
)


@functools.cache
def first_names() -> frozenset[str]:
    """First names from gender-guesser's dictionary: every name used in Denmark, Norway,
    Sweden, Iceland or Finland, and names common somewhere else (frequency 4 of 13 or more)."""
    return frozenset(_name_table())


@functools.cache
def nordic_names() -> frozenset[str]:
    """First names that are at least fairly common in Denmark, Norway or Sweden."""
    return frozenset(name for name, nordic in _name_table().items() if nordic >= 3)


@functools.cache
def label_names() -> frozenset[str]:
    """First names that are also words ("Bo", "Kim", "Per", "Tom", "Mark"), with
    :func:`first_names`: a name even alone, where it labels a turn ("Kim: Alle borgere …")."""
    return frozenset(_name_table(words_too=True))


@functools.cache
def _name_table(*, words_too: bool = False) -> dict[str, int]:
    """First name → its highest frequency class (0–13) in the Nordic countries; a name that
    is also a common word only ``words_too``."""
    table = dict.fromkeys(_FALLBACK, 9)
    try:
        source = resources.files("gender_guesser") / "data" / "nam_dict.txt"
        lines = source.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - a dependency
        lines = []
    for line in lines:
        if not line or line[0] in "#=" or len(line) < 31:
            continue
        name = line[3:29].strip()
        values = line[30:85]
        nordic = _freq(max(values[15:20]))
        anywhere = _freq(max(values))
        usable = len(name) >= 2 and "+" not in name and (words_too or name.lower() not in STOP)
        if usable and (nordic or anywhere >= 4):
            table[name] = max(table.get(name, 0), nordic)
    return table


def _freq(char: str) -> int:
    """A frequency class written as one hexadecimal digit ("1"–"D"; blank = 0). Hex digits
    sort like their values, so ``max`` over the characters finds the highest class."""
    char = char.strip()
    return int(char, 16) if char and char in "123456789ABCDEF" else 0


# A few very common Nordic first names, in case the dictionary is missing.
_FALLBACK = words(
    """Anders Anne Birgitte Camilla Erik Hanne Henrik Ingrid Jens Karsten Lars Lene Lone
Louise Mette Michael Morten Niels Ole Peter Pernille Poul Rasmus Sofie Søren Thomas Anna Ola
Per Kari Nils Karin Eva Maria Johan Lena Jan Bjørn Kristian Martin Mads Jesper Jørgen Kirsten
"""
)

# First names that are also common words, so not in :func:`first_names` ("per", "bo", "will",
# "mark"): a name where the text capitalises them inside a sentence ("så sagde Per", "with
# Will"), and fine as the start of a full name ("Per Borten").
WORD_NAMES = words(
    """Per Bo Kim Tom Dag Liv Mai Maj Else Ask Ben Bent Tore Hans Rune Runa Sten Storm Lykke
Will Mark Bill Bob Pat Sue Guy Grace Joy Rose"""
)
