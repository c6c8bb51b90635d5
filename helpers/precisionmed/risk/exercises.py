"""Lesson 10 — Genes, records, lifestyle and wearables together: exercises and questions."""

from __future__ import annotations

from precisionmed.check import read_items


def _joined_people() -> float:
    from precisionmed.risk.integrate import integrate_stored

    return float(len(integrate_stored().table))


def _peter_not_smoking() -> float:
    from precisionmed.risk.panels import icon_view

    return float(icon_view("Peter", "polygenic score + FH result", False, 4000, 100).now)


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
