"""Answer boxes: every exercise as a labelled text box a person can type into.

A learner who does not code types ``14%``, ``4,000``, ``false`` or a word without quotes and
presses *Check my answer* (or Enter); the same checker as ``check.exercise`` reads it
(:func:`precisionmed.check.feedback`) and the reply appears below as wrapped prose. People who
code keep writing ``my_answer = ...`` and ``check.exercise(key, my_answer)``.

In a lesson, right under the exercise cell::

    answer_box("start-1")
"""

from __future__ import annotations

import html

import ipywidgets as w

from precisionmed import check
from precisionmed.widgets import LABEL_STYLE, course_css

#: Extra styles for answer boxes: feedback that wraps between words (never inside one unless
#: a single word is wider than the box), a readable measure, and a border whose colour is
#: never the only signal (the message itself starts with "Correct!", "Almost" or "Not quite").
ANSWER_CSS = """<style>
.pm-answer .pm-feedback { max-width: 46em; line-height: 1.45; white-space: normal;
  overflow-wrap: break-word; word-break: normal; hyphens: manual; }
.pm-answer .pm-feedback p { margin: 0.3em 0; }
.pm-answer .pm-feedback div[role="status"] { border-left: 4px solid #999; padding: 0.2em 0.7em; }
.pm-answer .pm-feedback div[role="status"].pm-right { border-left-color: #009E73; }
.pm-answer .pm-feedback div[role="status"].pm-almost { border-left-color: #E69F00; }
.pm-answer .pm-feedback div[role="status"].pm-wrong,
.pm-answer .pm-feedback div[role="status"].pm-wrong-type { border-left-color: #D55E00; }
.pm-answer .widget-text { width: 100%; max-width: 34em; }
.pm-answer .widget-text input { min-width: 8em; }
</style>"""

_STATUSES = ("right", "almost", "wrong", "wrong-type", "unanswered")

_FORMS = {
    "text": "words",
    "number": "a number",
    "boolean": "True or False (yes or no also work)",
    "choice-set": "names separated by commas",
}


def feedback_html(result: check.Feedback) -> str:
    """The HTML an answer box shows for ``result``: one wrapped paragraph, text escaped.

    The paragraph sits in a ``<div role="status">`` so a screen reader reads the new feedback
    out when it changes.
    """
    if not isinstance(result, check.Feedback):
        raise TypeError(f"feedback_html needs a check.Feedback, got {type(result).__name__}.")
    css = f"pm-{result.status}" if result.status in _STATUSES else "pm-wrong"
    return (f'<div class="{css}" role="status" aria-live="polite">'
            f"<p>{html.escape(result.message)}</p></div>")


def answer_box(key: str) -> w.VBox:
    """A labelled text box, a *Check my answer* button and a feedback area for exercise ``key``.

    Pressing Enter in the box also checks. The returned box has ``.text`` (the ``Text``),
    ``.button``, ``.feedback`` (HTML), ``.key`` and ``.last`` (the latest
    :class:`~precisionmed.check.Feedback`, None before the first check), so tests can type,
    click and read the reply without a browser. It carries the course CSS and the class
    ``pm-quiz``.
    """
    item = check.exercise_item(key)  # an unknown key raises a ValueError with close keys
    form = _FORMS[item.kind]
    example = item.example or ""
    placeholder = f"for example: {example}" if example else f"type {form}"
    text = w.Text(value="", placeholder=placeholder, description="Your answer:",
                  tooltip=f"Type your answer ({form}), then press Enter or Check my answer",
                  continuous_update=False, style=LABEL_STYLE,
                  layout=w.Layout(width="auto", max_width="100%"))
    button = w.Button(description="Check my answer", button_style="info", icon="check",
                      tooltip="Check the answer typed in the box",
                      layout=w.Layout(width="auto", min_width="fit-content"))
    result = w.HTML(value="")
    result.add_class("pm-feedback")
    how = w.HTML(f"<span>Type {html.escape(form)} in the box, then press Enter or "
                 "<i>Check my answer</i>.</span>")
    box = w.VBox([course_css(), w.HTML(ANSWER_CSS, layout=w.Layout(display="none")), how,
                  w.HBox([text, button], layout=w.Layout(flex_flow="row wrap",
                                                         max_width="100%")),
                  result], layout=w.Layout(max_width="100%"))
    box.add_class("pm-quiz")
    box.add_class("pm-answer")

    def run_check(_: object = None) -> None:
        box.last = check.feedback(key, text.value)  # type: ignore[attr-defined]
        result.value = feedback_html(box.last)  # type: ignore[attr-defined]

    button.on_click(run_check)
    text.observe(run_check, names="value")  # Enter (or leaving the box) sends the value
    box.text, box.button, box.feedback = text, button, result  # type: ignore[attr-defined]
    box.key, box.last = key, None  # type: ignore[attr-defined]
    return box


__all__ = ["ANSWER_CSS", "answer_box", "feedback_html"]
