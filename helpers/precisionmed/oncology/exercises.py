"""Lesson 03 — Reading a tumour's DNA."""

from __future__ import annotations

from precisionmed.check import read_items


def _wei_egfr_vaf() -> float:
    from precisionmed import data

    calls = data.load("oncology/maf")
    row = calls[(calls["patient_id"] == "PM-002") & (calls["gene"] == "EGFR")
                & (calls["alteration"] == "L858R")].iloc[0]
    return float(row["t_alt_count"] / row["t_depth"])


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
