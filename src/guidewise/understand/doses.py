"""Doses proposed in a question: amounts in mg, mg/kg, mL or teaspoons, their strength and how often.

Each amount is tied to the nearest named drug. Nothing here knows a drug's limits: see compose.peds_dose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guidewise.understand.frequency import amount_frequency
from guidewise.understand.text import parse_number

_NUM = r"\d+(?:[.,]\d+)?"
_WORD_NUMS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0,
              "half a": 0.5, "half an": 0.5, "half": 0.5, "one and a half": 1.5, "a half": 0.5, "once": 1.0,
              "twice": 2.0, "thrice": 3.0}
_VOLUME_UNITS = {"ml": 1.0, "mls": 1.0, "milliliter": 1.0, "milliliters": 1.0, "millilitre": 1.0, "millilitres": 1.0,
                 "cc": 1.0, "tsp": 5.0, "tsps": 5.0, "teaspoon": 5.0, "teaspoons": 5.0, "teaspoonful": 5.0,
                 "teaspoonfuls": 5.0, "tbsp": 15.0, "tablespoon": 15.0, "tablespoons": 15.0}
_MASS_UNITS = {"mg": 1.0, "milligram": 1.0, "milligrams": 1.0, "g": 1000.0, "gm": 1000.0, "gram": 1000.0,
               "grams": 1000.0, "mcg": 0.001, "microgram": 0.001, "micrograms": 0.001}
_VOL = r"(ml|mls|millilit(?:er|re)s?|cc|tsps?|teaspoon(?:ful)?s?|tbsp|tablespoons?)"
_MASS = r"(mg|milligrams?|g|gm|grams?|mcg|micrograms?)"
# 'One and a half', '1 and a half', '2 1/2', '1/2': whole-and-fraction forms come first, so that '1 and a half
# teaspoons' is 1.5 teaspoons, never 'a half teaspoon'.
_AND_A_HALF = r"(?:\d{1,2}|one|two|three|four|five|six)\s+and\s+(?:a\s+)?half"
_QTY = (rf"({_AND_A_HALF}|\d+\s+\d\s*[/⁄]\s*\d|\d\s*[/⁄]\s*\d|" + _NUM +
        r"|half an?|a half|half|an?|one|two|three|four|five|six)")

_STRENGTH = re.compile(rf"({_NUM})\s*mg\s*(?:/|per|in|in each|every|each|for)\s*({_NUM})?\s*{_VOL}(?![\w/])", re.I)
_UNITS = r"(?:tablets?|tabs?|pills?|caplets?|capsules?|caps?|chewables?|gelcaps?|softgels?)"
_N = r"(?P<count>" + _NUM + r"|one|two|three|four)"
_EACH = rf"(?P<each>{_NUM})\s*(?P<unit>mg|milligrams?|g|gm|grams?|mcg|micrograms?)"
_TABLETS = re.compile(rf"\b{_N}(?:\s*x\s*|\s+of (?:the |my )?|\s+){_EACH}\s*(?:[a-z'-]+\s+){{0,2}}{_UNITS}\b", re.I)
_TABLETS_OF = re.compile(rf"\b{_N}\s+{_UNITS}\s+(?:of\s+)?{_EACH}\b", re.I)
# The strength, then the count: 'children's advil chewables 50 mg, 2 tabs'.
# '400/5', '160/5 ml': a suspension's mg in 5 mL, as pharmacists write it (never a date or a blood pressure).
_SHORT_STRENGTH = re.compile(r"(?<![\w/.,:])(\d{2,3})\s*/\s*5(?:\s*(?:ml|mls|cc)\b)?(?![\w/.:]|\s*(?:kg|mg|lbs?|%|am|pm)\b)",
                             re.I)
_SHORT_MIN_MG = 50
_TABLETS_AFTER = re.compile(rf"(?<![\w.,/]){_EACH}\b(?:\s+[a-z'-]+){{0,2}}?\s*,?\s*(?:x\s*)?{_N}\s+{_UNITS}\b", re.I)
_PER_KG = re.compile(rf"({_NUM})\s*(?:mg|milligrams?)\s*(?:/|per|a|each)\s*(?:kg|kilo(?:gram)?s?)\b"
                     r"(\s*(?:/|per|a|each)\s*day\b|\s*daily\b)?", re.I)
_MASS_AMOUNT = re.compile(rf"(?<![\w.,/])({_NUM})\s*{_MASS}(?![\w/])", re.I)
_VOLUME_AMOUNT = re.compile(rf"(?<![\w.,/]){_QTY}\s*{_VOL}(?![\w/])", re.I)



def _qty(s: str) -> float:
    s = re.sub(r"\s+", " ", s.strip().lower().replace("⁄", "/"))
    if s in _WORD_NUMS:
        return _WORD_NUMS[s]
    if m := re.fullmatch(r"(\w+) and (?:a )?half", s):
        return _qty(m.group(1)) + 0.5
    if m := re.fullmatch(r"(\d+)\s+(\d)\s*/\s*(\d)", s):
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    if m := re.fullmatch(r"(\d)\s*/\s*(\d)", s):
        return int(m.group(1)) / int(m.group(2))
    return parse_number(s)


@dataclass(frozen=True)
class Mention:
    drug: str
    start: int
    end: int


@dataclass(frozen=True)
class ProposedDose:
    """One amount in the question, tied to a drug. Exactly one of mg, ml and mg_per_kg is set."""

    drug: str
    start: int
    end: int
    mg: float | None = None            # mass per dose (or per day when per_day)
    ml: float | None = None            # volume per dose (or per day when per_day)
    mg_per_kg: float | None = None     # mg/kg per dose (or per day when per_day)
    volume_text: str | None = None     # the volume as written: "1 tsp"
    strength_mg_per_ml: float | None = None  # a strength stated in the question
    strength_text: str | None = None
    strength_mg: float | None = None   # the stated strength as written: strength_mg in strength_ml
    strength_ml: float | None = None
    per_day: bool = False              # the amount is a daily total
    doses_per_day: float | None = None
    every_hours: float | None = None
    every_hours_max: float | None = None  # "every 4 to 6 hours": 6 (every_hours is the shorter, 4)
    summed_from: str | None = None     # amounts added up (doses given within the interval): "5 mL twice"
    count_text: str | None = None      # counted tablets: "2 x 500 mg (extra strength)"
    phrase: tuple[int, int] | None = None  # the words the amount and its drug name stand in
    unit_mg: float | None = None       # the strength of one counted tablet
    label_interval: bool = False       # at the label's shortest interval: at most its doses in 24 hours


@dataclass(frozen=True)
class UnitStrength:
    """A named tablet strength of a drug ('extra strength' acetaminophen is 500 mg); `default`: a counted tablet
    of the brand when no strength is named ('2 advil')."""

    drug: str
    mg: float
    words: tuple[str, ...]
    default: bool = False


_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "a couple of": 2, "a couple": 2, "couple of": 2, "a": 1, "an": 1}
_COUNT = (rf"({_AND_A_HALF}|\d\s+1\s*/\s*2|1\s*/\s*2|half\s+(?:of\s+)?(?:an?|one)|a\s+half|one\s+half|\d{{1,2}}\.5|"
          r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a couple|couple of|an?)"
          r"(?:\s*(?:or|-|to)\s*(\d{1,2}|two|three|four|five|six))?")
_FILLERS = ("of", "the", "his", "her", "my", "their", "more", "adult", "children's", "childrens", "children", "kids",
            "kid's",
            "infants'", "infants", "infant", "brand", "generic", "tablets", "tablet", "tabs", "tab", "caplets", "caplet",
            "pills", "pill", "capsules", "capsule", "chewables", "chewable", "gelcaps", "softgels")
_LIQUID_WORDS = re.compile(r"\b(?:children(?:'?s)?|kids'?|infants?'?|suspension|syrup|liquid|drops?)\b", re.I)


def _count(s: str) -> float:
    s = re.sub(r"\s+", " ", s.lower())
    if re.fullmatch(r"half (?:of )?(?:an?|one)|a half|one half", s):
        return 0.5
    if s in _COUNT_WORDS:
        return float(_COUNT_WORDS[s])
    return _qty(s)


def counted_tablets(text: str, names: dict[str, str], units: list[UnitStrength]) -> list[dict[str, object]]:
    """Counted tablets: '2 extra strength tylenol' (2 x 500 mg), 'two 200 mg advil', '2 advil' (the brand's usual
    tablet), '1 or 2 junior strength motrin' (the higher count). A count of a brand whose tablets come in several
    strengths with none named ('2 tylenol') is left out."""
    words = sorted({*names, *(w for u in units for w in u.words), *_FILLERS}, key=len, reverse=True)
    bare = sorted({f"{u.mg:g}" for u in units}, key=len, reverse=True)  # '1 tylenol 325': a tablet's own strength
    allowed = "|".join([r"\d+(?:\.\d+)?\s*mg", *(re.escape(w) for w in words), *bare])
    pattern = re.compile(rf"(?<![\w.,/-]){_COUNT}((?:\s+(?:{allowed})(?![\w'-]))+)", re.I)
    mentions = find_mentions(text, names)
    out: list[dict[str, object]] = []
    for m in pattern.finditer(text):
        tail = m.group(3)
        if re.match(r"\s*(?:ml|mls|cc|tsp|teaspoons?|tablespoons?|mg/|mg per)", text[m.end():], re.I):
            continue
        named = [x for x in find_mentions(tail, names)]
        unit_words = {w: u for u in units for w in u.words}
        strength_word = next((w for w in sorted(unit_words, key=len, reverse=True)
                              if w not in _FILLERS and re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", tail, re.I)),
                             None)
        explicit = re.search(r"(\d+(?:\.\d+)?)\s*mg", tail, re.I)
        if not named and strength_word is None:
            continue
        drug = named[0].drug if named else (nearest_mention(mentions, m.start(), m.end()) or Mention("", 0, 0)).drug
        if not drug:
            continue
        own = [u for u in units if u.drug == drug]
        label: str | None = None
        stated = {float(x) for x in re.findall(r"(?<![\w.])(\d{2,4})(?![\w.])", tail)}
        if explicit:
            unit = parse_number(explicit.group(1))
        elif own_strength := next((u for u in own if u.mg in stated), None):
            unit = own_strength.mg
        else:
            hit = next((u for w in sorted((w for u in own for w in u.words), key=len, reverse=True)
                        for u in own if w in u.words and re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", tail, re.I)),
                       None)
            if hit is None and not _LIQUID_WORDS.search(tail):
                hit = next((u for u in own if u.default), None)
            if hit is None:
                continue
            unit = hit.mg
            label = next((w for w in hit.words if w not in _FILLERS and re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])",
                                                                                   tail, re.I)), None)
        low, high = _count(m.group(1)), _count(m.group(2)) if m.group(2) else None
        n = max(low, high or 0)
        detail = "; ".join(x for x in (label, f"the higher of {low:g} or {high:g}" if high else None) if x)
        counted = n != 1 or detail
        out.append({"start": m.start(), "end": m.end(), "mg": n * unit, "drug": drug, "unit_mg": unit,
                    "count_text": f"{n:g} x {unit:g} mg" + (f" ({detail})" if detail else "") if counted else None})
    return out


@dataclass(frozen=True)
class Strength:
    """A liquid strength written in a question: '80 mg/mL', '160 mg per 5 ml'."""

    start: int
    end: int
    mg: float
    ml: float

    @property
    def mg_per_ml(self) -> float:
        return self.mg / self.ml

    @property
    def text(self) -> str:
        return f"{self.mg:g} mg/{self.ml:g} mL"


def stated_strengths(text: str) -> list[Strength]:
    """Every liquid strength written in the text, in order ('160 mg/5 mL'; '400/5' is 400 mg in 5 mL)."""
    out: list[Strength] = []
    for m in _STRENGTH.finditer(text):
        per = parse_number(m.group(2)) if m.group(2) else 1.0
        out.append(Strength(m.start(), m.end(), parse_number(m.group(1)), per * _VOLUME_UNITS[m.group(3).lower()]))
    for m in _SHORT_STRENGTH.finditer(text):
        if not any(st.start <= m.start() < st.end for st in out) and int(m.group(1)) >= _SHORT_MIN_MG:
            out.append(Strength(m.start(), m.end(), float(m.group(1)), 5.0))
    return sorted(out, key=lambda st: st.start)


def name_pattern(names: list[str]) -> re.Pattern[str]:
    """One regex for a set of names, longest first, matched as whole words."""
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w])", re.I)


def find_mentions(text: str, names: dict[str, str]) -> list[Mention]:
    if not names:
        return []
    pattern = name_pattern(list(names))
    return [Mention(names[m.group(0).lower()], m.start(), m.end()) for m in pattern.finditer(text)]


_BREAK = re.compile(r"[,;.!?]\s|[,;]|\b(?:and|plus|then|with|also|or|but|after|before)\b", re.I)


def nearest_mention(mentions: list[Mention], start: int, end: int, text: str | None = None) -> Mention | None:
    """The drug an amount belongs to: the name right after it in the same phrase ('5 ml of infant motrin'), else
    the name right before it in the same phrase ('motrin 5 ml'), else the closest name."""
    def distance(m: Mention) -> int:
        return m.start - end if m.start >= end else max(0, start - m.end)

    if text is not None:
        after = [m for m in mentions if m.start >= end and not _BREAK.search(text[end:m.start])]
        if after:
            return min(after, key=distance)
        before = [m for m in mentions if m.end <= start and not _BREAK.search(text[m.end:start])]
        if before:
            return min(before, key=distance)
    return min(mentions, key=distance, default=None)


def phrase(text: str, start: int, end: int) -> tuple[int, int]:
    """The phrase around [start, end): from the break before it to the break after it."""
    lo = max((m.end() for m in _BREAK.finditer(text, 0, start)), default=0)
    nxt = _BREAK.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def parse_doses(text: str, names: dict[str, str], units: list[UnitStrength] | None = None) -> list[ProposedDose]:
    """Every amount in `text` tied to the nearest drug named in `names` (name -> drug id); counted tablets are
    count x the strength written or named (`units`)."""
    mentions = find_mentions(text, names)
    if not mentions:
        return []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(m.start() < e and s < m.end() for s, e in taken)

    strengths = stated_strengths(text)
    taken.extend((st.start, st.end) for st in strengths)
    raw: list[dict[str, object]] = []
    for pattern in (_TABLETS, _TABLETS_OF, _TABLETS_AFTER):
        for m in pattern.finditer(text):
            count, each = _qty(m.group("count")), parse_number(m.group("each")) * _MASS_UNITS[m.group("unit").lower()]
            if free(m) and count > 0 and each > 0:
                raw.append({"start": m.start(), "end": m.end(), "mg": count * each, "unit_mg": each,
                            "count_text": f"{count:g} x {each:g} mg"})
                taken.append((m.start(), m.end()))
    for r in counted_tablets(text, names, units or []):
        if not any(int(str(r["start"])) < e and s < int(str(r["end"])) for s, e in taken):
            raw.append(r)
            taken.append((int(str(r["start"])), int(str(r["end"]))))
    for m in _PER_KG.finditer(text):
        if free(m):
            raw.append({"start": m.start(), "end": m.end(), "mg_per_kg": parse_number(m.group(1)),
                        "per_day": bool(m.group(2))})
            taken.append((m.start(), m.end()))
    for m in _MASS_AMOUNT.finditer(text):
        if free(m):
            raw.append({"start": m.start(), "end": m.end(), "mg": parse_number(m.group(1)) * _MASS_UNITS[m.group(2).lower()]})
            taken.append((m.start(), m.end()))
    for m in _VOLUME_AMOUNT.finditer(text):
        if free(m):
            raw.append({"start": m.start(), "end": m.end(), "volume_text": m.group(0).strip(),
                        "ml": _qty(m.group(1)) * _VOLUME_UNITS[m.group(2).lower()]})
            taken.append((m.start(), m.end()))
    raw = [r for r in raw if all(float(str(r[k])) > 0 for k in ("mg", "ml", "mg_per_kg") if k in r)]
    raw.sort(key=lambda r: int(str(r["start"])))
    out: list[ProposedDose] = []
    for i, r in enumerate(raw):
        start, end = int(str(r["start"])), int(str(r["end"]))
        nxt = int(str(raw[i + 1]["start"])) if i + 1 < len(raw) else len(text)
        prev = int(str(raw[i - 1]["end"])) if i else 0
        per_day, doses, every, every_max = amount_frequency(text, prev, start, end, nxt)
        per_day = per_day or bool(r.get("per_day"))
        near = nearest_mention(mentions, start, end, text)
        assert near is not None
        drug = str(r["drug"]) if r.get("drug") else near.drug
        strength = _nearest_strength(strengths, start, end) if r.get("ml") is not None else None
        out.append(ProposedDose(
            drug=drug, start=start, end=end, mg=_opt(r.get("mg")), ml=_opt(r.get("ml")),
            mg_per_kg=_opt(r.get("mg_per_kg")), volume_text=_str(r.get("volume_text")),
            strength_mg_per_ml=strength.mg_per_ml if strength else None,
            strength_text=strength.text if strength else None,
            strength_mg=strength.mg if strength else None, strength_ml=strength.ml if strength else None,
            per_day=per_day, doses_per_day=doses, every_hours=every, every_hours_max=every_max,
            count_text=_str(r.get("count_text")),
            phrase=phrase(text, min(start, near.start), max(end, near.end)),
            unit_mg=_opt(r.get("unit_mg"))))
    return out


def _nearest_strength(strengths: list[Strength], start: int, end: int) -> Strength | None:
    return min(strengths, key=lambda s: s.start - end if s.start >= end else start - s.end, default=None)


def _opt(v: object) -> float | None:
    return float(str(v)) if v is not None else None


def _str(v: object) -> str | None:
    return str(v) if v is not None else None
