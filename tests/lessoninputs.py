"""Inputs the lessons build in their own cells, built the same way for tests (one copy)."""

from __future__ import annotations

import pandas as pd

from precisionmed import data, pgx


def warfarin_doses() -> pd.DataFrame:
    """Lesson 02's cohort: the simulated people on warfarin with their genotypes, dosed by
    ``pgx.cohort_doses`` (the lesson's setup cell and its dosing cell)."""
    patients = data.load("pgx/patients")
    key = data.load("pgx/answer_key")
    cohort = patients[patients["on_warfarin"]].merge(key[["patient_id", "cyp2c9", "vkorc1"]],
                                                     on="patient_id")
    return pgx.cohort_doses(cohort)
