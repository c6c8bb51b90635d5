"""Lesson 08 — Who is in the data decides who benefits: exercises and multiple-choice questions."""

from __future__ import annotations

from precisionmed.check import read_items


def _gap_at_zero() -> float:
    from precisionmed.diversity.panels import mix_result

    return round(mix_result(0.0).ratio(), 1)


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
