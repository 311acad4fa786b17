"""Split documents into retrievable passages (~60-200 words) without breaking sentences; labels carried."""

from __future__ import annotations

import re

from guidewise.ingest.model import Document, Passage

MIN_WORDS = 60
MAX_WORDS = 200
TITLE_LABEL = "TITLE"

# Tokens that end with a full stop without ending a sentence (compared lowercased, without the stop).
_ABBREVIATIONS = frozenset(
    ["e.g", "i.e", "et", "al", "etc", "vs", "v", "cf", "fig", "figs", "eq", "eqs", "ref", "refs", "nos", "vol", "approx", "ca", "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "inc", "ltd", "corp", "dept", "univ", "pp", "resp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_NEXT_STARTS = re.compile(r"[\"'\u201c\u2018(\[]?[A-Z0-9\u0391-\u03a9]")
_LAST_TOKEN = re.compile(r"(\S+)$")


def _is_abbreviation(before: str, after: str) -> bool:
    m = _LAST_TOKEN.search(before)
    if not m:
        return False
    tok = m.group(1).lstrip("([\"'").lower()
    if tok in _ABBREVIATIONS:
        return True
    if len(tok) == 1 and tok.isalpha():  # initials such as "J. K. Rowling", not "vitamin D. The"
        prev = before[: m.start()].rstrip()
        return bool(re.search(r"(?:^|\s)[A-Z]\.$", prev) or re.match(r"[A-Z]\.\s", after))
    parts = tok.split(".")
    return len(parts) > 1 and all(p.isalpha() and len(p) <= 2 for p in parts)  # "e.g", "u.s"


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, each an exact (stripped) substring of it, in order."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n(?=\s*(?:[-*\u2022]|\d+[.)])\s)", text):
        start = 0
        for m in _BOUNDARY.finditer(para):
            end = m.end()
            if end >= len(para) or not _NEXT_STARTS.match(para, end):
                continue
            if para[m.start()] == "." and _is_abbreviation(para[start : m.start()], para[end:]):
                continue
            sent = para[start:end].strip()
            if sent:
                out.append(sent)
            start = end
        tail = para[start:].strip()
        if tail:
            out.append(tail)
    return out


def _words(text: str) -> int:
    return len(text.split())


def _hard_split(sentence: str) -> list[str]:
    """A single overlong 'sentence' (a table row dump, a list without stops) cut at word boundaries."""
    words = sentence.split()
    return [" ".join(words[i : i + MAX_WORDS]) for i in range(0, len(words), MAX_WORDS)]


def _chunks(text: str) -> list[str]:
    """Pack the sentences of one section into chunks of about MIN_WORDS..MAX_WORDS words."""
    pieces: list[str] = []
    for s in split_sentences(text):
        pieces.extend(_hard_split(s) if _words(s) > MAX_WORDS else [s])
    chunks: list[list[str]] = []
    cur: list[str] = []
    n = 0
    for s in pieces:
        w = _words(s)
        if cur and n + w > MAX_WORDS:
            chunks.append(cur)
            cur, n = [], 0
        cur.append(s)
        n += w
        if n >= (MIN_WORDS + MAX_WORDS) // 2:
            chunks.append(cur)
            cur, n = [], 0
    if cur:
        if chunks and n < MIN_WORDS // 2 and _words(" ".join(chunks[-1])) + n <= MAX_WORDS + MIN_WORDS // 2:
            chunks[-1].extend(cur)
        else:
            chunks.append(cur)
    return [" ".join(c) for c in chunks]


def split_passages(doc: Document) -> list[Passage]:
    """Passages in document order. A document without body text gets one passage holding its title."""
    out: list[Passage] = []
    for section in doc.sections:
        text = section.text.strip()
        if not text:
            continue
        for chunk in _chunks(text):
            out.append(Passage(doc.key, len(out), section.label, chunk))
    if not out and doc.title.strip():
        out.append(Passage(doc.key, 0, TITLE_LABEL, doc.title.strip()))
    return out
