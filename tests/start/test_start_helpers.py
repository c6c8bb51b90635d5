"""Helpers that keep lesson 00 thin: one-line charts, readable tables, and the numbers the
lesson's Markdown quotes (the marker counts of each site, one card per recurring patient)."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from precisionmed import data, plots, stats
from precisionmed.start import benefit


def test_marker_counts_match_the_lesson_text() -> None:
    counts = benefit.marker_counts(data.load("start/trial"))
    assert list(counts.columns) == ["no marker", "marker"]
    assert counts.loc["Site A"].tolist() == [344, 56]  # "56 of 400" in exercise 1's feedback
    assert counts.loc["Site B"].tolist() == [246, 154]
    with pytest.raises(TypeError, match="trial"):
        benefit.marker_counts("trial")
    with pytest.raises(ValueError, match="site"):
        benefit.marker_counts(pd.DataFrame({"x": [1]}))


def test_label_marker_and_observed_chart() -> None:
    trial = data.load("start/trial")
    rates = benefit.label_marker(stats.response_rates(trial, by=["marker_positive", "arm"]))
    assert set(rates["group"]) == {"marker", "no marker"}
    assert (rates["group"] == "marker").tolist() == rates["marker_positive"].astype(bool).tolist()
    fig = benefit.observed_chart(rates, group="group", title="Site A")
    assert isinstance(fig, Figure) and fig.axes[0].get_title() == "Site A"
    assert plots.alt_text(fig).startswith("Bar chart of the share of patients who responded")
    with pytest.raises(TypeError, match="title"):
        benefit.observed_chart(rates, group="group", title="")
    with pytest.raises(ValueError, match="marker_positive"):
        benefit.label_marker(pd.DataFrame({"arm": ["a"]}))


def test_patient_cards_read_one_person_at_a_time() -> None:
    cards = benefit.patient_cards(data.load("patients/recurring"))
    lines = repr(cards).splitlines()
    assert [line.split(" ")[0] for line in lines] == ["Amara", "Wei", "Rosa", "Daniel", "Priya"]
    assert "Rosa (PM-003), age 71" in lines[2]
    html = cards._repr_html_()
    assert html.count("<li") == 5 and "<table" not in html
    odd = pd.DataFrame([{"patient_id": "X", "name": "<b>", "age_years": 1, "background": "b",
                         "story": "s & t"}])
    assert "&lt;b&gt;" in benefit.patient_cards(odd)._repr_html_()
    with pytest.raises(ValueError, match="story"):
        benefit.patient_cards(odd.drop(columns="story"))
