"""Lesson 00 — Start here: why one size does not fit all."""

from __future__ import annotations

from precisionmed.check import read_items


def _site_a_marker_percent() -> float:
    from precisionmed import data

    trial = data.load("start/trial")
    site = trial[trial["site"] == "Site A"]
    return float(site["marker_positive"].mean() * 100)


#: The exercises and questions are data: exercises.json beside this file
#: (prompts, answers, hints, feedback). An answer written {"computed": "<name>"} there is
#: worked out by the function of that name above.
EXERCISES, QUESTIONS = read_items(__name__, globals())
