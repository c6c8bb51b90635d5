"""The learner build of every lesson: solutions folded away and never run, links work from
the built copy, and the Binder links open it. (The browser test runs the learner copy top to
bottom and checks that it runs cleanly and hands no answer back.)"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from buildcheck import check_build

from precisionmed import course

LESSONS = course.lesson_paths()
#: What a self-check prints for a right answer (precisionmed.check); every solution prints it.
CORRECT = "Correct!"


def _solutions(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if course.SOLUTION_TAG in c.metadata.get("tags", [])]


def _output_text(cell: nbformat.NotebookNode) -> str:
    return json.dumps(cell.get("outputs", []), ensure_ascii=False)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_learner_build_folds_the_solutions_away(lesson: Path, tmp_path: Path) -> None:
    source = nbformat.read(str(lesson), as_version=4)
    originals = _solutions(source)
    # In the instructor source every solution's stored output carries the feedback text, so
    # the check below looks for the right words.
    assert [CORRECT in _output_text(c) for c in originals] == [True] * len(originals)
    nb = check_build(lesson, "learner", tmp_path)
    folded = _solutions(nb)
    assert len(folded) == len(originals) >= 3
    for cell, original in zip(folded, originals, strict=True):
        assert cell.cell_type == "markdown", "a folded solution must not be runnable code"
        assert cell.source.startswith("<details>\n<summary>")
        assert course.SOLUTION_SUMMARY in cell.source and "<details open" not in cell.source
        assert f"```python\n{original.source.rstrip()}\n```" in cell.source
        assert cell.source.rstrip().endswith("</details>")
    assert not [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    assert nb.metadata["workbook_build"] == "learner"


def test_folded_solution_survives_code_with_backticks() -> None:
    text = course.folded_solution('print("```")\n')
    assert text.count("````python") == 1 and "\n````\n" in text
    with pytest.raises(TypeError, match="code"):
        course.folded_solution(None)


def test_learner_copy_links_resolve_from_the_built_folder(tmp_path: Path) -> None:
    written = course.build("learner", tmp_path, progress=False)
    checked = 0
    for path in written:
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for target in re.findall(r"\]\(([^)\s]+)\)", cell.source):
                if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                    continue
                file = (path.parent / target.split("#", 1)[0]).resolve()
                assert file.is_file(), f"{path.name}: link {target} is broken in the copy"
                assert tmp_path.resolve() in file.parents, f"{target} leaves the built copy"
                checked += 1
    assert checked >= 20, "expected glossary, course-map and lesson links in the lessons"
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        assert f"](notebooks/{lesson.name})" in readme  # the course map opens the built copies


def test_keep_edits_never_overwrites_a_learners_work(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    for lesson in LESSONS[:2]:
        shutil.copyfile(lesson, project / "notebooks" / lesson.name)
    out = tmp_path / "copy"
    first, second = (out / "notebooks" / p.name for p in LESSONS[:2])
    course.build("learner", out, root=project, progress=False, keep_edits=True)
    mine = first.read_text(encoding="utf-8").replace("my_answer = ...", "my_answer = 14", 1)
    assert mine != first.read_text(encoding="utf-8")
    first.write_text(mine, encoding="utf-8")
    for lesson in LESSONS[:2]:  # the course changes: both lessons get a new first cell
        nb = nbformat.read(str(project / "notebooks" / lesson.name), as_version=4)
        nb.cells.insert(0, nbformat.v4.new_markdown_cell("Updated lesson"))
        nbformat.write(nb, str(project / "notebooks" / lesson.name))
    course.build("learner", out, root=project, progress=False, keep_edits=True)
    assert first.read_text(encoding="utf-8") == mine, "the learner's edited lesson was replaced"
    assert "Updated lesson" in second.read_text(encoding="utf-8"), "an untouched copy is updated"
    course.build("learner", out, root=project, progress=False)  # without keep_edits: fresh
    assert "Updated lesson" in first.read_text(encoding="utf-8")


def test_badge_and_every_course_map_link_open_the_learner_copy(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"https://mybinder\.org/v2/gh/[^)\s]+", readme)
    assert len(links) == len(LESSONS) + 1, "the badge plus one link per lesson"
    for link in links:
        assert re.search(r"\?urlpath=lab/tree/build/learner/notebooks/\d\d-[\w-]+\.ipynb$", link)
    badge = re.search(r"\[!\[[^\]]+\]\(https://mybinder\.org/badge_logo\.svg\)\]\(([^)]+)\)",
                      readme)
    assert badge and badge.group(1) == course.binder_url("notebooks/00-start-here.ipynb")
    assert badge.group(1).endswith("lab/tree/build/learner/notebooks/00-start-here.ipynb")
    for lesson in LESSONS:
        assert f"[launch]({course.binder_url(f'notebooks/{lesson.name}')})" in readme
    assert course.LEARNER_COPY == "build/learner"


def test_binder_url_can_open_the_source_and_refuses_bad_paths() -> None:
    assert course.binder_url("notebooks/00-start-here.ipynb", learner_copy=False).endswith(
        "?urlpath=lab/tree/notebooks/00-start-here.ipynb")
    with pytest.raises(ValueError, match="notebooks/"):
        course.binder_url("elsewhere/00-start-here.ipynb")
    with pytest.raises(TypeError, match="learner_copy"):
        course.binder_url("notebooks/00-start-here.ipynb", learner_copy="yes")


def test_instructor_build_is_the_source(tmp_path: Path) -> None:
    written = course.build("instructor", tmp_path, progress=False)
    assert [p.name for p in written] == [p.name for p in LESSONS]
    source = nbformat.read(str(LESSONS[0]), as_version=4)
    built = nbformat.read(str(written[0]), as_version=4)
    assert built.cells == source.cells


@pytest.mark.parametrize("target", ["learner", "classroom"])
def test_learner_and_classroom_builds_leave_the_answer_key_out(target: str,
                                                               tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "answer-key.md").write_text("stale copy from an older build")
    course.build(target, tmp_path, progress=False)
    assert (tmp_path / "docs" / "glossary.md").is_file()
    assert not (tmp_path / "docs" / "answer-key.md").exists()
    assert not (tmp_path / "docs" / "instructor-guide.md").exists()


def test_instructor_build_keeps_the_answer_key(tmp_path: Path) -> None:
    course.build("instructor", tmp_path, progress=False)
    assert (tmp_path / "docs" / "answer-key.md").is_file()
    assert (tmp_path / "docs" / "instructor-guide.md").is_file()


def test_unknown_build_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="learner, classroom, instructor"):
        course.build_notebook(nbformat.v4.new_notebook(), "student")
    with pytest.raises(ValueError, match="learner, classroom, instructor"):
        course.build("student", tmp_path, progress=False)
    assert not list(tmp_path.iterdir()), "a refused build must write nothing"
