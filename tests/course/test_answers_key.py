"""docs/answer-key.md: generated from the exercise definitions, so it cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from precisionmed import check
from precisionmed.course import lesson_metadata, lesson_paths

ROOT = Path(__file__).resolve().parents[2]
KEY = ROOT / "docs" / "answer-key.md"


def _lessons() -> dict[str, str]:
    return {p.name[:2]: lesson_metadata(p)["title"] for p in lesson_paths(ROOT)}


def test_answer_key_is_current() -> None:
    expected = check.answer_key_markdown(_lessons())
    assert KEY.read_text(encoding="utf-8") == expected, (
        "docs/answer-key.md is out of date: run python -m precisionmed.check answer-key")


def _section(text: str, key: str) -> str:
    match = re.search(rf"^### `{re.escape(key)}`.*?(?=^### |^## |\Z)", text, flags=re.M | re.S)
    assert match, f"{key} is missing from the answer key"
    return match.group(0)


def test_every_exercise_and_question_of_a_taught_lesson_is_in_the_key() -> None:
    text = KEY.read_text(encoding="utf-8")
    taught = set(_lessons())
    for number in taught:
        assert re.search(rf"^## {number} · ", text, flags=re.M), number
    checked = 0
    for key, item in check.exercises().items():
        section = _section(text, key) if f"### `{key}`" in text else None
        if section is None:
            continue
        checked += 1
        answer = section.split("- Answer: ", 1)[1].split("\n", 1)[0]
        if item.kind == "number":
            shown = float(re.search(r"\*\*([-\d,.]+)", answer).group(1).replace(",", ""))
            assert abs(shown - float(item.expected())) <= max(item.tolerance, 0.05), key
            # what the key shows is itself accepted by the checker
            assert check.feedback(key, answer.split("**")[1]).correct, (key, answer)
        else:
            assert check.feedback(key, answer.split("**")[1]).correct, (key, answer)
        for wrong in item.wrong:
            assert f"answers “{wrong}”" in section, (key, wrong)
    assert checked >= 28
    for key, question in check.questions().items():
        if f"### `{key}`" not in text:
            continue
        section = _section(text, key)
        assert f"- Answer: **{question.correct}) " in section, key
        assert all(f"- {letter}) " in section for letter in question.feedback), key


def test_the_key_follows_a_changed_definition(monkeypatch: pytest.MonkeyPatch) -> None:
    from precisionmed.start import exercises as start

    before = check.answer_key_markdown(["00"])
    changed = dict(start.EXERCISES)
    old = changed["start-4"]
    changed["start-4"] = check.Exercise(prompt=old.prompt, kind="boolean", answer=True,
                                        hint=old.hint, explanation="Changed.")
    monkeypatch.setattr(start, "EXERCISES", changed)
    check._module_items.cache_clear()  # the items are read once per session
    try:
        after = check.answer_key_markdown(["00"])
    finally:
        monkeypatch.undo()
        check._module_items.cache_clear()
    assert after != before and "Answer: **True**" in after and "Why: Changed." in after
    assert "## 01 ·" not in after


def test_check_command_reports_a_stale_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from precisionmed import course

    (tmp_path / "docs").mkdir()
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (tmp_path / "docs" / "answer-key.md").write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(course, "project_root", lambda: tmp_path)
    assert check.main(["answer-key", "--check"]) == 1
    assert "STALE" in capsys.readouterr().out
    assert check.main(["answer-key"]) == 0
    assert check.main(["answer-key", "--check"]) == 0
    assert (tmp_path / "docs" / "answer-key.md").read_text(encoding="utf-8") == \
        KEY.read_text(encoding="utf-8")


def test_bad_lesson_list_is_refused() -> None:
    with pytest.raises(TypeError):
        check.answer_key_markdown("00")
    with pytest.raises(TypeError):
        check.answer_key_markdown([0, 1])  # type: ignore[list-item]
