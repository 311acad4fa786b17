"""Write bench/RESULTS.md from the benchmarks' JSON results: machine, figures, baselines, ratios, goals."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path
from typing import Any

Row = tuple[str, str, str, str, str, str, str]  # measure, figure, goal, met, baseline, ratio, peak RSS


def describe_machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    versions = []
    for pkg in ("tantivy", "sqlalchemy", "lxml", "rank-bm25", "torch"):
        try:
            from importlib.metadata import version

            versions.append(f"{pkg} {version(pkg)}")
        except Exception:
            versions.append(f"{pkg} not installed")
    return [f"- Machine: {cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()} "
            f"{platform.machine()}",
            f"- Python {platform.python_version()}; {', '.join(versions)}",
            f"- Run: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}"]


def _f(x: Any, fmt: str = ".1f", unit: str = "") -> str:
    return "–" if x is None else f"{x:{fmt}}{unit}"


def _met(ok: bool | None) -> str:
    return "–" if ok is None else ("yes" if ok else "**no**")


def rows(r: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    lat = r.get("latency", {})
    if w := lat.get("warm_library"):
        out.append(("Engine.ask warm, library questions (p50 / p95 / p99)",
                    f"{w['p50_ms']:.2f} / {w['p95_ms']:.2f} / {w['p99_ms']:.2f} ms", "p95 ≤ 20 ms",
                    _met(w["p95_ms"] <= 20), f"understanding alone p95 {w['understand_p95_ms']:.2f} ms",
                    f"{w['ratio_p95_to_understand']:.1f}x", _f(w.get("peak_rss_mb"), ".0f", " MB")))
    if c := lat.get("cold_cli"):
        out.append(("`guidewise ask` cold wall time (p50 of runs after the first)", f"{c['cold_p50_s']:.3f} s",
                    "≤ 1.0 s", _met(c["cold_p50_s"] <= 1.0), f"`python -c pass` {c['baseline_p50_s']:.3f} s",
                    f"{c['ratio']:.1f}x", _f(c.get("peak_rss_mb"), ".0f", " MB")))
    if (lit := r.get("literature_latency")) and "ask" in lit:
        a, b = lit["ask"], lit.get("baseline", {})
        out.append((f"Engine.ask warm, literature questions, {lit['corpus']['passages']:,} passages "
                    "(p50 / p95 / p99)", f"{a['p50_ms']:.1f} / {a['p95_ms']:.1f} / {a['p99_ms']:.1f} ms",
                    "p95 ≤ 100 ms", _met(a["p95_ms"] <= 100),
                    f"rank-bm25 top-10 p95 {_f(b.get('p95_ms'))} ms", _f(lit.get("ratio_p95"), ".3f", "x"),
                    f"{a.get('peak_rss_mb', 0):.0f} MB (rank-bm25 {_f(b.get('peak_rss_mb'), '.0f')} MB)"))
    if (ing := r.get("ingest_speed")) and "lexical" in ing:
        lx, bs = ing["lexical"], ing["baseline"]
        out.append(("MEDLINE ingest, lexical only (best of 2 runs)", f"{lx['records_per_s']:,.0f} records/s", "≥ 2,000 records/s",
                    _met(lx["records_per_s"] >= 2000), f"lxml iterparse alone {bs['records_per_s']:,.0f} records/s",
                    f"{lx['ratio_to_parse']:.2f}x", f"{lx['peak_rss_mb']:.0f} MB (parse {bs['peak_rss_mb']:.0f} MB)"))
        if (d := ing.get("dense")) and "records_per_s" in d:
            out.append(("MEDLINE ingest with embeddings (MiniLM, CPU)", f"{d['records_per_s']:,.1f} records/s", "–",
                        "–", "lexical only (above)", f"{d['records_per_s'] / lx['records_per_s']:.3f}x",
                        f"{d['peak_rss_mb']:.0f} MB"))
    if sf := r.get("scifact"):
        bm = sf.get("bm25", {}).get("ndcg@10")
        for name in ("bm25", "dense", "hybrid"):
            if name in sf:
                m = sf[name]
                goal = "≥ 0.70" if name == "hybrid" else "–"
                met = _met(m["ndcg@10"] >= 0.70) if name == "hybrid" else "–"
                out.append((f"SciFact nDCG@10 / recall@100, {name}", f"{m['ndcg@10']:.3f} / {m['recall@100']:.3f}",
                            goal, met, "published BEIR BM25 0.665" + (f"; our BM25 {bm:.3f}" if name != "bm25" else ""),
                            f"{m['ndcg@10'] / 0.665:.2f}x published", "–"))
    if (bq := r.get("bioasq")) and "questions" in bq:
        out.append((f"BioASQ summary questions ({bq['questions']}): snippet recall@10 (capped)",
                    f"{bq['snippet_recall@10']:.3f} ({bq['snippet_recall@10_capped']:.3f})", "–", "–", "–", "–", "–"))
        out.append(("BioASQ ROUGE-2 F1 of the bottom line vs ideal answers", f"{bq['rouge2_f1']:.3f}", "–", "–",
                    f"lead sentence of top BM25 snippet {bq['rouge2_f1_lead_baseline']:.3f}",
                    f"{bq['rouge2_ratio_to_lead']:.2f}x", "–"))
    for db, ld in (r.get("load") or {}).items():
        if not isinstance(ld, dict) or "requests" not in ld:
            continue
        out.append((f"Load, {db}, {ld['workers']} worker(s), {ld['clients']} clients x {ld['seconds']:.0f} s "
                    "(p50 / p95 / p99)", f"{ld['throughput_rps']:.0f} req/s; {ld['p50_ms']:.0f} / {ld['p95_ms']:.0f} / "
                    f"{ld['p99_ms']:.0f} ms; {ld['errors']} errors of {ld['requests']}", "0 errors",
                    _met(ld["errors"] == 0), f"GET /api/v1/topics {ld.get('baseline_rps', 0):.0f} req/s",
                    f"{ld['throughput_rps'] / ld['baseline_rps']:.2f}x" if ld.get("baseline_rps") else "–",
                    _f(ld.get("server_peak_rss_mb"), ".0f", " MB")))
    return out


def write_results(path: Path, results: dict[str, Any], steps: dict[str, dict[str, Any]], total_s: float) -> None:
    lines = ["# guidewise benchmark results", "",
             "Written by `make bench` (bench/run_all.py). Every figure is next to a baseline measured in the same",
             "run on the same machine, as a ratio. Peak memory is the resident set size of the process measured.", ""]
    lines += describe_machine()
    lines += [f"- Total benchmark time: {total_s:.0f} s", "", "## Figures", "",
              "| measure | figure | goal | met | baseline (same run) | ratio | peak RSS |",
              "|---|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    lines += ["", "## Notes", ""]
    lit = results.get("literature_latency", {}).get("corpus")
    if lit:
        lines.append(f"- Literature corpus: {lit['real_documents']:,} real documents ({', '.join(lit['real_sources'])}, "
                     f"{lit['real_passages']:,} passages) plus {lit['synthetic_documents']:,} **synthetic** MEDLINE "
                     f"records (bench/synth.py) = {lit['passages']:,} passages; index {lit['index_mb']:.0f} MB. "
                     "Questions: 150 real PubMedQA questions and 150 synthetic-vocabulary questions. rank-bm25 "
                     "is timed on a third of them (it is slow) with its own plain tokeniser.")
        by = results["literature_latency"].get("ask", {}).get("by_source", {})
        if by:
            lines.append("- Literature-question asks by the source that answered them: " + "; ".join(
                f"{k} {v['n']} (p95 {v['p95_ms']:.1f} ms)" for k, v in by.items())
                + ". Curated topics claim some PubMedQA research questions and every synthetic one (they name "
                  "conditions the library covers); those answers still search the literature for 'Recent evidence'.")
    if ing := results.get("ingest_speed"):
        lx = ing.get("lexical", {})
        lines.append(f"- Ingest input: {ing.get('input')}; {lx.get('passages', 0):,} passages, index "
                     f"{lx.get('index_mb', 0):.1f} MB, database {lx.get('db_mb', 0):.1f} MB.")
    if rt := results.get("routing"):
        lines.append("- Routing accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in rt.items()))
    if sa := results.get("safety"):
        for split, m in sa.items():
            lines.append(f"- Safety ({split}, n={m.get('n', 0):.0f}): urgent recall {m['urgent_recall']:.3f}, "
                         f"false-alarm rate {m['false_alarm_rate']:.3f}, abstention accuracy "
                         f"{m['abstention_accuracy']:.3f}, unrelated articles under a banner "
                         f"{m.get('unrelated_article_under_banner', 0):.0f}. These sets were written or tuned with "
                         "the rules in view: they are regression sets, not an independent measure of recall.")
    if tr := results.get("triage"):
        rq = tr.pop("real_questions", {})
        if rq and "skipped" not in rq:
            lines.append("- Urgent banners on real consumer questions (nearly all not emergencies): " + "; ".join(
                f"{k} {v['banners']}/{v['questions']} (learned model alone {v['by_model_only']})" for k, v in rq.items())
                + ".")
        for name, m in tr.items():
            lo, hi = m["recall_wilson95"]
            lines.append(f"- Urgent triage, independent author {name} ({m['emergencies']} emergencies, {m['benign']} "
                         f"look-alikes; sha256 {m['sha256'][:16]}): recall {m['recall']:.3f} (95% CI {lo:.3f}-{hi:.3f}; "
                         f"goal >= 0.95), false alarms {m['false_alarm_rate']:.3f} (goal <= 0.05), unrelated article "
                         f"under a banner {m['unrelated_article_under_banner']}, confident article without a banner "
                         f"{m['confident_article_without_banner']}, three-level accuracy "
                         f"{m.get('three_level_accuracy', 0):.3f}, right emergency named "
                         f"{m.get('right_emergency_named', '-')}, caught by the learned model alone "
                         f"{m.get('caught_by_model_only', '-')}, conditions with misses {len(m['missed_conditions'])}"
                         + (f" ({', '.join(f'{c} {v}' for c, v in m['missed_conditions'].items())})"
                            if name.endswith("frozen") else "") + ".")
    if cv := results.get("triage_cv"):
        p = cv["pooled"]
        lo, hi = p["recall_wilson95"]
        per = "; ".join(f"{k.removeprefix('author_')} {v['recall']:.3f}/{v['false_alarm_rate']:.3f}"
                        for k, v in cv.items() if k != "pooled")
        lines.append(f"- Urgent triage on unseen training authors (leave one author out: the model retrained "
                     f"without that author, the whole detector measured on them; recall/false alarms {per}): pooled "
                     f"recall {p['recall']:.3f} (95% CI {lo:.3f}-{hi:.3f}), false alarms {p['false_alarm_rate']:.3f}.")
    if rq := results.get("real_questions"):
        a = rq.get("all", {})
        lines.append(f"- Real users' questions (K-QA 201 + LiveQA 104, labels in bench/data/real_questions): "
                     f"on-target {a.get('on_target')}, off-target {a.get('off_target')} "
                     f"({a.get('off_target_rate', 0):.1%}; goal <= 2%), abstained {a.get('abstained')}, precision "
                     f"{a.get('precision', 0):.3f}, aspect accuracy {a.get('aspect_accuracy', 0):.3f}, aspect answered "
                     f"on {a.get('aspect_answered_of_covered', 0):.1%} of the {a.get('covered')} covered questions "
                     f"(goal >= 80%).")
        if h := rq.get("medquad_heldout"):
            lines.append(f"- Held-out MedQuAD question forms ({h.get('questions')}, labelled after this round's work, "
                         f"never tuned on): on-target {h.get('on_target')}, off-target {h.get('off_target')} "
                         f"({h.get('off_target_rate', 0):.1%}), abstained {h.get('abstained')}, precision "
                         f"{h.get('precision') or 0:.3f}, aspect accuracy {h.get('aspect_accuracy', 0):.3f}.")
    if lf := results.get("literature_first"):
        bio = lf.get("bioasq", {})
        lines.append(f"- Literature first (PubMedQA {lf.get('pubmedqa_questions')} questions over its ingested "
                     f"abstracts): gold PMID cited {lf.get('gold_pmid_cited', 0):.1%} (goal >= 95%), taken by a "
                     f"curated topic {lf.get('topic_takeover', 0):.1%} (goal <= 2%); BioASQ takeover with their "
                     f"snippets ingested: yes/no {bio.get('yesno', {}).get('topic_takeover', 0):.1%}, summary "
                     f"{bio.get('summary', {}).get('topic_takeover', 0):.1%}.")
    if pd := results.get("peds_dose"):
        for split in ("main", "holdout"):
            for audience in ("clinician", "patient"):
                m = pd.get(f"{split}/{audience}")
                if m:
                    lines.append(f"- Paediatric dosing ({split}, {audience}, n={m['n']}): correctly handled "
                                 f"{m['correctly_handled']:.3f}, overdoses and age-limit violations flagged "
                                 f"{m['overdose_and_age_limit_recall']:.3f}, false warnings on correct doses "
                                 f"{m['false_warning_rate']:.3f}")
    if bq := results.get("bioasq"):
        lines.append(f"- BioASQ: corpus = {bq.get('snippets', 0):,} unique gold snippets of the summary questions; "
                     f"no literature bottom line on {bq.get('abstained', 0):.1%} of questions, scored 0 (answers by source: "
                     f"{bq.get('sources', {})}; 'library' means a curated topic claimed a BioASQ question).")
    lines += ["", "## Steps", "", "| step | status | wall |", "|---|---|---|"]
    for name, st in steps.items():
        status = "ok" if st["ok"] else f"**failed or skipped** (exit {st['status']}): " + " / ".join(
            s.replace("|", "/")[:160] for s in st["tail"][-2:])
        lines.append(f"| {name} | {status} | {st['wall_s']:.0f} s |")
    path.write_text("\n".join(lines) + "\n")
