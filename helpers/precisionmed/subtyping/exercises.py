"""Lesson 05 — When 'breast cancer' is several diseases (molecular subtyping)."""

from __future__ import annotations

from functools import lru_cache

from precisionmed.check import read_items


def _corrected_classification():  # type: ignore[no-untyped-def]
    # Two answers need it: classify once per version of the expression file (callers only
    # read the table).
    from precisionmed import data
    from precisionmed.subtyping.cohort import EXPRESSION

    path = data.path(EXPRESSION)
    return _classification(str(path), path.stat().st_mtime)


@lru_cache(maxsize=1)
def _classification(path: str, mtime: float):  # type: ignore[no-untyped-def]
    from precisionmed import subtyping as st

    expression = st.load_expression()
    labs = st.load_clinical().loc[expression.index, "lab"]
    return st.classify_pam50(st.centre_within_batches(expression, labs))


def _pam50_agreement_percent() -> float:
    from precisionmed import subtyping as st

    calls = _corrected_classification()
    truth = st.load_answer_key().loc[calls.index]
    return st.percent_agreement(truth, calls["subtype"])


def _her2_positive_share_her2_enriched() -> float:
    from precisionmed import subtyping as st

    calls = _corrected_classification()
    clinic = st.load_clinical().loc[calls.index]
    positive = clinic["her2_status"] == "positive"
    return float((calls.loc[positive, "subtype"] == "HER2-enriched").mean() * 100)


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
