"""Kind self-checks for exercises and multiple-choice questions.

The answers live in this package (``precisionmed.exercises``), not in the learner's notebook.
Each lesson has a module there that defines ``EXERCISES`` (a dict of :class:`Exercise`) and
``QUESTIONS`` (a dict of :class:`Question`); they are discovered, so a new lesson needs no edit
here.

>>> from precisionmed import check
>>> check.exercise("start-1", ...)      # doctest: +SKIP
Not answered yet: replace ... with your answer, then run the cell again.
"""

from __future__ import annotations

import difflib
import importlib
import math
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

NOT_ANSWERED = "Not answered yet: replace ... with your answer, then run the cell again."

ANSWER_KINDS = ("text", "number", "boolean", "choice-set")


@dataclass(frozen=True)
class Exercise:
    """One self-checked exercise.

    ``kind`` is ``"text"`` (case and spacing ignored; ``accept`` lists other right spellings),
    ``"number"`` (right within ``tolerance``, absolute; ``answer`` may be a function that
    computes it from the course data), ``"boolean"`` or ``"choice-set"``
    (a collection of strings, order ignored). ``hint`` is shown for a wrong answer;
    ``wrong`` maps specific wrong answers to targeted feedback; ``explanation`` is shown when
    the answer is right.
    """

    prompt: str
    kind: str
    answer: Any
    hint: str
    explanation: str
    tolerance: float = 0.0
    accept: tuple[str, ...] = ()
    wrong: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in ANSWER_KINDS:
            raise ValueError(f"Exercise kind must be one of {ANSWER_KINDS}, got {self.kind!r}.")

    def expected(self) -> Any:
        """The right answer; a callable ``answer`` is computed from the course data."""
        return self.answer() if callable(self.answer) else self.answer


@dataclass(frozen=True)
class Question:
    """A multiple-choice question: ``options`` maps a letter to its text.

    ``feedback`` maps every wrong letter to a sentence naming the misconception behind it.
    """

    prompt: str
    options: dict[str, str]
    correct: str
    feedback: dict[str, str]
    explanation: str

    def __post_init__(self) -> None:
        if self.correct not in self.options:
            raise ValueError(f"Correct option {self.correct!r} is not among {list(self.options)}.")
        missing = [k for k in self.options if k != self.correct and k not in self.feedback]
        if missing:
            raise ValueError(f"Wrong options {missing} need feedback naming the misconception.")


@dataclass(frozen=True)
class Feedback:
    """The result of checking an answer.

    ``status`` is one of ``"unanswered"``, ``"wrong-type"``, ``"wrong"``, ``"right"``.
    """

    status: str
    message: str

    @property
    def correct(self) -> bool:
        """True when the answer is right."""
        return self.status == "right"


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, Exercise], dict[str, Question]]:
    from precisionmed import exercises as package

    found_ex: dict[str, Exercise] = {}
    found_q: dict[str, Question] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, item in getattr(module, "EXERCISES", {}).items():
            if key in found_ex or key in found_q:
                raise ValueError(f"Exercise key {key!r} is defined twice.")
            found_ex[key] = item
        for key, item in getattr(module, "QUESTIONS", {}).items():
            if key in found_ex or key in found_q:
                raise ValueError(f"Question key {key!r} is defined twice.")
            found_q[key] = item
    return found_ex, found_q


def exercises() -> dict[str, Exercise]:
    """Return every registered exercise by key."""
    return dict(_registry()[0])


def questions() -> dict[str, Question]:
    """Return every registered multiple-choice question by key."""
    return dict(_registry()[1])


def _lookup(key: str, table: dict[str, Any], what: str) -> Any:
    if not isinstance(key, str) or key not in table:
        close = difflib.get_close_matches(str(key), list(table), n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"There is no {what} called {key!r}.{hint}")
    return table[key]


def _normalise(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").lower().split())


def _type_name(kind: str) -> str:
    return {
        "text": 'text in quotes, e.g. "Poor Metabolizer"',
        "number": "a number, e.g. 42 or 0.5",
        "boolean": "True or False (no quotes)",
        "choice-set": 'a list of text items, e.g. ["a", "b"]',
    }[kind]


def feedback(key: str, answer: Any) -> Feedback:
    """Check ``answer`` for exercise ``key`` and return :class:`Feedback` (prints nothing)."""
    item: Exercise = _lookup(key, exercises(), "exercise")
    if answer is Ellipsis:
        return Feedback("unanswered", NOT_ANSWERED)
    kind = item.kind
    right = Feedback("right", f"Correct! {item.explanation}")
    if kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            return Feedback("wrong-type", f"This exercise wants {_type_name(kind)}; you gave "
                                          f"{type(answer).__name__} {answer!r}. {item.hint}")
        if math.isnan(float(answer)):
            return Feedback("wrong", f"NaN is not a number we can check. {item.hint}")
        if abs(float(answer) - float(item.expected())) <= item.tolerance:
            return right
        return Feedback("wrong", f"Not quite. {item.hint}")
    if kind == "boolean":
        if not isinstance(answer, bool):
            return Feedback("wrong-type", f"This exercise wants {_type_name(kind)}; you gave "
                                          f"{answer!r}. {item.hint}")
        return right if answer == item.expected() else Feedback("wrong", f"Not quite. {item.hint}")
    if kind == "text":
        if not isinstance(answer, str):
            return Feedback("wrong-type", f"This exercise wants {_type_name(kind)}; you gave "
                                          f"{type(answer).__name__} {answer!r}. {item.hint}")
        given = _normalise(answer)
        if given in {_normalise(a) for a in (item.expected(), *item.accept)}:
            return right
        for wrong, message in item.wrong.items():
            if given == _normalise(wrong):
                return Feedback("wrong", f"Not quite. {message}")
        return Feedback("wrong", f"Not quite. {item.hint}")
    # choice-set
    if isinstance(answer, str) or not isinstance(answer, (list, tuple, set, frozenset)):
        return Feedback("wrong-type", f"This exercise wants {_type_name(kind)}; you gave "
                                      f"{answer!r}. {item.hint}")
    if not all(isinstance(a, str) for a in answer):
        return Feedback("wrong-type", f"Every item should be text in quotes. {item.hint}")
    if {_normalise(a) for a in answer} == {_normalise(a) for a in item.expected()}:
        return right
    return Feedback("wrong", f"Not quite. {item.hint}")


def exercise(key: str, answer: Any) -> None:
    """Print kind feedback on ``answer`` for exercise ``key``.

    ``...`` (the placeholder) gets "Not answered yet"; a wrong type or a wrong answer gets a
    hint; a right answer gets a confirmation and a short explanation.
    """
    print(feedback(key, answer).message)


def choice_feedback(key: str, answer: Any) -> Feedback:
    """Check a multiple-choice ``answer`` (a letter such as ``"b"``); prints nothing."""
    item: Question = _lookup(key, questions(), "question")
    if answer is Ellipsis:
        return Feedback("unanswered", NOT_ANSWERED)
    letters = ", ".join(f'"{k}"' for k in item.options)
    if not isinstance(answer, str) or answer.strip().lower() not in item.options:
        return Feedback("wrong-type", f"Answer with one letter in quotes: {letters}. "
                                      f"You gave {answer!r}.")
    letter = answer.strip().lower()
    if letter == item.correct:
        return Feedback("right", f"Correct! {item.explanation}")
    return Feedback("wrong", f"Not quite. {item.feedback[letter]}")


def choice(key: str, answer: Any) -> None:
    """Print feedback on a multiple-choice ``answer``; each wrong option names its misconception."""
    print(choice_feedback(key, answer).message)


def show_question(key: str) -> None:
    """Print a multiple-choice question and its lettered options."""
    item: Question = _lookup(key, questions(), "question")
    lines = [item.prompt, *(f"  {k}) {v}" for k, v in item.options.items())]
    print("\n".join(lines))
