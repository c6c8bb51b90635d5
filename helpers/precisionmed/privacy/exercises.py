"""Lesson 09 — Your genome is not anonymous: self-checked exercises and multiple choice."""

from __future__ import annotations

from precisionmed.check import Exercise, Question

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


EXERCISES = {
    "privacy-1": Exercise(
        prompt=f"Link the 'de-identified' research table to the public list on ZIP code, birth "
               f"date and sex. What is the name of research participant {LINKAGE_RECORD}?",
        kind="text",
        answer=_linked_name,
        example="Ada Quorquist",
        wrong={"Camila Briskinski": "Camila shares the ZIP code, birth year and sex, but not "
                                    "the full birth date. Link on the full date.",
               "Camila Peffander": "Camila shares the ZIP code, birth year and sex, but not "
                                   "the full birth date. Link on the full date.",
               "none": "With the full birth date, one person in the list fits. Look up "
                       "the record in the linked table."},
        hint=f"In the linked table, find the row whose record_id is {LINKAGE_RECORD} and "
             "read its name. Type the name as the table writes it.",
        explanation="Only one person in the public list has that ZIP code, birth date and sex, "
                    "so the record is hers, and so is its diagnosis. Removing the name did not "
                    "make the record anonymous (Sweeney 2000 did the same with real records).",
    ),
    "privacy-2": Exercise(
        prompt="Coarsen the research table: keep sex, keep only the decade of birth, and remove "
               "the ZIP code. What is k, the size of the smallest group?",
        kind="number",
        answer=_k_decade_no_zip,
        tolerance=0.0,
        example="5",
        wrong={"1": "k = 1 is the table before coarsening (someone is alone). Set birth to "
                    "'decade' and the ZIP code to 'none'."},
        hint="In the coarsening table, find the row with birth by decade, no ZIP code and sex "
             "kept, and read its k. Type a whole number.",
        explanation="Every record now looks like at least that many others, but the researcher "
                    "can no longer study where people live or their exact age.",
    ),
    "privacy-3": Exercise(
        prompt="How many independent SNPs, each with a minor allele frequency of 50%, make one "
               "person expected to be unique among 8 billion people?",
        kind="number",
        answer=_snps_8_billion,
        tolerance=0.0,
        example="40",
        wrong={"23": "With 23 SNPs about 1.3 other people are still expected to match. Try 24.",
               "10": "10 SNPs is enough in our town of 6,000, not among 8 billion people."},
        hint="Each SNP keeps a share 0.375 of the crowd. Find the smallest n with "
             "(8,000,000,000 − 1) × 0.375ⁿ below 1.",
        explanation="0.375²⁴ × 8 billion ≈ 0.5: two dozen independent common SNPs already "
                    "single one person out. A consumer DNA test reads about 700,000.",
    ),
    "privacy-4": Exercise(
        prompt="With 3 children per couple in every generation, how many third cousins does a "
               "person have on average?",
        kind="number",
        answer=432.0,
        tolerance=0.5,
        example="100",
        wrong={"187.5": "That is for 2.5 children per couple. Set the slider to 3.",
               "216": "That is 2³ × 3³; multiply by (c − 1) = 2 as well."},
        hint="Use 2ᵈ × (c − 1) × cᵈ with d = 3 and c = 3, or move the panel's slider to 3 and "
             "read the text under the chart.",
        explanation="2³ × 2 × 27 = 432. Every extra child per couple multiplies the number of "
                    "distant cousins, so one relative in a database reaches many people.",
    ),
}

QUESTIONS = {
    "privacy-mc1": Question(
        prompt="'If my name is removed, my DNA data is anonymous.' Is that right?",
        options={
            "a": "Yes: without a name nobody can tell whose DNA it is.",
            "b": "No: a genome is unique to one person and is shared in part with relatives, "
                 "so it can be linked back to a name through other data.",
            "c": "Yes, as long as the ZIP code is removed too.",
            "d": "No, but only for identical twins.",
        },
        correct="b",
        feedback={
            "a": "A few dozen SNPs make a person unique, and relatives in genealogy databases "
                 "can point to the family (Erlich 2018).",
            "c": "Removing ZIP codes helps against linking by demographics, but the DNA itself "
                 "still points to relatives in genealogy databases.",
            "d": "Twins share their DNA with each other, but that is not why DNA can be "
                 "identified: everyone else's genome is unique too.",
        },
        explanation="Removing names is a start, not anonymity. Protection also needs limits on "
                    "who can see data, what they may do with it, and laws against misuse.",
    ),
    "privacy-mc2": Question(
        prompt="In the United States, GINA (2008) protects people against the use of their "
               "genetic information by…",
        options={
            "a": "health insurers and most employers (15 or more employees).",
            "b": "life, disability and long-term-care insurers.",
            "c": "everyone, in every situation.",
            "d": "nobody: it only protects data in research.",
        },
        correct="a",
        feedback={
            "b": "Those are exactly the kinds of insurance GINA does not cover; some states "
                 "have their own laws.",
            "c": "GINA has gaps: life, disability and long-term-care insurance, small employers "
                 "and the military.",
            "d": "GINA is about discrimination in health insurance and employment, not about "
                 "research data.",
        },
        explanation="GINA Title I covers health insurance and Title II employers with 15 or "
                    "more employees. It does not cover life, disability or long-term-care "
                    "insurance.",
    ),
    "privacy-mc3": Question(
        prompt="A beacon only ever answers 'yes' or 'no'. Why can it still reveal that a person "
               "is in it?",
        options={
            "a": "Because each 'yes' to one of the person's rare alleles is a little more likely "
                 "if they are in the beacon, and many small hints add up.",
            "b": "Because the beacon secretly sends the person's name.",
            "c": "It cannot: yes/no answers carry no information.",
        },
        correct="a",
        feedback={
            "b": "A beacon shares no names. The leak comes from the pattern of answers.",
            "c": "One answer says little, but hundreds together can decide membership "
                 "(Shringarpure and Bustamante 2015).",
        },
        explanation="Rare alleles are the giveaway: few people carry them, so 'yes' points to "
                    "the person. Limits on queries and a minimum beacon size reduce the risk.",
    ),
}
