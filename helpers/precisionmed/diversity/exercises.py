"""Lesson 08 — Who is in the data decides who benefits: exercises and multiple-choice questions."""

from __future__ import annotations

from precisionmed.check import Exercise, Question


def _gap_at_zero() -> float:
    from precisionmed.diversity.panels import mix_result

    return round(mix_result(0.0).ratio(), 1)


EXERCISES = {
    "diversity-1": Exercise(
        prompt="Use the 2021 CKD-EPI equation. A 60-year-old woman has a blood creatinine of "
               "0.7 mg/dL. What is her eGFR, in mL/min/1.73 m²?",
        kind="number",
        answer=142 * 0.9938 ** 60 * 1.012,
        tolerance=1.0,
        example="75",
        hint="At creatinine 0.7 a woman is exactly at the bend (κ = 0.7), so both min and max "
             "terms are 1: eGFR = 142 × 0.9938^60 × 1.012.",
        explanation="142 × 0.9938^60 × 1.012 ≈ 99 mL/min/1.73 m²: normal kidney function "
                    "(category G1). Teaching example, not for care.",
        wrong={"97.8": "That leaves out the factor 1.012 for women.",
               "94.1": "That is the 2009 equation (141 × 0.993^60 × 1.018); use the 2021 "
                       "one."},
    ),
    "diversity-2": Exercise(
        prompt="The 2009 equation multiplied eGFR by 1.159 for patients recorded as Black. By "
               "what percentage did that raise their eGFR?",
        kind="number",
        answer=15.9,
        tolerance=0.2,
        unit="%",
        example="25%",
        hint="A factor of 1.159 means 1.159 times the value: how many percent more than 1 is "
             "that? Answer with a percentage such as 25%.",
        explanation="1.159 − 1 = 0.159, about 16% higher. A higher eGFR looks like healthier "
                    "kidneys, which can delay referral, listing or a transplant wait-time start.",
        wrong={"1.159": "That is the factor itself. As a percentage increase: (1.159 − 1) × 100."},
    ),
    "diversity-3": Exercise(
        prompt="Set the training-mix slider to 0% (everyone in the training cohort from "
               "population A). How many times less trait variation does the score explain in "
               "C than in A? Answer with one decimal.",
        kind="number",
        answer=_gap_at_zero,
        tolerance=0.15,
        example="2.0",
        hint="Divide the variance explained in A by the variance explained in C (both are "
             "written on the bars and in the sentence under the slider).",
        explanation="About 5 times less in this toy simulation, close to the 4.9-fold gap that "
                    "Martin and others (2019) reported for people of African ancestry.",
    ),
    "diversity-4": Exercise(
        prompt="Marcus (creatinine 3.7 mg/dL) is being assessed for a kidney transplant. Under "
               "which equation does his eGFR reach the waiting-time line of 20: the \"old\" one "
               "(2009), the \"new\" one (2021) or \"both\"?",
        kind="text",
        answer="new",
        accept=("the new one", "new one", "the 2021 equation", "2021 equation", "the new equation",
                "new equation", "ckd-epi 2021", "2021 only"),
        example="neither",
        wrong={"old": "With the 2009 equation his eGFR is 20.5: just above 20, so waiting time "
                       "would not start. The race factor raised it.",
               "both": "Only one of them is at or below 20. Read both numbers in the panel."},
        hint="Pick Marcus in the kidney panel at 3.7 mg/dL and compare both numbers with 20.",
        explanation="2021 gives 18.8 (at or below 20), 2009 gives 20.5. Under the 2009 equation "
                    "his waiting time would have started later; OPTN's 2023 policy lets "
                    "programs backdate such waiting time.",
    ),
}

QUESTIONS = {
    "diversity-mc1": Question(
        prompt="Where is most human genetic variation found?",
        options={
            "a": "Between races: each race is a separate genetic group.",
            "b": "Within populations: about 93–95% of variation is found among people of the "
                 "same population.",
            "c": "Only in people of African ancestry.",
        },
        correct="b",
        feedback={
            "a": "That is the misconception 'race is a biological category'. Races are social "
                 "labels; only about 3–5% of variation lies between major groups (Rosenberg "
                 "and others, 2002).",
            "c": "African populations do carry the most variation (humans lived longest in "
                 "Africa), but every population varies: most variation is within each one.",
        },
        explanation="Rosenberg and others (2002): within-population differences are 93–95% of "
                    "human genetic variation. Ancestry is continuous; census labels are coarse.",
    ),
    "diversity-mc2": Question(
        prompt="A biobank adds 100,000 more people, all from the already well-studied "
               "population A. What happens to polygenic scores for people far from A?",
        options={
            "a": "They improve as much as for population A: more data helps everyone equally.",
            "b": "They improve much less, so the gap between A and others can grow.",
            "c": "They get worse than before.",
        },
        correct="b",
        feedback={
            "a": "That is the misconception 'more data from one group helps everyone "
                 "equally'. Markers that tag causal variants in A tag them less well elsewhere, "
                 "and variants common only in other populations are never found.",
            "c": "More data does not usually make a score worse elsewhere; it just helps there "
                 "much less, so the gap widens.",
        },
        explanation="In the panel, adding people from C helped C a lot and cost A a little. "
                    "Martin and others (2019) and Ding and others (2023): accuracy falls with "
                    "genetic distance from the training cohort.",
    ),
    "diversity-mc3": Question(
        prompt="Why can a pharmacogenomic test or dosing formula work less well for many "
               "people of African ancestry?",
        options={
            "a": "Because their genes do not affect drugs.",
            "b": "Because alleles common in them, such as CYP2C9 *5, *6, *8 and *11 or CYP2D6 "
                 "*17 and *29, are often missing from panels and formulas built on European "
                 "data.",
            "c": "Because race itself changes how drugs work.",
        },
        correct="b",
        feedback={
            "a": "Genes matter for drug response in everyone; the problem is which variants "
                 "the test looks for.",
            "c": "That is the misconception 'race is a biological category'. It is specific "
                 "variants, which are more common in some ancestries, that change drug "
                 "response.",
        },
        explanation="Lessons 01 and 02: the IWPC warfarin formula misses CYP2C9 *5/*6/*8/*11, "
                    "and a test that does not look for an allele reports the 'normal' *1.",
    ),
}
