"""Abbreviations that end in a full stop without ending a sentence (da, no, sv, en).

Two kinds: ``INTERNAL`` never end a sentence ("bl.a.", "f.eks.", "ca."); ``TERMINAL`` often do
("osv.", "etc."), so a split happens after them when the next word is capitalised.
Entries are lower case, without the final full stop.
"""

from __future__ import annotations

from indsigt._words import words as _words

INTERNAL: frozenset[str] = _words(
    """
    bl.a f.eks f.ex t.ex t.eks dvs d.v.s ca hhv mht m.h.t jf jfr jvf nr kl pga p.g.a iflg
    ifm evt ev inkl ekskl vedr sml s.k d.s d.d fx mfl ang bla ds dr hr fr fru frk prof st
    sct skt tlf tel gl ndr nørre sdr vestre østre kap pkt stk afs bilag vol jan feb febr mar
    apr jun jul aug sep sept okt nov dec man tirs tors fre lør søn ons mån tis fre lör sön
    f.d e.l e.kr f.kr e.v.t a.m p.m e.g i.e vs approx no mr mrs ms jr sr dept ref ev.t osv.s
    bl.a.m t.o.m fr.o.m o.s.a ifb iht mtp ift jf.f el ult uge th tv mf
    """
)

TERMINAL: frozenset[str] = _words(
    """
    osv etc mv m.v m.m m.fl mfl o.l o.a o.lign o.d m.a.o s.a m.fl.a mm mio mia mill mrd kr
    nkr sek dkk
    """
)

MONTHS: frozenset[str] = _words(
    """
    januar februar marts april maj juni juli august september oktober november december mars
    mai desember januari februari augusti oktober
    """
)
