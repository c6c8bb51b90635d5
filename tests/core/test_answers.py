"""Answers a non-coder can type: every exercise, fed what people really type.

For each exercise: the right answer in three spellings, a typo, a fraction/percentage mix-up
(or, for word answers, a number where words are asked), a unit, a Python-syntax slip, and
every known misconception — each checked for the *named* hint it gets (``Feedback.reason``).
"""

from __future__ import annotations

import pytest

from precisionmed import check

#: key -> cases. "right": three spellings that must be accepted. Every other entry is
#: (what is typed or passed, the reason its feedback must name).
CASES: dict[str, dict[str, object]] = {
    "start-1": {"right": ["14", "14%", "56/400 * 100"],
                "typo": ("l4", "unreadable-number"),
                "mixup": ("0.14", "share-for-percent"),
                "unit": ("14 per cent", "right"),
                "python": ((0, 14), "python-comma")},
    "start-2": {"right": ["33", "32.8%", "0.38*70 + 0.62*10"],
                "typo": ("3e", "extra-text"),
                "mixup": ("0.328", "share-for-percent"),
                "unit": ("33 percent", "right"),
                "python": ((32, 8), "python-comma")},
    "start-3": {"right": ["people with the marker", "Marker +", "the marker-positive patients."],
                "typo": ("marker-postive", "typo"),
                "mixup": ("38%", "number-for-words"),
                "unit": ("14 patients", "wrong"),
                "python": ('my_answer = "marker-positive"', "right")},
    "start-4": {"right": [False, "false", "No."],
                "typo": ("flase", "typo"),
                "mixup": ("0.5", "number-for-words"),
                "unit": ("50%", "number-for-words"),
                "python": ("my_answer = False", "right")},
    "pgx-1": {"right": ["Intermediate Metabolizer", "intermediate metaboliser.", "IM"],
              "typo": ("Intermedate Metabolizer.", "typo"),
              "mixup": ("50%", "number-for-words"),
              "unit": ("0.25", "number-for-words"),
              "python": ("'Intermediate Metabolizer'", "right")},
    "pgx-2": {"right": ["0.25", ".25", "0,25"],
              "typo": ("0.2S", "extra-text"),
              "mixup": ("25%", "percent-not-asked"),
              "unit": ("0.25 points", "extra-text"),
              "python": ((0, 25), "python-comma")},
    "pgx-3": {"right": [False, "avoid codeine", "no"],
              "typo": ("Fasle", "typo"),
              "mixup": ("3", "number-for-words"),
              "unit": ("3 mg", "number-for-words"),
              "python": ("my_answer = False", "right")},
    "pgx-4": {"right": ["12", "11.9%", "about 12 percent"],
              "typo": ("l2", "unreadable-number"),
              "mixup": ("0.119", "share-for-percent"),
              "unit": ("12 %", "right"),
              "python": ((11, 9), "python-comma")},
    "warfarin-1": {"right": ["41.9", "41.9 mg/week", "41,9"],
                   "typo": ("41.9 mgg", "extra-text"),
                   "mixup": ("41.9%", "percent-not-asked"),
                   "unit": ("6 mg/day", "wrong-unit"),
                   "python": ((41, 9), "python-comma")},
    "warfarin-2": {"right": ["22.8", "22.8 mg per week", "22,8"],
                   "typo": ("22.8 mgs", "extra-text"),
                   "mixup": ("22.8%", "percent-not-asked"),
                   "unit": ("3.3 mg a day", "wrong-unit"),
                   "python": ((22, 8), "python-comma")},
    "warfarin-3": {"right": ["55.9", "56%", "55,9 %"],
                   "typo": ("5S.9", "extra-text"),
                   "mixup": ("0.559", "share-for-percent"),
                   "unit": ("56 percent", "right"),
                   "python": ((55, 9), "python-comma")},
    "warfarin-4": {"right": [False, "false", "no, it cannot"],
                   "typo": ("fales", "typo"),
                   "mixup": ("8", "number-for-words"),
                   "unit": ("8%", "number-for-words"),
                   "python": ("my_answer = False", "right")},
    "oncology-1": {"right": ["0.27", "27%", "85/313"],
                 "typo": ("0.2?7", "extra-text"),
                 "mixup": ("27", "percent-for-share"),
                 "unit": ("0.27 reads", "extra-text"),
                 "python": ((0, 27), "python-comma")},
    "oncology-2": {"right": ["0.3", "30%", "0,3"],
                 "typo": ("0.3o", "extra-text"),
                 "mixup": ("30", "percent-for-share"),
                 "unit": ("0.3 reads", "extra-text"),
                 "python": ((0, 3), "python-comma")},
    "oncology-3": {"right": ["germline", "Germline.", "inherited"],
                 "typo": ("germlin", "typo"),
                 "mixup": ("49%", "number-for-words"),
                 "unit": ("0.49", "number-for-words"),
                 "python": ("'germline'", "right")},
    "oncology-4": {"right": [["cetuximab", "panitumumab"], "panitumumab, cetuximab",
                           "Cetuximab and Panitumumab."],
                 "typo": ("cetuximab, panitumamab", "typo"),
                 "mixup": ("2", "number-for-words"),
                 "unit": ("2 drugs", "number-for-words"),
                 "python": ('["cetuximab", "panitumumab"]', "right"),
                 "partly": ("cetuximab", "partly-right")},
    "oncology-5": {"right": ["osimertinib", "Osimertinib.", "Tagrisso"],
                 "typo": ("Osimertnib", "typo"),
                 "mixup": ("1", "number-for-words"),
                 "unit": ("80 mg", "number-for-words"),
                 "python": ('my_answer = "osimertinib"', "right")},
    "trials-1": {"right": ["54", "54%", "100 - 46"],
                 "typo": ("5r", "extra-text"),
                 "mixup": ("0.54", "share-for-percent"),
                 "unit": ("54 percent", "right"),
                 "python": ((0, 54), "python-comma")},
    "trials-2": {"right": ["20.2", "20 months", "20,2"],
                 "typo": ("2O", "extra-text"),
                 "mixup": ("20%", "percent-not-asked"),
                 "unit": ("87 weeks", "wrong-unit"),
                 "python": ((20, 2), "python-comma")},
    "trials-3": {"right": ["0.84", "0,84", ".84"],
                 "typo": ("0.8r", "extra-text"),
                 "mixup": ("84%", "percent-not-asked"),
                 "unit": ("0.84 HR", "extra-text"),
                 "python": ((0, 84), "python-comma")},
    "trials-4": {"right": ["3,944", "about 4,000", "556/0.141"],
                 "typo": ("3944p", "extra-text"),
                 "mixup": ("39.4", "misconception:39.4"),
                 "unit": ("3944 patients", "right"),
                 "python": ((3, 944), "python-comma"),
                 "spaced": ("4 000", "right")},
    "trials-5": {"right": ["3.2", "3.2 months", "3,2"],
                 "typo": ("3.2 monts", "extra-text"),
                 "mixup": ("3.2%", "percent-not-asked"),
                 "unit": ("14 weeks", "wrong-unit"),
                 "python": ((3, 2), "python-comma")},
    "subtyping-1": {"right": ["labs", "the lab", "batch effect"],
                  "typo": ("lbas", "typo"),
                  "mixup": ("50%", "number-for-words"),
                  "unit": ("2 labs", "wrong"),
                  "python": ("'labs'", "right")},
    "subtyping-2": {"right": ["5", "k = 5", "five"],
                  "typo": ("5t", "extra-text"),
                  "mixup": ("5%", "percent-not-asked"),
                  "unit": ("5 clusters", "right"),
                  "python": ((5, 0), "python-comma")},
    "subtyping-3": {"right": ["Luminal A", "LumA", "luminal-a."],
                  "typo": ("Lumnal A", "typo"),
                  "mixup": ("94%", "number-for-words"),
                  "unit": ("0.6", "number-for-words"),
                  "python": ('"Luminal A"', "right")},
    "subtyping-4": {"right": ["94", "94.2%", "94,2"],
                  "typo": ("9r", "extra-text"),
                  "mixup": ("565/600", "share-for-percent"),
                  "unit": ("94 percent", "right"),
                  "python": ((94, 2), "python-comma")},
    "subtyping-5": {"right": ["Luminal A, Luminal B", ["Luminal B", "Luminal A"],
                            "luminal a; luminal b."],
                  "typo": ("Lumnal A, Luminal B", "typo"),
                  "mixup": ("50%", "number-for-words"),
                  "unit": ("2", "number-for-words"),
                  "python": ('["Luminal A", "Luminal B"]', "right"),
                  "partly": ("Luminal A", "partly-right")},
    "subtyping-6": {"right": ["58.3", "58%", "56/96*100"],
                  "typo": ("5B.3", "extra-text"),
                  "mixup": ("0.583", "share-for-percent"),
                  "unit": ("58 percent", "right"),
                  "python": ((58, 3), "python-comma")},
}


#: The lessons these cases cover; exercises of lessons still being written are checked by
#: the generic tests in test_check.py until they get cases here.
LESSON_PREFIXES = ("start-", "pgx-", "warfarin-", "oncology-", "trials-", "subtyping-")


def test_every_exercise_of_the_six_lessons_has_cases() -> None:
    keys = {k for k in check.exercises() if k.startswith(LESSON_PREFIXES)}
    assert len(keys) >= 28
    assert set(CASES) == keys


@pytest.mark.parametrize("key", sorted(CASES))
def test_three_spellings_of_the_right_answer(key: str) -> None:
    spellings = CASES[key]["right"]
    assert isinstance(spellings, list) and len(spellings) >= 3
    for answer in spellings:
        fb = check.feedback(key, answer)
        assert fb.correct, (key, answer, fb.message)
        assert fb.message.startswith("Correct!")


@pytest.mark.parametrize("key,case", [(k, c) for k in sorted(CASES) for c in CASES[k]
                                      if c != "right"])
def test_each_slip_gets_its_named_hint(key: str, case: str) -> None:
    answer, reason = CASES[key][case]  # type: ignore[misc]
    fb = check.feedback(key, answer)
    assert fb.reason == reason, (key, case, answer, fb)
    assert fb.correct == (reason == "right")
    assert fb.message.strip()


@pytest.mark.parametrize("key", sorted(CASES))
def test_every_misconception_gets_its_own_feedback(key: str) -> None:
    item = check.exercises()[key]
    for wrong, message in item.wrong.items():
        fb = check.feedback(key, wrong)
        assert fb.reason == f"misconception:{wrong}", (key, wrong, fb)
        assert message in fb.message and not fb.correct


def test_typo_suggests_the_right_wording_without_accepting_it() -> None:
    fb = check.feedback("pgx-1", "Intermedate Metabolizer.")
    assert fb.status == "almost" and "did you mean “Intermediate Metabolizer”?" in fb.message
    drug = check.feedback("oncology-5", "Osimertnib")
    assert drug.status == "almost" and "osimertinib" in drug.message


def test_a_negation_is_never_read_as_a_typo() -> None:
    assert not check.feedback("start-3", "people without the marker").correct
    assert check.feedback("start-3", "not marker-positive").status == "wrong"
    assert check.feedback("start-3", "marker-negatve").reason == "misconception:marker-negative"


def test_fraction_for_percentage_says_multiply_by_100() -> None:
    fb = check.feedback("start-1", "0.14")
    assert "percentage" in fb.message and "multiply by 100" in fb.message
    assert "14" in fb.message


def test_percentage_for_share_says_divide_by_100() -> None:
    fb = check.feedback("oncology-1", "27")
    assert "divide by 100" in fb.message and "0.27" in fb.message


def test_a_rounded_answer_within_the_tolerance_names_the_exact_value() -> None:
    fb = check.feedback("trials-4", "4,000")
    assert fb.correct
    assert "3,943.3" in fb.message and "within 60" in fb.message
    assert not check.feedback("trials-4", "4,100").correct


def test_python_comma_explains_both_readings() -> None:
    fb = check.feedback("trials-4", (4, 0))
    assert fb.status == "wrong-type" and "4000, not 4,000" in fb.message
    assert "0.14, not 0,14" in fb.message


def test_decimal_comma_is_read_and_said() -> None:
    fb = check.feedback("oncology-1", "0,27")
    assert fb.correct and "decimal point" in fb.message


def test_read_number_reads_what_people_mean() -> None:
    cases = {"14%": (14.0, True, ""), "4,000": (4000.0, False, ""),
             "4 000": (4000.0, False, ""), "0,14": (0.14, False, ""),
             "about 3,943.3": (3943.3, False, ""), "41.9 mg/week": (41.9, False, "mg/week"),
             "k = 5": (5.0, False, ""), "five": (5.0, False, ""),
             "85/313": (85 / 313, False, ""), "27,2 %": (27.2, True, "")}
    for text, (value, percent, unit) in cases.items():
        got = check.read_number(text)
        assert got.value == pytest.approx(value), text
        assert (got.percent, got.unit) == (percent, unit), text
    assert check.read_number("abc").value is None
    with pytest.raises(TypeError):
        check.read_number(14)  # type: ignore[arg-type]


def test_empty_answer_and_placeholder_say_not_answered() -> None:
    for key in check.exercises():
        assert check.feedback(key, "").status == "unanswered"
        assert check.feedback(key, "   ").message == check.EMPTY_BOX
        assert check.feedback(key, ...).message == check.REPLACE_DOTS


def test_quiz_with_nothing_chosen_says_pick_an_answer_first() -> None:
    for key in check.questions():
        for nothing in (None, ...):
            fb = check.choice_feedback(key, nothing)
            assert fb.status == "unanswered"
            assert "pick an answer first" in fb.message
            assert "replace ..." not in fb.message


def test_the_quiz_button_with_nothing_chosen_says_pick_first() -> None:
    from precisionmed.widgets import quiz

    box = quiz("start-mc2")
    box.button.click()
    assert "pick an answer first" in box.feedback.value


def test_a_missing_word_is_not_completed_for_the_learner() -> None:
    partial = check.feedback("subtyping-3", "Luminal")
    assert partial.status == "wrong" and "Luminal A" not in partial.message
    assert check.feedback("pgx-1", "Metabolizer").status == "wrong"
