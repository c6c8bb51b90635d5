"""Lesson 09 — Your genome is not anonymous: self-checked exercises and multiple choice."""

from __future__ import annotations

from precisionmed.check import read_items

#: The research record the linkage exercise asks about (the answer key marks it).
LINKAGE_RECORD = "R-0284"


def _linked_name() -> str:
    """The name behind :data:`LINKAGE_RECORD`, read from ``privacy/linkage_answer_key``."""
    from precisionmed import data

    key = data.load("privacy/linkage_answer_key")
    row = key[key["record_id"] == LINKAGE_RECORD].iloc[0]
    return str(row["name"])


def _k_decade_no_zip() -> float:
    from precisionmed import data
    from precisionmed import privacy as pv

    coarse = pv.coarsen(data.load("privacy/research"), birth="decade", zip_code="none")
    return float(pv.k_anonymity(coarse, ["zip", "birth", "sex"]))


def _snps_8_billion() -> float:
    from precisionmed import privacy as pv

    return float(pv.snps_to_be_unique(0.5, 8_000_000_000))


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
