"""The course's accessible slider, figure HTML and table wrapper (what the browser gets)."""

from __future__ import annotations

import re

import ipywidgets as w
import pandas as pd
import pytest

from precisionmed import plots
from precisionmed.widgets import FigureView, choice_slider, figure_img_html, name_controls, slider
from precisionmed.widgets.controls import LabelledSlider, grid

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


def test_percent_slider_shows_whole_percentages_and_snaps_to_its_grid() -> None:
    s = slider("Patients with the marker", 0.3, 0.0, 1.0, 0.01, percent=True)
    assert isinstance(s, LabelledSlider) and isinstance(s, w.ValueWidget)
    assert (s.min, s.max, s.step) == (0.0, 1.0, 0.01)
    assert len(s.options) == 101 and s.readout == "30%"
    s.value = 0.456  # between grid points: the nearest point, as a browser slider would
    assert s.value == 0.46 and s.readout == "46%" and s.index == 46


def test_index_and_value_stay_in_step_both_ways() -> None:
    s = slider("Age (years)", 60, 20, 90, 10)
    seen = []
    s.observe(lambda change: seen.append(change["new"]), names="value")
    s.index = 0  # what the browser sends
    assert s.value == 20 and isinstance(s.value, int)
    s.value = 90
    assert s.index == len(s.options) - 1
    assert seen == [20, 90]


def test_slider_refuses_values_outside_its_range_with_a_clear_message() -> None:
    s = slider("Weight (kg)", 75, 40, 150, 1)
    with pytest.raises(ValueError, match="outside 40–150"):
        s.value = 200
    with pytest.raises(ValueError, match="outside"):
        s.index = 500
    assert s.value == 75


def test_choice_slider_offers_only_its_choices() -> None:
    s = choice_slider("Most variable genes used", [50, 100, 200], 100)
    assert s.options == [("50", 50), ("100", 100), ("200", 200)]
    with pytest.raises(ValueError, match="not one of its choices"):
        s.value = 150
    named = choice_slider("Age group", [("60–69 years", 6), ("70–79 years", 7)], 7)
    assert named.readout == "70–79 years"


@pytest.mark.parametrize("args", [("", 1, 0, 2, 1), ("Dose", 5, 0, 2, 1), ("Dose", 1, 2, 0, 1),
                                  ("Dose", 1, 0, 2, 0), ("Dose", float("nan"), 0, 2, 1)])
def test_slider_refuses_bad_definitions(args: tuple) -> None:
    with pytest.raises((ValueError, TypeError)):
        slider(*args)


def test_grid_has_no_floating_point_drift() -> None:
    points = grid(0.0, 1.0, 0.05)
    assert points[3] == 0.15 and points[-1] == 1.0 and len(points) == 21
    with pytest.raises(ValueError, match="whole number of steps"):
        grid(0.0, 1.0, 0.3)


def test_figure_reaches_the_page_as_img_with_escaped_alt_text() -> None:
    html = figure_img_html(PNG, 'Bar chart of "response" <by group> & dose')
    assert html.startswith('<img src="data:image/png;base64,')
    alt = re.search(r'alt="([^"]*)"', html).group(1)
    assert alt == "Bar chart of &quot;response&quot; &lt;by group&gt; &amp; dose"
    view = FigureView()
    view.show_png(PNG, "A line chart of drug level over time")
    assert view.png == PNG and 'alt="A line chart of drug level over time"' in view.image.value
    assert "A line chart" in view.caption.value
    with pytest.raises(ValueError):
        view.show_png(b"not a png", "A line chart of drug level over time")


def test_no_described_control_is_left_without_hover_text() -> None:
    drop = w.Dropdown(options=["a", "b"], description="Gene")
    already = w.Checkbox(description="Show", tooltip="Show the filtered calls")
    name_controls({"gene": drop, "show": already})
    assert drop.tooltip == "Gene"
    assert already.tooltip == "Show the filtered calls"


def test_tables_scroll_in_a_labelled_region() -> None:
    html = plots.table_html(pd.DataFrame({"gene": ["EGFR", "KRAS"], "vaf": [0.4, 0.2]}))
    assert html.startswith('<div class="pm-table" role="region" tabindex="0"')
    assert 'aria-label="Table with 2 rows and 2 columns"' in html
    assert "overflow-x:auto" in html and "<table" in html
    with pytest.raises(TypeError):
        plots.table_html([1, 2])
