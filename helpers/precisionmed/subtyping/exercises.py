"""Lesson 05 — When 'breast cancer' is several diseases (molecular subtyping)."""

from __future__ import annotations

from functools import lru_cache

from precisionmed.check import Exercise, Question


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


EXERCISES = {
    "subtyping-1": Exercise(
        prompt="Before any correction, what does the first principal component (PC1) mostly "
               "separate: the subtypes or the labs?",
        kind="text",
        answer="labs",
        accept=("the labs", "lab", "the lab", "batch", "batches", "the batch", "batch effect",
                "lab 1 and lab 2", "lab effect"),
        wrong={"subtypes": "Colour the points by lab and by subtype and compare: the two big "
                           "clouds are Lab 1 and Lab 2, each holding every subtype.",
               "subtype": "Colour the points by lab and by subtype and compare: the two big "
                          "clouds are Lab 1 and Lab 2, each holding every subtype."},
        example="subtypes or labs",
        hint='Look at the first PCA plot, coloured by lab. Answer "subtypes" or "labs".',
        explanation="Each lab shifts every gene a little, the same way for all its tumours. "
                    "Added over 500 genes, that shift is the biggest difference in the data, so "
                    "PCA finds it first. Centring each gene within each lab removes it.",
    ),
    "subtyping-2": Exercise(
        prompt="After lab correction, which number of clusters k (2 to 8) gives the highest "
               "average silhouette width on the 50 PAM50 genes?",
        kind="number",
        answer=5,
        tolerance=0,
        unit="clusters",
        example="3",
        wrong={"4": "k = 4 comes a close second. Look for the single largest silhouette value "
                    "and give its k."},
        hint="Read the silhouette table or plot: find the row with the largest silhouette value "
             "and give its k, a whole number such as 3 (not the silhouette value itself).",
        explanation="k = 5 scores best here, the same as the number of subtypes we simulated. "
                    "In real data the best k is often less clear; k = 4 is a close second here.",
    ),
    "subtyping-3": Exercise(
        prompt="After lab correction, which PAM50 subtype does the classifier give Amara "
               "(PM-001)?",
        kind="text",
        answer="Luminal A",
        accept=("luminal a", "LumA", "luminal-a", "lum a", "luminal type a"),
        example="Basal-like",
        wrong={"Normal-like": "That is the runner-up, and the call you get if you skip the lab "
                              "correction. Classify the corrected matrix.",
               "Luminal B": "Look again at Amara's row: which subtype column has the highest "
                            "correlation?"},
        hint='Look at Amara\'s row in the table of calls and give the subtype in quotes, '
             'e.g. "Basal-like".',
        explanation="Amara's tumour matches the Luminal A centroid best (high ESR1 and PGR, low "
                    "proliferation genes), which fits her clinic result: ER+/PR+/HER2−.",
    ),
    "subtyping-4": Exercise(
        prompt="What percentage of tumours does the PAM50 classifier put in their true "
               "(simulated) subtype, after lab correction?",
        kind="number",
        answer=_pam50_agreement_percent,
        tolerance=1.0,
        unit="%",
        example="80",
        hint="Add up the diagonal of the confusion table (true = predicted), divide by 600 and "
             "multiply by 100. Answer with a percentage such as 80.",
        explanation="About 94%. Most misses are between Luminal A and Normal-like, whose "
                    "centroids are alike; real PAM50 calls have similar grey zones.",
    ),
    "subtyping-5": Exercise(
        prompt="Which two subtypes would usually get endocrine (hormone) therapy?",
        kind="choice-set",
        answer=["Luminal A", "Luminal B"],
        example="first subtype, second subtype",
        wrong={"HER2-enriched": "HER2-enriched tumours are treated with anti-HER2 drugs; most "
                                "are ER-negative, so endocrine therapy is not their usual "
                                "treatment.",
               "Basal-like": "Basal-like tumours are mostly triple-negative: there is no "
                             "hormone receptor for endocrine therapy to block."},
        hint="Give the names of two subtypes, separated by a comma (in code: a list such as "
             '["first", "second"]). Endocrine therapy needs the tumour to grow on hormones (ER+).',
        explanation="Luminal tumours grow on oestrogen, so blocking the hormone works; Luminal B "
                    "tumours often also get chemotherapy (St Gallen 2011, simplified).",
    ),
    "subtyping-6": Exercise(
        prompt="Of the tumours the clinic calls HER2-positive, what percentage are "
               "HER2-enriched by PAM50?",
        kind="number",
        answer=_her2_positive_share_her2_enriched,
        tolerance=1.0,
        unit="%",
        example="30",
        wrong={"40.7": "That is the HR+/HER2+ row alone. The clinic calls both HER2+ rows "
                       "HER2-positive: add the HR+/HER2+ and HR−/HER2+ rows together first.",
               "81.0": "That is the HR−/HER2+ row alone. The clinic calls both HER2+ rows "
                       "HER2-positive: add the HR+/HER2+ and HR−/HER2+ rows together first.",
               "63.6": "That divides by the HER2-enriched column (all tumours PAM50 calls "
                       "HER2-enriched). The question starts from the clinic's HER2-positive "
                       "tumours: divide by the total of the two HER2+ rows."},
        hint="There are two HER2-positive rows in the clinic-vs-PAM50 table: HR+/HER2+ and "
             "HR−/HER2+. Add their HER2-enriched counts, divide by the two rows' total and "
             "multiply by 100. Answer with a percentage such as 30.",
        explanation="A little over half. A HER2 test looks at one gene's protein or copies; PAM50 "
                    "looks at a 50-gene pattern. Anti-HER2 drugs are given by the HER2 test.",
    ),
}

QUESTIONS = {
    "subtyping-mc1": Question(
        prompt="Without lab correction, k-means puts most Lab 1 tumours in some clusters and "
               "most Lab 2 tumours in others. Why?",
        options={
            "a": "Lab 2 received a different kind of patient.",
            "b": "Each lab shifts the measured genes in its own way, and that shift is bigger "
                 "than the differences between subtypes.",
            "c": "k is wrong: with more clusters the labs would disappear.",
            "d": "The PAM50 genes do not work in Lab 2.",
        },
        correct="b",
        feedback={
            "a": "The tumours were shared out between the labs at random, so both labs hold the "
                 "same mix of subtypes. The difference is in the measuring, not the patients.",
            "c": "More clusters only cut the lab groups into smaller pieces; the lab shift is "
                 "still there. The fix is to correct the data, not to change k.",
            "d": "After centring within each lab, the same genes separate the subtypes in both "
                 "labs. The genes work; the raw numbers are just offset.",
        },
        explanation="This is a batch effect. Centring each gene within each lab removes it "
                    "when both labs measured a similar mix of tumours.",
    ),
    "subtyping-mc2": Question(
        prompt="A tumour is ER-positive in the clinic but Basal-like by PAM50. What is the best "
               "reading?",
        options={
            "a": "One of the two tests must be a lab mistake.",
            "b": "ER-positive always means luminal, so the PAM50 call is wrong.",
            "c": "The tests measure different things (one protein vs a 50-gene pattern); both "
                 "can be right, and the care team weighs them with guidelines.",
            "d": "The molecular subtype wins, so endocrine therapy should stop.",
        },
        correct="c",
        feedback={
            "a": "Disagreement is expected sometimes: a receptor test and a gene pattern look at "
                 "different things, so both can be measured correctly.",
            "b": "Most ER-positive tumours are luminal, but not all; a few have a basal-like "
                 "gene pattern.",
            "d": "Treatment decisions follow clinical guidelines and the whole picture, not one "
                 "test on its own. This course is not medical advice.",
        },
        explanation="Clinic tests and molecular subtypes mostly agree but not always; where "
                    "they differ, specialists combine them.",
    ),
    "subtyping-mc3": Question(
        prompt="Basal-like breast cancers share many molecular features with high-grade serous "
               "ovarian cancers. What follows?",
        options={
            "a": "They are the same disease and must be treated the same way today.",
            "b": "Where a tumour grows no longer matters at all.",
            "c": "Researchers can test whether treatments aimed at a shared feature work in "
                 "both, for example drugs that target weak DNA repair.",
        },
        correct="c",
        feedback={
            "a": "Shared features are a lead for research, not proof that treatments transfer; "
                 "each use must be tested in trials.",
            "b": "The organ still matters (surgery, spread, other biology); molecular features "
                 "add to it, they do not replace it.",
        },
        explanation="Molecular similarity across organs (TCGA Network, Nature 2012) suggests "
                    "trials grouped by shared features, alongside the organ of origin.",
    ),
}
