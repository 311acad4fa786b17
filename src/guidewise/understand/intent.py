"""Question intents (treatment, dosing, duration, …): which sections an answer should lead with."""

from __future__ import annotations

import re

from guidewise.library.schema import Intent
from guidewise.understand.text import fold

_RULES: list[tuple[Intent, re.Pattern[str]]] = [
    (Intent.RED_FLAGS, re.compile(
        r"\b(?:red flags?|warning signs?|danger signs?|when (?:should i|to|do i|must i) (?:worry|go to|see|call|seek)|"
        r"when is it (?:an )?emergency|go to (?:the )?(?:er|a&e|hospital|emergency)|is it serious|"
        r"signs? of (?:something )?serious|when to be concerned|urgent care|alarm (?:signs|symptoms|features))\b")),
    (Intent.DIAGNOSIS, re.compile(
        r"\b(?:diagnos\w*|test(?:s|ing)?|imaging|x-?rays?|mri|ct scan|scan|ultrasound|blood (?:test|work)|labs?|"
        r"work-?up|screen(?:ing)?|investigat\w*|how do (?:you|i|we) know|confirm|culture|swab|monitor(?:ing)?|"
        r"check (?:levels|my)|how often (?:should|to) (?:check|test|measure))\b")),
    (Intent.PROGNOSIS, re.compile(
        r"\b(?:prognosis|outlook|how long (?:does|will|do) (?:it|this|they|symptoms?|the pain|recovery)\s*"
        r"(?:last|take to (?:heal|go|get better|clear|resolve))|go away (?:on its own|by itself)|get better on (?:its|my) own|"
        r"recover(?:y)? time|natural (?:course|history)|will it (?:come back|go away|recur)|chance of recurrence)\b")),
    (Intent.DURATION, re.compile(
        r"\b(?:how long (?:should|do|must|can|to|is|for|will) (?:i|you|he|she|we|they|my|the)?\s*"
        r"(?:\w+\s+){0,3}(?:take|use|treat|stay on|continue|be on|keep|course|treatment)|how long\b(?! (?:does|will) (?:it|this) last)|"
        r"duration|how many days|how many weeks|when (?:can|should|do) (?:i|you|we) stop|stop taking|length of (?:treatment|course|therapy)|"
        r"course of (?:treatment|antibiotics|therapy)|long[\s-]term|lifelong|for life|indefinitely|how long is)\b")),
    (Intent.DOSING, re.compile(
        r"\b(?:dose|doses|dosing|dosage|how much|how many (?:mg|milligrams|tablets|pills|puffs|capsules)|"
        r"\d+(?:\.\d+)?\s*(?:mg|mcg|g|grams?|milligrams?|micrograms?|ml|units?)\b|max(?:imum)?(?: daily)?(?: dose)?|"
        r"mg/kg|per kg|strength|titrat\w*|how often (?:can|should|do) (?:i|you|he|she) (?:take|give|use))")),
    (Intent.POPULATIONS, re.compile(
        r"\b(?:pregnan\w*|breast[\s-]?feed\w*|nursing|lactat\w*|elderly|older (?:adults?|patients?|people)|"
        r"kids?|child(?:ren)?|infants?|toddlers?|babies|pediatric|liver|hepatic|cirrhosis|kidneys?|renal|ckd|"
        r"dialysis|egfr|safe (?:in|for|with|during|while))\b")),
]


def detect_intents(question: str) -> list[Intent]:
    """Intents in order of precedence; TREATMENT is always present, last unless it is the only one."""
    text = fold(question)
    found = [intent for intent, pattern in _RULES if pattern.search(text)]
    # "how long will it last" is prognosis, not a course length.
    if Intent.PROGNOSIS in found and Intent.DURATION in found and not re.search(
        r"\b(?:take|use|stay on|continue|course|treat)\w*\b", text
    ):
        found.remove(Intent.DURATION)
    order = [Intent.DOSING, Intent.DURATION, Intent.RED_FLAGS, Intent.DIAGNOSIS, Intent.PROGNOSIS, Intent.POPULATIONS]
    found.sort(key=order.index)
    return [*found, Intent.TREATMENT]
