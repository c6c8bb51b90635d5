"""Lesson 10 — Genes, records, lifestyle and wearables together: exercises and questions."""

from __future__ import annotations

from precisionmed.check import Exercise, Question


def _joined_people() -> float:
    from precisionmed.risk.integrate import integrate_stored

    return float(len(integrate_stored().table))


def _peter_not_smoking() -> float:
    from precisionmed.risk.panels import icon_view

    return float(icon_view("Peter", "polygenic score + FH result", False, 4000, 100).now)


EXERCISES = {
    "risk-1": Exercise(
        prompt="Before the 1995 warning, about 1 in 7,000 women a year on the older pills had a "
               "blood clot in a vein; the newer pills doubled that. How many women would have "
               "to take the newer pill for a year for one extra clot?",
        kind="number",
        answer=7000.0,
        tolerance=0.5,
        example="500",
        wrong={"2": "2 is the relative risk (the 'doubled'). The question asks how many women "
                    "for one extra case: use the absolute difference.",
               "3500": "The difference between 2 in 7,000 and 1 in 7,000 is 1 in 7,000, not 2 "
                       "in 7,000. One over that difference is the answer."},
        hint="The newer pill: 2 in 7,000. The difference: 1 in 7,000. One extra case needs one "
             "over the difference: 1 ÷ (1 in 7,000).",
        explanation="1 / (2/7,000 − 1/7,000) = 7,000 women for one extra clot a year. "
                    "'Doubled' sounded alarming; '1 more in 7,000' tells you how big it is.",
    ),
    "risk-2": Exercise(
        prompt="Run the integration cell. How many people are left in the joined table after "
               "every check?",
        kind="number",
        answer=_joined_people,
        tolerance=0.0,
        example="1,234",
        wrong={"1000": "1,000 is the genotype file before the join. People with no health "
                       "record, no questionnaire or no measurement before the start drop out.",
               "995": "995 is the health record's patient list, including 15 people who "
                      "were never genotyped. Read the last line of the checklist."},
        hint="Read the last line of the checklist ('people in the joined table'). Type a "
             "whole number.",
        explanation="Every source misses some people. Counting who drops out, and why, is part "
                    "of the analysis: if the people left out differ (for example, sicker "
                    "people skip questionnaires), the results can be biased.",
    ),
    "risk-3": Exercise(
        prompt="In the icon panel choose Peter, 'polygenic score + FH result', smokes: no, "
               "4,000 steps a day and 100 people. How many of the 100 have a heart attack or "
               "stroke within 10 years?",
        kind="number",
        answer=_peter_not_smoking,
        tolerance=0.0,
        example="12",
        wrong={"50": "50 is with smoking. Set 'Smokes' to no.",
               "17": "17 is with the healthiest habits (not smoking and 10,000 steps). Keep "
                     "the steps at 4,000."},
        hint="Move the 'Smokes' slider to no and keep the other controls as the prompt says; "
             "read the first sentence under the chart.",
        explanation="Stopping smoking moves Peter's icons down a long way. The same change "
                    "sounds smaller or larger depending on whether you say it in relative or "
                    "absolute terms: the panel shows both.",
    ),
    "risk-4": Exercise(
        prompt="Peter carries a dominant FH variant. Four first-degree relatives (two "
               "children, a brother, a sister) and two second-degree relatives (his brother's "
               "children) are offered a test. How many carriers do you expect among these six?",
        kind="number",
        answer=2.5,
        tolerance=0.01,
        example="1.25",
        wrong={"3": "3 were found in this simulated family: chance. Expect 1 in 2 of the "
                    "first-degree and 1 in 4 of the second-degree relatives.",
               "3.0": "3 were found in this simulated family: chance. Expect 1 in 2 of the "
                      "first-degree and 1 in 4 of the second-degree relatives.",
               "1.5": "That counts 1 in 4 for everyone. First-degree relatives share half "
                      "their genes with Peter: 1 in 2 each."},
        hint="Each first-degree relative has a chance of 1 in 2, each second-degree relative "
             "1 in 4: add up the chances of all six relatives.",
        explanation="4 × ½ + 2 × ¼ = 2.5. Testing relatives finds carriers before a heart "
                    "attack, when lowering LDL cholesterol early helps most. This is cascade "
                    "testing.",
    ),
}

QUESTIONS = {
    "risk-mc1": Question(
        prompt="'Your relative risk is 2.' What does that tell you?",
        options={
            "a": "I will probably get the disease.",
            "b": "My risk is twice that of the comparison group; how big it is depends on "
                 "their risk.",
            "c": "My risk is 2%.",
            "d": "2 in 10 people like me get it.",
        },
        correct="b",
        feedback={
            "a": "A relative risk compares two groups; it does not say how likely the disease "
                 "is. Twice a tiny risk (1 in 7,000) is still tiny (2 in 7,000).",
            "c": "A relative risk has no unit: 2 means 'twice as high', not 2%.",
            "d": "That would be an absolute risk. You need the comparison group's risk to "
                 "turn a relative risk into one.",
        },
        explanation="Always ask 'twice what?'. The absolute risk (how many in 100 or in "
                    "1,000) tells you how big the risk is.",
    ),
    "risk-mc2": Question(
        prompt="Mosley and others (2020) added a polygenic score to the usual risk factors "
               "(age, blood pressure, cholesterol, smoking…) in 7,237 adults. What happened?",
        options={
            "a": "Prediction barely changed: no significant improvement.",
            "b": "Prediction became about twice as accurate.",
            "c": "The usual risk factors were no longer needed.",
        },
        correct="a",
        feedback={
            "b": "Their C statistic (AUC) did not improve significantly; our simulated cohort "
                 "shows the same.",
            "c": "Age, blood pressure, cholesterol and smoking carry most of the prediction; "
                 "a polygenic score adds a little on top of them.",
        },
        explanation="A polygenic score spreads risk a little across everyone. A monogenic "
                    "finding, such as an FH variant, changes one person's risk a lot.",
    ),
    "risk-mc3": Question(
        prompt="Which of these is overdiagnosis?",
        options={
            "a": "Finding a disease that would never have caused symptoms or harm in the "
                 "person's life.",
            "b": "A positive test in someone who does not have the disease.",
            "c": "Being given several diagnoses at once.",
        },
        correct="a",
        feedback={
            "b": "That is a false alarm (a false positive). Overdiagnosis is a *real* "
                 "finding that would never have mattered, so treating it only brings harms.",
            "c": "Several diagnoses can all be right. Overdiagnosis is about finding disease "
                 "that would never have caused harm.",
        },
        explanation="Screening finds real disease early, but it also brings false alarms and "
                    "overdiagnosis. Both lead to worry, more tests and sometimes treatment "
                    "nobody needed.",
    ),
}
