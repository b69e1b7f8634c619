"""Abbreviations that end in a full stop without ending a sentence (da, no, sv, en).

Two kinds: ``INTERNAL`` never end a sentence ("bl.a.", "f.eks.", "ca."); ``TERMINAL`` often do
("osv.", "etc.") or are also ordinary words and names ("man.", "jan.", "tv."), so a split happens
after them when the next word is capitalised ("jan. 2024" stays whole, "med Jan. Han" splits).
Entries are lower case, without the final full stop.
"""

from __future__ import annotations

from indsigt._words import words as _words

INTERNAL: frozenset[str] = _words(
    """
    bl.a f.eks f.ex t.ex t.eks dvs d.v.s ca hhv mht m.h.t jf jfr jvf nr kl pga p.g.a iflg
    ifm evt ev inkl ekskl vedr sml s.k d.s d.d fx ang bla ds dr hr fr fru frk prof st
    sct skt tlf tel gl ndr nørre sdr vestre østre kap pkt stk afs vol
    f.d e.l e.kr f.kr e.v.t a.m p.m e.g i.e vs approx mr mrs ms jr sr dept ref ev.t osv.s
    bl.a.m t.o.m fr.o.m o.s.a ifb iht mtp ift jf.f ult
    """
)

TERMINAL: frozenset[str] = _words(
    """
    osv etc mv m.v m.m m.fl mfl o.l o.a o.lign o.d m.a.o s.a m.fl.a mm mio mia mill mrd kr
    nkr sek dkk
    jan feb febr mar apr jun jul aug sep sept okt nov dec man tirs tors fre lør søn ons mån tis
    lör sön bilag no el th tv mf
    """
)

MONTHS: frozenset[str] = _words(
    """
    januar februar marts april maj juni juli august september oktober november december mars
    mai desember januari februari augusti oktober
    """
)
