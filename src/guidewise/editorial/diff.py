"""Readable text of an article version and unified diffs between versions."""

from __future__ import annotations

import difflib
import hashlib
import json
from typing import Any

AUDIENCE_ORDER = ("clinician", "patient")
# Keys that describe the workflow or the request, not the content: excluded from hashes and diffs.
VOLATILE = frozenset({"thread_id", "status", "status_label", "disclaimer", "reviewers", "question"})


def content_of(answers: dict[str, Any]) -> dict[str, Any]:
    return {aud: {k: v for k, v in ans.items() if k not in VOLATILE} for aud, ans in answers.items()}


def content_hash(answers: dict[str, Any]) -> str:
    """sha256 over the canonical JSON of the content (what a reviewer signs off)."""
    body = json.dumps(content_of(answers), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _cites(c: list[int]) -> str:
    return "".join(f"[{n}]" for n in c)


def _statement_lines(st: dict[str, Any], depth: int) -> list[str]:
    lead = f"{st['label']}: " if st.get("label") else ""
    ev = f" ({st['evidence']})" if st.get("evidence") else ""
    lines = [f"{'  ' * depth}- {lead}{st.get('text', '')} {_cites(st.get('citations', []))}{ev}".rstrip()]
    for child in st.get("children", []):
        lines.extend(_statement_lines(child, depth + 1))
    return lines


def _reference_line(r: dict[str, Any]) -> str:
    parts = [f"{r.get('n')}. {r.get('title', '').rstrip('.')}.", f"{r.get('source', '')}, {r.get('year', '')}.",
             f"{r.get('label', '')}."]
    if r.get("pmid"):
        parts.append(f"PMID {r['pmid']}.")
    if r.get("doi"):
        parts.append(f"doi:{r['doi']}")
    return " ".join(parts)


def answer_lines(answer: dict[str, Any]) -> list[str]:
    """One audience's content as plain lines (one statement or reference per line)."""
    out: list[str] = []
    if answer.get("urgent"):
        out.append(f"URGENT: {answer['urgent'].get('message', '')}")
    if answer.get("message"):
        out.append(answer["message"])
    if answer.get("bottom_line"):
        bl = answer["bottom_line"]
        out += ["Bottom line", f"- {bl.get('text', '')} {_cites(bl.get('citations', []))}".rstrip()]
    for sec in answer.get("sections", []):
        out.append(sec.get("title", ""))
        for st in sec.get("statements", []):
            out += _statement_lines(st, 0)
    if answer.get("references"):
        out.append("References")
        out += [_reference_line(r) for r in answer["references"]]
    if answer.get("last_updated"):
        out.append(f"Library last updated {answer['last_updated']}")
    return out


def version_text(answers: dict[str, Any]) -> list[str]:
    """Every audience of a version, clinician first, as readable lines."""
    out: list[str] = []
    for aud in sorted(answers, key=lambda a: (AUDIENCE_ORDER.index(a) if a in AUDIENCE_ORDER else 9, a)):
        out += [f"=== {aud} ===", *answer_lines(answers[aud]), ""]
    return out


def unified(old: dict[str, Any], new: dict[str, Any], old_name: str, new_name: str, context: int = 2) -> str:
    """A unified diff ('' when the readable content is the same)."""
    return "\n".join(difflib.unified_diff(version_text(old), version_text(new), fromfile=old_name,
                                          tofile=new_name, lineterm="", n=context))
