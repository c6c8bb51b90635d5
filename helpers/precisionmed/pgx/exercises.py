"""Lesson 01 — Same drug, different bodies (pharmacogenomics)."""

from __future__ import annotations

from precisionmed.check import Exercise, Question


def _eas_cyp2c19_poor_percent() -> float:
    from precisionmed import data
    from precisionmed.pgx import phenotype

    key = data.load("pgx/answer_key")
    eas = key[key["population"] == "EAS"]
    phen = eas["cyp2c19"].map(lambda d: phenotype("CYP2C19", d))
    return float((phen == "Poor Metabolizer").mean() * 100)


EXERCISES = {
    "pgx-1": Exercise(
        prompt="What CYP2C19 phenotype does the diplotype *2/*17 give?",
        kind="text",
        answer="Intermediate Metabolizer",
        accept=("intermediate", "IM", "intermediate metaboliser"),
        wrong={"Normal Metabolizer": "The *17 allele works faster than normal, but it cannot make "
                                     "up for the *2 allele, which makes no working enzyme.",
               "Rapid Metabolizer": "Rapid needs one normal and one increased-function allele; "
                                    "*2 is a no-function allele.",
               "Poor Metabolizer": "Poor needs two no-function alleles; *17 still works."},
        example="Likely Poor Metabolizer",
        hint='Look up each allele\'s function (*2 and *17), then the rule for that pair. Answer '
             'with a CPIC phenotype term, in the form of "Likely Poor Metabolizer".',
        explanation="One no-function allele plus one normal or increased-function allele makes "
                    "an intermediate metabolizer (CPIC). The fast *17 does not cancel out *2.",
    ),
    "pgx-2": Exercise(
        prompt="What is the CYP2D6 activity score of *4/*10?",
        kind="number",
        answer=0.25,
        tolerance=0.001,
        example="1.5",
        wrong={"0.5": "0.5 was the value of *10 before the 2020 consensus (Caudle and others, "
                      "2020); CPIC now gives *10 an activity value of 0.25.",
               "1.25": "*4 is a no-function allele: it adds 0, not 1."},
        hint="Add the two activity values: *4 has 0 (no function) and *10 has 0.25 since the "
             "2020 consensus. Answer with a plain number such as 1.5.",
        explanation="0 + 0.25 = 0.25, which CPIC calls an intermediate metabolizer "
                    "(0.25–1.0).",
    ),
    "pgx-3": Exercise(
        prompt="Daniel (PM-004) is CYP2D6 *1/*2x2. Should he take codeine after his tooth "
               "removal? Answer True (yes, standard dose) or False (avoid codeine).",
        kind="boolean",
        answer=False,
        example="True or False",
        accept=("avoid codeine", "avoid", "avoid it", "no codeine", "he should not",
                "should not", "shouldn't", "he shouldn't", "no, avoid codeine"),
        wrong={"standard dose": "A standard dose is what a normal metabolizer gets. Work out "
                                "Daniel's activity score first: a duplicated allele counts "
                                "twice.",
               "take codeine": "A standard dose is what a normal metabolizer gets. Work out "
                               "Daniel's activity score first: a duplicated allele counts "
                               "twice."},
        hint="Work out his activity score (a duplicated allele counts twice) and phenotype, "
             "then look up the codeine recommendation for it. Answer True or False (yes or no "
             "also work).",
        explanation="1 + 2 × 1 = 3, an ultrarapid metabolizer: he turns codeine into morphine "
                    "too fast, so CPIC recommends avoiding codeine.",
    ),
    "pgx-4": Exercise(
        prompt="In the simulated cohort, what percentage of East Asian (EAS) people are CYP2C19 "
               "poor metabolizers?",
        kind="number",
        answer=_eas_cyp2c19_poor_percent,
        tolerance=1.0,
        unit="%",
        example="30",
        hint="Use the table of observed phenotype shares by population printed above, row EAS, "
             "column Poor Metabolizer. Answer with a percentage such as 30.",
        explanation="About 1 in 8 East Asian people in the simulation are poor metabolizers — "
                    "several times more than in the European group, because *2 and *3 are "
                    "more common there.",
    ),
}

QUESTIONS = {
    "pgx-mc1": Question(
        prompt="Wei (PM-002) is a CYP2C19 poor metabolizer and takes clopidogrel after a heart "
               "stent. Why is that a problem?",
        options={
            "a": "He breaks clopidogrel down too fast, so he needs a double dose.",
            "b": "Clopidogrel is a prodrug: CYP2C19 turns it into the active form, so he makes "
                 "little active drug and stays at risk of clots.",
            "c": "His genes make him allergic to clopidogrel.",
            "d": "It is not a problem: genes do not change how medicines work.",
        },
        correct="b",
        feedback={
            "a": "A poor metabolizer makes *less* enzyme activity, not more. And CPIC does not "
                 "advise a higher clopidogrel dose; it advises another drug.",
            "c": "This is not an allergy. Allergic-type reactions linked to genes are an HLA "
                 "story (for example abacavir and HLA-B*57:01), not a CYP2C19 one.",
            "d": "For some drugs genes matter a lot: clopidogrel needs CYP2C19 to work at all.",
        },
        explanation="CPIC (2022) recommends prasugrel or ticagrelor instead, if there is no "
                    "reason not to.",
    ),
    "pgx-mc2": Question(
        prompt="Why does it matter that CYP2D6 *17 and *29 are common in people of African "
               "ancestry but rare in Europeans?",
        options={
            "a": "Because race decides how drugs work.",
            "b": "Because a test designed only from European data may not look for them, and "
                 "then people carrying them get a wrong result.",
            "c": "It does not matter: all decreased-function alleles behave the same everywhere.",
        },
        correct="b",
        feedback={
            "a": "Race is a social label. What matters is the alleles a person carries; "
                 "population groups only change how common each allele is.",
            "c": "A test can only report alleles it looks for. If *17 or *29 are missing from "
                 "a panel, the person is reported as *1 (normal) by mistake.",
        },
        explanation="Diverse research finds the alleles that matter in each population, so "
                    "tests and guidelines work for everyone.",
    ),
}
