"""precisionmed.check: kind self-checks that never break a learner's notebook."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from precisionmed import check
from precisionmed.check import NOT_ANSWERED, PICK_FIRST, REPLACE_DOTS, Exercise, Question


def test_placeholder_is_not_answered(capsys: pytest.CaptureFixture[str]) -> None:
    check.exercise("start-2", ...)
    out = capsys.readouterr().out.strip()
    assert out == REPLACE_DOTS and out.startswith(NOT_ANSWERED)
    check.choice("start-mc1", ...)
    out = capsys.readouterr().out.strip()
    assert out == PICK_FIRST and out.startswith(NOT_ANSWERED)
    assert "pick an answer first" in out


def test_number_exercise_right_wrong_and_wrong_type() -> None:
    assert check.feedback("start-2", 32.8).status == "right"
    assert check.feedback("start-2", 32).status == "right"  # within tolerance
    wrong = check.feedback("start-2", 50)
    assert wrong.status == "wrong" and "Weight each group" in wrong.message
    typed = check.feedback("start-2", "32.8")  # typed text is read as the number it shows
    assert typed.correct
    words = check.feedback("start-2", "thirty-three")
    assert words.status == "wrong-type" and "Type digits" in words.message
    assert check.feedback("start-2", True).status == "wrong-type"
    assert check.feedback("start-2", float("nan")).status == "wrong"


def test_number_answer_computed_from_data() -> None:
    from precisionmed import data

    trial = data.load("start/trial")
    expected = trial[trial["site"] == "Site A"]["marker_positive"].mean() * 100
    assert check.feedback("start-1", float(expected)).correct
    assert not check.feedback("start-1", float(expected) + 5).correct


def test_text_exercise_is_forgiving_about_case_and_spacing() -> None:
    assert check.feedback("start-3", "Marker-Positive").correct
    assert check.feedback("start-3", "  patients with the   marker ").correct
    targeted = check.feedback("start-3", "everyone")
    assert targeted.status == "wrong" and "standard care" in targeted.message
    assert check.feedback("start-3", 3).status == "wrong-type"


def test_boolean_exercise() -> None:
    assert check.feedback("start-4", False).correct
    assert check.feedback("start-4", True).status == "wrong"
    assert check.feedback("start-4", "False").correct  # typed in an answer box
    assert check.feedback("start-4", "True").status == "wrong"
    assert check.feedback("start-4", "maybe").status == "wrong-type"
    assert check.feedback("start-4", 0).status == "wrong-type"


def test_multiple_choice_feedback_names_misconception() -> None:
    assert check.choice_feedback("start-mc1", "b").correct
    assert check.choice_feedback("start-mc1", " B ").correct
    wrong = check.choice_feedback("start-mc1", "a")
    assert wrong.status == "wrong" and "not separate biologies" in wrong.message
    assert check.choice_feedback("start-mc1", "z").status == "wrong-type"


def test_unknown_key_suggests_close_match() -> None:
    with pytest.raises(ValueError, match="'start-1'"):
        check.exercise("start1", 3)
    with pytest.raises(ValueError, match="no question"):
        check.choice("nope", "a")


def test_every_question_gives_feedback_for_every_wrong_option() -> None:
    questions = check.questions()
    assert questions
    for key, item in questions.items():
        for letter in item.options:
            fb = check.choice_feedback(key, letter)
            assert fb.correct == (letter == item.correct), key
            assert len(fb.message) > 20, (key, letter)


def test_every_exercise_accepts_its_own_answer() -> None:
    for key, item in check.exercises().items():
        assert check.feedback(key, item.expected()).correct, key
        assert check.feedback(key, ...).status == "unanswered", key


def test_badly_defined_items_are_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        Exercise(prompt="p", kind="essay", answer=1, hint="h", explanation="e")
    with pytest.raises(ValueError, match="need feedback"):
        Question(prompt="p", options={"a": "x", "b": "y"}, correct="a", feedback={},
                 explanation="e")
    with pytest.raises(ValueError, match="not among"):
        Question(prompt="p", options={"a": "x"}, correct="c", feedback={}, explanation="e")
    with pytest.raises(ValueError, match="unit"):
        Exercise(prompt="p", kind="number", answer=1, hint="h", explanation="e", unit="kg")


answers = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.lists(st.text(max_size=5), max_size=3),
                    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@settings(max_examples=200, deadline=None)
@given(answer=answers, key=st.sampled_from(sorted(check.exercises())))
def test_any_answer_gets_feedback_never_an_exception(answer: object, key: str) -> None:
    fb = check.feedback(key, answer)
    assert fb.status in {"right", "almost", "wrong", "wrong-type", "unanswered"}
    assert fb.message and fb.reason
    if fb.status == "unanswered":  # only nothing at all, or blanks and punctuation
        assert answer is None or isinstance(answer, str) and not any(c.isalnum() for c in answer)


@settings(max_examples=100, deadline=None)
@given(answer=answers, key=st.sampled_from(sorted(check.questions())))
def test_any_choice_gets_feedback(answer: object, key: str) -> None:
    assert check.choice_feedback(key, answer).message


# --------------------------------------------------------------------------- data files
def test_every_exercises_part_reads_from_its_data_file() -> None:
    """Prompts, answers, hints and feedback are data (exercises.json), not code."""
    import json

    from precisionmed import topics

    for name in topics.part_names("exercises"):
        path = topics.items_file(name)
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert raw["lesson"].startswith("Lesson ") and raw["exercises"], name
        exercises, questions = check.read_items(name, vars(__import__(name, fromlist=["_"])))
        assert list(exercises) + list(questions) == topics.item_keys(name)
        source = path.with_suffix(".py").read_text(encoding="utf-8")
        assert "Exercise(" not in source and "prompt=" not in source, name


def _write_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: dict) -> str:
    import json

    from precisionmed import topics

    topic = tmp_path / "demo"
    topic.mkdir()
    (topic / "exercises.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(topics, "_root", lambda: tmp_path)
    return "precisionmed.demo.exercises"


def test_read_items_builds_values_and_computed_answers(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    name = _write_part(tmp_path, monkeypatch, {"lesson": "Lesson 42 — Demo.", "exercises": {
        "demo-1": {"prompt": "p", "kind": "text", "answer": "yes", "accept": ["y"],
                   "hint": "h", "explanation": "e"},
        "demo-2": {"prompt": "p", "kind": "number", "answer": {"computed": "_six"},
                   "hint": "h", "explanation": "e"}},
        "questions": {"demo-mc1": {"prompt": "p", "options": {"a": "A", "b": "B"},
                                   "correct": "a", "feedback": {"b": "no"},
                                   "explanation": "e"}}})
    exercises, questions = check.read_items(name, {"_six": lambda: 6.0})
    assert exercises["demo-1"].accept == ("y",) and exercises["demo-2"].expected() == 6.0
    assert questions["demo-mc1"].correct == "a"


@pytest.mark.parametrize(("entry", "message"), [
    ({"prompt": "p", "kind": "number", "answer": {"computed": "_missing"}, "hint": "h",
      "explanation": "e"}, "computed by '_missing', which precisionmed.demo.exercises does not"),
    ({"prompt": "p", "kind": "number", "answer": 1, "hint": "h", "explanation": "e",
      "tolerence": 0.1}, r"unknown fields \['tolerence'\]"),
    ({"prompt": "p", "kind": "number", "answer": 1}, "exercise 'demo-1'"),
])
def test_read_items_names_the_file_and_key_of_a_bad_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: dict, message: str) -> None:
    name = _write_part(tmp_path, monkeypatch, {"lesson": "Lesson 42 — Demo.",
                                               "exercises": {"demo-1": entry}})
    with pytest.raises(ValueError, match=message):
        check.read_items(name, {})
