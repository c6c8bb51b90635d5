"""The answer box: a labelled text box, a Check button, Enter checks, wrapped feedback."""

from __future__ import annotations

import ipywidgets as w
import pytest

from precisionmed import check
from precisionmed.widgets import COURSE_CSS
from precisionmed.widgets.answers import ANSWER_CSS, answer_box, feedback_html


def test_box_is_labelled_with_hover_texts_and_course_css() -> None:
    box = answer_box("start-1")
    assert isinstance(box.text, w.Text)
    assert box.text.description == "Your answer:"
    assert box.text.tooltip and "null" not in box.text.tooltip
    assert box.button.description == "Check my answer" and box.button.tooltip
    assert box.text.placeholder == "for example: 25"
    assert "pm-quiz" in box._dom_classes and "pm-answer" in box._dom_classes
    styles = [c.value for c in box.children if isinstance(c, w.HTML)
              and c.layout.display == "none"]
    assert COURSE_CSS in styles and ANSWER_CSS in styles
    assert box.feedback.value == "" and box.last is None


def test_button_uses_the_same_checker_as_code() -> None:
    box = answer_box("trials-4")
    box.text.value = "about 4,000"
    box.button.click()
    assert box.last == check.feedback("trials-4", "about 4,000")
    assert box.last.correct and "Correct!" in box.feedback.value


def test_enter_checks_without_the_button() -> None:
    # continuous_update=False: the browser sends the value when Enter is pressed
    box = answer_box("pgx-1")
    assert box.text.continuous_update is False
    box.text.value = "Intermedate Metabolizer."
    assert box.last is not None and box.last.status == "almost"
    assert "did you mean “Intermediate Metabolizer”?" in box.feedback.value
    assert 'class="pm-almost"' in box.feedback.value


def test_empty_box_asks_for_an_answer_never_a_traceback() -> None:
    box = answer_box("start-3")
    box.button.click()
    assert box.last.status == "unanswered"
    assert "type your answer in the box" in box.feedback.value
    for typed in ("14%", "false", "<script>alert(1)</script>", "Ω" * 300, "4,000", "))(("):
        box.text.value = typed
        box.button.click()
        assert box.last.message and "<script>" not in box.feedback.value


def test_feedback_is_escaped_wrapping_prose() -> None:
    html = feedback_html(check.Feedback("wrong", "Not quite. 5 < 6 & so on", "wrong"))
    assert "5 &lt; 6 &amp; so on" in html
    assert html.startswith('<div class="pm-wrong" role="status"') and "<p>" in html
    assert "overflow-wrap: break-word" in ANSWER_CSS and "word-break: normal" in ANSWER_CSS
    with pytest.raises(TypeError):
        feedback_html("Correct!")  # type: ignore[arg-type]


def test_every_exercise_gets_a_box_that_accepts_its_answer() -> None:
    for key, item in check.exercises().items():
        box = answer_box(key)
        expected = item.expected()
        typed = ", ".join(expected) if item.kind == "choice-set" else str(expected)
        box.text.value = typed
        assert box.last.correct, (key, typed, box.last)
        assert item.example == "" or item.example in box.text.placeholder


def test_unknown_key_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="start-1"):
        answer_box("start1")
