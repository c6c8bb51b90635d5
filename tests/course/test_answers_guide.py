"""The instructor guide one can teach from: every lesson has its notes, and the answers it
quotes are the ones the checker accepts (so the guide cannot drift from the exercises)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from precisionmed import check
from precisionmed.course import SCHEDULE_END, SCHEDULE_START

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
SETUP = (ROOT / "docs" / "learner-setup.md").read_text(encoding="utf-8")
TAUGHT = ["00", "01", "02", "03", "04", "05"]


def _lesson(number: str) -> str:
    match = re.search(rf"^### {number} · .*?(?=^### |^## |\Z)", GUIDE, flags=re.M | re.S)
    assert match, f"the guide has no section for lesson {number}"
    return match.group(0)


@pytest.mark.parametrize("number", TAUGHT)
def test_every_lesson_has_teaching_notes(number: str) -> None:
    section = _lesson(number)
    for part in ("**Demo live**", "**Where learners get stuck**", "**Common questions**",
                 "**Discuss**"):
        assert part in section, (number, part)
    assert re.search(r"\(\d+ min \+ \d+ buffer\)", section.splitlines()[0]), number


def test_every_exercise_of_the_taught_lessons_is_covered_with_an_accepted_answer() -> None:
    quoted = dict(re.findall(r"\(`([a-z]+-\d+)`\):(?:(?!\*\*).)*?\*\*([^*]+)\*\*", GUIDE,
                             flags=re.S))
    keys = [k for k in check.exercises() if k.split("-")[0] in
            {"start", "pgx", "warfarin", "tumour", "trials", "subtype"}]
    assert set(keys) <= set(quoted), set(keys) - set(quoted)
    for key in keys:
        answer = quoted[key].removeprefix("the ").removeprefix("k = ")
        answer = re.sub(r"^about ", "", answer)
        fb = check.feedback(key, answer)
        assert fb.correct, (key, quoted[key], fb.message)


def test_the_common_questions_asked_for_are_answered() -> None:
    warfarin = _lesson("02")
    assert "13.1 mg/week" in warfarin and "AFR" in warfarin
    assert "Is my DNA test like this?" in GUIDE


def test_sensitive_topics_and_timings() -> None:
    assert "## Sensitive topics" in GUIDE
    for topic in ("**Cancer.**", "**Deaths in trials.**", "**Race and ancestry.**",
                  "**Personal medical questions**"):
        assert topic in GUIDE, topic
    assert GUIDE.count(SCHEDULE_START) == 1 and GUIDE.count(SCHEDULE_END) == 1
    after = GUIDE.split(SCHEDULE_END, 1)[1]
    assert "Set-up, first session" in after and "Buffer, each lesson" in after


def test_learner_setup_names_binder_timeout_and_locked_down_computers() -> None:
    assert "10 minutes" in SETUP and "not saved" in SETUP and "Download" in SETUP
    assert "Chromebook" in SETUP and "library" in SETUP.lower()
