"""Evidence level from MEDLINE publication types, study-design MeSH headings, or the document's nature."""

from __future__ import annotations

import re
from collections.abc import Sequence

from guidewise.ingest.model import EvidenceLevel

_PUB_TYPES: dict[str, EvidenceLevel] = {
    "practice guideline": EvidenceLevel.GUIDELINE,
    "guideline": EvidenceLevel.GUIDELINE,
    "consensus development conference": EvidenceLevel.GUIDELINE,
    "consensus development conference, nih": EvidenceLevel.GUIDELINE,
    "systematic review": EvidenceLevel.SYSTEMATIC_REVIEW,
    "meta-analysis": EvidenceLevel.SYSTEMATIC_REVIEW,
    "network meta-analysis": EvidenceLevel.SYSTEMATIC_REVIEW,
    "randomized controlled trial": EvidenceLevel.RCT,
    "randomized controlled trial, veterinary": EvidenceLevel.RCT,
    "pragmatic clinical trial": EvidenceLevel.RCT,
    "equivalence trial": EvidenceLevel.RCT,
    "observational study": EvidenceLevel.OBSERVATIONAL,
    "comparative study": EvidenceLevel.OBSERVATIONAL,
    "multicenter study": EvidenceLevel.OBSERVATIONAL,
    "clinical trial": EvidenceLevel.OBSERVATIONAL,
    "controlled clinical trial": EvidenceLevel.OBSERVATIONAL,
    "clinical study": EvidenceLevel.OBSERVATIONAL,
    "clinical trial, phase i": EvidenceLevel.OBSERVATIONAL,
    "clinical trial, phase ii": EvidenceLevel.OBSERVATIONAL,
    "clinical trial, phase iii": EvidenceLevel.OBSERVATIONAL,
    "clinical trial, phase iv": EvidenceLevel.OBSERVATIONAL,
    "twin study": EvidenceLevel.OBSERVATIONAL,
    "evaluation study": EvidenceLevel.OBSERVATIONAL,
    "validation study": EvidenceLevel.OBSERVATIONAL,
    "case reports": EvidenceLevel.CASE_REPORT,
}
# MeSH headings that describe the design of the indexed study itself (not "... as Topic").
_DESIGN_MESH = {
    "cohort studies", "prospective studies", "retrospective studies", "case-control studies",
    "cross-sectional studies", "longitudinal studies", "follow-up studies", "cohort study",
}
_TITLE_RULES: list[tuple[re.Pattern[str], EvidenceLevel]] = [
    (re.compile(r"\b(clinical practice guideline|guideline|consensus statement|recommendation statement)s?\b", re.I),
     EvidenceLevel.GUIDELINE),
    (re.compile(r"\b(systematic review|meta-analys[ie]s|metaanalys[ie]s)\b", re.I), EvidenceLevel.SYSTEMATIC_REVIEW),
    (re.compile(r"\brandomi[sz]ed (controlled |clinical |double-blind |placebo-controlled )*trial\b", re.I),
     EvidenceLevel.RCT),
    (re.compile(r"\b(cohort|case-control|cross-sectional) (study|analysis)\b", re.I), EvidenceLevel.OBSERVATIONAL),
    (re.compile(r"\bcase report\b", re.I), EvidenceLevel.CASE_REPORT),
]


def from_pub_types(pub_types: Sequence[str], mesh: Sequence[str] = (), title: str = "") -> EvidenceLevel:
    """Strongest design among the publication types; then design MeSH; then the title's own words."""
    levels = [_PUB_TYPES[p.strip().lower()] for p in pub_types if p.strip().lower() in _PUB_TYPES]
    if levels:
        return min(levels)
    if any(m.strip().lower() in _DESIGN_MESH for m in mesh):
        return EvidenceLevel.OBSERVATIONAL
    return from_title(title)


def from_title(title: str, default: EvidenceLevel = EvidenceLevel.OTHER) -> EvidenceLevel:
    for pattern, level in _TITLE_RULES:
        if pattern.search(title):
            return level
    return default
