"""Lesson 04 — Does it work? Trials and resistance."""

from __future__ import annotations

from precisionmed.check import Exercise, Question


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

EXERCISES = {
    "trials-1": Exercise(
        prompt="FLAURA's hazard ratio was 0.46. By what percentage did osimertinib lower the "
               "risk of progression at any moment, compared with the older drugs?",
        kind="number",
        answer=54.0,
        tolerance=1.0,
        unit="%",
        example="20",
        wrong={"46": "46% is the risk that is left (0.46 of the old drugs' risk). The question "
                     "asks how much lower it is: 100% minus 46%.",
               "146": "A hazard ratio below 1 means a lower risk, not a higher one."},
        hint="A hazard ratio of 1 means the same risk; 0.46 means 46% of the risk. How much "
             "lower is that? Answer with a percentage such as 20.",
        explanation="0.46 means 46% of the control arm's risk, so the risk at any moment was "
                    "54% lower. It does not mean patients lived 54% longer.",
    ),
    "trials-2": Exercise(
        prompt="In our simulated FLAURA-like trial, what is the median time to progression on "
               "the targeted drug, in months?",
        kind="number",
        answer=_flaura_drug_median,
        tolerance=0.5,
        unit="months",
        example="12",
        wrong={"18.9": "18.9 months is the real FLAURA result. This exercise asks for our "
                       "simulated trial: read the median printed under the figure."},
        hint="Find where the blue curve crosses the dotted 50% line, or look at the medians "
             "printed under the figure. Answer with a number of months, such as 12.",
        explanation="Half the patients on the drug had progressed by then. The real FLAURA "
                    "reported 18.9 months; our simple simulation gives a little more because "
                    "it assumes the risk stays the same every month.",
    ),
    "trials-3": Exercise(
        prompt="The marker is in 20% of patients and the drug's hazard ratio in marker-positive "
               "patients is 0.45 (no effect in the others). What hazard ratio would an "
               "all-comers trial expect? Give two decimals.",
        kind="number",
        answer=_expected_hr_20_percent,
        tolerance=0.02,
        example="0.6",
        wrong={"0.45": "0.45 is the hazard ratio in marker-positive patients only. An "
                       "all-comers trial also includes the 80% whom the drug does not help "
                       "(their hazard ratio is 1).",
               "0.09": "0.2 × 0.45 leaves out the 80% of patients without the marker, whose "
                       "hazard ratio is 1."},
        hint="Set the sliders to 20% and 0.45 and read the 'expected all-comers HR', or run "
             "trials.expected_hazard_ratio(0.20, 0.45). A hazard ratio is a plain number, such "
             "as 0.6.",
        explanation="About 0.84: the strong effect in one patient in five is watered down by "
                    "the four in five whom the drug does not help. A trial this size could "
                    "easily miss it.",
    ),
    "trials-4": Exercise(
        prompt="To enrol FLAURA's 556 patients, all with an EGFR mutation, in a region where "
               "14.1% of lung cancers carry one, about how many patients must have their tumour "
               "tested?",
        kind="number",
        answer=_flaura_screening,
        tolerance=60.0,
        unit="patients",
        example="1,000",
        wrong={"78": "That multiplies 556 by 0.141. To find 556 people with the mutation you "
                     "must test more people, not fewer: divide 556 by 0.141.",
               "39.4": "That divides by 14.1 instead of by 0.141 (14.1% written as a share). "
                       "Divide 556 by 0.141."},
        hint="If 14.1 in 100 test positive, divide the patients you need by 0.141. Answer with "
             "a whole number such as 1,000; a rounded answer within 60 of the exact one counts.",
        explanation="About 3,944 tests for 556 patients (556 ÷ 0.141 = 3,943.3, rounded up: "
                    "you cannot test part of a person). Biomarker-selected trials need fewer "
                    "patients to show an effect, but many more people screened.",
    ),
    "trials-5": Exercise(
        prompt="With the resistance panel's starting settings, how many months before a scan "
               "would show growth does Wei's blood test find T790M?",
        kind="number",
        answer=_lead_time,
        tolerance=0.3,
        unit="months",
        example="2.5",
        hint="Subtract the month T790M is found in the blood from the month the scan would "
             "show growth (both printed under the panel). Answer with a number such as 2.5.",
        explanation="The blood test sees the resistant clone's DNA months before the tumour is "
                    "big enough to grow on a scan, so the drug can be switched earlier.",
    ),
}

QUESTIONS = {
    "trials-mc1": Question(
        prompt="A trial reports a hazard ratio of 0.46 for a new drug against the old one. What "
               "does that mean?",
        options={
            "a": "Patients on the new drug live 46% as long.",
            "b": "At any moment, patients on the new drug have about 46% of the risk of "
                 "progressing that patients on the old drug have.",
            "c": "46% of patients respond to the new drug.",
            "d": "The new drug works in 46% of patients and fails in the rest.",
        },
        correct="b",
        feedback={
            "a": "A hazard ratio compares risks at each moment, not lengths of life; and below "
                 "1 it favours the new drug, so patients do better, not worse.",
            "c": "That would be a response rate, a different measure (FLAURA's was 80%). A "
                 "hazard ratio compares how fast events happen in the two arms.",
            "d": "A hazard ratio describes the whole arm on average; it does not split patients "
                 "into those it works for and those it does not.",
        },
        explanation="The hazard ratio is the risk of an event (here, progression) at any moment "
                    "on the new drug divided by the risk on the old one.",
    ),
    "trials-mc2": Question(
        prompt="Wei's cancer stopped responding to his first EGFR drug, and T790M appeared in "
               "his blood. Where did the T790M cells most likely come from?",
        options={
            "a": "The drug changed the DNA of his cancer cells to make T790M.",
            "b": "A few cells with T790M were there before treatment. The drug killed the "
                 "others, and the T790M cells grew to take their place.",
            "c": "His body got used to the drug, as with a painkiller.",
            "d": "The blood test made a mistake: tumours cannot change.",
        },
        correct="b",
        feedback={
            "a": "Targeted drugs do not write mutations. Resistant cells usually exist already, "
                 "in small numbers, and the drug selects them by removing their competitors.",
            "c": "Tolerance is a change in the body. Here the *tumour* changed: a resistant clone "
                 "with a new mutation took over.",
            "d": "Tumours evolve under treatment. A rising T790M level in blood is a known sign "
                 "of this kind of resistance.",
        },
        explanation="This is evolution by selection: the drug is the pressure, and the "
                    "resistant clone survives and grows. That is why a second drug that hits "
                    "T790M (osimertinib) can work again.",
    ),
    "trials-mc3": Question(
        prompt="A drug only helps patients whose tumour has a marker found in 10% of patients. "
               "Why test it in marker-positive patients only?",
        options={
            "a": "Because marker-negative patients must never join trials.",
            "b": "Because in a trial of everyone, the 90% it cannot help water down the result, "
                 "so a real benefit may look like none.",
            "c": "Because trials of everyone always give wrong answers.",
        },
        correct="b",
        feedback={
            "a": "Marker-negative patients join other trials, and sometimes a trial includes "
                 "them on purpose to check the drug does not help them.",
            "c": "An all-comers trial gives the right answer to its own question — the average "
                 "effect in everyone. That average is just not the effect in the patients the "
                 "drug can help.",
        },
        explanation="Selecting patients by the marker shows the effect where it exists, with "
                    "fewer patients treated; the price is testing many more people.",
    ),
}
