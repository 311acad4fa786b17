"""Train the urgent-triage second opinion (src/guidewise/understand/data/triage_model.npz).

Positives and look-alikes: bench/data/triage_train/author_*.yaml, written by helpers who never saw the rules,
the classifier or the test vignettes. Negatives also include real consumer questions read from the shared data
(K-QA, LiveQA, MedQuAD question forms; never copied into the repository). The decision threshold is set on the
validation authors (bench/data/triage/author_a.yaml and author_b.yaml); the frozen author_c set is never read.

    GUIDEWISE_SHARED_DATA=../shared/data .venv/bin/python scripts/train_triage.py

Needs scikit-learn and scipy (dev extras); the runtime needs numpy only.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import sys
from array import array
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import yaml
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from guidewise.library.emergencies.loader import load_catalogue
from guidewise.understand.triage_model import BUCKETS, MODEL_FILE, NAMED_SHARE, TriageModel, features

REPO = Path(__file__).resolve().parent.parent
TRAIN = REPO / "bench" / "data" / "triage_train"
VALIDATION = [REPO / "bench" / "data" / "triage" / f"author_{a}.yaml" for a in ("a", "b")]
TARGET_FALSE_ALARMS = float(os.environ.get("TRIAGE_TARGET_FALSE_ALARMS", "0.05"))  # on validation look-alikes
KEEP_PER_CLASS = 600
SEED = 7


def shared() -> Path:
    return Path(os.environ.get("GUIDEWISE_SHARED_DATA", REPO.parent / "shared" / "data"))


def real_questions(data: Path, medquad_sample: int = 6000) -> list[str]:
    """Real consumer and patient questions: almost all of them are not emergencies."""
    out = [json.loads(line)["Question"] for line in (data / "k-qa" / "questions_w_answers.jsonl").open()]
    for xml in sorted((data / "liveqa-med").rglob("*.xml")):
        for q in ElementTree.parse(xml).getroot().iter("NLM-QUESTION"):
            text = " ".join(t.strip() for t in (q.findtext(".//SUBJECT") or "", q.findtext(".//MESSAGE") or "") if t)
            if text:
                out.append(text[:600])
    forms = [el.text.strip() for xml in sorted((data / "medquad").rglob("*.xml"))
             for el in ElementTree.parse(xml).getroot().iter("Question") if el.text]
    random.Random(SEED).shuffle(forms)
    return list(dict.fromkeys(out + forms[:medquad_sample]))


def matrix(texts: list[str]) -> csr_matrix:
    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        f = features(t)
        rows += [i] * len(f)
        cols += f
        vals += [1.0 / max(1.0, np.sqrt(len(f)))] * len(f)
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), BUCKETS), dtype=np.float32)


def items(paths: list[Path]) -> list[dict[str, str]]:
    return [i for p in paths for i in yaml.safe_load(p.read_text())["items"]]


def train(train: list[dict[str, str]], real: list[str], valid: list[dict[str, str]],
          log: bool = True) -> TriageModel:
    """Fit both models and set the thresholds on `valid`."""
    texts = [i["q"] for i in train] + real
    y = np.array([i["label"] == "emergency" for i in train] + [False] * len(real))
    x = matrix(texts)
    binary = LogisticRegression(C=8.0, class_weight="balanced", max_iter=3000, solver="liblinear")
    binary.fit(x, y)
    pv = binary.predict_proba(matrix([i["q"] for i in valid]))[:, 1]
    benign = np.sort(pv[[i["label"] == "benign" for i in valid]])
    k = int(np.floor(TARGET_FALSE_ALARMS * len(benign)))
    threshold = float(benign[len(benign) - k - 1]) + 1e-6 if k < len(benign) else 0.5
    emerg = pv[[i["label"] == "emergency" for i in valid]]
    if log:
        print(f"train {len(train)} vignettes + {len(real)} real questions; validation {len(valid)}")
        print(f"threshold {threshold:.3f}: validation recall {np.mean(emerg >= threshold):.3f}, "
              f"false alarms {np.mean(benign >= threshold):.3f}")
    coef = binary.coef_[0]
    used = np.unique(x.indices)
    ids = used[np.abs(coef[used]) > 1e-4].astype(np.int32)

    # Which emergency: a multinomial model over the vignettes' condition names (the runtime maps each name to
    # the catalogue entry that has it as key or in `covers`).
    emergencies = [(i["q"], i["condition"]) for i in train if i["label"] == "emergency"]
    names = sorted({k for _, k in emergencies})
    multi = LogisticRegression(C=8.0, max_iter=3000)
    xm = matrix([q for q, _ in emergencies])
    seen = np.unique(xm.indices)  # fit on the columns in use only: a dense coef_ over all buckets is too big
    multi.fit(xm[:, seen], [names.index(k) for _, k in emergencies])
    cls, feats, weights = [], [], []
    for c in range(len(names)):
        w = multi.coef_[c]
        top = np.argsort(-w)[:KEEP_PER_CLASS]
        top = top[w[top] > 0]
        cls += [c] * len(top)
        feats += list(seen[top])
        weights += list(w[top])
    order = np.argsort(feats, kind="stable")
    model = TriageModel(
        ids=array("i", ids.tolist()), weights=array("f", coef[ids].tolist()), bias=float(binary.intercept_[0]),
        threshold=threshold, generic_threshold=threshold, class_names=tuple(names),
        class_ids=array("h", np.array(cls)[order].tolist()), class_feats=array("i", np.array(feats)[order].tolist()),
        class_weights=array("f", np.array(weights)[order].tolist()),
        class_bias=tuple(float(b) for b in multi.intercept_))
    # Unnamed alarms: a validation look-alike that the model flags without naming an emergency sets the bar.
    unnamed = [model.probability(i["q"]) for i in valid if i["label"] == "benign"
               and model.probability(i["q"]) >= threshold and model.likeliest(i["q"])[1] < NAMED_SHARE]
    generic_threshold = max([threshold, *[p + 1e-4 for p in unnamed]])
    model = dataclasses.replace(model, generic_threshold=generic_threshold)
    if log:
        caught = [i for i in valid if i["label"] == "emergency" and model.probability(i["q"]) >= threshold]
        kept = [i for i in caught
                if model.likeliest(i["q"])[1] >= NAMED_SHARE or model.probability(i["q"]) >= generic_threshold]
        print(f"generic threshold {generic_threshold:.4f}: validation recall {len(kept) / max(1, len(emerg)):.3f}")
    return model


def main() -> int:
    catalogue = load_catalogue()
    training = items(sorted(TRAIN.glob("author_*.yaml")))
    unknown = sorted({i["condition"] for i in training
                      if i["label"] == "emergency" and catalogue.by_name(i["condition"]) is None})
    if unknown:
        print("conditions the catalogue does not name (banner falls back to the generic one):", ", ".join(unknown))
    model = train(training, real_questions(shared()), items(VALIDATION))
    MODEL_FILE.write_bytes(model.to_bytes())
    print(f"wrote {MODEL_FILE.relative_to(REPO)}: {MODEL_FILE.stat().st_size // 1024} KB, {len(model.ids)} weights, "
          f"{len(model.class_names)} emergencies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
