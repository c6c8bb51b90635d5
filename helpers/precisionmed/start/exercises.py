"""Lesson 00 — Start here: why one size does not fit all."""

from __future__ import annotations

from precisionmed.check import Exercise, Question


def _site_a_marker_percent() -> float:
    from precisionmed import data

    trial = data.load("start/trial")
    site = trial[trial["site"] == "Site A"]
    return float(site["marker_positive"].mean() * 100)


EXERCISES = {
    "start-1": Exercise(
        prompt="About what percentage of patients at Site A have the marker?",
        kind="number",
        answer=_site_a_marker_percent,
        tolerance=1.0,
        unit="%",
        example="25",
        wrong={"56": "56 is the number of Site A patients with the marker. Divide it by all "
                     "patients at Site A (both columns added up), then multiply by 100.",
               "16.3": "That divides by the patients *without* the marker only. Divide by all "
                       "patients at Site A: with the marker plus without it."},
        hint="Look at the table of marker counts: divide the Site A patients with the marker "
             "by all patients at Site A (both columns added up), then multiply by 100. Answer "
             "with a percentage such as 25 or 25%.",
        explanation="Only about 1 in 7 patients at Site A have the marker (56 of 400), close to "
                    "the 14% of lung cancers with an EGFR mutation in European studies.",
    ),
    "start-2": Exercise(
        prompt="At Site B the marker is in 38% of patients. If 70% of marker-positive and 10% of "
               "marker-negative patients respond to the drug, what percentage of all patients "
               "on the drug respond?",
        kind="number",
        answer=0.38 * 70 + 0.62 * 10,
        tolerance=1.0,
        unit="%",
        example="25",
        wrong={"40": "40% is halfway between 70% and 10%, as if the two groups were the same "
                     "size. They are not: 38 in 100 have the marker and 62 do not.",
               "70": "70% is the response in marker-positive patients only; the 62 in 100 "
                     "without the marker respond much less."},
        hint="Weight each group by its size: 0.38 × 70 plus 0.62 × 10. You can set the sliders "
             "above to these values to check. Answer with a percentage such as 25.",
        explanation="0.38 × 70 + 0.62 × 10 ≈ 33%, just above standard care's 30%. At Site A "
                    "(14% with the marker) the same drug averages only about 18%.",
    ),
    "start-3": Exercise(
        prompt="Which patients should be offered the new drug?",
        kind="text",
        answer="marker-positive",
        accept=("marker positive patients", "patients with the marker", "the marker-positive "
                "patients", "marker +", "marker+", "positive", "those with the marker",
                "marker", "with the marker", "people who have the marker", "marker carriers",
                "patients who test positive", "test positive", "positive for the marker"),
        wrong={"everyone": "Giving it to everyone helps only the marker-positive patients and "
                           "takes standard care away from the rest.",
               "all": "Giving it to everyone helps only the marker-positive patients and "
                      "takes standard care away from the rest.",
               "all patients": "Giving it to everyone helps only the marker-positive patients "
                               "and takes standard care away from the rest.",
               "marker-negative": "Marker-negative patients respond less to the drug (10%) than "
                                  "to standard care (30%).",
               "without the marker": "Patients without the marker respond less to the drug "
                                     "(10%) than to standard care (30%).",
               "nobody": "The drug beats standard care for one group: look at the bar that "
                         "rises above the dashed line.",
               "no one": "The drug beats standard care for one group: look at the bar that "
                         "rises above the dashed line."},
        example="people over 65",
        hint="Compare each group's bar with the dashed standard-care line: which group does "
             "better on the new drug than on standard care? Answer in words that name a group, "
             'in the form of "people over 65".',
        explanation="Testing for the marker first lets each group get the treatment that works "
                    "best for it: that is precision medicine in one sentence.",
    ),
    "start-4": Exercise(
        prompt="True or False: precision medicine means every patient gets a drug made just "
               "for them.",
        kind="boolean",
        answer=False,
        example="True or False",
        hint="Think about what the trial did: it split patients into groups by a test result. "
             "Answer True or False (yes or no also work).",
        explanation="Precision medicine mostly sorts patients into groups that share a feature "
                    "(a gene, a tumour marker) and matches each group to the treatment that "
                    "works best for it. Truly one-person treatments are rare.",
    ),
}

QUESTIONS = {
    "start-mc1": Question(
        prompt="A trial at Site A found the new drug no better than standard care. Why might "
               "it still help many patients at Site B?",
        options={
            "a": "Because people at Site B are biologically a different race.",
            "b": "Because the marker is more common at Site B, so more patients there are in "
                 "the group the drug helps.",
            "c": "Because the trial at Site A was badly run.",
            "d": "Because averages are always wrong.",
        },
        correct="b",
        feedback={
            "a": "Ancestry groups are coarse labels, not separate biologies. What differs here "
                 "is how common one tumour marker is — and it is the marker, not the label, "
                 "that predicts benefit.",
            "c": "Nothing in the data says the trial was run badly: both sites used the same "
                 "drug and the same rules. The mix of patients differed.",
            "d": "An average is a fair summary of a whole group. The problem is only when we "
                 "read it as if it applied to every person in that group.",
        },
        explanation="The drug's effect in each group is the same at both sites; only the share "
                    "of marker-positive patients differs. That is why research needs people "
                    "of many backgrounds.",
    ),
    "start-mc2": Question(
        prompt="Which of these is part of precision medicine?",
        options={
            "a": "Only a person's genes.",
            "b": "Genes, environment and lifestyle, used to choose care for groups of similar "
                 "patients.",
            "c": "Giving the newest, most expensive drug to everyone.",
        },
        correct="b",
        feedback={
            "a": "Genes matter, but so do where people live, what they are exposed to and how "
                 "they live.",
            "c": "Newer is not always better: the trial's new drug was worse than standard care "
                 "for marker-negative patients.",
        },
        explanation="Precision medicine uses what differs between people — genes, environment "
                    "and lifestyle — to choose prevention and treatment.",
    ),
}
