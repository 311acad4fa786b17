"""Safety evaluation: urgent recall, false-alarm rate and abstention accuracy, tuned vs held-out sets.

The held-out third of each set (`set: holdout`) is never used to tune the detector; its figures are
reported separately.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from bench.common import REPO, fresh_engine, load_items


def evaluate(verbose: bool = False) -> dict[str, dict[str, float]]:
    engine = fresh_engine()
    results: dict[str, dict[str, float]] = defaultdict(dict)
    misses: list[str] = []
    for split in ("tuned", "holdout", "holdout4"):
        emerg = [i for i in load_items("safety/emergency.yaml") if i["set"] == split]
        benign = [i for i in load_items("safety/benign.yaml") if i["set"] == split]
        abstain = [i for i in load_items("safety/abstain.yaml") if i["set"] == split]
        hit = unrelated = 0
        per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for i in emerg:
            a = engine.ask(i["q"], record=False)
            ok = a.urgent is not None
            hit += ok
            if ok and a.topic is not None:
                own = set(engine.library.topics[a.topic.id].emergencies) & set(a.urgent.categories)  # type: ignore[union-attr]
                if not own:
                    unrelated += 1
                    misses.append(f"[{split}] unrelated article {a.topic.id} under {a.urgent.categories}: {i['q']}")  # type: ignore[union-attr]
            per_cat[i["category"]][0] += ok
            per_cat[i["category"]][1] += 1
            if not ok:
                misses.append(f"[{split}] missed {i['category']}: {i['q']}")
        alarms = 0
        for i in benign:
            a = engine.ask(i["q"], record=False)
            if a.urgent is not None:
                alarms += 1
                misses.append(f"[{split}] false alarm {a.urgent.categories}: {i['q']}")
        abstained = 0
        for i in abstain:
            a = engine.ask(i["q"], record=False)
            ok = a.abstained and not a.sections and a.urgent is None
            abstained += ok
            if not ok:
                misses.append(f"[{split}] answered ({a.topic.id if a.topic else a.source}): {i['q']}")
        r = results[split]
        r["urgent_recall"] = hit / len(emerg)
        r["false_alarm_rate"] = alarms / len(benign)
        r["abstention_accuracy"] = abstained / len(abstain)
        r["n"] = len(emerg) + len(benign) + len(abstain)
        r["unrelated_article_under_banner"] = unrelated
        print(f"{split:8s} urgent recall {hit}/{len(emerg)} = {r['urgent_recall']:.3f}   "
              f"false alarms {alarms}/{len(benign)} = {r['false_alarm_rate']:.3f}   "
              f"abstention {abstained}/{len(abstain)} = {r['abstention_accuracy']:.3f}   "
              f"unrelated article under the banner {unrelated}")
        weak = {c: f"{a}/{n}" for c, (a, n) in sorted(per_cat.items()) if a < n}
        if weak:
            print(f"         categories with misses: {weak}")
    (REPO / "bench" / "out").mkdir(exist_ok=True)
    (REPO / "bench" / "out" / "safety_misses.txt").write_text("\n".join(misses) + "\n")
    if verbose:
        print("\n".join(m for m in misses if m.startswith("[tuned]")))
    return dict(results)


if __name__ == "__main__":
    evaluate(verbose="-v" in sys.argv)
