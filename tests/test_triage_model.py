"""The learned triage second opinion: features, the trained model file, and how detection uses it."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from guidewise.settings import TriageSettings
from guidewise.understand.context import PatientContext
from guidewise.understand.triage_model import BUCKETS, TriageModel, features, load_model
from guidewise.understand.urgent import GENERIC, detect_urgent


def test_features_are_stable_hashed_ids_of_words_pairs_and_word_pieces() -> None:
    f = features("Chest pain")
    assert f == sorted(set(f)) and all(0 <= i < BUCKETS for i in f)
    assert f == features("chest  PAIN")  # folded and tokenised the same way
    assert set(features("chest")) < set(f)  # the pair adds ids of its own
    assert len(set(features("vomitting")) & set(features("vomiting"))) >= 3  # a typo shares word pieces


def test_the_bundled_model_loads_with_a_threshold_set_on_validation() -> None:
    model = load_model()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert len(model.ids) == len(model.weights) and all(a < b for a, b in pairwise(model.ids))
    assert len(model.class_names) > 50 and len(model.class_bias) == len(model.class_names)


def test_the_model_file_round_trips(tmp_path: Path) -> None:
    model = load_model()
    assert model is not None
    again = TriageModel.from_bytes(model.to_bytes())
    text = "sudden crushing chest pain and sweating"
    assert again.probability(text) == model.probability(text) and again.likeliest(text) == model.likeliest(text)
    (tmp_path / "m.bin").write_bytes(model.to_bytes())
    assert load_model(tmp_path / "m.bin") is not None and load_model(tmp_path / "absent.bin") is None


def test_probability_separates_a_collapse_from_a_diet_question() -> None:
    model = load_model()
    assert model is not None
    alarming = model.probability("my neighbour collapsed in the garden, his lips are blue and he is not breathing properly")
    everyday = model.probability("is it ok to eat eggs every day if my cholesterol is a bit high")
    assert 0.0 <= everyday < model.threshold <= alarming <= 1.0


VAGUE = "i feel really wrong, something is badly off, grey and sweaty and my heart is going mad"


def test_the_model_fires_only_at_its_threshold_and_only_when_switched_on() -> None:
    ctx = PatientContext()
    assert detect_urgent(VAGUE, ctx, TriageSettings(learned=False)) is None  # no rule names this picture
    assert detect_urgent(VAGUE, ctx, TriageSettings(threshold=1.0)) is None
    urgent = detect_urgent(VAGUE, ctx, TriageSettings(threshold=0.0))
    assert urgent is not None and urgent.source == "model" and urgent.reasons


def test_generic_banner_when_no_emergency_is_named_with_confidence() -> None:
    urgent = detect_urgent("something is badly wrong with my dad, he is not himself at all and getting worse "
                           "fast", PatientContext(), TriageSettings(min_share=1.0, threshold=0.0))
    assert urgent is not None and urgent.categories == [GENERIC] and urgent.suspected is None
