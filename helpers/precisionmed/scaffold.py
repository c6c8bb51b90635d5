"""Authoring tools: a new lesson in one command, and one command to bring the course up to date.

Command line (through :mod:`precisionmed.course`)::

    python -m precisionmed.course new <name> --title "Title of the lesson"
    python -m precisionmed.course refresh [--dry-run] [--all]

``new`` writes a topic package ``helpers/precisionmed/<name>/`` (``__init__.py`` with one
example science function, ``simulate.py``, ``panels.py``, ``exercises.json``), the lesson
``notebooks/NN-<slug>.ipynb`` numbered after the last lesson, and
``tests/<name>/test_<name>.py`` whose stubs fail until they are filled in. Nothing is
registered by hand: the topic is found by its files (:mod:`precisionmed.topics`). Every
placeholder says ``TODO``.

``refresh`` runs, in order: the dataset build, the lessons whose inputs changed, the course
map (README, schedules, navigation) and the answer key. **The rule for "changed"**: a lesson's
inputs are its cells' sources and tags (not outputs, not the generated navigation cell), its
``workbook`` metadata, every file of the topic packages it uses (named in its code or in its
``datasets`` metadata) and the dataset files it loads (its ``datasets`` metadata). Their
SHA-256 digest is recorded in ``build/refresh.json`` when the lesson is executed; a lesson is
executed again when its digest differs from the record or it has none (a fresh clone runs
every lesson once). A change to the core (``plots``, ``widgets``, ...) is not seen: use
``--all``. Teaching tools only; nothing here is clinical.
"""

from __future__ import annotations

import hashlib
import json
import keyword
import re
import time
from datetime import date
from pathlib import Path
from typing import Any

#: A topic name: a short lowercase word (letters, then letters or digits), 3–20 characters.
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]{2,19}$")
#: Names that are not free for a topic: dataset, package and test folders that are not topics.
RESERVED = frozenset({"knowledge", "patients", "widgets", "templates", "tests", "test",
                      "course", "core", "screenshots", "lesson", "lessons", "main", "build",
                      "site", "app"})
TITLE_MAX = 100
#: Where refresh records the input digest of each lesson it executed (git-ignored).
RECORD = "build/refresh.json"


def _root(root: Path | None) -> Path:
    if root is None:
        from precisionmed.course import project_root

        return project_root()
    if not isinstance(root, (str, Path)):
        raise TypeError(f"root must be a folder path, got {type(root).__name__}.")
    path = Path(root)
    if not (path / "notebooks").is_dir() or not (path / "helpers" / "precisionmed").is_dir():
        raise ValueError(f"{path} is not the course's repository (no notebooks/ and "
                         "helpers/precisionmed/ in it).")
    return path


def validate_name(name: object, root: Path | None = None) -> str:
    """Check a new topic's short name and return it.

    Allowed: 3–20 lowercase letters or digits, starting with a letter (``demo``, ``vaccines``),
    not a Python keyword, not a module or folder that already exists in the package, in
    ``datasets/`` or in ``tests/``, not the name of a test file already in ``tests/`` (pytest
    needs each test file name once), and not an exercise-key prefix another topic uses
    (``warfarin``).

    >>> validate_name("vaccines")
    'vaccines'
    """
    if not isinstance(name, str):
        raise TypeError(f"The lesson's name must be text, such as 'vaccines', got "
                        f"{type(name).__name__}.")
    if not NAME_PATTERN.match(name):
        raise ValueError(f"The name {name!r:.40} is not allowed: use 3-20 lowercase letters or "
                         "digits starting with a letter, no spaces, dashes or underscores "
                         "(for example 'vaccines'). It names the folder, the datasets and the "
                         "exercise keys.")
    if keyword.iskeyword(name) or name in RESERVED:
        raise ValueError(f"The name {name!r} is reserved; choose another short word.")
    base = _root(root)
    package = base / "helpers" / "precisionmed"
    if (package / name).exists() or (package / f"{name}.py").exists():
        raise ValueError(f"There is already a topic or module called {name!r} "
                         f"(helpers/precisionmed/{name}); choose another name, or edit that "
                         "topic instead.")
    if (base / "datasets" / name).exists():
        raise ValueError(f"datasets/{name}/ already exists; choose another name.")
    if (base / "tests" / name).exists():
        raise ValueError(f"tests/{name}/ already exists; choose another name.")
    clash = sorted((base / "tests").glob(f"**/test_{name}.py"))
    if clash:
        raise ValueError(f"{clash[0].relative_to(base).as_posix()} already exists and test file "
                         "names must be unique; choose another name.")
    used = _key_prefixes(package)
    if name in used:
        raise ValueError(f"Exercise keys starting with '{name}-' are already used by another "
                         "lesson; choose another name.")
    return name


def _key_prefixes(package: Path) -> set[str]:
    prefixes = set()
    for path in package.glob("*/exercises*.json"):
        for key in re.findall(r'^\s*"([a-z0-9]+)-[\w-]+"\s*:', path.read_text(encoding="utf-8"),
                              flags=re.M):
            prefixes.add(key)
    return prefixes


def validate_title(title: object) -> str:
    """Check a new lesson's title and return it stripped.

    It must be one line of 3 to 100 characters with at least one letter.

    >>> validate_title("  Vaccines and genes ")
    'Vaccines and genes'
    """
    if title is None:
        raise ValueError('The lesson needs a title: add --title "What the lesson is about".')
    if not isinstance(title, str):
        raise TypeError(f"The title must be text, got {type(title).__name__}.")
    text = title.strip()
    if not text:
        raise ValueError('The title is empty: add --title "What the lesson is about".')
    if "\n" in text or "\r" in text:
        raise ValueError("The title must be one line.")
    if re.search(r'["\\{}`]', text):
        raise ValueError('The title must not contain double quotes, backslashes, braces or '
                         "backticks; use 'single quotes' if you need quotes.")
    if not 3 <= len(text) <= TITLE_MAX or not re.search(r"[^\W\d_]", text):
        raise ValueError(f"The title must have 3 to {TITLE_MAX} characters including letters, "
                         f"got {len(text)} characters.")
    return text


def slug(title: str) -> str:
    """The file-name part of a title: lowercase words joined by dashes (at most six words).

    >>> slug("Who is in the data?")
    'who-is-in-the-data'
    """
    words = re.findall(r"[a-z0-9]+", validate_title(title).lower())
    return "-".join(words[:6]) or "lesson"


def next_number(root: Path | None = None) -> int:
    """The number the next lesson gets: one more than the last ``notebooks/NN-*.ipynb``."""
    base = _root(root)
    numbers = [int(p.name[:2]) for p in (base / "notebooks").glob("[0-9][0-9]-*.ipynb")]
    return max(numbers, default=-1) + 1


# --- templates ---------------------------------------------------------------------------

INIT = '''"""Lesson {nn} — {title}: the science (TODO: what this topic computes, in one line).

Teaching material with simulated data; not for care.
"""

from __future__ import annotations

from precisionmed._checks import number


def expected_cases(risk: float, people: float) -> float:
    """How many of ``people`` are expected to have the event when each has chance ``risk``.

    TODO: replace this example with the lesson's own science function(s).

    >>> expected_cases(0.2, 100)
    20.0
    """
    chance = number("risk", risk, 0, 1, hint=" Give it as a share, e.g. 0.2 for 20%.")
    count = number("people", people, 0, 1_000_000, low_open=True)
    return chance * count
'''

SIMULATE = '''"""Lesson {nn}'s data (TODO: describe what is simulated and why).

Files written under ``{name}/`` (run ``python -m precisionmed.datasets build``):

- ``example``: TODO — {rows} invented people with a 10-year risk each.

Everything is invented with ``numpy.random.default_rng(SEED)``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed.tables import column, write_table

ORDER = {order}
SEED = {seed}
VERSION = "{today}"
ROWS = {rows}


def build(out_dir: Path) -> list[Path]:
    """Write the {name} tables under ``out_dir/{name}/``; return the files written."""
    rng = np.random.default_rng(SEED)
    frame = pd.DataFrame({{
        "person_id": [f"{prefix}-{{i:03d}}" for i in range(1, ROWS + 1)],
        "risk": rng.uniform(0.02, 0.40, ROWS),
    }})
    spec = {{
        "title": "TODO: example table of lesson {nn}",
        "description": "Invented people, each with a simulated 10-year risk (TODO: replace). "
                       "Simulated; teaching, not care.",
        "made_by": "precisionmed.{name}.simulate",
        "version": VERSION,
        "sources": ["simulated with numpy.random.default_rng(SEED)"],
        "columns": [
            column("person_id", "string", "invented person"),
            column("risk", "float", "simulated chance of the event within 10 years",
                   unit="share", decimals=3),
        ],
    }}
    return write_table(frame, Path(out_dir) / "{name}", "example", spec)
'''

PANELS = '''"""Lesson {nn}'s panel (TODO: what the learner explores with it).

:func:`example_panel` returns a ``VBox`` (never displays it) with ``controls``, ``view``
(:class:`~precisionmed.widgets.FigureView`), ``summary`` and ``result``.
``BENCHMARK_CASES`` feed ``benchmarks/run.py``. Simulated; teaching, not care.
"""

from __future__ import annotations

import ipywidgets as w
from matplotlib.figure import Figure

from precisionmed.plots import color, set_alt
from precisionmed.widgets import FigureView, connect, slider
from precisionmed.{name} import expected_cases

PEOPLE = 100
AXES = ((0.14, 0.2, 0.8, 0.7),)


def example_panel(risk: float = 0.2) -> w.VBox:
    """TODO: one slider (the risk) and a bar of the expected cases out of 100 people.

    Controls: ``"risk"``. ``result`` is the expected number of cases. Nothing is displayed.
    """
    expected_cases(risk, PEOPLE)  # checks the start value
    controls = {{"risk": slider("Risk over 10 years", risk, 0.05, 0.5, 0.05, percent=True)}}
    view = FigureView(figsize=(6.0, 3.0), axes_rects=AXES)
    summary = w.HTML()
    box = w.VBox([*controls.values(), view.box, summary], layout=w.Layout(max_width="100%"))

    def redraw() -> float:
        cases = expected_cases(float(controls["risk"].value), PEOPLE)

        def draw(fig: Figure) -> None:
            ax = fig.axes[0] if fig.axes else fig.add_subplot()
            ax.clear()
            ax.barh(["with the event", "without"], [cases, PEOPLE - cases],
                    color=[color(0), color(1)])
            ax.set_xlim(0, PEOPLE)
            ax.set_xlabel(f"people out of {{PEOPLE}}")
            set_alt(fig, f"Bar chart: {{cases:.0f}} of {{PEOPLE}} people have the event within "
                         f"10 years and {{PEOPLE - cases:.0f}} do not (TODO: describe).")

        view.update(draw, static_changed=True)
        summary.value = (f"{{cases:.0f}} in {{PEOPLE}} people (TODO). <i>Simulated; teaching, "
                         "not care.</i>")
        return cases

    return connect(box, controls, view, redraw, summary=summary)


#: Cases for benchmarks/run.py: (label, builder, control key, values to set in turn).
BENCHMARK_CASES = [
    ("{nn} example_panel: risk", example_panel, "risk", [0.3, 0.4, 0.5, 0.1, 0.2]),
]
'''

def _exercises_json(fields: dict[str, object]) -> str:
    """The new lesson's ``exercises.json``: three exercises and a question to rewrite (TODO).

    An answer worked out from the course data is written ``{"computed": "<name>"}`` and needs
    an ``exercises.py`` beside it with that function and
    ``EXERCISES, QUESTIONS = read_items(__name__, globals())`` (see ``trials/exercises.py``).
    """
    name = fields["name"]
    stub = {"kind": "number", "answer": 1.0, "tolerance": 0.0, "example": "7",
            "hint": "TODO: hint.", "explanation": "TODO: explanation."}
    data = {
        "lesson": f"Lesson {fields['nn']} — {fields['title']}: exercises and questions.",
        "about": "Exercises and multiple-choice questions of this lesson, read by "
                 "precisionmed.check. An answer worked out from the course data is written "
                 "{\"computed\": name}: the function of that name in exercises.py beside this "
                 "file.",
        "exercises": {
            f"{name}-1": {
                "prompt": "TODO: exercise 1. If each of 100 people has a 20% risk, how many are "
                          "expected to have the event?",
                "kind": "number", "answer": 20.0, "tolerance": 0.5, "example": "35",
                "wrong": {"0.2": "0.2 is the risk of one person; the question asks how many of "
                                 "100."},
                "hint": "TODO: hint. Multiply the risk by the number of people.",
                "explanation": "TODO: explanation. 0.2 × 100 = 20 people."},
            f"{name}-2": {"prompt": "TODO: exercise 2 (a question about the data).", **stub},
            f"{name}-3": {"prompt": "TODO: exercise 3 (a question about the panel).", **stub},
        },
        "questions": {
            f"{name}-mc1": {
                "prompt": "TODO: a multiple-choice question.",
                "options": {"a": "TODO: the right answer.",
                            "b": "TODO: a common misconception."},
                "correct": "a",
                "feedback": {"b": "TODO: name the misconception behind this option."},
                "explanation": "TODO: why a is right."},
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


TESTS = '''"""Tests of lesson {nn} ({name}). Every stub fails until it is filled in (TODO)."""

from __future__ import annotations

import pytest


def test_science_function_matches_a_published_value() -> None:
    pytest.fail("TODO: pin a published or hand-worked value of precisionmed.{name}'s science "
                "function (never recompute it with the function itself)")


def test_simulated_data_has_the_designed_properties() -> None:
    pytest.fail("TODO: pin properties of datasets/{name}/ (rows, ranges, seeded values)")


def test_panel_controls_change_the_result_and_the_figure() -> None:
    pytest.fail("TODO: set box.controls[...].value in precisionmed.{name}.panels and assert on "
                "box.result and box.view.png")


def test_exercise_answers_are_pinned() -> None:
    pytest.fail("TODO: pin each answer of precisionmed.{name}.exercises ({name}-1 ... {name}-3)")
'''


def _md(text: str, tags: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {"tags": list(tags)} if tags else {},
            "source": text}


def _code(text: str, tags: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"cell_type": "code", "metadata": {"tags": list(tags)} if tags else {},
            "source": text, "execution_count": None, "outputs": []}


def lesson_notebook(name: str, title: str, number: int) -> Any:
    """The lesson skeleton as an ``nbformat`` notebook, every placeholder marked TODO.

    It has every part of the lesson anatomy, so the structure checks pass; the content is to
    be written.
    """
    import nbformat

    from precisionmed._checks import whole

    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise ValueError(f"name must be a topic name such as 'vaccines', got {name!r:.40}.")
    title = validate_title(title)
    nn = f"{whole('the lesson number', number, 0, 99):02d}"
    keypoints = ["TODO: first key point, one sentence a learner should remember.",
                 "TODO: second key point.", "TODO: third key point."]
    objectives = ["TODO: first thing a learner can do after the lesson (a verb: explain, "
                  "compute, read...).", "TODO: second objective."]
    questions = ["TODO: the first question this lesson answers?",
                 "TODO: the second question?"]
    meta = {"title": title, "level": "Introductory", "teaching": 30, "exercises": 15,
            "questions": questions, "objectives": objectives, "keypoints": keypoints,
            "requires": ["00"], "datasets": [f"{name}/example"]}
    ex = []
    for i in (1, 2, 3):
        ex.append([
            _md(f"### Exercise {i} *(self-check)*\n\nTODO: the exercise's question in plain "
                f"words (the same as `{name}-{i}`'s prompt)."),
            _code(f'my_answer = ...\ncheck.exercise("{name}-{i}", my_answer)'),
            _code(f'answer_box("{name}-{i}")', ("nbval-ignore-output",)),
            _code(f'# Solution\ncheck.exercise("{name}-{i}", '
                  f'{"expected_cases(0.2, 100)" if i == 1 else "1"})  # TODO', ("solution",)),
        ])
    cells = [
        _md(f"# {nn} · {title}\n\n**TODO: one sentence — by the end you can ...**\n\n"
            "| | |\n|---|---|\n| Level | Introductory |\n"
            "| Time | about 30 minutes of teaching and 15 minutes of exercises |\n"
            "| You need | lesson 00 (what precision medicine is) |\n\n"
            "> ⚠️ **Teaching material with simulated data — not medical advice.** Every "
            "person in this lesson is invented. TODO: say what is simplified.\n\n"
            "**Questions we will answer**\n" + "".join(f"- {q}\n" for q in questions)
            + "\n**What you will be able to do**\n" + "".join(f"- {o}\n" for o in objectives)),
        _md("> **Instructor note** (left out of the learner and classroom copies). Plan 45 min "
            "+ 10 buffer.\n>\n> **Demo live:** TODO: what to show live, and the question to ask "
            "the room first.\n>\n> Where learners get stuck, common questions and discussion "
            f"prompts: section *{nn} · {title}* of the "
            "[instructor guide](../docs/instructor-guide.md) (TODO: write that section); "
            "answers in the [answer key](../docs/answer-key.md).", ("instructor",)),
        _code("# Setup: load the course's tools and data. Run this cell first.\n"
              f"from precisionmed import check, data, plots\n"
              f"from precisionmed.{name} import expected_cases\n"
              f"from precisionmed.{name}.panels import example_panel\n"
              "from precisionmed.widgets import quiz, use_page_style\n"
              "from precisionmed.widgets.answers import answer_box\n\n"
              "plots.use_style()\n"
              "use_page_style()\n"
              f'example = data.load("{name}/example")\n'
              'print(f"Ready: {len(example):,} simulated people.")'),
        _md("## 1. TODO: first section *(about 10 minutes)*\n\nTODO: plain words first; define "
            "each term at first use (and link it to the glossary)."),
        _code("print(example.head().to_string(index=False))  # TODO"),
        *ex[0],
        _md("## 2. TODO: try it *(about 20 minutes so far)*\n\nTODO: what to look for in the "
            "panel."),
        _code("example_panel()", ("nbval-ignore-output",)),
        _code('print(f"{expected_cases(0.2, 100):.0f} in 100")  # TODO: the numbers that matter'),
        *ex[1],
        _md("### Question 1 *(click to answer)*\n\nPick an answer and press the button."),
        _code(f'quiz("{name}-mc1")', ("nbval-ignore-output",)),
        _md("## 3. TODO: last section *(about 30 minutes so far)*\n\nTODO."),
        *ex[2],
        _md("**Discuss** *(workshops)*: TODO: an open question for the room."),
        _md("## Key points\n\n" + "".join(f"- {k}\n" for k in keypoints), ("keypoints",)),
        _md("## Further reading\n\n- TODO: sources named in the lesson (author, year, title)."),
    ]
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                  "name": "python3"},
                   "language_info": {"name": "python"}, "workbook": meta}
    for index, cell in enumerate(cells):
        node = nbformat.from_dict({**cell, "id": f"{name}-{index:02d}"})
        nb.cells.append(node)
    nbformat.validate(nb)
    return nb


def new_lesson(name: str, title: str, root: Path | None = None) -> list[Path]:
    """Create a new topic and its lesson (see the module docstring); return the files written.

    Raises ValueError/TypeError (nothing written) for a bad or taken name or a bad title.
    """
    import nbformat

    base = _root(root)
    name = validate_name(name, base)
    title = validate_title(title)
    number = next_number(base)
    if number > 99:
        raise ValueError("The course already has 100 lessons (00-99); no number is left.")
    nn = f"{number:02d}"
    notebook = base / "notebooks" / f"{nn}-{slug(title)}.ipynb"
    if notebook.exists():
        raise ValueError(f"{notebook.name} already exists.")
    test_file = base / "tests" / name / f"test_{name}.py"
    if test_file.parent.exists():
        raise ValueError(f"tests/{name}/ already exists; choose another name.")
    seed = int(f"2026{int(hashlib.sha256(name.encode()).hexdigest()[:6], 16) % 10000:04d}")
    fields = {"name": name, "title": title, "nn": nn, "order": 100 + number * 10,
              "seed": seed, "today": date.today().isoformat(), "rows": 40,
              "prefix": name[:3].upper()}
    package = base / "helpers" / "precisionmed" / name
    files = {
        package / "__init__.py": INIT,
        package / "simulate.py": SIMULATE,
        package / "panels.py": PANELS,
        package / "exercises.json": _exercises_json,
        test_file: TESTS,
    }
    package.mkdir(parents=True)
    test_file.parent.mkdir(parents=True)
    written = []
    for path, template in files.items():
        text = template(fields) if callable(template) else template.format(**fields)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    nbformat.write(lesson_notebook(name, title, number), str(notebook))
    written.insert(4, notebook)
    return written


def _new_report(written: list[Path], root: Path) -> str:
    """What ``new`` prints: the files to edit by hand, how to undo it, and the next command."""
    lines = [f"Created {len(written)} files to edit by hand (every placeholder says TODO):"]
    lines += [f"  {p.relative_to(root).as_posix()}" for p in written]
    undo: list[str] = []  # the two new folders (topic package, tests/<name>/) and the notebook
    for path in written:
        rel = path.relative_to(root)
        folder = rel.parent.as_posix()
        item = rel.as_posix() if folder == "notebooks" else f"{folder}/"
        if item not in undo:
            undo.append(item)
    lines += [f"To undo before committing, delete {', '.join(undo)}."]
    lines += ["The topic registers itself (precisionmed.topics); nothing else to register.",
              "Also write the lesson's section in docs/instructor-guide.md ('### NN · Title') "
              "and any new glossary terms.",
              "Next: python -m precisionmed.course refresh   (datasets, lesson run, map, "
              "answer key)"]
    return "\n".join(lines)


# --- refresh -----------------------------------------------------------------------------

def _lesson_topics(nb: Any, meta: dict[str, Any], topics: list[str]) -> list[str]:
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    named = set(re.findall(r"precisionmed\.(\w+)", code))
    for group in re.findall(r"from precisionmed import ([\w ,()]+)", code):
        named.update(w.strip("() ") for w in group.split(","))
    named.update(str(d).split("/")[0] for d in meta.get("datasets", []))
    return sorted(named & set(topics))


def lesson_digest(path: Path, root: Path | None = None) -> str:
    """SHA-256 of a lesson's inputs (the rule is in the module docstring)."""
    import nbformat

    from precisionmed.topics import topic_names

    base = _root(root)
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"No lesson notebook at {path}.")
    nb = nbformat.read(str(path), as_version=4)
    meta = nb.metadata.get("workbook", {})
    digest = hashlib.sha256()
    cells = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in nb.cells
             if "navigation" not in c.metadata.get("tags", [])]
    digest.update(json.dumps([cells, meta], sort_keys=True, default=str).encode("utf-8"))
    package = base / "helpers" / "precisionmed"
    for topic in _lesson_topics(nb, meta, topic_names()):
        for file in sorted([*(package / topic).rglob("*.py"),
                            *(package / topic).rglob("*.json")]):
            digest.update(file.relative_to(package).as_posix().encode() + file.read_bytes())
    datasets = base / "datasets"
    for name in sorted(str(d) for d in meta.get("datasets", [])):
        stem = datasets / name
        for file in sorted(stem.parent.glob(f"{stem.name}.*")):
            digest.update(file.relative_to(datasets).as_posix().encode() + file.read_bytes())
    return digest.hexdigest()


def stale_lessons(root: Path | None = None, everything: bool = False) -> list[Path]:
    """The lessons whose input digest differs from the one recorded at their last refresh."""
    from precisionmed.course import lesson_paths

    base = _root(root)
    record = _read_record(base)
    return [p for p in lesson_paths(base)
            if everything or record.get(p.name) != lesson_digest(p, base)]


def _read_record(base: Path) -> dict[str, str]:
    path = base / RECORD
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def refresh(root: Path | None = None, dry_run: bool = False, everything: bool = False) -> list[str]:
    """Bring the course up to date; return (and print) one line per step done or planned.

    Steps, in order: rebuild the datasets, execute the stale lessons (:func:`stale_lessons`)
    and record their digests, rewrite the course map, schedules and navigation, write the
    answer key. With ``dry_run`` nothing is written and the lines say what would be done.
    """
    if not isinstance(dry_run, bool) or not isinstance(everything, bool):
        raise TypeError("dry_run and everything must be True or False.")
    base = _root(root)
    would = "would " if dry_run else ""
    lines: list[str] = []

    def say(text: str) -> None:
        lines.append(text)
        print(text, flush=True)

    if dry_run:
        say("would rebuild datasets/ (python -m precisionmed.datasets build)")
    else:
        from precisionmed import datasets

        t0 = time.perf_counter()
        datasets.build(progress=False)
        say(f"rebuilt datasets/ ({time.perf_counter() - t0:.1f} s)")
    stale = stale_lessons(base, everything)
    if not stale:
        say("no lesson's inputs changed: nothing to execute")
    record = _read_record(base)
    for path in stale:
        if dry_run:
            say(f"would execute notebooks/{path.name} (inputs changed since its last refresh)")
            continue
        from precisionmed.course import execute

        t0 = time.perf_counter()
        execute(path)
        record[path.name] = lesson_digest(path, base)
        (base / RECORD).parent.mkdir(parents=True, exist_ok=True)
        (base / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")
        say(f"executed notebooks/{path.name} ({time.perf_counter() - t0:.1f} s)")
    if not dry_run:
        from precisionmed.course import update_instructor_guide, update_navigation, update_readme

        update_readme()
        update_instructor_guide()
        update_navigation()
        from precisionmed.check import main as check_main

        check_main(["answer-key"])
    say(f"{would}rewrite the course map, schedules and navigation (python -m "
        "precisionmed.course map)" if dry_run
        else "rewrote the course map, schedules and navigation")
    say(f"{would}write the answer key (python -m precisionmed.check answer-key)"
        if dry_run else "wrote the answer key")
    return lines
