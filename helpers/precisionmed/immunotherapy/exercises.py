"""Lesson 06 — Cancer immunotherapy: self-checked exercises and multiple-choice questions."""

from __future__ import annotations

from precisionmed.check import Exercise, Question


def _priya_tmb() -> float:
    from precisionmed import data

    tumours = data.load("immunotherapy/tumours")
    row = tumours[tumours["patient_id"] == "PM-005"].iloc[0]
    return float(row["mutations_counted"]) / float(row["panel_mb"])


def _treated_response_rate_at_10() -> float:
    from precisionmed import data

    trial = data.load("immunotherapy/basket_trial")
    treated = trial[trial["tmb"] >= 10]
    return 100.0 * float(treated["responded"].mean())


EXERCISES = {
    "immunotherapy-1": Exercise(
        prompt="Priya's tumour panel reads 0.25 megabases and found the somatic mutations in "
               "her row. What is her TMB in mutations per megabase?",
        kind="number",
        answer=_priya_tmb,
        tolerance=0.05,
        hint="TMB = mutations counted ÷ megabases read. Take mutations_counted from her row and "
             "divide it by 0.25.",
        explanation="One mutation on a 0.25 Mb panel is 4 mut/Mb: below the cut-off of 10. On "
                    "such a small panel every single mutation moves the TMB by 4.",
        wrong={},
    ),
    "immunotherapy-2": Exercise(
        prompt="A lung biopsy has 400 viable tumour cells; 220 of them stain for PD-L1. What is "
               "the tumour proportion score (TPS), in percent?",
        kind="number",
        answer=55.0,
        tolerance=0.5,
        hint="TPS = PD-L1 positive tumour cells ÷ viable tumour cells × 100. Immune cells do not "
             "count. Answer with a percentage such as 40.",
        explanation="220 ÷ 400 × 100 = 55%. That is at least 50%, the group KEYNOTE-024 tested "
                    "(Reck and others, 2016).",
    ),
    "immunotherapy-3": Exercise(
        prompt="A stomach-cancer biopsy has 200 viable tumour cells. PD-L1 stains 30 tumour "
               "cells, 15 lymphocytes and 5 macrophages. What is the combined positive score?",
        kind="number",
        answer=25.0,
        tolerance=0.5,
        hint="CPS = (positive tumour cells + positive lymphocytes + positive macrophages) ÷ "
             "viable tumour cells × 100, at most 100.",
        explanation="(30 + 15 + 5) ÷ 200 × 100 = 25. Unlike TPS, CPS also counts the stained "
                    "immune cells, but still divides by tumour cells only.",
    ),
    "immunotherapy-4": Exercise(
        prompt="A colorectal tumour was tested on the five Bethesda markers; two are unstable. "
               'What is its microsatellite status: "MSI-H", "MSI-L" or "MSS"?',
        kind="text",
        answer="MSI-H",
        accept=("msi high", "microsatellite instability high", "msi h"),
        wrong={"MSI-L": "One unstable marker out of five is MSI-L; two out of five (40%) is at "
                        "least the 30% that makes a tumour MSI-H.",
               "MSS": "MSS means no marker is unstable; here two are."},
        hint="MSI-H when at least 30% of markers are unstable; MSI-L when some but fewer; MSS "
             "when none. 2 of 5 is 40%.",
        explanation="2 of 5 markers is 40%, at least the 30% threshold: MSI-H. Its repair "
                    "system is broken, so it piles up mutations.",
    ),
    "immunotherapy-5": Exercise(
        prompt="In the simulated basket trial, treat everyone with TMB ≥ 10 mut/Mb. What share "
               "of the treated patients respond, in percent?",
        kind="number",
        answer=_treated_response_rate_at_10,
        tolerance=1.0,
        hint="Set the cut-off slider to 10 and read 'respond among those treated', or compute "
             "it: responders with TMB ≥ 10 ÷ all patients with TMB ≥ 10 × 100.",
        explanation="About 28 in 100 treated patients respond, as in KEYNOTE-158 (28.3%). So "
                    "about 72 in 100 patients chosen by 'high TMB' do not respond.",
    ),
}

QUESTIONS = {
    "immunotherapy-mc1": Question(
        prompt="Checkpoint inhibitors are now approved for many cancers. What share of US "
               "patients with cancer were estimated to respond to one in 2018?",
        options={
            "a": "Almost everyone: immunotherapy works for everyone once the brakes are off.",
            "b": "About half: everyone who is eligible responds.",
            "c": "About 1 in 8 (12.46%), although 43.63% were eligible.",
            "d": "None: the drugs only work in trials.",
        },
        correct="c",
        feedback={
            "a": "That is the misconception 'immunotherapy works for everyone'. Most tumours "
                 "do not shrink: Haslam and Prasad estimated 12.46% responders in 2018.",
            "b": "Being eligible is not the same as responding: 43.63% were eligible but only "
                 "12.46% were estimated to respond (Haslam and Prasad, 2019).",
            "d": "They do work for some patients outside trials; the point is that it is a "
                 "minority (about 1 in 8 in 2018).",
        },
        explanation="Haslam and Prasad (JAMA Netw Open 2019) estimated 43.63% eligible and "
                    "12.46% responding in 2018; their 2025 update says 56.55% and 20.13% for "
                    "2023. Most patients still do not respond.",
    ),
    "immunotherapy-mc2": Question(
        prompt="A tumour has TMB 25 mut/Mb, well above the cut-off of 10. What can you say?",
        options={
            "a": "The checkpoint inhibitor is guaranteed to work.",
            "b": "Its chance of responding is higher than for a low-TMB tumour, but most "
                 "TMB-high tumours still do not respond.",
            "c": "TMB says nothing at all about response.",
            "d": "It also has high PD-L1, so both tests agree.",
        },
        correct="b",
        feedback={
            "a": "That is the misconception 'high TMB guarantees a response'. In KEYNOTE-158 "
                 "28.3% of TMB-high tumours responded: more than 6.5%, but far from all.",
            "c": "TMB does carry information (28.3% vs 6.5% in KEYNOTE-158), even if it is a "
                 "weak and debated marker.",
            "d": "TMB and PD-L1 are nearly unrelated (r = 0.084 in 9,887 tumours, Yarchoan "
                 "2019): a high TMB does not tell you the PD-L1 result.",
        },
        explanation="A biomarker shifts the odds; it does not decide the outcome for one "
                    "person. Teaching example, not medical advice.",
    ),
    "immunotherapy-mc3": Question(
        prompt="How strong is the evidence today for personalised mRNA neoantigen vaccines?",
        options={
            "a": "Proven and approved: every melanoma patient gets one.",
            "b": "Promising in a randomised phase 2b trial (KEYNOTE-942, 157 patients); larger "
                 "phase 3 trials must confirm it.",
            "c": "No human has ever received one.",
        },
        correct="b",
        feedback={
            "a": "No personalised neoantigen vaccine was approved when this lesson's facts were "
                 "checked; KEYNOTE-942 was a phase 2b trial of 157 patients.",
            "c": "People have: 107 patients got mRNA-4157 in KEYNOTE-942 and 16 got autogene "
                 "cevumeran in a phase 1 pancreatic-cancer study.",
        },
        explanation="KEYNOTE-942 (Weber and others, Lancet 2024): recurrence hazard ratio 0.561 "
                    "with a 95% interval of 0.309–1.017, which touches 1. Promising, not proven.",
    ),
}
