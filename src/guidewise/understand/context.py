"""Patient context extracted from a question: age, sex, pregnancy, organ impairment, allergies, drugs."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from guidewise.library.schema import POPULATION_LABELS, Population
from guidewise.understand.negation import affirmed, negated_spans
from guidewise.understand.text import fold
from guidewise.understand.weight import extract_weight_kg

NEWBORN_AGE_YEARS = 0.05  # the age given to "newborn" (about 2.5 weeks): the first month
TODDLER_MONTHS = (12.0, 36.0)  # "toddler": 1 to 3 years (age_years keeps 2 as a middle value)


class PatientContext(BaseModel):
    """What the question tells us about the patient. Merged across a thread's turns."""

    age_years: float | None = None
    age_group: str | None = Field(default=None, description="infant, child, adolescent, adult, older adult")
    age_span_months: tuple[float, float] | None = Field(default=None, description=(
        "The ages (months) a word such as 'toddler' covers (12 to 36); age_years is then a middle value."))
    weight_kg: float | None = Field(default=None, description="Body weight stated in the question, in kg.")
    sex: str | None = None
    pregnant: bool = False
    pregnancy_weeks: int | None = None
    trimester: int | None = None
    breastfeeding: bool = False
    hepatic: bool = False
    renal: bool = False
    egfr: float | None = None
    allergies: list[str] = Field(default_factory=list)
    medications: list[str] = Field(default_factory=list)

    @property
    def populations(self) -> list[Population]:
        """Library populations this patient belongs to, most specific first."""
        out: list[Population] = []
        if self.pregnant:
            out.append(Population.PREGNANCY)
        if self.breastfeeding:
            out.append(Population.BREASTFEEDING)
        if self.hepatic:
            out.append(Population.HEPATIC)
        if self.renal:
            out.append(Population.RENAL)
        if self.age_group in ("infant", "child", "adolescent"):
            out.append(Population.CHILDREN)
        if self.age_group == "older adult":
            out.append(Population.OLDER_ADULTS)
        return out

    def is_empty(self) -> bool:
        return self == PatientContext()

    def merged(self, newer: PatientContext) -> PatientContext:
        """This context updated by a later turn: new facts add to, or refine, the old ones."""
        data = self.model_dump()
        for key, value in newer.model_dump().items():
            if isinstance(value, list):
                data[key] = list(dict.fromkeys([*data[key], *value]))
            elif value not in (None, False):
                data[key] = value
        if newer.age_years is not None and newer.age_span_months is None:
            data["age_span_months"] = None  # an exact age replaces a word's span ('toddler')
        return PatientContext.model_validate(data)

    def describe(self) -> list[str]:
        """Short phrases for the 'Considered:' line."""
        out: list[str] = []
        if self.age_span_months == TODDLER_MONTHS:
            out.append("toddler (1 to 3 years)")
        elif self.age_years is not None:
            if self.age_years == NEWBORN_AGE_YEARS:
                out.append("newborn")
            elif self.age_years < 2:
                out.append(_young_age(self.age_years))
            else:
                out.append(f"{self.age_years:g} years old")
        elif self.age_group:
            out.append(self.age_group)
        if self.weight_kg is not None:
            out.append(f"{round(self.weight_kg, 1):g} kg")
        if self.sex:
            out.append(self.sex)
        if self.pregnant:
            detail = f", {self.pregnancy_weeks} weeks" if self.pregnancy_weeks else (
                f", trimester {self.trimester}" if self.trimester else "")
            out.append(f"pregnant{detail}")
        if self.breastfeeding:
            out.append("breastfeeding")
        if self.hepatic:
            out.append("liver disease")
        if self.renal:
            out.append(f"kidney disease (eGFR {self.egfr:g})" if self.egfr is not None else "kidney disease")
        out.extend(f"allergic to {a}" for a in self.allergies)
        out.extend(f"takes {m}" for m in self.medications)
        return out

    def population_labels(self) -> list[str]:
        return [POPULATION_LABELS[p] for p in self.populations]


def _young_age(years: float) -> str:
    """Under 2 years: '10 days old', '6 weeks old' (under 3 months, unless given in whole months), '8 months old'."""
    months = years * 12
    if years < 0.25 and abs(months - round(months)) >= 0.05:
        days = round(years * 365)
        if days < 14:
            return f"{days} day{'s' if days != 1 else ''} old"
        weeks = round(years * 52)
        return f"{weeks} weeks old"
    n = max(round(months), 0)
    return f"{n} month{'s' if n != 1 else ''} old" if n else "newborn"


_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18}
_NUM = r"(\d{1,3}(?:\.\d)?|" + "|".join(_NUM_WORDS) + r")"
_AGE_YEARS = re.compile(
    _NUM + r"\s*(?:-|\s)?\s*(?:years?|yrs?|y\.?o\.?|yo|y/o)\b(?![\s-]*(?:ago|later|earlier|before|after|of|in a row|now)\b)"
    r"(?:[\s-]*old)?"
    r"|\b(?:aged?|age)\s*:?\s*(\d{1,3})\b"
    r"|\b(?:over|above|older than|past|in (?:his|her|their|my) )\s*(\d{2})s?\b(?!\s*(?:mg|kg|%|mmhg|minutes|min|hours|lbs?|pounds|/))"
    r"|\b(\d{1,3})\s*(?:m|f|male|female|man|woman|yo[mf])\b(?![\w/]|\.\s*o)",
    re.I,
)
_AGE_HALF = re.compile(_NUM + r"\s+and a half[\s-]*(years?|yrs?|y/o|yo|months?|mos?)\b|"
                       r"\b(?:toddler|child|kid|son|daughter|boy|girl|he|she)(?:'?s| is| was)\s+(?:only |just |about )?"
                       + _NUM + r"\s+and a half\b(?![\s-]*(?:weeks?|wks?|days?|hours?|kg|lbs?|stone|feet|ft))", re.I)
# "6 months old", "a 6-month-old", "my 6 month baby", "2 m/o", "2 m.o.", "2 mo old": months (never "male");
# never a duration ("for 2 months", "2 months ago").
_AGE_MONTHS = re.compile(_NUM + r"\s*(?:-|\s)?\s*(?:(?:m\s*/\s*o|m\.o\.?)(?![\w/])(?:[\s-]*old)?|"
                         r"(?:months?|mos?|mths?)(?:[\s-]*old\b|[\s-]+(?:baby|babies|infant|boy|girl|son|daughter|"
                         r"child|kid|twins?)\b))", re.I)
# "my 2mo", "our 4 mos": a bare abbreviation names an age when it follows a possessive.
_AGE_MONTHS_MY = re.compile(r"\b(?:my|our|his|her|their)\s+" + _NUM + r"\s*-?\s*(?:months?|mos?|mths?)\b", re.I)
_AGE_WEEKS_OLD = re.compile(_NUM + r"\s*(?:-|\s)?\s*(?:weeks?|wks?|days?)[\s-]*old\b", re.I)
# "baby is 10 weeks", "she's 4 months": a young child's age with no "old" (never "10 weeks pregnant", "... ago").
_AGE_IS = re.compile(r"\b(?:baby|babies|infant|newborn|son|daughter|little one|lo|he|she|bub)(?:'s| is| was)?\s+"
                     + _NUM + r"\s*(weeks?|wks?|days?|months?|mos?|mths?)\b(?!\s*(?:pregnant|ago|along|gestation|late|overdue|early))",
                     re.I)
# "hes 4", "she's 3 and 14 kg", "he is 5": a child's age in years with no unit (never "she is 15 kg", "he's 39 C").
_AGE_HE_IS = re.compile(r"\b(?:he|she|son|daughter|boy|girl|kid|child|teen|teenager)(?:'?s|\s+is)\s+(?:only\s+|just\s+|about\s+|almost\s+|nearly\s+)?(\d{1,2})"
                        r"(?:\s*(?:years?|yrs?|yo)(?:[\s-]+old)?)?\b(?!\s*(?:[.,:/]\d|%|kg|kgs|kilos?|lbs?|pounds?|st\b|"
                        r"stones?|months?|mos?|mo\b|weeks?|wks?|days?|degrees?|f\b|c\b|mg|ml|hours?|hrs?|minutes?|mins?|"
                        r"times?|doses?|o'?clock|am\b|pm\b|inches|in\b|cm|feet|ft|percent|out of))", re.I)
_CHILD_YEARS = 17
# "4 mo 6 kg", "4 mos, 6 kg": a bare months abbreviation opening the question or right before a weight.
_AGE_MONTHS_BARE = re.compile(r"(?:^\s*|\b)" + _NUM + r"\s*-?\s*(?:mos?|mths?|months?)\b"
                              r"(?=\s*,?\s*\d{1,3}(?:\.\d{1,2})?\s*(?:kg|kgs|kilos?|lbs?|pounds?)\b)|^\s*" + _NUM
                              + r"\s*-?\s*(?:mos?|mths?)\b(?!\s*(?:ago|later|earlier|supply|course|of)\b)", re.I)
# Someone other than the patient who gave a medicine ("grandma gave him tylenol", "my husband and I both gave"):
# not the patient, so neither their age group nor their sex is the patient's.
CARERS = (r"(?:grandma|grandpa|granny|nana|grandmother|grandfather|mum|mom|mommy|mother|dad|daddy|father|husband|"
           r"wife|boyfriend|girlfriend|partner|spouse|babysitter|sitter|nanny|daycare|day care|nursery|childminder|"
           r"teacher|school|nurse|sister|brother|aunt|auntie|uncle)")
_AGENT = re.compile(r"\b(?:(?:my|our|his|her|the)\s+)?" + CARERS + r"\s+(?:(?:and|&)\s+(?:i|me)\s+)?(?:\w+\s+)?"
                    r"(?:gave|give|gives|given|had given|has given|didn'?t tell|didnt tell|did not tell|dosed)\b|"
                    r"\b(?:i|me)\s+(?:and|&)\s+(?:(?:my|our|his|her|the)\s+)?" + CARERS + r"\b", re.I)
# "infant drops", "baby aspirin", "infants' tylenol" name a product, not the patient's age.
_PRODUCT_WORDS = (r"(?:drops|formula|tylenol|motrin|advil|ibuprofen|acetaminophen|paracetamol|aspirin|orajel|"
                  r"suspension|strength|wipes|shampoo|lotion|oil|powder|food|monitor)\b")
_TODDLER = re.compile(r"\b(?:toddlers?)\b")
_AGE_WORDS: list[tuple[re.Pattern[str], str, float | None]] = [
    (re.compile(r"\b(?:newborn|neonate|neonatal)\b"), "infant", NEWBORN_AGE_YEARS),
    (re.compile(r"\b(?:infant|baby|babies|bub)\b(?!s?'?\s+" + _PRODUCT_WORDS + r")"), "infant", None),
    (_TODDLER, "child", 2.0),
    (re.compile(r"\b(?:child|children|kid|kids|son|daughter|boy|girl|pediatric|preschooler|grandchild)\b"), "child", None),
    (re.compile(r"\b(?:teen|teenager|adolescent)s?\b"), "adolescent", None),
    (re.compile(r"\b(?:elderly|older adults?|older patients?|older people|older person|geriatric|senior|seniors|"
                r"grandma|grandpa|grandmother|grandfather|nana|granny|aged care|nursing home|frail)\b"),
     "older adult", None),
    # A spouse or parent is an adult (checked last: "my baby" or "my 4 year old" describe the patient first).
    (re.compile(r"\b(?:husband|wife|boyfriend|girlfriend|spouse|fiance|fiancee|mum|mom|mother|dad|father)\b"),
     "adult", None),
]
_MALE = re.compile(r"\b(?:male|man|men|he|him|his|husband|boyfriend|son|boy|dad|father|brother|grandpa|grandfather|"
                   r"gentleman|\d{1,3}\s*(?:yo)?m)\b(?![/.]\s*o)", re.I)
_FEMALE = re.compile(r"\b(?:female|woman|women|she|her|wife|girlfriend|daughter|girl|mum|mom|mother|sister|"
                     r"grandma|grandmother|lady|\d{1,3}\s*(?:yo)?f)\b", re.I)
_PREGNANT = re.compile(r"\b(?:pregnant|pregnancy|expecting a baby|trimester|gestation|antenatal|prenatal|g\d\s*p\d|"
                       r"morning sickness|hyperemesis(?: gravidarum)?)\b")
_PREG_WEEKS = re.compile(r"\b(\d{1,2})\s*(?:weeks?|wks?)\s*(?:pregnant|gestation|along)\b|\b(?:pregnant|gestation)\D{0,12}(\d{1,2})\s*(?:weeks?|wks?)\b")
_TRIMESTER = re.compile(r"\b(first|1st|second|2nd|third|3rd)\s+trimester\b")
_BREASTFEEDING = re.compile(r"\b(?:breast[\s-]?feeding|breastfeed|breastfed|nursing (?:mother|my baby|a baby)|"
                            r"lactating|lactation|while nursing|i'?m nursing|am nursing|pumping breast ?milk)\b")
_HEPATIC = re.compile(r"\b(?:liver (?:disease|problems?|failure|damage|impairment|cirrhosis|condition)|cirrhosis|"
                      r"cirrhotic|hepatic (?:impairment|disease|failure|dysfunction)|hepatitis|fatty liver|"
                      r"nafld|masld|child[\s-]pugh|bad liver)\b")
_RENAL = re.compile(r"\b(?:kidney (?:disease|problems?|failure|damage|impairment|function is low)|ckd|"
                    r"renal (?:impairment|disease|failure|insufficiency|dysfunction)|dialysis|"
                    r"ckd stage \d|stage \d ckd|bad kidneys|weak kidneys|one kidney|nephropathy|esrd)\b")
_EGFR = re.compile(r"\b(?:egfr|gfr|crcl|creatinine clearance)\s*(?:of|is|=|:|<|>)?\s*(\d{1,3})\b")
_ALLERGY = re.compile(r"\ballerg(?:ic|y|ies)\s+(?:to\s+)?([a-z][a-z-]+)|\b([a-z][a-z-]+)\s+allerg(?:y|ic|ies)\b")
_ALLERGENS = {"penicillin", "penicillins", "amoxicillin", "sulfa", "sulfonamide", "cephalosporin", "cephalosporins",
              "aspirin", "nsaid", "nsaids", "ibuprofen", "codeine", "morphine", "latex", "macrolide",
              "erythromycin", "azithromycin", "clarithromycin", "doxycycline", "tetracycline", "trimethoprim",
              "nitrofurantoin", "fluoroquinolone", "ciprofloxacin", "levofloxacin", "clindamycin", "vancomycin",
              "iodine", "contrast", "egg", "peanut", "peanuts", "bee", "wasp", "shellfish", "lamotrigine",
              "allopurinol", "acetaminophen", "paracetamol", "cefalexin", "cephalexin", "ceftriaxone"}
_ON_DRUG = re.compile(r"\b(?:taking|takes|take|on|using|prescribed|started)\s+(?:a\s+|an\s+|my\s+)?([a-z][a-z-]{3,})")


def _num(s: str) -> float:
    return float(_NUM_WORDS.get(s.lower(), s))


def extract_context(question: str, known_drugs: set[str] | None = None) -> PatientContext:
    """Patient details stated (and not denied) in a question."""
    text = fold(question)
    neg = negated_spans(text)
    ctx = PatientContext()
    patient_text = _AGENT.sub(lambda m: " " * len(m.group(0)), text)  # the carers who gave a medicine are not the patient

    if m := _AGE_HALF.search(text):  # "1 and a half year old", "2 and a half months", "she is 2 and a half"
        half = _num(m.group(1) or m.group(3)) + 0.5
        ctx.age_years = half if not m.group(2) or m.group(2).lower().startswith("y") else round(half / 12, 3)
    elif m := _AGE_WEEKS_OLD.search(text):
        n = _num(m.group(1))
        ctx.age_years = round(n / (365 if "day" in m.group(0) else 52), 3)
    elif m := _AGE_MONTHS.search(text) or _AGE_MONTHS_MY.search(text) or _AGE_MONTHS_BARE.search(text):
        ctx.age_years = round(_num(next(g for g in m.groups() if g)) / 12, 2)
    elif m := _AGE_IS.search(text):
        unit = m.group(2).lower()
        per_year = 365 if unit.startswith("d") else 52 if unit.startswith("w") else 12
        ctx.age_years = round(_num(m.group(1)) / per_year, 3)
    elif (m := _AGE_HE_IS.search(text)) and 0 < int(m.group(1)) <= _CHILD_YEARS:
        ctx.age_years = float(m.group(1))
    else:
        for m in _AGE_YEARS.finditer(text):
            raw = next(g for g in m.groups() if g)
            value = _num(raw)
            if 0 < value < 120:
                ctx.age_years = value
                break
    if ctx.age_years is not None:
        a = ctx.age_years
        ctx.age_group = ("infant" if a < 1 else "child" if a < 12 else "adolescent" if a < 18
                         else "older adult" if a >= 65 else "adult")
    else:
        for pattern, group, age in _AGE_WORDS:
            if affirmed(pattern, patient_text, neg):
                ctx.age_group, ctx.age_years = group, age
                if pattern is _TODDLER:
                    ctx.age_span_months = TODDLER_MONTHS
                break
    ctx.weight_kg = extract_weight_kg(text)

    male, female = affirmed(_MALE, patient_text, neg), affirmed(_FEMALE, patient_text, neg)
    if male and not female:
        ctx.sex = "male"
    elif female and not male:
        ctx.sex = "female"
    elif male and female:  # "my son ... she" is rare; the first mention is usually the patient
        ctx.sex = "male" if male[0].start() < female[0].start() else "female"

    if affirmed(_PREGNANT, text, neg) and not re.search(r"\b(?:trying to get|want to get|plan(?:ning)? to get|could i be|"
                                                        r"am i|might be|before getting) pregnant\b", text):
        ctx.pregnant = True
        if m := _PREG_WEEKS.search(text):
            ctx.pregnancy_weeks = int(m.group(1) or m.group(2))
            ctx.trimester = 1 if ctx.pregnancy_weeks < 14 else 2 if ctx.pregnancy_weeks < 28 else 3
        if m := _TRIMESTER.search(text):
            ctx.trimester = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}[m.group(1)]
        ctx.sex = "female"
    if affirmed(_BREASTFEEDING, text, neg):
        ctx.breastfeeding = True
        ctx.sex = ctx.sex or "female"
    ctx.hepatic = bool(affirmed(_HEPATIC, text, neg))
    ctx.renal = bool(affirmed(_RENAL, text, neg))
    if m := _EGFR.search(text):
        ctx.egfr = float(m.group(1))
        if ctx.egfr < 60:
            ctx.renal = True

    allergies: list[str] = []
    for m in affirmed(_ALLERGY, text, neg):
        word = m.group(1) or m.group(2)
        if word in _ALLERGENS or (known_drugs and word in known_drugs):
            allergies.append(word.rstrip("s") if word.endswith("ins") else word)
    ctx.allergies = list(dict.fromkeys(allergies))
    if known_drugs:
        meds = [m.group(1) for m in affirmed(_ON_DRUG, text, neg) if m.group(1) in known_drugs]
        ctx.medications = [d for d in dict.fromkeys(meds) if d not in ctx.allergies]
    return ctx
