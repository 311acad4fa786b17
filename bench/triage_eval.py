"""Urgent triage on vignettes from independent authors (bench/data/triage/author_*.yaml).

Each author is a helper that never saw the detector's rules. author_c_frozen.yaml is the frozen test set: never
tune on it; its sha256 is printed so that any change to it is visible in bench/RESULTS.md. author_i holds short
plain statements about children and teenagers (and short adult one-liners), written when a paediatric review saw the
learned model raise banners on such statements; it is not trained on (training on it cost 4 points of
leave-one-author-out recall), so it measures those false alarms on an unseen author.

Per author: recall with a Wilson 95% interval, recall by condition (misses only), false-alarm rate on the benign
look-alikes, three-level accuracy (emergency now, urgent same day, routine), the share of caught emergencies whose
banner names the right emergency, how many were caught by the learned model alone, emergencies answered with an
unrelated article under the banner, and emergencies answered with a confident article and no banner.

    python -m bench.triage_eval [--misses]
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import sys
from collections import defaultdict
from typing import Any
from xml.etree import ElementTree

import yaml

from bench.common import BENCH, fresh_engine, out_dir
from bench.real_questions import load_questions, shared_data
from guidewise.library.emergencies.loader import load_catalogue

TRIAGE = BENCH / "data" / "triage"


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(centre - half, 3), round(centre + half, 3))


def real_question_banners(engine: Any, medquad_sample: int = 600) -> dict[str, Any]:
    """Banners raised on real consumer questions (nearly all of them not emergencies): K-QA and LiveQA, and a
    fixed sample of MedQuAD question forms, read from the shared data."""
    data = shared_data()
    if not (data / "k-qa").exists():
        return {"skipped": f"no shared data at {data}"}
    groups = {"kqa_liveqa": [q for q in load_questions(data).values() if q.strip()]}
    forms = [el.text.strip() for xml in sorted((data / "medquad").rglob("*.xml"))
             for el in ElementTree.parse(xml).getroot().iter("Question") if el.text and el.text.strip()]
    random.Random(99).shuffle(forms)
    groups["medquad_sample"] = forms[:medquad_sample]
    out: dict[str, Any] = {}
    for name, questions in groups.items():
        answers = [engine.ask(q, record=False) for q in questions]
        banners = [a for a in answers if a.urgent is not None]
        out[name] = {"questions": len(questions), "banners": len(banners),
                     "by_model_only": sum(a.urgent.source == "model" for a in banners)}
    return out


def evaluate(show_misses: bool = False) -> dict[str, Any]:
    engine = fresh_engine()
    report: dict[str, Any] = {}
    for path in sorted(TRIAGE.glob("author_*.yaml")):
        data = yaml.safe_load(path.read_text())
        items = data["items"]
        hit = alarms = unrelated = silent = right = by_model = level_ok = 0
        catalogue = load_catalogue()
        by_condition: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        emergencies = [i for i in items if i["label"] == "emergency"]
        benign = [i for i in items if i["label"] == "benign"]
        for i in emergencies:
            a = engine.ask(i["q"], record=False)
            ok = a.urgent is not None
            hit += ok
            level_ok += a.triage == i["level"]
            if ok:
                em = catalogue.by_name(i["condition"])
                right += em is not None and em.key in a.urgent.categories  # type: ignore[union-attr]
                by_model += a.urgent.source == "model"  # type: ignore[union-attr]
            by_condition[i["condition"]][0] += ok
            by_condition[i["condition"]][1] += 1
            if ok and a.topic is not None and not (
                    set(engine.library.topics[a.topic.id].emergencies) & set(a.urgent.categories)):  # type: ignore[union-attr]
                unrelated += 1
            if not ok and a.topic is not None and not a.abstained:
                silent += 1
            if show_misses and not ok and not data.get("frozen"):  # never look at the frozen set's misses
                print(f"MISS [{data['author']}] {i['condition']}: {i['q']}")
        for i in benign:
            a = engine.ask(i["q"], record=False)
            level_ok += a.triage == i["level"]
            if a.urgent is not None:
                alarms += 1
                if show_misses and not data.get("frozen"):
                    print(f"ALARM [{data['author']}] {a.urgent.categories}: {i['q']}")
        n = len(emergencies)
        report[path.stem] = {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "emergencies": n, "recall": round(hit / n, 3) if n else None, "recall_wilson95": wilson(hit, n),
            "benign": len(benign), "false_alarm_rate": round(alarms / len(benign), 3) if benign else None,
            "three_level_accuracy": round(level_ok / len(items), 3) if items else None,
            "right_emergency_named": f"{right}/{hit}", "caught_by_model_only": by_model,
            "unrelated_article_under_banner": unrelated, "confident_article_without_banner": silent,
            "missed_conditions": {c: f"{k}/{m}" for c, (k, m) in sorted(by_condition.items()) if k < m},
        }
    report["real_questions"] = real_question_banners(engine)
    (out_dir() / "triage.json").write_text(json.dumps(report, indent=2) + "\n")
    return report


if __name__ == "__main__":
    print(json.dumps(evaluate("--misses" in sys.argv), indent=2))
