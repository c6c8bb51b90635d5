"""The package's shape: topic first, a core that imports no topic, no import cycles.

Reads the import statements of every module (``ast``, nothing is imported), so a new module
that breaks the layout fails here with the offending import named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from kernelrun import fresh_python

from precisionmed import data, topics

PACKAGE = Path(__file__).resolve().parents[2] / "helpers" / "precisionmed"
#: Modules that lessons never import: they build datasets, course copies, apps and the site.
AUTHORING = {"datasets", "course", "app", "handouts", "site"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()
TOPICS = set(topics.topic_names())
TESTS = PACKAGE.parents[1] / "tests"
#: The test folders that are not a topic's: the shared core's tests and the course-wide ones.
SHARED_TEST_FOLDERS = {"core", "course"}


def _imports(path: Path) -> set[str]:
    """Every ``precisionmed`` module ``path`` imports, at any depth of the file."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names
                       if f"{node.module}.{a.name}" in MODULES)
    return {name for name in out if name.startswith("precisionmed")}


def _topic_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in TOPICS else None


def test_every_lesson_topic_is_a_sub_package_with_its_parts() -> None:
    assert {"start", "pgx", "oncology", "trials", "subtyping", "immunotherapy",
            "raredisease", "diversity", "privacy"} <= TOPICS
    assert "widgets" not in TOPICS
    for topic in TOPICS:
        assert (PACKAGE / topic / "__init__.py").is_file(), topic
        assert (PACKAGE / topic / "exercises.py").is_file(), f"{topic} has no exercises.py"
    # the old per-layer folders are gone: a topic's parts live in the topic
    assert not (PACKAGE / "simulate").exists() and not (PACKAGE / "exercises").exists()
    assert sorted(p.stem for p in (PACKAGE / "widgets").glob("*.py")) == [
        "__init__", "_layout", "answers", "controls"]


def test_topic_parts_are_found_by_file_name() -> None:
    assert "precisionmed.pgx.exercises_warfarin" in topics.part_names("exercises")
    assert "precisionmed.pgx.panels_warfarin" in topics.part_names("panels")
    assert "precisionmed.oncology.simulate" in topics.part_names("simulate")
    # oncology/panel.py is the gene panel (science), not a lesson's panels module
    assert "precisionmed.oncology.panel" not in topics.part_names("panels")
    with pytest.raises(ValueError, match="parts are simulate, panels, exercises"):
        topics.part_names("widgets")


def test_the_core_imports_no_topic() -> None:
    offenders = []
    for module, path in MODULES.items():
        if _topic_of(module) or module.split(".")[-1] in AUTHORING:
            continue
        offenders += [f"{module} imports {imp}" for imp in _imports(path) if _topic_of(imp)]
    assert offenders == []


def test_no_topic_reaches_into_another_topics_modules() -> None:
    """A topic may use another topic's public names (its package), never its modules."""
    offenders = []
    for module, path in MODULES.items():
        own = _topic_of(module)
        if own is None:
            continue
        for imp in _imports(path):
            other = _topic_of(imp)
            if other and other != own and imp != f"precisionmed.{other}":
                offenders.append(f"{module} imports {imp}")
    assert offenders == []


def test_topics_do_not_depend_on_each_other_in_a_cycle() -> None:
    graph: dict[str, set[str]] = {t: set() for t in TOPICS}
    for module, path in MODULES.items():
        own = _topic_of(module)
        if own:
            graph[own] |= {t for imp in _imports(path) if (t := _topic_of(imp)) and t != own}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
                   for nxt in graph[start])

    assert [t for t in sorted(TOPICS) if reaches(t, t, {t})] == []


def test_lessons_never_import_the_authoring_tools() -> None:
    for notebook in sorted((PACKAGE.parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        text = notebook.read_text(encoding="utf-8")
        for name in AUTHORING:
            assert f"precisionmed.{name}" not in text and f"import {name}\\n" not in text, \
                (notebook.name, name)


def test_recurring_patients_are_one_curated_table_read_by_every_simulator() -> None:
    people = data.recurring_patients()
    assert [p["name"] for p in people] == ["Amara", "Wei", "Rosa", "Daniel", "Priya"]
    rosa = next(p for p in people if p["patient_id"] == "PM-003")
    assert (rosa["cyp2c9"], rosa["vkorc1"], rosa["tumour_type"]) == ("*1/*2", "G/A", "")
    assert isinstance(rosa["age_years"], int) and rosa["age_years"] == 71
    assert "curated by hand" in data.schema("patients/recurring")["made_by"]
    # no simulator carries its own copy of them any more
    for module in topics.part_names("simulate"):
        text = MODULES[module].read_text(encoding="utf-8")
        assert '"name": "Amara"' not in text, module


def test_checking_an_answer_imports_only_its_own_topic() -> None:
    """A lesson-00 answer check must not load every topic (scikit-learn, lifelines, ...)."""
    code = ("import sys; from precisionmed import check; check.exercise('start-1', ...); "
            "print(sorted({m.split('.')[1] for m in sys.modules "
            "if m.startswith('precisionmed.') and m.count('.') >= 1}), "
            "'sklearn' in sys.modules, 'lifelines' in sys.modules)")
    out = fresh_python(code).strip().splitlines()[-1]
    assert out == "['check', 'start', 'topics'] False False", out
    # an unknown key still gets a "did you mean" hint from every topic's keys
    from precisionmed import check
    with pytest.raises(ValueError, match="Did you mean 'subtyping-"):
        check.exercise("subtyping-l", 1)


def test_every_exercise_key_starts_with_its_topic_or_lesson_name() -> None:
    """One short name everywhere: ``pgx/exercises.py`` holds ``pgx-…``,
    ``pgx/exercises_warfarin.py`` holds ``warfarin-…``."""
    wrong = []
    for module in topics.part_names("exercises"):
        topic, stem = module.split(".")[1:]
        name = stem.removeprefix("exercises_") if "_" in stem else topic
        keys = topics.item_keys(module)
        assert keys, f"{module}'s data file defines no keys"
        wrong += [f"{module}: {k}" for k in keys if not k.startswith(f"{name}-")]
    assert wrong == []


def test_tests_sit_in_one_folder_per_topic_with_unique_file_names() -> None:
    """``tests/<topic>/`` for each topic, ``tests/core/`` and ``tests/course/``; the shared
    helpers stay at ``tests/``. No ``__init__.py``: pytest imports each test file by its
    name, so a name may be used once."""
    files = sorted(TESTS.rglob("test_*.py"))
    misplaced = [p.relative_to(TESTS).as_posix() for p in files if p.parent.parent != TESTS]
    assert misplaced == [], "test files go exactly one folder below tests/"
    folders = {p.parent.name for p in files}
    assert folders - TOPICS - SHARED_TEST_FOLDERS == set(), "a test folder that is no topic"
    assert TOPICS - folders == set(), "a topic without its tests/<topic>/ folder"
    names = [p.name for p in files]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    assert list(TESTS.rglob("__init__.py")) == []
