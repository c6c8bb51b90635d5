"""Lesson 06 — Cancer immunotherapy: self-checked exercises and multiple-choice questions."""

from __future__ import annotations

from precisionmed.check import read_items


def _priya_tmb() -> float:
    from precisionmed import data

    tumours = data.load("immunotherapy/tumours")
    row = tumours[tumours["patient_id"] == "PM-005"].iloc[0]
    return float(row["mutations_counted"]) / float(row["panel_mb"])


def _treated_response_rate_at_10() -> float:
    from precisionmed import data

    trial = data.load("immunotherapy/basket_trial")
    treated = trial[trial["tmb"] >= 10]
    return 100.0 * float(treated["responded"].mean())


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
