"""Profile warm Engine.ask with pyinstrument: library questions, and literature questions at 100k passages.

`python -m bench.profile [library|literature]` prints the call tree (and saves HTML under bench/out/).
"""

from __future__ import annotations

import sys

from bench.common import fresh_engine, out_dir
from bench.latency import library_questions
from bench.literature_latency import build_corpus, corpus_home, literature_questions
from guidewise.engine import Engine
from guidewise.settings import Settings


def profile(kind: str, repeats: int = 3) -> None:
    from pyinstrument import Profiler

    if kind == "literature":
        build_corpus()
        engine = Engine(Settings(home=corpus_home()))
        questions = literature_questions()
    else:
        engine = fresh_engine()
        questions = library_questions()
    for q in questions[:20]:
        engine.ask(q, record=False)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(repeats):
        for q in questions:
            engine.ask(q, record=False)
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False, show_all=False))
    (out_dir() / f"profile-{kind}.html").write_text(profiler.output_html())


if __name__ == "__main__":
    profile(sys.argv[1] if len(sys.argv) > 1 else "library")
