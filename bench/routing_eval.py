"""Routing accuracy on the tuned test set (tests/data/routing) and the untuned set (bench/data/routing_untuned/*.yaml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.common import REPO, fresh_engine


def evaluate() -> dict[str, float]:
    engine = fresh_engine()
    tuned = [(yaml.safe_load(p.read_text())["topic"], q["q"])
             for p in sorted((REPO / "tests" / "data" / "routing").glob("*.yaml"))
             for q in yaml.safe_load(p.read_text())["questions"]]
    untuned = [(i["topic"], i["q"]) for p in sorted((REPO / "bench" / "data" / "routing_untuned").glob("*.yaml"))
               for i in yaml.safe_load(p.read_text())["items"]]
    out: dict[str, float] = {}
    for name, items in (("tuned", tuned), ("untuned", untuned)):
        right, misses = 0, []
        for topic, q in items:
            a = engine.ask(q, record=False)
            got = a.topic.id if a.topic else "ABSTAIN"
            if got == topic:
                right += 1
            else:
                misses.append(f"  {topic} <- {got}: {q}")
        out[name] = right / len(items)
        print(f"routing {name}: {right}/{len(items)} = {out[name]:.3f}")
        if name == "untuned" and misses:
            Path(REPO / "bench" / "out").mkdir(exist_ok=True)
            (REPO / "bench" / "out" / "routing_untuned_misses.txt").write_text("\n".join(misses) + "\n")
    return out


if __name__ == "__main__":
    evaluate()
