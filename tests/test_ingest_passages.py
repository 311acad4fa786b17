"""Sentence splitting and passage packing: boundaries kept, labels carried, sizes bounded."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guidewise.ingest.model import Document, Section
from guidewise.ingest.passages import MAX_WORDS, split_passages, split_sentences


def test_sentence_splitter_respects_abbreviations_numbers_and_initials() -> None:
    text = ("Smith et al. reported a 2.5-fold rise (e.g. in children) vs. placebo. J. K. Rowling was not involved. "
            "Significance was P < .05. Vitamin D. Levels rose! Did they fall? (Yes.) Fig. 2 shows this.")
    assert split_sentences(text) == [
        "Smith et al. reported a 2.5-fold rise (e.g. in children) vs. placebo.",
        "J. K. Rowling was not involved.",
        "Significance was P < .05.",
        "Vitamin D.",
        "Levels rose!",
        "Did they fall?",
        "(Yes.)",
        "Fig. 2 shows this.",
    ]


def test_paragraphs_and_list_items_are_separate_sentences() -> None:
    text = "Offer heat\nto the back\n\n- Avoid bed rest\n- Stay active"
    assert split_sentences(text) == ["Offer heat\nto the back", "- Avoid bed rest", "- Stay active"]


@given(st.lists(st.sampled_from(["Aspirin lowers risk.", "The trial (n = 3.5k) ended early!", "Was it safe?",
                                 "Dr. Who agreed.", "Levels were 0.5 mg/L in the U.S. cohort."]), min_size=1,
                max_size=30))
def test_sentences_are_exact_substrings_in_order(sentences: list[str]) -> None:
    text = " ".join(sentences)
    out = split_sentences(text)
    pos = 0
    for s in out:
        found = text.find(s, pos)
        assert found >= 0
        pos = found + len(s)
    assert "".join(out).replace(" ", "") == text.replace(" ", "")


def test_passages_carry_labels_and_stay_within_bounds() -> None:
    long_results = " ".join(f"Outcome {i} improved by {i}.5 points in the treated group." for i in range(60))
    doc = Document("medline-xml", "A trial", [Section("BACKGROUND", "Back pain is common. It costs a lot."),
                                              Section("RESULTS", long_results),
                                              Section("CONCLUSIONS", "Heat helps.")], pmid="1")
    passages = split_passages(doc)
    assert passages[0].label == "BACKGROUND" and passages[-1].label == "CONCLUSIONS"
    results = [p for p in passages if p.label == "RESULTS"]
    assert len(results) >= 3
    assert all(60 <= len(p.text.split()) <= MAX_WORDS for p in results)
    assert all(p.text.endswith(".") for p in results)  # never cut inside a sentence
    assert " ".join(p.text for p in results) == long_results
    assert [p.ordinal for p in passages] == list(range(len(passages)))
    assert all(p.doc_key == "pmid:1" for p in passages)


def test_a_title_only_record_is_still_retrievable() -> None:
    passages = split_passages(Document("medline-xml", "Cyclobenzaprine for back pain.", [], pmid="2"))
    assert len(passages) == 1 and passages[0].label == "TITLE" and passages[0].text == "Cyclobenzaprine for back pain."


def test_overlong_run_on_text_is_cut_at_word_boundaries() -> None:
    words = " ".join(f"w{i}" for i in range(450))
    passages = split_passages(Document("text", "t", [Section(None, words)]))
    assert all(len(p.text.split()) <= MAX_WORDS + 30 for p in passages)
    assert " ".join(p.text for p in passages) == words
