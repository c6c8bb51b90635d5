"""Lesson 03: the tumour-board report and widget (driven by setting control values), and
fuzzing of the oncology functions' bad-input handling."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from precisionmed import oncology as onc
from precisionmed.oncology import board
from precisionmed.oncology import panels as tumour
from precisionmed.plots import alt_text, new_figure


def test_wei_report_matches_egfr_inhibitors_without_warnings():
    report = board.tumour_report("PM-002")
    assert report.patient["name"] == "Wei"
    drivers = report.calls[report.calls["known_driver"]]
    assert list(drivers["gene"] + " " + drivers["alteration"]) == ["EGFR L858R"]
    assert drivers["origin_call"].iloc[0] == "likely somatic"
    assert "osimertinib" in set(report.summary["drug"])
    assert report.warnings == []
    assert "Wei (PM-002)" in report.headline()


def test_priya_report_warns_about_anti_egfr_antibodies():
    report = board.tumour_report("PM-005")
    verdict = report.summary.set_index("drug")["verdict"]
    assert verdict["cetuximab"] == verdict["panitumumab"] == "avoid"
    assert verdict["sotorasib + panitumumab"] == "consider"
    assert len(report.warnings) == 2


def test_germline_calls_are_not_matched_to_drugs():
    for pid in board.patient_ids()[:60]:
        report = board.tumour_report(pid)
        germline = report.calls[report.calls["origin_call"] == "likely germline"]
        matched = set(report.matches["gene"] + " " + report.matches["alteration"])
        assert not set(germline["gene"] + " " + germline["alteration"]) & matched


def test_unknown_patient_is_a_friendly_error():
    with pytest.raises(ValueError, match="PM-002"):
        board.tumour_report("PM-02")


def test_plot_vaf_updates_in_place_with_alt_text():
    report = board.tumour_report("PM-001")
    fig, ax = new_figure(alt=board.describe_vaf(report))
    board.plot_vaf(ax, report)
    collections = list(ax.collections)
    board.plot_vaf(ax, board.tumour_report("PM-002"))
    assert list(ax.collections) == collections  # same artists, new data
    assert "PM-002" in ax.get_title()
    assert "purity/2" in board.describe_vaf(report)


def test_tumour_board_follows_its_controls():
    box = tumour.tumour_board()
    assert box.result.patient_id == "PM-002"
    png = box.view.png
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "osimertinib" in box.therapies.value and "EGFR" in box.variants.value
    box.controls["patient"].value = "PM-005"
    assert box.result.patient_id == "PM-005"
    assert box.view.png != png
    assert "cetuximab" in box.warnings.value and "Priya" in box.header.value
    assert "PM-005" in box.view.caption.value
    png = box.view.png
    box.controls["show_filtered"].value = False
    assert box.view.png != png or board.tumour_report("PM-005").calls[
        "filter"].eq("PASS").all()
    box.controls["patient"].value = "PM-002"  # cached revisit still shows the right patient
    assert box.result.patient_id == "PM-002" and "Wei" in box.header.value


def test_tumour_board_controls_are_bounded_and_labelled():
    box = tumour.tumour_board("PM-001")
    options = [v for _, v in box.controls["patient"].options]
    assert len(options) >= 500 and options[:3] == ["PM-001", "PM-002", "PM-005"]
    assert all(c.description for c in box.controls.values())
    with pytest.raises(ValueError):
        tumour.tumour_board("nobody")


def test_benchmark_cases_name_real_controls():
    for label, builder, key, values in tumour.BENCHMARK_CASES:
        box = builder()
        assert label.startswith("03") and key in box.controls and len(values) >= 20
        box.controls[key].value = values[-1]
        assert box.result.patient_id == values[-1]


# --- fuzzing: bad input raises ValueError with a message, never anything else ----------------

_ANY = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                 st.text(max_size=40), st.lists(st.text(max_size=12), max_size=3),
                 st.binary(max_size=8), st.dictionaries(st.text(max_size=3), st.integers(),
                                                        max_size=2))


def _only_value_error(func, *args):
    try:
        func(*args)
    except ValueError as exc:
        assert str(exc).strip()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY, _ANY)
def test_match_therapies_fuzz(alterations, cancer):
    _only_value_error(onc.match_therapies, alterations, cancer)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_parse_alteration_fuzz(text):
    _only_value_error(onc.parse_alteration, text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["BRAF", "EGFR", "KRAS", "TMB", "MSI", "ALK", "HER2", "BCR-ABL1"]),
       st.text(alphabet="ACDEFGHIKLMNPQRSTVWY0123456789_*-/ .:abcdefghijklmnopqrstuvwxyz",
               max_size=20))
def test_gene_plus_junk_fuzz(gene, tail):
    _only_value_error(onc.match_therapies, f"{gene} {tail}", "lung")


@settings(max_examples=200, deadline=None)
@given(_ANY, _ANY)
def test_vaf_and_purity_fuzz(a, b):
    _only_value_error(onc.vaf, a, b)
    _only_value_error(onc.origin_call, a, b)
    _only_value_error(onc.expected_vaf, a, b)
    _only_value_error(onc.estimate_purity, a)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=8), st.text(max_size=12)), max_size=3))
def test_table_input_fuzz(rows):
    frame = pd.DataFrame(rows, columns=["gene", "alteration"])
    _only_value_error(onc.match_therapies, frame, "breast")
    _only_value_error(onc.annotate, frame)


def test_board_tables_scroll_sideways_and_show_blocked_reasons():
    """At 800 px the wide therapy table must scroll, not lose its columns (issue #13)."""
    from precisionmed.oncology.board import tumour_report
    from precisionmed.oncology.panels import therapies_html, variants_html

    report = tumour_report("PM-005")
    for text in (therapies_html(report), variants_html(report)):
        assert text.startswith("<div style='overflow-x:auto")
    therapies = therapies_html(report)
    assert "reason" in therapies and "predicts failure" in therapies
    assert "Knowledge as of" in therapies
    amara = therapies_html(tumour_report("PM-001"))
    assert "not this setting" in amara and "early" in amara


def test_vaf_description_counts_the_dots_drawn_with_or_without_filtered_calls() -> None:
    """The caption says what the chart shows: hiding low-quality calls removes them from it."""
    report = board.tumour_report("TB-0001")
    filtered = int((report.calls["vaf"].notna() & (report.calls["filter"] != "PASS")).sum())
    assert filtered >= 1  # TB-0001 has a low-quality call (PIK3CA L15H at 0.01)
    shown = board.describe_vaf(report, show_filtered=True)
    hidden = board.describe_vaf(report, show_filtered=False)
    total = int(report.calls["vaf"].notna().sum())
    assert shown.startswith(f"Dot plot of {total} variant calls")
    assert hidden.startswith(f"Dot plot of {total - filtered} variant calls")
    assert f"{filtered} filtered" in shown and "calls hidden" in hidden
    box = tumour.tumour_board("TB-0001")
    box.controls["show_filtered"].value = False
    assert box.view.alt == hidden
    box.controls["show_filtered"].value = True
    assert box.view.alt == shown


def test_driver_vaf_figure() -> None:
    fig = board.driver_vaf_figure()
    assert fig.axes[0].get_title() == "Driver VAF follows purity ÷ 2"
    # 227 known drivers in the simulated cohort (lesson 03's stored output).
    assert alt_text(fig).startswith("Scatter plot of 227 known driver mutations")
