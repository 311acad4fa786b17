"""Text normalisation shared by question understanding and the topic index."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

# Words that carry no topic signal in a clinical question.
STOPWORDS: frozenset[str] = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "don", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "im", "ive", "id", "dont", "cant", "wont", "isnt", "doesnt", "didnt", "theres", "whats", "hows", "get", "got", "getting", "take", "taking", "taken", "took", "use", "using", "used", "best", "good", "better", "recommend", "recommended", "treat", "treating", "treated", "treatment", "treatments", "therapy", "therapies", "manage", "management", "managing", "medicine", "medicines", "medication", "medications", "drug", "drugs", "help", "helps", "helpful", "option", "options", "do", "does", "need", "needs", "please", "tell", "know", "want", "like", "thing", "things", "way", "ways", "someone", "somebody", "person", "patient", "patients", "adult", "adults", "people", "year", "years", "old", "yo", "yr", "yrs", "month", "months", "week", "weeks", "day", "days", "first", "line", "second", "approach", "approaches", "guideline", "guidelines", "current", "latest", "evidence", "based", "safe", "safest", "work", "works", "working", "right", "usual", "usually", "much", "many", "often", "should", "would", "could", "may", "might", "really", "also", "and", "or", "vs", "versus", "anything", "something", "whats", "what's", "which", "one", "choice", "see", "doctor", "doctors", "gp", "urgent", "urgently", "long", "last", "lasts", "lasting", "keep", "keeps", "keeping", "come", "comes", "coming", "going", "remedy", "remedies", "else", "okay", "ok", "change", "changes", "changed"]
)

_SPELLING: dict[str, str] = {
    "anaemia": "anemia", "anaemic": "anemic", "haemoglobin": "hemoglobin", "haemorrhage": "hemorrhage",
    "oesophagus": "esophagus", "oesophageal": "esophageal", "oestrogen": "estrogen", "paediatric": "pediatric",
    "paediatrics": "pediatrics", "orthopaedic": "orthopedic", "diarrhoea": "diarrhea", "dyspnoea": "dyspnea",
    "oedema": "edema", "haematuria": "hematuria", "leukaemia": "leukemia", "faeces": "feces", "faecal": "fecal",
    "coeliac": "celiac", "caesarean": "cesarean", "foetus": "fetus", "foetal": "fetal", "gynaecology": "gynecology",
    "haemorrhoids": "hemorrhoids", "hypoglycaemia": "hypoglycemia", "hyperglycaemia": "hyperglycemia",
    "hyperlipidaemia": "hyperlipidemia", "hypercholesterolaemia": "hypercholesterolemia", "ischaemia": "ischemia",
    "ischaemic": "ischemic", "septicaemia": "septicemia", "tumour": "tumor", "behaviour": "behavior",
    "anaesthesia": "anesthesia", "anaesthetic": "anesthetic", "generalised": "generalized", "localised": "localized",
    "recognised": "recognized", "organisation": "organization", "colour": "color", "haemophilus": "hemophilus",
    "apnoea": "apnea", "sulphate": "sulfate", "sulphonylurea": "sulfonylurea", "aluminium": "aluminum",
    "paracetamol": "acetaminophen", "adrenaline": "epinephrine", "salbutamol": "albuterol",
    "frusemide": "furosemide", "glyceryl": "glyceryl", "lignocaine": "lidocaine", "noradrenaline": "norepinephrine",
    "pethidine": "meperidine", "colecalciferol": "cholecalciferol", "ciclosporin": "cyclosporine",
    "oestradiol": "estradiol", "amoxycillin": "amoxicillin", "cefalexin": "cephalexin",
}

_PLURAL_KEEP = ("ss", "us", "is", "ous", "sis", "xis", "ics")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Light, predictable stemming: plural and a few verb endings; never below 4 letters."""
    t = token
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 4 and t.endswith("s") and not t.endswith(_PLURAL_KEEP):
        t = t[:-1]
        if t.endswith(("ches", "shes", "xes", "sses")):
            t = t[:-1]
    if len(t) > 6 and t.endswith("ing"):
        t = t[:-3]
    return t


def fold(text: str) -> str:
    """Lowercase, strip accents, and unify dashes/quotes."""
    if text.isascii():  # the common case: nothing to decompose (fast path; same result)
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")


def raw_tokens(text: str) -> list[str]:
    """Folded word tokens, with British spellings mapped to US ones."""
    return [_SPELLING.get(t, t) for t in _TOKEN.findall(fold(text).replace("'s ", " "))]


def word_key(text: str) -> str:
    """A phrase as its space-joined folded words, unstemmed: the key vocabularies are looked up by."""
    return " ".join(raw_tokens(text))


def content_tokens(text: str) -> list[str]:
    """Stemmed tokens with stopwords removed: what the index and the matcher compare."""
    return [stem(t) for t in raw_tokens(text) if t not in STOPWORDS and len(t) > 1 and not t.isdigit()]


def normalize_phrase(text: str) -> str:
    """A phrase as a space-joined run of stemmed tokens (stopwords kept), for phrase matching."""
    return " ".join(stem(t) for t in raw_tokens(text))


def parse_number(s: str) -> float:
    """A number as people write it: '1,000' -> 1000 (thousands), '2,5' -> 2.5 (decimal comma), '7.5' -> 7.5."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    return float(s.replace(",", "."))
