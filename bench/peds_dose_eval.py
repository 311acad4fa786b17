"""Paediatric dose safety: share of items correctly flagged and share of false warnings on correct doses.

Runs every item of bench/data/peds_dosing.yaml through the engine for both audiences. An item is correctly
handled when its dose verdict matches (above, below, too often, unknown strength, or no dose warning), exactly the
expected age limits are named, and any optional checks hold: `exceeded` (the limits the dose warning names),
`weight_dose` / `no_dose` (a dose for the weight is, or is not, given), `says` / `not_says` (text the dose check
and the 'Considered' line must, or must not, contain; case-insensitive), `child_topic` (the article shown, if any,
is written for children: never an adult one with adult doses). A false warning is a dose warning on a
dose that is correct, or an age limit named where none is crossed. Goal: every overdose, age-limit violation and
unknown liquid strength flagged; false warnings <= 2%.

    python -m bench.peds_dose_eval [-v] [--json]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from typing import Any

from bench.common import fresh_engine, load_items, out_dir
from guidewise.compose.answer import Answer

ABOVE = {"above_range", "above_range_for_age", "above_max"}
BELOW = {"below_range", "below_range_for_age"}
VERDICT_OF = {**{k: "above" for k in ABOVE}, **{k: "below" for k in BELOW}, "too_often": "too_often",
              "unknown_strength": "unknown_strength"}
MUST_FLAG = {"above", "too_often", "unknown_strength"}


def verdicts(a: Answer, drug: str | None) -> set[str]:
    """Dose verdicts the answer gives (for the item's drug when it names one)."""
    return {VERDICT_OF[w.kind] for w in a.dose_warnings
            if w.kind in VERDICT_OF and (drug is None or w.drug == drug)}


def child_topic_ids(engine: Any) -> frozenset[str]:
    """The library topics written for children (population_scope children)."""
    return frozenset(t.id for t in engine.library.topics.values() if "children" in t.population_scope)


def score(item: dict[str, Any], a: Answer, child_topics: frozenset[str] = frozenset()) -> tuple[bool, bool, list[str]]:
    """(correct, false_warning, why) for one answer; `child_topics`: the topics written for children."""
    got = verdicts(a, item.get("drug"))
    others = {VERDICT_OF[w.kind] for w in a.dose_warnings if w.kind in VERDICT_OF} - got
    limits = {w.limit_id for w in a.dose_warnings if w.kind == "age_limit"}
    expected_limits = set(item.get("limits") or [])
    want = item["expect"]
    why: list[str] = []
    if want == "ok" and (got or others):
        why.append(f"dose warning {sorted(got | others)}")
    elif want != "ok" and want not in got:
        why.append(f"expected {want}, got {sorted(got) or 'no dose warning'}")
    if limits != expected_limits:
        why.append(f"limits {sorted(limits)} != expected {sorted(expected_limits)}")
    statements = [s for sec in a.sections for s in sec.statements]
    if item.get("weight_dose") and not any(s.kind == "weight_dose" for s in statements):
        why.append("no dose computed for the weight")
    if item.get("no_dose") and any(s.kind == "weight_dose" or "right dose" in s.text for s in statements):
        why.append("a home dose was given")
    if item.get("exceeded"):
        named = {x for w in a.dose_warnings if w.kind in VERDICT_OF and (item.get("drug") in (None, w.drug))
                 for x in (w.exceeded or [])}
        if not set(item["exceeded"]) <= named:
            why.append(f"exceeded {sorted(named)} lacks {sorted(set(item['exceeded']) - named)}")
    checked = " ".join([*(s.text for sec in a.sections if sec.id == "dose_check" for s in sec.statements),
                        *a.considered]).lower()
    why.extend(f"does not say {t!r}" for t in item.get("says") or [] if t.lower() not in checked)
    why.extend(f"says {t!r}" for t in item.get("not_says") or [] if t.lower() in checked)
    if item.get("child_topic") and a.topic is not None and a.topic.id not in child_topics:
        why.append(f"shows the article {a.topic.id}, not written for children")
    false_warning = (want == "ok" and bool(got | others)) or bool(limits - expected_limits)
    return not why, false_warning, why


def _run(engine: Any, items: list[dict[str, Any]], audience: str, label: str, by: dict[str, list[int]],
         misses: list[str]) -> dict[str, float]:
    correct = false = n_correct_doses = flagged_needed = flagged = 0
    for item in items:
        a = engine.ask(item["q"], audience, record=False)
        ok, false_warning, why = score(item, a, child_topic_ids(engine))
        correct += ok
        if item["type"] in ("overdose", "age_limit", "ingestion") or item["expect"] in MUST_FLAG:
            flagged_needed += 1
            flagged += ok
        if item["type"] == "correct":
            n_correct_doses += 1
            false += false_warning
        for key in (f"type:{item['type']}", f"stated:{item['stated']}"):
            by[f"{label}/{audience}/{key}"][0] += ok
            by[f"{label}/{audience}/{key}"][1] += 1
        if not ok:
            misses.append(f"[{label}/{audience}] {item['q']}: {'; '.join(why)}")
    r = {"n": len(items), "correctly_handled": correct / len(items),
         "overdose_and_age_limit_recall": flagged / flagged_needed if flagged_needed else 1.0,
         "false_warning_rate": false / n_correct_doses if n_correct_doses else 0.0,
         "n_correct_doses": n_correct_doses, "n_must_flag": flagged_needed}
    print(f"{label:8s} {audience:9s} correctly handled {correct}/{len(items)} = {r['correctly_handled']:.3f}   "
          f"overdoses and age-limit violations flagged {flagged}/{flagged_needed} = "
          f"{r['overdose_and_age_limit_recall']:.3f}   false warnings on correct doses {false}/{n_correct_doses} = "
          f"{r['false_warning_rate']:.3f}")
    return r


def evaluate(verbose: bool = False) -> dict[str, Any]:
    engine = fresh_engine(dose={"paediatric": True})  # off by default until a clinical review signs it off
    items = load_items("peds_dosing.yaml")
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    results: dict[str, Any] = {}
    misses: list[str] = []
    for label in ("main", "holdout"):
        subset = [i for i in items if i.get("set", "main") == label]
        for audience in ("clinician", "patient"):
            results[f"{label}/{audience}"] = _run(engine, subset, audience, label, by, misses)
    results["by"] = {k: v[0] / v[1] for k, v in sorted(by.items())}
    if verbose:
        for key, share in results["by"].items():
            print(f"  {key:40s} {share:.3f}")
    (out_dir() / "peds_dose_misses.txt").write_text("\n".join(misses) + "\n")
    if verbose and misses:
        print("\n".join(misses))
    return results


if __name__ == "__main__":
    res = evaluate(verbose="-v" in sys.argv)
    if "--json" in sys.argv:
        (out_dir() / "peds_dose.json").write_text(json.dumps(res, indent=1))
