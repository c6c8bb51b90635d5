"""Lesson 02 — Dosing warfarin with genes."""

from __future__ import annotations

from precisionmed.check import Exercise, Question


def _overall_within20(name: str) -> float:
    from precisionmed import data
    from precisionmed.pgx import cohort_doses, within_20_summary

    patients = data.load("pgx/patients")
    key = data.load("pgx/answer_key")
    warf = patients[patients["on_warfarin"]].merge(key[["patient_id", "cyp2c9", "vkorc1"]],
                                                   on="patient_id")
    return float(within_20_summary(cohort_doses(warf)).loc["all", name])


EXERCISES = {
    "warfarin-1": Exercise(
        prompt="Use the IWPC pharmacogenetic formula for a 60-year-old White person, 170 cm, "
               "75 kg, VKORC1 G/G, CYP2C9 *1/*1, no interacting drugs. What weekly dose does it "
               "predict (mg/week)?",
        kind="number",
        answer=41.9,
        tolerance=0.2,
        unit="mg/week",
        example="30",
        wrong={"6.0": "That is the dose per day. The formula gives milligrams per week: "
                      "multiply by 7 (or read the weekly number).",
               "22.8": "22.8 mg/week is the dose for VKORC1 A/A (the next exercise). This "
                       "person is G/G, the reference genotype."},
        hint="Set the panel above to these values (age 60, 170 cm, 75 kg, "
             "G/G, *1/*1, White, no box ticked) and read the bold pharmacogenetic number. "
             "Answer in mg per week, a number such as 30.",
        explanation="41.9 mg/week, about 6 mg a day: these are the reference genotypes, so no "
                    "gene term lowers the dose.",
    ),
    "warfarin-2": Exercise(
        prompt="For the same person but VKORC1 A/A, what does the formula predict (mg/week)?",
        kind="number",
        answer=22.8,
        tolerance=0.2,
        unit="mg/week",
        example="30",
        wrong={"3.3": "That is the dose per day. The formula gives milligrams per week: "
                      "multiply by 7.",
               "41.9": "41.9 mg/week is the G/G dose from exercise 1. Change only VKORC1 to "
                       "A/A in the panel and read the bold number again."},
        hint="In the panel, change only VKORC1 to A/A and keep everything else as in "
             "exercise 1. Answer in mg per week, a number such as 30.",
        explanation="22.8 mg/week: about half. Two A alleles mean less VKORC1, the protein "
                    "warfarin blocks, so less drug is needed.",
    ),
    "warfarin-3": Exercise(
        prompt="In the simulated cohort, what percentage of warfarin patients get a "
               "pharmacogenetic dose within 20% of their true dose?",
        kind="number",
        answer=lambda: _overall_within20("pharmacogenetic"),
        tolerance=1.0,
        unit="%",
        example="45",
        hint="Read the 'all' row of the within-20% table printed above, column "
             "pharmacogenetic. Answer with a percentage such as 45.",
        explanation="Better than the fixed dose and the clinical formula — but far from "
                    "everyone. Genes explain part of the dose, not all of it.",
    ),
    "warfarin-4": Exercise(
        prompt="True or False: the IWPC formula can see CYP2C9 *8, an allele common in people "
               "of African ancestry.",
        kind="boolean",
        answer=False,
        example="True or False",
        accept=("it cannot", "cannot", "no it cannot", "it can't", "can't", "not seen"),
        hint="Look at the formula's CYP2C9 terms: which alleles do they name? Answer True or "
             "False (yes or no also work).",
        explanation="The formula only knows *1, *2 and *3. A *8 carrier is read as *1, so the "
                    "formula suggests too high a dose (CPIC 2017 advises lowering it 15–30%).",
    ),
}

QUESTIONS = {
    "warfarin-mc1": Question(
        prompt="Why does the IWPC formula include race?",
        options={
            "a": "Because race is a biological category that sets drug response.",
            "b": "Because in the 2009 data, self-reported race stood in for things the formula "
                 "did not measure, such as other gene variants and their frequencies.",
            "c": "Because doctors must always adjust doses by race.",
        },
        correct="b",
        feedback={
            "a": "Race is a social category; people within one group differ a lot genetically. "
                 "The race term is a rough stand-in for unmeasured factors.",
            "c": "Guidelines move away from race-based adjustments; measuring the relevant genes "
                 "(such as CYP2C9 *5, *6, *8, *11) is the better fix.",
        },
        explanation="A race term is a blunt proxy: it helps on average but can mislead for a "
                    "person, and it hides the genes that should be measured instead.",
    ),
}
