"""Lesson 04 — Does it work? Trials and resistance."""

from __future__ import annotations

from precisionmed.check import read_items


def _flaura_drug_median() -> float:
    from precisionmed import trials

    return trials.median_months(trials.simulate_pivotal("FLAURA"), trials.DRUG)


def _expected_hr_20_percent() -> float:
    from precisionmed import trials

    return trials.expected_hazard_ratio(0.20, 0.45)


def _lead_time() -> float:
    from precisionmed import trials

    lead = trials.simulate_resistance().lead_time
    if lead is None:  # pragma: no cover - the default settings always relapse
        raise ValueError("The default resistance model found no lead time.")
    return float(lead)



def _flaura_screening() -> float:
    """FLAURA's size divided by European EGFR prevalence, both from the knowledge tables."""
    from precisionmed import data

    trials = data.load("knowledge/trial_randomised").set_index("trial")
    prevalence = data.load("knowledge/onc_prevalence")
    europe = prevalence[(prevalence["biomarker"] == "EGFR sensitising mutation")
                        & (prevalence["cancer_type"] == "lung")
                        & (prevalence["population"] == "Europe")]
    return float(trials.loc["FLAURA", "n_patients"]) / float(europe["prevalence"].iloc[0])


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
