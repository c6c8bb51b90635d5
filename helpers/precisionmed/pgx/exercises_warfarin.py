"""Lesson 02 — Dosing warfarin with genes."""

from __future__ import annotations

from precisionmed.check import read_items


def _overall_within20(name: str) -> float:
    from precisionmed import data
    from precisionmed.pgx import cohort_doses, within_20_summary

    patients = data.load("pgx/patients")
    key = data.load("pgx/answer_key")
    warf = patients[patients["on_warfarin"]].merge(key[["patient_id", "cyp2c9", "vkorc1"]],
                                                   on="patient_id")
    return float(within_20_summary(cohort_doses(warf)).loc["all", name])


def _pharmacogenetic_within20() -> float:
    return _overall_within20("pharmacogenetic")


#: The exercises and questions are data: exercises_warfarin.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
