"""Lesson 07 — Finding the one variant: self-checked exercises and multiple-choice questions."""

from __future__ import annotations

from precisionmed.check import read_items


def _rare_at_01_percent() -> float:
    from precisionmed.raredisease.cases import case_funnel

    return float(case_funnel("RD-01").run(0.001, "de novo").counts[2])


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
