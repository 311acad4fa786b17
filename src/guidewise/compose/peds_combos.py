"""One medicine given in two products: 'nyquil and tylenol' is a double dose of acetaminophen."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guidewise.compose.peds_format import short
from guidewise.library.peds.loader import PedsData
from guidewise.library.peds.schema import PedsDrug
from guidewise.library.peds.schema_files import Combination
from guidewise.understand.doses import name_pattern
from guidewise.understand.negation import affirmed, negated_spans


@dataclass(frozen=True)
class DoubleDose:
    """A combination product named with another product of the drug it contains."""

    combo: Combination
    drug: PedsDrug
    name: str   # the combination as the question names it
    other: str  # the other product of the same drug, as named


_SEP = r"(?:[\s,&+/]|\band\b)+"


@lru_cache(maxsize=64)
def _product_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """A product's names, matched whatever joins their words: 'Mucinex Cold, Flu & Fever' is 'mucinex cold and flu'."""
    alts = []
    for name in sorted(names, key=len, reverse=True):
        words = [w for w in re.split(r"[\s,&+/]+", name) if w and w != "and"]
        alts.append(_SEP.join(re.escape(w) for w in words))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})(?![\w])", re.I)


def double_doses(text: str, peds: PedsData) -> list[DoubleDose]:
    """Each combination product named (not denied) together with another product of the drug it contains: the
    drug's own names ('tylenol'), or another combination that surely contains it."""
    spans = negated_spans(text)
    named = [(c, m) for c in peds.combinations for m in affirmed(_product_pattern(tuple(c.names)), text, spans)]
    out: list[DoubleDose] = []
    for combo, m in named:
        if any(d.combo.id == combo.id for d in out):
            continue
        own = [n for n, d in peds.drug_names.items() if d == combo.contains]
        plain = [x.group(0) for x in affirmed(name_pattern(own), text, spans)
                 if not (m.start() <= x.start() < m.end())]
        other = plain[0] if plain else next((m2.group(0) for c2, m2 in named if c2.id != combo.id
                                             and c2.contains == combo.contains and c2.every_product), None)
        if other is not None:
            out.append(DoubleDose(combo, peds.by_id[combo.contains], m.group(0), other))
    return out


def double_dose_text(d: DoubleDose, audience: str) -> str:
    """'NyQuil contains acetaminophen: giving Tylenol as well is a double dose ...'."""
    drug, other = short(d.drug), d.other[0].upper() + d.other[1:]
    if audience == "patient":
        if d.combo.every_product:
            head = f"{d.combo.product_plain} contain {drug}."
        else:
            head = (f"Some {d.combo.product_plain} contain {drug}: look for it under 'Active ingredients' on the "
                    f"label.")
        return (f"{head} Given with {other}, that is a double dose of {drug}, which can harm the liver. Do not give "
                f"them together: give only one medicine that contains {drug}, and check the active ingredients of every medicine you "
                f"give.")
    some = "" if d.combo.every_product else " (some products: check the active ingredients)"
    return (f"{d.combo.product} contain {drug}{some}: with {other}, {drug} is duplicated. Use one {drug}-containing "
            f"product at a time and keep the total within the {drug} daily maximum.")
