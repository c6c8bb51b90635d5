"""Kind self-checks for exercises and multiple-choice questions.

The answers live in the package, not in the learner's notebook: each topic's
``exercises.json`` (found by :mod:`precisionmed.topics`) holds its exercises and
multiple-choice questions as data, read by :func:`read_items` into :class:`Exercise` and
:class:`Question` values. An answer worked out from the course data is written
``{"computed": "<name>"}`` there and is the function of that name in ``exercises.py`` beside
it (which sets ``EXERCISES, QUESTIONS = read_items(__name__, globals())``). They are
discovered, so a new lesson needs no edit here.

Two ways in, one checker behind both:

- people who code write ``my_answer = 0.25`` and ``check.exercise("pgx-2", my_answer)``;
- everyone else types into an answer box (:func:`precisionmed.widgets.answers.answer_box`),
  which hands the typed text to :func:`feedback`.

Typed text is read the way people mean it: ``14%``, ``about 4,000``, ``4 000``, ``0,27``
(a decimal comma), ``85/313``, ``41.9 mg/week``, ``false``, ``yes``, an answer in quotes or
with a trailing full stop, British or American spelling, and small typos (answered with
"Did you mean …?"). Every reply has a ``reason`` naming the hint it gave, so each known
misconception has its own, tested hint.

>>> from precisionmed import check
>>> check.exercise("start-1", ...)      # doctest: +SKIP
Not answered yet: replace ... with your answer, then run the cell again.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import math
import numbers
import operator
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from precisionmed import topics

#: The words every "nothing to check yet" reply starts with.
NOT_ANSWERED = "Not answered yet"
#: What an exercise cell still holding the placeholder ``...`` says.
REPLACE_DOTS = f"{NOT_ANSWERED}: replace ... with your answer, then run the cell again."
#: What an empty answer box says when Check is pressed.
EMPTY_BOX = f"{NOT_ANSWERED}: type your answer in the box, then press Check my answer."
#: What a multiple-choice question says when Check is pressed with nothing chosen.
PICK_FIRST = (f"{NOT_ANSWERED}: pick an answer first, then check it. (In a code cell, put "
              'one letter in quotes in place of the three dots, such as "a".)')

ANSWER_KINDS = ("text", "number", "boolean", "choice-set")

#: Units a number exercise may ask for: the words that mean them and how to describe them.
UNITS: dict[str, tuple[str, tuple[str, ...]]] = {
    "%": ("a percentage", ("%", "percent", "per cent", "pct")),
    "share": ("a share between 0 and 1", ()),
    "mg/week": ("milligrams per week", ("mg/week", "mg per week", "mg a week", "mg/wk",
                                        "mg each week", "mg weekly", "mg/w", "mg",
                                        "milligrams", "milligrams per week", "mg / week")),
    "months": ("a number of months", ("months", "month", "mo", "mos", "mths", "mth")),
    "patients": ("a number of patients", ("patients", "patient", "people", "persons",
                                          "tests", "tumours", "tumors")),
    "clusters": ("a whole number of clusters", ("clusters", "cluster", "groups")),
    "": ("a plain number", ()),
}

#: Other units people type, with the hint each one gets.
OTHER_UNITS: dict[tuple[str, ...], str] = {
    ("mg/day", "mg per day", "mg a day", "mg daily", "mg/d", "mg each day", "mg / day"):
        "That is a daily amount; this exercise asks for the dose per week (7 days).",
    ("weeks", "week", "wk", "wks"): "That is in weeks; this exercise asks for months "
                                    "(about 4.3 weeks make a month).",
    ("years", "year", "yr", "yrs"): "That is in years; this exercise asks for months "
                                    "(12 months make a year).",
    ("days", "day"): "That is in days; this exercise asks for months (about 30 days make a "
                     "month).",
}

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_TRUE_WORDS = {"true", "yes", "y", "t", "correct", "right", "it is true", "that is true"}
_FALSE_WORDS = {"false", "no", "n", "f", "wrong", "incorrect", "not true", "untrue",
                "it is false", "that is false"}
#: Words that carry no meaning in a short answer ("the patients with the marker").
_FILLER = {"the", "only", "patients", "patient", "people", "person", "those", "ones", "who",
           "have", "has", "with", "group", "groups", "is", "it", "its", "they", "are", "i",
           "think", "answer", "my", "tumours"}
_SPELLING = {"metaboliser": "metabolizer", "metabolisers": "metabolizers", "tumour": "tumor",
             "oestrogen": "estrogen", "centre": "center", "haemoglobin": "hemoglobin"}


@dataclass(frozen=True)
class Exercise:
    """One self-checked exercise.

    ``kind`` is ``"text"`` (case, spacing, quotes, a trailing full stop and British/American
    spelling ignored; ``accept`` lists other right wordings), ``"number"`` (right within
    ``tolerance``, absolute; ``answer`` may be a function that computes it from the course
    data; ``unit`` is a key of :data:`UNITS`, e.g. ``"%"`` or ``"share"``, so a fraction typed
    where a percentage is asked gets its own hint), ``"boolean"`` (``accept`` lists wordings
    that mean the right answer, e.g. "avoid codeine") or ``"choice-set"`` (a collection of
    strings, order ignored).

    ``hint`` is shown for a wrong answer; ``wrong`` maps specific wrong answers (text, or a
    number written as text such as ``"46"``) to feedback naming the misconception;
    ``explanation`` is shown when the answer is right; ``example`` shows the *form* of an
    answer (the answer box's placeholder) and is never itself a right answer.
    """

    prompt: str
    kind: str
    answer: Any
    hint: str
    explanation: str
    tolerance: float = 0.0
    accept: tuple[str, ...] = ()
    wrong: dict[str, str] = field(default_factory=dict)
    unit: str = ""
    example: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ANSWER_KINDS:
            raise ValueError(f"Exercise kind must be one of {ANSWER_KINDS}, got {self.kind!r}.")
        if self.unit not in UNITS:
            raise ValueError(f"Exercise unit must be one of {list(UNITS)}, got {self.unit!r}.")

    def expected(self) -> Any:
        """The right answer; a callable ``answer`` is computed from the course data (once)."""
        return _computed(self.answer) if callable(self.answer) else self.answer


@cache
def _computed(answer: Any) -> Any:
    """The value of an answer function; the course data are read-only, so it is kept."""
    return answer()


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

    ``status`` is one of ``"unanswered"``, ``"wrong-type"`` (the answer's form, e.g. a word
    where a number is asked), ``"almost"`` (a typo: "Did you mean …?"), ``"wrong"`` or
    ``"right"``. ``reason`` names the hint given, e.g. ``"share-for-percent"``, ``"typo"`` or
    ``"misconception:46"`` (a key of the exercise's ``wrong``), so tests can check that each
    slip gets its own hint.
    """

    status: str
    message: str
    reason: str = ""

    @property
    def correct(self) -> bool:
        """True when the answer is right."""
        return self.status == "right"


#: The fields an exercise may have in a topic's ``exercises.json`` (as :class:`Exercise`).
EXERCISE_FIELDS = ("prompt", "kind", "answer", "hint", "explanation", "tolerance", "accept",
                   "wrong", "unit", "example")
#: The fields of a multiple-choice question there (as :class:`Question`).
QUESTION_FIELDS = ("prompt", "options", "correct", "feedback", "explanation")


def read_items(module_name: str, namespace: Mapping[str, Any] | None = None,
               ) -> tuple[dict[str, Exercise], dict[str, Question]]:
    """Read an exercises part's data file into exercises and questions.

    ``module_name`` is e.g. ``"precisionmed.trials.exercises"`` (the file is
    ``trials/exercises.json``). An answer written ``{"computed": "<name>"}`` is the callable
    ``namespace[name]`` (the functions of ``exercises.py``), worked out when first checked.
    A field that is not allowed, a missing function or a malformed entry raises ValueError
    naming the file and the key.
    """
    import json

    path = topics.items_file(module_name)
    if namespace is not None and not isinstance(namespace, Mapping):
        raise TypeError(f"namespace must be a mapping of names to functions (globals()), got "
                        f"{type(namespace).__name__}.")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"Cannot read {path.name} of {module_name}: {exc}") from exc
    namespace = namespace or {}
    exercises: dict[str, Exercise] = {}
    for key, fields in raw.get("exercises", {}).items():
        unknown = sorted(set(fields) - set(EXERCISE_FIELDS))
        if unknown:
            raise ValueError(f"{path.name}: exercise {key!r} has unknown fields {unknown}; "
                             f"allowed: {', '.join(EXERCISE_FIELDS)}.")
        fields = dict(fields)
        answer = fields.get("answer")
        if isinstance(answer, dict):
            function = namespace.get(str(answer.get("computed")))
            if set(answer) != {"computed"} or not callable(function):
                raise ValueError(f"{path.name}: exercise {key!r} is computed by "
                                 f"{answer.get('computed')!r}, which {module_name} does not "
                                 "define (write the function in exercises.py).")
            fields["answer"] = function
        if "accept" in fields:
            fields["accept"] = tuple(fields["accept"])
        try:
            exercises[key] = Exercise(**fields)
        except TypeError as exc:
            raise ValueError(f"{path.name}: exercise {key!r}: {exc}") from exc
    questions: dict[str, Question] = {}
    for key, fields in raw.get("questions", {}).items():
        try:
            questions[key] = Question(**fields)
        except TypeError as exc:
            raise ValueError(f"{path.name}: question {key!r}: {exc}") from exc
    return exercises, questions


@lru_cache(maxsize=1)
def _key_index() -> dict[str, str]:
    """Which exercises part defines each key, read from the data files (nothing is imported).

    A lesson checks its own keys only, so a lookup imports only the module that owns the key,
    and with it only that topic (importing every topic would load scikit-learn, lifelines and
    the rest into every lesson's kernel).
    """
    index: dict[str, str] = {}
    for name in topics.part_names("exercises"):
        for key in topics.item_keys(name):
            if key in index:
                raise ValueError(f"Exercise key {key!r} is defined twice "
                                 f"({index[key]} and {name}).")
            index[key] = name
    return index


@cache
def _module_items(name: str) -> tuple[dict[str, Exercise], dict[str, Question]]:
    """An exercises part's items: from its module when it has one, else from its data file.

    (A module is needed only for answers computed from the course data.)
    """
    if not topics.items_file(name).with_suffix(".py").is_file():
        return read_items(name)
    module = importlib.import_module(name)
    return dict(getattr(module, "EXERCISES", {})), dict(getattr(module, "QUESTIONS", {}))


def _items_for(key: object) -> tuple[dict[str, Exercise], dict[str, Question]]:
    """The exercises and questions of the module that owns ``key`` (all of them if unknown)."""
    name = _key_index().get(key) if isinstance(key, str) else None
    if name is not None:
        return _module_items(name)
    return _registry()


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, Exercise], dict[str, Question]]:
    found_ex: dict[str, Exercise] = {}
    found_q: dict[str, Question] = {}
    for name in topics.part_names("exercises"):
        module_ex, module_q = _module_items(name)
        for key, item in module_ex.items():
            if key in found_ex or key in found_q:
                raise ValueError(f"Exercise key {key!r} is defined twice.")
            found_ex[key] = item
        for key, item in module_q.items():
            if key in found_ex or key in found_q:
                raise ValueError(f"Question key {key!r} is defined twice.")
            found_q[key] = item
    return found_ex, found_q


def exercises() -> dict[str, Exercise]:
    """Return every registered exercise by key (imports every topic: for tools and tests)."""
    return dict(_registry()[0])


def questions() -> dict[str, Question]:
    """Return every registered multiple-choice question by key (imports every topic)."""
    return dict(_registry()[1])


def exercise_item(key: str) -> Exercise:
    """The :class:`Exercise` called ``key`` (only its own topic is imported)."""
    return _lookup(key, _items_for(key)[0], "exercise")


def question_item(key: str) -> Question:
    """The :class:`Question` called ``key`` (only its own topic is imported)."""
    return _lookup(key, _items_for(key)[1], "question")


def _lookup(key: str, table: dict[str, Any], what: str) -> Any:
    if not isinstance(key, str) or key not in table:
        every = _registry()[0 if what == "exercise" else 1]
        if isinstance(key, str) and key in every:
            return every[key]
        close = difflib.get_close_matches(str(key), list(every), n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ValueError(f"There is no {what} called {key!r}.{hint}")
    return table[key]


# --------------------------------------------------------------------------- reading text

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")
_QUOTES = "\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb"


def _clean(text: str) -> str:
    """Strip what a person (or a coder's habit) wraps around an answer."""
    s = unicodedata.normalize("NFKC", text).translate(_DASHES).strip()
    s = re.sub(r"^\s*(my_answer|answer|my answer)\s*[:=]\s*", "", s, flags=re.I)
    for _ in range(3):
        s = s.strip().rstrip(".!?;:").strip()
        if len(s) >= 2 and s[0] in "([{" and s[-1] in ")]}":
            s = s[1:-1]
        if len(s) >= 2 and s[0] in _QUOTES and s[-1] in _QUOTES:
            s = s[1:-1]
    return s.strip()


def _normalise(text: str) -> str:
    s = re.sub(r"(\w)\s?\+(?=\s*$|\s+(?:patients|people|tumou?rs|ones)\b)", r"\1 positive",
               _clean(text).lower())
    s = re.sub(r"[-_/,;:()\[\]{}" + re.escape(_QUOTES) + r"]", " ", s)
    s = re.sub(r"\.(\s|$)", " ", s)
    return " ".join(_SPELLING.get(word, word) for word in s.split())


def _core(text: str) -> str:
    """``_normalise`` without filler words: "the patients with the marker" -> "marker"."""
    words = [w for w in _normalise(text).split() if w not in _FILLER]
    return " ".join(words)


_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv}


def _arithmetic(node: ast.AST) -> float:
    if isinstance(node, ast.Expression):
        return _arithmetic(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
            and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _arithmetic(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        return _BINOPS[type(node.op)](_arithmetic(node.left), _arithmetic(node.right))
    raise ValueError("not simple arithmetic")


_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:(?P<sep>[,'\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*"
                        r"(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+")
_PLAIN = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?", flags=re.I)


@dataclass(frozen=True)
class ReadNumber:
    """What :func:`read_number` found in a typed answer.

    ``value`` is None when no number could be read; ``percent`` is True when a ``%`` (or the
    word "percent") followed it; ``unit`` is the rest of the text (lower case, "" if none);
    ``note`` says how the text was read when that was not obvious (e.g. a decimal comma).
    """

    value: float | None
    percent: bool = False
    unit: str = ""
    note: str = ""


def read_number(text: str) -> ReadNumber:
    """Read a number the way a person typed it.

    Understands ``14%``, ``14 percent``, ``about 4,000``, ``4 000``, ``3,943.3``, ``0,27``
    (a decimal comma: a comma not followed by exactly three digits, or after a leading 0),
    ``85/313`` and other plain arithmetic (``556 ÷ 0.141``, ``0.38 × 70 + 0.62 × 10``),
    ``k = 5``, number words up to twelve (``five``) and a unit after the number
    (``41.9 mg/week``).
    """
    if not isinstance(text, str):
        raise TypeError(f"read_number needs text, got {type(text).__name__}.")
    s = _clean(text).lower()
    s = re.sub(r"^(about|approximately|approx|around|roughly|nearly|almost|circa|ca|c\.|~|≈"
               r"|k\s*=|k\s+is|=)\s*", "", s).strip()
    s = s.replace("\u00d7", "*").replace("\u00f7", "/").replace("\u2212", "-")
    if s in _NUMBER_WORDS:
        return ReadNumber(float(_NUMBER_WORDS[s]))
    percent = False
    for word in UNITS["%"][1]:
        if s.endswith(word):
            s, percent = s[: -len(word)].strip(), True
            break
    if re.fullmatch(r"[\d\s.()+\-*/x]+", s) and re.search(r"[\d)]\s*[-*/x+]\s*[\d.(]", s):
        try:
            value = _arithmetic(ast.parse(s.replace("x", "*"), mode="eval"))
        except (ValueError, SyntaxError, ZeroDivisionError):
            return ReadNumber(None, unit=s)
        return ReadNumber(value, percent, "", f"worked out {s} = {value:.4g}")
    note = ""
    match = _THOUSANDS.match(s)
    if match and not re.match(r"^[-+]?0[,']", s):
        number = re.sub(r"[,'\u00a0\u202f ]", "", match.group(0))
    else:
        match = _DECIMAL_COMMA.match(s)
        if match:
            number = match.group(0).replace(",", ".")
            note = f"read the comma in {match.group(0)} as a decimal point"
        else:
            match = _PLAIN.match(s)
            if not match:
                return ReadNumber(None, percent, s)
            number = match.group(0)
    rest = s[match.end():].strip()
    if not percent:
        for word in UNITS["%"][1]:
            if rest == word or rest.startswith(word + " "):
                percent, rest = True, rest[len(word):].strip()
                break
    try:
        value = float(number)
    except ValueError:
        return ReadNumber(None, percent, s)
    return ReadNumber(value, percent, rest, note)


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:,.1f}"


def _type_name(kind: str) -> str:
    return {
        "text": 'text in quotes, e.g. "Poor Metabolizer"',
        "number": "a number, e.g. 42 or 0.5",
        "boolean": "True or False (no quotes)",
        "choice-set": 'a list of text items, e.g. ["a", "b"]',
    }[kind]


# --------------------------------------------------------------------------- checking

def _right(item: Exercise, note: str = "") -> Feedback:
    return Feedback("right", f"Correct! {item.explanation}{note}", "right")


def _wrong(item: Exercise, reason: str = "wrong", lead: str = "Not quite.") -> Feedback:
    return Feedback("wrong", f"{lead} {item.hint}", reason)


def _wrong_number_key(item: Exercise, value: float) -> str | None:
    for key in item.wrong:
        read = read_number(key)
        if read.value is None:
            continue
        # close to the misconception: within the tolerance, but never further than 2% of it
        slack = max(min(item.tolerance, 0.02 * abs(read.value)), 1e-9)
        if abs(value - read.value) <= slack:
            return key
    return None


def _check_number(item: Exercise, value: float, percent: bool = False, unit: str = "",
                  note: str = "", shown: str = "") -> Feedback:
    expected = float(item.expected())
    tol = item.tolerance
    shown = shown or _fmt(value)
    described = UNITS[item.unit][0]
    if not math.isfinite(value):
        return Feedback("wrong", f"{shown} is not a number we can check. {item.hint}",
                        "unreadable-number")
    if unit:
        if item.unit and unit in UNITS[item.unit][1]:
            pass
        else:
            for words, message in OTHER_UNITS.items():
                if unit in words:
                    return Feedback("wrong", f"Not quite. {message} {item.hint}", "wrong-unit")
            return Feedback("wrong-type", f"I read the number {_fmt(value)} but not "
                            f"“{unit}”. Type just the number, for example "
                            f"{item.example or '25'}. {item.hint}", "extra-text")
    if percent:
        if item.unit == "share":
            value, note = value / 100, note or f"read {shown} as the share {_fmt(value / 100)}"
        elif item.unit != "%":
            return Feedback("wrong", f"Not quite. This exercise asks for {described}, not a "
                            f"percentage: type it without the % sign. {item.hint}",
                            "percent-not-asked")
    key = _wrong_number_key(item, value)
    if abs(value - expected) <= tol:
        exact = abs(value - expected) > 1e-6 * max(1.0, abs(expected)) and tol > 0
        tail = (f" (The exact value is {_fmt(expected)}; anything within {_fmt(tol)} counts.)"
                if exact else "")
        return _right(item, tail)
    if key is not None:
        return Feedback("wrong", f"Not quite. {item.wrong[key]}", f"misconception:{key}")
    if item.unit == "%" and not percent and 0 < abs(value) <= 1 \
            and abs(value * 100 - expected) <= max(tol, 0.5):
        return Feedback("wrong", f"Nearly: {shown} is a share (a fraction of 1). This exercise "
                        f"asks for a percentage, so multiply by 100: {_fmt(value * 100)}.",
                        "share-for-percent")
    if item.unit == "share" and 1 < abs(value) <= 100 \
            and abs(value / 100 - expected) <= max(tol, 0.005):
        return Feedback("wrong", f"Nearly: {shown} looks like a percentage. This exercise asks "
                        f"for a share between 0 and 1, so divide by 100: {_fmt(value / 100)} "
                        f"(or type {shown}%).", "percent-for-share")
    return _wrong(item)


def _number_feedback(item: Exercise, answer: Any) -> Feedback:
    if isinstance(answer, bool):
        return Feedback("wrong-type", f"This exercise wants {_type_name('number')}; you gave "
                                      f"{answer!r}. {item.hint}", "wrong-type")
    if isinstance(answer, numbers.Real):
        return _check_number(item, float(answer))
    if isinstance(answer, tuple) and len(answer) >= 2 \
            and all(isinstance(a, numbers.Real) and not isinstance(a, bool) for a in answer):
        return Feedback("wrong-type", f"Python read the comma as two separate numbers, "
                        f"{answer!r}. Write numbers without commas: 4000, not 4,000, and use a "
                        f"point for decimals: 0.14, not 0,14. (The answer box understands "
                        f"both.) {item.hint}", "python-comma")
    if isinstance(answer, str):
        read = read_number(answer)
        if read.value is None:
            if _normalise(answer) in _TRUE_WORDS | _FALSE_WORDS:
                return Feedback("wrong-type", f"This exercise asks for {UNITS[item.unit][0]}, "
                                f"not true or false. {item.hint}", "words-for-number")
            return Feedback("wrong-type", f"I could not read a number in “{_clean(answer)}”. "
                            f"Type digits, for example {item.example or '25'}. {item.hint}",
                            "unreadable-number")
        fb = _check_number(item, read.value, read.percent, read.unit, read.note,
                           shown=_clean(answer))
        if read.note and fb.status in ("right", "wrong"):
            return Feedback(fb.status, f"{fb.message} (I {read.note}.)", fb.reason)
        return fb
    return Feedback("wrong-type", f"This exercise wants {_type_name('number')}; you gave "
                                  f"{type(answer).__name__} {answer!r:.60}. {item.hint}",
                    "wrong-type")


_NEGATIONS = {"not", "no", "non", "without", "negative", "never", "except", "but"}


def _edit_distance(a: str, b: str) -> int:
    """Letters to add, drop, change or swap to turn ``a`` into ``b`` (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _is_typo(given: str, wording: str) -> bool:
    """True when ``given`` is a small slip of the keyboard away from ``wording``.

    One slip in a short word, two in a longer one, three in a long phrase; a difference in a
    negation ("without", "not") is never a typo.
    """
    if given == wording:
        return False
    if len(given.split()) != len(wording.split()) and \
            given.replace(" ", "") != wording.replace(" ", ""):
        return False  # a missing or extra word is not a typo ("Luminal" is not "Luminal A")
    mine, theirs = set(given.split()), set(wording.split())
    for word in (mine ^ theirs) & _NEGATIONS:
        other = theirs - mine if word in mine else mine - theirs
        if not any(_edit_distance(word, x) <= 1 for x in other):
            return False
    allowed = 1 if len(wording) <= 6 else 2 if len(wording) <= 14 else 3
    return _edit_distance(given, wording) <= allowed


def _closest(given: str, candidates: dict[str, Any]) -> str | None:
    """The candidate that ``given`` most likely misspells, if any.

    difflib finds the candidates; the edit distance confirms a slip of the keyboard.
    """
    if len(given) < 4:
        return None
    for found in difflib.get_close_matches(given, list(candidates), n=5, cutoff=0.7):
        if _is_typo(given, found):
            return found
    return None


def _text_candidates(item: Exercise) -> dict[str, tuple[bool, str]]:
    """Normalised wording → (is it right, how to show it)."""
    out: dict[str, tuple[bool, str]] = {}
    for wording in (item.expected(), *item.accept):
        for form in (_normalise(wording), _core(wording)):
            out.setdefault(form, (True, str(item.expected())))
    for wording in item.wrong:
        for form in (_normalise(wording), _core(wording)):
            out.setdefault(form, (False, wording))
    out.pop("", None)
    return out


def _text_feedback(item: Exercise, answer: Any) -> Feedback:
    if isinstance(answer, (list, tuple)) and len(answer) == 1 and isinstance(answer[0], str):
        answer = answer[0]
    if isinstance(answer, numbers.Real) and not isinstance(answer, bool) or \
            isinstance(answer, str) and read_number(answer).value is not None \
            and not re.search(r"[a-z]{3,}", _clean(answer).lower()):
        return Feedback("wrong-type", f"This exercise asks for words, not a number. "
                                      f"{item.hint}", "number-for-words")
    if not isinstance(answer, str):
        return Feedback("wrong-type", f"This exercise wants {_type_name('text')}; you gave "
                                      f"{type(answer).__name__} {answer!r:.60}. {item.hint}",
                        "wrong-type")
    candidates = _text_candidates(item)
    for form in (_normalise(answer), _core(answer)):
        if form in candidates:
            right, shown = candidates[form]
            if right:
                return _right(item)
            return Feedback("wrong", f"Not quite. {item.wrong[shown]}", f"misconception:{shown}")
    close = _closest(_normalise(answer), candidates) or _closest(_core(answer), candidates)
    if close is not None:
        right, shown = candidates[close]
        if right:
            return Feedback("almost", f"Almost: did you mean “{shown}”? Check the spelling, "
                            "then check again.", "typo")
        return Feedback("wrong", f"Not quite (I read that as “{shown}”). {item.wrong[shown]}",
                        f"misconception:{shown}")
    return _wrong(item)


def _boolean_feedback(item: Exercise, answer: Any) -> Feedback:
    expected = bool(item.expected())
    if isinstance(answer, bool):
        return _right(item) if answer == expected else _wrong(item, "wrong")
    if isinstance(answer, numbers.Real) or isinstance(answer, str) \
            and read_number(answer).value is not None:
        return Feedback("wrong-type", "This exercise asks for True or False, not a number. "
                                      f"{item.hint}", "number-for-words")
    if not isinstance(answer, str):
        return Feedback("wrong-type", f"This exercise wants {_type_name('boolean')}; you gave "
                                      f"{answer!r:.60}. {item.hint}", "wrong-type")
    given = _normalise(answer)
    meaning: dict[str, bool | str] = {}
    for word in _TRUE_WORDS:
        meaning[word] = True
    for word in _FALSE_WORDS:
        meaning[word] = False
    for wording in item.accept:
        meaning[_normalise(wording)] = expected
    for wording in item.wrong:
        meaning[_normalise(wording)] = wording
    if given in meaning:
        value = meaning[given]
    else:
        close = _closest(given, meaning) if len(given) >= 3 else None
        if close is None and len(given) == 3:  # "ture", "fasle" are 4+; "yse" -> "yes"
            close = next((w for w in ("yes",) if _is_typo(given, w)), None)
        if close is None:
            return Feedback("wrong-type", "Answer True or False (yes or no also work). "
                                          f"{item.hint}", "not-true-false")
        value = meaning[close]
        shown = close.capitalize() if close in ("true", "false") else close
        return Feedback("almost", f"Almost: did you mean “{shown}”? Check the spelling, then "
                                  "check again.", "typo")
    if isinstance(value, str):
        return Feedback("wrong", f"Not quite. {item.wrong[value]}", f"misconception:{value}")
    return _right(item) if value == expected else _wrong(item, "wrong")


def _split_items(text: str) -> list[str]:
    s = _clean(text)
    parts = re.split(r"\s*(?:,|;|/|\n|\band\b|&)\s*", s)
    return [_clean(p) for p in parts if _clean(p)]


def _choice_set_feedback(item: Exercise, answer: Any) -> Feedback:
    if isinstance(answer, numbers.Real) or isinstance(answer, str) \
            and read_number(answer).value is not None:
        return Feedback("wrong-type", f"This exercise asks for names, not a number. {item.hint}",
                        "number-for-words")
    if isinstance(answer, str):
        answer = _split_items(answer)
    if not isinstance(answer, (list, tuple, set, frozenset)):
        return Feedback("wrong-type", f"This exercise wants {_type_name('choice-set')}; you "
                                      f"gave {answer!r:.60}. {item.hint}", "wrong-type")
    if not all(isinstance(a, str) for a in answer):
        return Feedback("wrong-type", f"Every item should be text in quotes. {item.hint}",
                        "wrong-type")
    wanted = {_normalise(a): str(a) for a in item.expected()}
    given: set[str] = set()
    typos: list[tuple[str, str]] = []
    for a in answer:
        form = _normalise(a)
        if form in wanted or not form:
            given.add(form)
            continue
        close = _closest(form, {w: (True, w) for w in wanted})
        if close is not None:
            typos.append((_clean(a), wanted[close]))
            given.add(close)
        else:
            given.add(form)
    given.discard("")
    for wrong_item, message in item.wrong.items():
        if _normalise(wrong_item) in given:
            return Feedback("wrong", f"Not quite. {message}", f"misconception:{wrong_item}")
    if given == set(wanted):
        if typos:
            said = " and ".join(f"“{w}” (you typed “{t}”)" for t, w in typos)
            return Feedback("almost", f"Almost: did you mean {said}? Check the spelling, then "
                                      "check again.", "typo")
        return _right(item)
    found = sorted(wanted[g] for g in given & set(wanted))
    if found and given < set(wanted):
        return Feedback("wrong", f"Partly right: {', '.join(found)} is one of them, but "
                                 f"{len(wanted)} are asked for. {item.hint}", "partly-right")
    return _wrong(item)


def feedback(key: str, answer: Any) -> Feedback:
    """Check ``answer`` for exercise ``key`` and return :class:`Feedback` (prints nothing).

    ``answer`` is a Python value (``0.25``, ``"Poor Metabolizer"``, ``False``, a list) or the
    text a person typed into an answer box (``"25%"``, ``"false"``, ``"4,000"``); both are
    read the same way. It never raises for any answer, only for an unknown ``key``.
    """
    item: Exercise = exercise_item(key)
    if answer is Ellipsis:
        return Feedback("unanswered", REPLACE_DOTS, "unanswered")
    if answer is None or isinstance(answer, str) and not _clean(answer):
        return Feedback("unanswered", EMPTY_BOX, "empty")
    if item.kind == "number":
        return _number_feedback(item, answer)
    if item.kind == "boolean":
        return _boolean_feedback(item, answer)
    if item.kind == "text":
        return _text_feedback(item, answer)
    return _choice_set_feedback(item, answer)


def exercise(key: str, answer: Any) -> None:
    """Print kind feedback on ``answer`` for exercise ``key``.

    ``...`` (the placeholder) gets "Not answered yet"; a wrong type or a wrong answer gets a
    hint; a right answer gets a confirmation and a short explanation.
    """
    print(feedback(key, answer).message)


def choice_feedback(key: str, answer: Any) -> Feedback:
    """Check a multiple-choice ``answer`` (a letter such as ``"b"``); prints nothing.

    Nothing chosen (``...`` or ``None``, as a quiz sends when Check is pressed first) gets
    "pick an answer first".
    """
    item: Question = question_item(key)
    if answer is Ellipsis or answer is None:
        return Feedback("unanswered", PICK_FIRST, "unanswered")
    letters = ", ".join(f'"{k}"' for k in item.options)
    letter = _clean(answer).lower().rstrip(")") if isinstance(answer, str) else None
    if letter not in item.options:
        return Feedback("wrong-type", f"Answer with one letter in quotes: {letters}. "
                                      f"You gave {answer!r:.60}.", "wrong-type")
    if letter == item.correct:
        return Feedback("right", f"Correct! {item.explanation}", "right")
    return Feedback("wrong", f"Not quite. {item.feedback[letter]}", f"misconception:{letter}")


def choice(key: str, answer: Any) -> None:
    """Print feedback on a multiple-choice ``answer``; each wrong option names its misconception."""
    print(choice_feedback(key, answer).message)


def show_question(key: str) -> None:
    """Print a multiple-choice question and its lettered options."""
    item: Question = question_item(key)
    lines = [item.prompt, *(f"  {k}) {v}" for k, v in item.options.items())]
    print("\n".join(lines))


# --------------------------------------------------------------------------- answer key

ANSWER_KEY_PATH = "docs/answer-key.md"
_LESSON = re.compile(r"Lesson (\d\d)\s*[—-]+\s*(.+?)(?:[:.]\s|\.?$)")


def _lesson_modules() -> list[tuple[str, str, str]]:
    """``(number, title, part name)`` of every exercises part with items, in lesson order.

    The title is the data file's ``lesson`` line (``"Lesson 04 — Does it work? …"``).
    """
    import json

    found = []
    for name in topics.part_names("exercises"):
        exercises, questions = _module_items(name)
        if not exercises and not questions:
            continue
        raw = json.loads(topics.items_file(name).read_text(encoding="utf-8"))
        first = str(raw.get("lesson", name)).strip().splitlines()[0]
        match = _LESSON.search(first)
        number, title = (match.group(1), match.group(2).strip(" .")) if match else ("99", first)
        found.append((number, title, name))
    return sorted(found, key=lambda row: (row[0], row[2]))


def _shown(item: Exercise) -> str:
    value = item.expected()
    if item.kind == "number":
        number = float(value)
        text = f"{int(number):,}" if number.is_integer() else f"{number:,.4g}" \
            if abs(number) < 1 else f"{number:,.1f}"
        unit = {"%": "%", "share": "", "": ""}.get(item.unit, f" {item.unit}")
        within = f" (accepted within ± {_fmt(item.tolerance)})" if item.tolerance else ""
        return f"**{text}{unit}**{within}"
    if item.kind == "boolean":
        return f"**{bool(value)}**"
    if item.kind == "choice-set":
        return "**" + ", ".join(str(v) for v in value) + "**"
    return f"**{value}**"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def answer_key_markdown(lessons: Mapping[str, str] | Sequence[str] | None = None) -> str:
    """The course answer key as Markdown, built from the exercise definitions.

    ``lessons`` limits it to lesson numbers such as ``["00", "01"]``, or maps each number to
    the lesson's title (default: every lesson with exercises, titled from its module).
    For each exercise: the question, the answer (with the tolerance a number is accepted
    within), other accepted wordings, each known misconception with the feedback
    it gets, and the explanation; for each multiple-choice question the right option and the
    misconception behind each wrong one. ``docs/answer-key.md`` is this text; a test keeps it
    in step.
    """
    if lessons is not None and (isinstance(lessons, str) or not all(
            isinstance(n, str) for n in lessons)):
        raise TypeError("lessons must be a list of lesson numbers such as ['00', '01'].")
    lines = ["# Answer key", "",
             "> ⚠️ Teaching material with simulated data — not medical advice.", "",
             "For instructors and helpers: every exercise's answer, the wordings the checker "
             "also accepts, and the hint each known misconception gets. Learners' copies do "
             "not contain this page's answers in plain view (each lesson's worked solutions "
             "are folded away or removed).", "",
             "Generated from the exercise definitions in `helpers/precisionmed/` by "
             "`python -m precisionmed.check answer-key`; a test fails when it is out of date, "
             "so do not edit it by hand.", "",
             "How answers are read: typed answers may use `%`, thousands commas (`4,000`), a "
             "decimal comma (`0,27`), a sum such as `85/313`, a unit (`41.9 mg/week`), "
             "`yes`/`no` for True/False, quotes or a trailing full stop. A near-spelling gets "
             "\"Did you mean …?\" and is not yet counted as right.", ""]
    for number, title, name in _lesson_modules():
        if lessons is not None and number not in lessons:
            continue
        if isinstance(lessons, Mapping):
            title = str(lessons[number])
        lines += [f"## {number} · {title}", ""]
        exercises, questions = _module_items(name)
        for key, item in exercises.items():
            lines += [f"### `{key}`", "", f"*{_cell(item.prompt)}*", "",
                      f"- Answer: {_shown(item)}"]
            if item.accept:
                lines.append("- Also accepted: " + ", ".join(f"“{a}”" for a in item.accept))
            for wrong, message in item.wrong.items():
                lines.append(f"- If a learner answers “{wrong}”: {_cell(message)}")
            lines += [f"- Hint for other wrong answers: {_cell(item.hint)}",
                      f"- Why: {_cell(item.explanation)}", ""]
        for key, question in questions.items():
            right = question.options[question.correct]
            lines += [f"### `{key}` (multiple choice)", "", f"*{_cell(question.prompt)}*", "",
                      f"- Answer: **{question.correct}) {_cell(right)}**"]
            for letter, message in question.feedback.items():
                lines.append(f"- {letter}) {_cell(question.options[letter])} → "
                             f"{_cell(message)}")
            lines += [f"- Why: {_cell(question.explanation)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m precisionmed.check answer-key [--check]``: write or check the answer key.

    The key covers the lessons that have a notebook in ``notebooks/``.
    """
    import argparse

    from precisionmed.course import lesson_metadata, lesson_paths, project_root

    parser = argparse.ArgumentParser(prog="python -m precisionmed.check")
    sub = parser.add_subparsers(dest="command", required=True)
    key = sub.add_parser("answer-key", help=f"write {ANSWER_KEY_PATH} from the exercises")
    key.add_argument("--check", action="store_true", help="only report whether it is stale")
    args = parser.parse_args(argv)
    path = project_root() / ANSWER_KEY_PATH
    text = answer_key_markdown({p.name[:2]: lesson_metadata(p)["title"] for p in lesson_paths()})
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if args.check:
        print("answer key is up to date" if current == text else "answer key is STALE")
        return 0 if current == text else 1
    if current != text:
        path.write_text(text, encoding="utf-8")
    print(f"wrote {ANSWER_KEY_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
