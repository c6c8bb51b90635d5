"""Lesson 07's families: load a case and its trio, ready for the filter funnel."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from precisionmed.raredisease.variants import TrioFunnel


def case_ids() -> list[str]:
    """The identifiers of the simulated families (RD-01 …)."""
    from precisionmed import data

    return list(data.load("raredisease/cases")["case_id"])


@lru_cache(maxsize=8)
def _load(case_id: str) -> tuple[pd.Series, TrioFunnel]:
    from precisionmed import data

    cases = data.load("raredisease/cases")
    rows = cases[cases["case_id"] == case_id]
    if rows.empty:
        raise ValueError(f"Unknown case {case_id!r:.20}; cases are "
                         f"{', '.join(cases['case_id'])}.")
    case = rows.iloc[0]
    if case["stored"] == "whole exome":
        trio = data.load("raredisease/trio_exome")
        not_stored = (0, 0)
    else:
        variants = data.load("raredisease/case_variants")
        trio = variants[variants["case_id"] == case_id].drop(columns="case_id")
        not_stored = (int(case["not_stored"]), int(case["not_stored_pass"]))
    return case, TrioFunnel(trio, str(case["sex"]), not_stored)


def _checked(case_id: object) -> str:
    if not isinstance(case_id, str):
        raise TypeError(f"case_id must be text such as 'RD-02', got {type(case_id).__name__}.")
    return case_id.strip().upper()


def case_funnel(case_id: str) -> TrioFunnel:
    """The prepared funnel of one family (its stored variants plus counts of the rest)."""
    return _load(_checked(case_id))[1]


def case_info(case_id: str) -> pd.Series:
    """One family's row of ``raredisease/cases`` (child, sex, features, counts)."""
    return _load(_checked(case_id))[0].copy()


def case_terms(case_id: str) -> list[str]:
    """The HPO terms recorded for a family's child."""
    return str(case_info(case_id)["hpo_terms"]).split(";")


def case_trio(case_id: str) -> pd.DataFrame:
    """A copy of the family's stored trio table (the child's variants)."""
    return case_funnel(case_id).child.copy()
