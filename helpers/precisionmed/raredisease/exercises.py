"""Lesson 07 — Finding the one variant: self-checked exercises and multiple-choice questions."""

from __future__ import annotations

from precisionmed.check import Exercise, Question


def _rare_at_01_percent() -> float:
    from precisionmed.raredisease.cases import case_funnel

    return float(case_funnel("RD-01").run(0.001, "de novo").counts[2])


EXERCISES = {
    "raredisease-1": Exercise(
        prompt="Set the frequency slider to 0.1%. How many of Lina's variants are rare enough "
               "(the third bar)?",
        kind="number",
        answer=_rare_at_01_percent,
        tolerance=0.0,
        unit="",
        example="300",
        hint="Move the slider 'Most common allowed' to 0.1% and read the number beside the bar "
             "'Rare enough (frequency cut-off)'. Type the whole number, e.g. 300.",
        explanation="A few hundred of her roughly 19,000 variants are that rare: each of us "
                    "carries a few hundred rare and a few dozen private variants.",
    ),
    "raredisease-2": Exercise(
        prompt="Tomasz (RD-02) is a boy whose parents are healthy. Try his filter funnel with "
               "each inheritance mode. In which gene is the one variant left at the end?",
        kind="text",
        answer="ASPM",
        accept=("the ASPM gene", "ASPM gene"),
        example="GJB2",
        wrong={"SCN1A": "SCN1A is Lina's gene. Look at the funnel for Tomasz (RD-02) instead.",
               "none": "One mode does leave a variant. Try 'autosomal recessive'."},
        hint="Try the mode 'autosomal recessive' for Tomasz (RD-02) and read the gene named "
             "at the end of the funnel. Answer with the gene's name, e.g. \"GJB2\".",
        explanation="Both copies of ASPM carry the same rare stop-gained change, and each "
                    "healthy parent carries one copy: recessive inheritance. ASPM causes "
                    "primary microcephaly (a small head from birth), which fits Tomasz.",
    ),
    "raredisease-3": Exercise(
        prompt="Kwame (RD-04) is a boy; his changed copy came from his healthy mother and his "
               "father does not carry it. Which inheritance mode finds his variant?",
        kind="text",
        answer="X-linked recessive",
        accept=("x-linked", "x linked recessive", "XLR", "x-linked inheritance"),
        wrong={"autosomal recessive": "Autosomal recessive needs both copies changed, one "
                                      "from each parent. Kwame's father does not carry it.",
               "de novo": "A de novo change is in neither parent. Kwame's mother carries it.",
               "compound heterozygous": "That needs two different changes, one from each "
                                        "parent. Here only the mother carries one."},
        hint="Boys have one X, from their mother. Answer with a mode as the lesson writes it, "
             "e.g. \"de novo\".",
        explanation="A boy has only one X chromosome, from his mother. One changed copy is "
                    "enough, while his carrier mother has a working second X. Here it is DMD "
                    "(Duchenne muscular dystrophy).",
    ),
    "raredisease-4": Exercise(
        prompt="A variant has PS2, PM2_Supporting, PP3 and PP4. What is its ACMG class?",
        kind="text",
        answer="Likely pathogenic",
        accept=("LP", "likely pathogenic variant"),
        example="Benign",
        wrong={"Pathogenic": "Pathogenic with one strong line needs more: for example three "
                             "moderate, or two moderate and two supporting. Here PM2 counts "
                             "only as supporting.",
               "Uncertain significance": "One strong plus two or more supporting lines is "
                                         "enough for likely pathogenic (rule iii).",
               "VUS": "One strong plus two or more supporting lines is enough for likely "
                      "pathogenic (rule iii)."},
        hint="Count by strength: PS2 is strong; PM2_Supporting, PP3 and PP4 are supporting. "
             "Check the rules, or tick the boxes in the evidence panel.",
        explanation="One strong and three supporting lines meet 'Likely pathogenic (iii)'. "
                    "The points agree: 4 + 1 + 1 + 1 = 7, in the 6–9 band.",
    ),
}

QUESTIONS = {
    "raredisease-mc1": Question(
        prompt="Why does reading the parents' exomes too (a trio) help so much?",
        options={
            "a": "It shows which changes are new in the child (de novo) and which copy came "
                 "from which parent, so most inherited variants can be set aside.",
            "b": "Three people's DNA makes each reading three times more accurate.",
            "c": "The parents' exomes show the disease too, because parents and children "
                 "share half their DNA.",
            "d": "It finds the cause in every case.",
        },
        correct="a",
        feedback={
            "b": "Each person's exome is read on its own. The gain is the comparison between "
                 "them, not more accurate letters.",
            "c": "The parents here are healthy. Their DNA helps because it shows what they "
                 "passed on without being ill.",
            "d": "Trios raise the chance of a diagnosis (about twice the odds of one person "
                 "alone, Clark 2018), but most children still get no answer.",
        },
        explanation="A healthy parent who carries the same change makes it an unlikely cause "
                    "of a dominant disease; a change in neither parent is de novo. A "
                    "meta-analysis found the odds of a diagnosis about twice as high with trios "
                    "(Clark and others, 2018).",
    ),
    "raredisease-mc2": Question(
        prompt="Mei's funnel ends with no candidate. What does that tell her family?",
        options={
            "a": "Mei does not have a genetic condition.",
            "b": "The cause may be a kind of change an exome misses, or in a gene nobody has "
                 "linked to a disease yet; reanalysis in a year or two, data sharing and "
                 "matchmaking can still find it.",
            "c": "The lab made a mistake and the test should be thrown away.",
            "d": "We should loosen the filters until a candidate appears.",
        },
        correct="b",
        feedback={
            "a": "No finding is not a negative finding. Exomes miss many kinds of change, and "
                 "new disease genes are found every year.",
            "c": "A careful test can still find nothing; most children tested today get no "
                 "answer from the first test.",
            "d": "Loosening filters until something appears finds variants, not causes. A "
                 "candidate must fit the inheritance and the features.",
        },
        explanation="An undiagnosed case stays open: new genes and better tools turn up "
                    "answers on reanalysis, and matchmaking connects families whose children "
                    "share features and a candidate gene.",
    ),
    "raredisease-mc3": Question(
        prompt="Aiyana has two rare changes in ASPM, and both came from her mother. Why is "
               "ASPM not her answer, even though ASPM disease includes a small head?",
        options={
            "a": "Both changes sit on the copy from her mother (in cis); the copy from her "
                 "father still works, so a recessive disease needs more.",
            "b": "Two changes in one gene always cancel each other out.",
            "c": "ASPM is too long a gene to matter.",
        },
        correct="a",
        feedback={
            "b": "Changes do not cancel. What matters is whether both copies of the gene are "
                 "hit, one from each parent.",
            "c": "Gene length does not decide this. Which copies are changed does.",
        },
        explanation="Compound heterozygous means one change on each copy (in trans). The "
                    "trio shows both ASPM changes came from the mother, so one copy is intact. "
                    "Her DHCR7 changes, one from each parent, fit instead.",
    ),
}
