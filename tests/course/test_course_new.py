"""A new lesson is one command: ``course new`` in a copy of the repository, then ``refresh``.

Everything that writes runs in a temporary copy of the tracked files (never in the
repository itself), through a subprocess whose ``precisionmed`` is the copy's.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from precisionmed import scaffold

ROOT = Path(__file__).resolve().parents[2]
IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "build"}


@pytest.mark.parametrize("name", ["Demo", "de", "demo-x", "demo_x", "1demo", "with space",
                                  "a" * 21, "", "class", "knowledge"])
def test_bad_names_are_refused_kindly(name: str) -> None:
    with pytest.raises(ValueError, match="name|reserved"):
        scaffold.validate_name(name)


@pytest.mark.parametrize("name", ["risk", "pgx", "widgets", "check", "warfarin", "core",
                                  "answers", "browser"])
def test_taken_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="already|reserved"):
        scaffold.validate_name(name)


def test_name_must_be_text() -> None:
    with pytest.raises(TypeError, match="must be text"):
        scaffold.validate_name(3)


@pytest.mark.parametrize("title", [None, "", "   ", "ab", "x" * 101, "two\nlines", "123",
                                   'say "hi"', "a {brace}"])
def test_bad_titles_are_refused_kindly(title: object) -> None:
    with pytest.raises(ValueError, match="title"):
        scaffold.validate_title(title)


def test_good_name_title_and_slug() -> None:
    assert scaffold.validate_name("vaccines") == "vaccines"
    assert scaffold.validate_title("  Genes and vaccines ") == "Genes and vaccines"
    assert scaffold.slug("Who is in the data?") == "who-is-in-the-data"


def _copy_repo(target: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / rel)


def _snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file() and not IGNORED_PARTS & set(p.relative_to(root).parts)}


def _run(copy: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(copy / "helpers"),
           "PRECISIONMED_DATASETS": str(copy / "datasets"), "MPLBACKEND": "Agg",
           "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, *args], cwd=copy, env=env, capture_output=True,
                         text=True, timeout=120)
    if check:
        assert out.returncode == 0, out.stdout + out.stderr
    return out


PROBE = r"""
import sys, tempfile
from pathlib import Path
from precisionmed import check, course, datasets, topics
from precisionmed.demo.panels import example_panel
from precisionmed.demo import simulate
import precisionmed
assert Path(precisionmed.__file__).resolve().parents[2] == Path.cwd().resolve()
assert "demo" in topics.topic_names()
assert "demo" in datasets.simulators()
with tempfile.TemporaryDirectory() as out:
    written = simulate.build(Path(out))
    assert [p.name for p in written] == ["example.csv", "example.schema.json"], written
assert {"demo-1", "demo-2", "demo-3"} <= set(check.exercises())
assert "demo-mc1" in check.questions()
check.exercise("demo-1", 20)  # prints "Correct! ..."
box = example_panel()
before = box.view.png
box.controls["risk"].value = 0.4
assert box.view.png != before and box.result == 40.0
print("lesson", course.lesson_metadata(course.lesson_paths()[-1])["title"])
"""


def test_course_new_makes_a_discovered_lesson_in_a_copy(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    _copy_repo(copy)
    before = _snapshot(copy)
    last = sorted((copy / "notebooks").glob("[0-9][0-9]-*.ipynb"))[-1]
    number = f"{int(last.name[:2]) + 1:02d}"

    out = _run(copy, "-m", "precisionmed.course", "new", "demo", "--title",
               "A placeholder lesson").stdout
    listed = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    notebook = f"notebooks/{number}-a-placeholder-lesson.ipynb"
    assert listed == ["helpers/precisionmed/demo/__init__.py",
                      "helpers/precisionmed/demo/simulate.py",
                      "helpers/precisionmed/demo/panels.py",
                      "helpers/precisionmed/demo/exercises.json", notebook,
                      "tests/demo/test_demo.py"], out
    # six files in exactly three places: the topic package, the notebook, the topic's tests
    assert {Path(p).parent.as_posix() for p in listed} == {
        "helpers/precisionmed/demo", "notebooks", "tests/demo"}
    undo = f"To undo before committing, delete helpers/precisionmed/demo/, {notebook}, tests/demo/."
    assert undo in out.splitlines(), out
    assert "course refresh" in out
    created = set(_snapshot(copy)) - set(before)
    assert created == set(listed), "new writes only the files it lists"
    exercises = json.loads((copy / "helpers/precisionmed/demo/exercises.json")
                           .read_text(encoding="utf-8"))
    assert exercises["lesson"].startswith(f"Lesson {number} — A placeholder lesson")
    assert set(exercises["exercises"]) == {"demo-1", "demo-2", "demo-3"}
    assert "TODO" in (copy / notebook).read_text(encoding="utf-8")

    # The same name again, and a bad one, are refused without writing anything.
    again = _run(copy, "-m", "precisionmed.course", "new", "demo", "--title", "Again",
                 check=False)
    assert again.returncode == 2 and "already" in again.stderr
    assert _run(copy, "-m", "precisionmed.course", "new", "No", "--title", "Abc",
                check=False).returncode == 2

    # Discovered by the registry, the dataset build and the checker; the panel works.
    probe = _run(copy, "-c", PROBE).stdout
    assert "Correct!" in probe and "lesson A placeholder lesson" in probe

    # The lesson passes the structural content checks every lesson must pass ...
    common = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts="]
    content = _run(copy, *common, "tests/course/test_content.py", "-k",
                   f"{number} and (banner or three_exercises or relative_links or alt_text)",
                   check=False)
    assert content.returncode == 0 and "4 passed" in content.stdout, content.stdout
    # ... but its generated tests fail until they are written.
    stubs = _run(copy, *common, "tests/demo/test_demo.py", check=False)
    assert stubs.returncode == 1 and "4 failed" in stubs.stdout and "TODO" in stubs.stdout

    plan = _run(copy, "-m", "precisionmed.course", "refresh", "--dry-run").stdout
    assert f"would execute {notebook}" in plan
    assert plan.splitlines()[0].startswith("would rebuild datasets")
    assert "would write the answer key" in plan.splitlines()[-1]

    # Undone as the printed line says: the two folders and the notebook.
    shutil.rmtree(copy / "helpers/precisionmed/demo")
    (copy / notebook).unlink()
    shutil.rmtree(copy / "tests/demo")
    assert _snapshot(copy) == before
