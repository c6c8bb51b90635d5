"""Lesson 01 — Same drug, different bodies (pharmacogenomics)."""

from __future__ import annotations

from precisionmed.check import read_items


def _eas_cyp2c19_poor_percent() -> float:
    from precisionmed import data
    from precisionmed.pgx import phenotype

    key = data.load("pgx/answer_key")
    eas = key[key["population"] == "EAS"]
    phen = eas["cyp2c19"].map(lambda d: phenotype("CYP2C19", d))
    return float((phen == "Poor Metabolizer").mean() * 100)


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
