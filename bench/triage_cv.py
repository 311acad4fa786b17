"""Urgent triage on an author the learned model never saw: leave one training author out.

For each training author of bench/data/triage_train (D, E, F, G), the learned model is trained on the others (with
the real consumer questions as negatives) and its thresholds are set on authors A and B, as scripts/train_triage.py
does; the whole detector (rules, then the model) is then measured on the left-out author's vignettes. This
estimates how the detector does on a new author's wording without touching the frozen author C set. The rules were
never written from the training authors' emergencies, so their part of the figure is out-of-sample too.

    GUIDEWISE_SHARED_DATA=../shared/data python -m bench.triage_cv [--misses]
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.common import BENCH, out_dir
from bench.triage_eval import wilson
from guidewise.understand import urgent
from guidewise.understand.context import extract_context
from guidewise.understand.informational import is_informational
from guidewise.understand.text import fold

TRAIN_DIR = BENCH / "data" / "triage_train"
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "train_triage.py"


def _trainer() -> Any:
    spec = importlib.util.spec_from_file_location("train_triage", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def raised(question: str) -> tuple[bool, str | None]:
    text = fold(question)
    u = urgent.detect_urgent(text, extract_context(text))
    if u is None or (not u.crisis and is_informational(text)):
        return False, None
    return True, u.source


def evaluate(show_misses: bool = False) -> dict[str, Any]:
    t = _trainer()
    real, valid = t.real_questions(t.shared()), t.items(t.VALIDATION)
    authors = sorted(p for p in TRAIN_DIR.glob("author_*.yaml")
                     if any(i["label"] == "emergency" for i in t.items([p])))
    report: dict[str, Any] = {}
    total = defaultdict(int)
    for held in authors:
        rest = [p for p in sorted(TRAIN_DIR.glob("author_*.yaml")) if p != held]
        model = t.train(t.items(rest), real, valid, log=False)
        urgent.load_model = lambda path=None, m=model: m  # type: ignore[assignment,misc]
        items = t.items([held])
        emerg = [i for i in items if i["label"] == "emergency"]
        benign = [i for i in items if i["label"] == "benign"]
        hits = [raised(i["q"]) for i in emerg]
        if show_misses:
            for i, (ok, _) in zip(emerg, hits, strict=True):
                if not ok:
                    print(f"MISS [{held.stem}] {i['condition']}: {i['q']}", file=sys.stderr)
            for i in benign:
                if raised(i["q"])[0]:
                    print(f"ALARM [{held.stem}] {i['condition']}: {i['q']}", file=sys.stderr)
        alarms = sum(raised(i["q"])[0] for i in benign)
        k = sum(h for h, _ in hits)
        report[held.stem] = {
            "emergencies": len(emerg), "recall": round(k / len(emerg), 3), "recall_wilson95": wilson(k, len(emerg)),
            "by_rules": sum(s == "rules" for _, s in hits), "by_model_only": sum(s == "model" for _, s in hits),
            "benign": len(benign), "false_alarm_rate": round(alarms / len(benign), 3)}
        total["k"] += k
        total["n"] += len(emerg)
        total["alarms"] += alarms
        total["benign"] += len(benign)
    report["pooled"] = {"recall": round(total["k"] / total["n"], 3), "recall_wilson95": wilson(total["k"], total["n"]),
                        "false_alarm_rate": round(total["alarms"] / total["benign"], 3)}
    (out_dir() / "triage_cv.json").write_text(json.dumps(report, indent=2) + "\n")
    return report


if __name__ == "__main__":
    print(json.dumps(evaluate("--misses" in sys.argv), indent=2))
    sys.exit(0)
