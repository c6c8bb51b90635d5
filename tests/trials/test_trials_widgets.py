"""Lesson 04's widgets, driven by setting control values (no browser)."""

from __future__ import annotations

import pytest

from precisionmed import check, trials
from precisionmed.plots import new_figure
from precisionmed.trials import panels as wt


def test_dilution_explorer_follows_its_sliders():
    box = wt.dilution_explorer()
    first = box.result
    png = box.view.png
    assert first.prevalence == 0.15 and first.true_hr == 0.45
    assert set(box.controls) == {"prevalence", "hazard_ratio"}
    box.controls["prevalence"].value = 1.0
    assert box.result.prevalence == 1.0
    # With everyone marker-positive, the all-comers trial *is* the selected trial.
    assert box.result.all_comers.hazard_ratio == pytest.approx(box.result.selected.hazard_ratio)
    assert box.result.all_comers.hazard_ratio < first.all_comers.hazard_ratio
    assert box.view.png != png
    assert "100%" in box.summary.value
    png = box.view.png
    box.controls["hazard_ratio"].value = 1.0
    assert box.result.true_hr == 1.0
    assert box.result.selected.ci_low < 1.0 < box.result.selected.ci_high
    assert box.view.png != png
    assert "Kaplan–Meier" in box.view.caption.value


def test_dilution_sliders_only_offer_precomputed_values():
    box = wt.dilution_explorer()
    values = [v for _, v in box.controls["prevalence"].options]
    assert 0.0 not in values and min(values) == 0.05 and max(values) == 1.0
    assert all(0 < v <= 1 for _, v in box.controls["hazard_ratio"].options)
    with pytest.raises(ValueError):
        wt.dilution_explorer(prevalence=0.141)


def test_resistance_explorer_follows_its_controls():
    box = wt.resistance_explorer()
    first = box.result
    png = box.view.png
    assert first.switch_month == first.detect_month is not None
    box.controls["kill_rate"].value = 1.2
    assert box.result.nadir_size < first.nadir_size
    assert box.view.png != png
    png = box.view.png
    box.controls["resistant_fraction"].value = 1e-6
    assert box.result.progression_month is None or (
        box.result.progression_month > first.progression_month)
    assert box.view.png != png
    box.controls["switch"].value = False
    assert box.result.switch_month is None
    box.controls["growth_rate"].value = 0.4
    assert box.result.params["growth_rate"] == 0.4
    assert "month" in box.summary.value


def test_benchmark_cases_name_real_controls():
    for label, builder, key, values in wt.BENCHMARK_CASES:
        box = builder()
        assert key in box.controls and values and label.startswith("04 ")
        box.controls[key].value = values[-1]


def test_plot_functions_update_in_place():
    fig, _ = new_figure(alt="Kaplan–Meier curves of a simulated trial", nrows=1, ncols=1)
    ax = fig.axes[0]
    trial = trials.simulate_pivotal("FLAURA")
    lines = trials.plot_km(ax, trials.kaplan_meier(trial), "FLAURA-like")
    again = trials.plot_km(ax, trials.kaplan_meier(trials.simulate_pivotal("AURA3")), "AURA3")
    assert lines == again and len(ax.lines) == 3  # two arms + the 50% line
    assert "median" in trials.describe_km(trials.kaplan_meier(trial))


def test_exercise_answers_check_out():
    assert check.feedback("trials-1", 54).correct
    assert check.feedback("trials-2", round(trials.median_months(
        trials.simulate_pivotal("FLAURA"), trials.DRUG), 1)).correct
    assert check.feedback("trials-3", round(trials.expected_hazard_ratio(0.2, 0.45), 2)).correct
    assert not check.feedback("trials-3", 0.45).correct
    assert check.feedback("trials-4", 3943).correct
    assert check.feedback("trials-5", round(trials.simulate_resistance().lead_time, 1)).correct
    assert check.feedback("trials-1", ...).status == "unanswered"
    for key in ("trials-mc1", "trials-mc2", "trials-mc3"):
        question = check.questions()[key]
        assert check.choice_feedback(key, question.correct).correct
        for letter in question.options:
            if letter != question.correct:
                assert not check.choice_feedback(key, letter).correct


def test_basket_plot_and_description():
    summary = trials.basket_summary(trials.simulate_basket())
    alt = trials.describe_basket(summary)
    fig, ax = new_figure(alt=alt)
    trials.plot_basket(ax, summary)
    assert len(ax.patches) == len(summary)  # one bar per basket plus the pooled bar
    assert "6 baskets" in alt and "%" in alt


def test_resistance_plot_can_keep_a_fixed_title():
    result = trials.simulate_resistance()
    fig, _ = new_figure(alt="Tumour size by clone and VAF in blood over time")
    trials.plot_resistance(fig, result, numbers_in_title=False)
    assert "illustrative" in fig.axes[0].get_title()
    fig2, _ = new_figure(alt="Tumour size by clone and VAF in blood over time")
    trials.plot_resistance(fig2, result)
    assert f"month {result.nadir_month:.1f}" in fig2.axes[0].get_title()


def test_each_resistance_slider_sets_only_what_its_label_says():
    box = wt.resistance_explorer()
    assert set(box.controls) == {"kill_rate", "resistant_fraction", "growth_rate", "switch",
                                 "second_kill_rate"}
    for key, value in [("kill_rate", 1.2), ("resistant_fraction", 10 ** -3.0),
                       ("growth_rate", 0.3), ("second_kill_rate", 1.0)]:
        before = dict(box.result.params)
        png = box.view.png
        box.controls[key].value = value
        after = box.result.params
        assert box.view.png != png, key
        changed = {k for k in before if before[k] != after[k]}
        assert changed == {key}, (key, changed)  # drug 1's rate never moves drug 2's
    png = box.view.png
    box.controls["switch"].value = False
    assert box.view.png != png and box.result.switch_month is None


def test_drug_2_slider_is_greyed_out_and_explained_when_it_cannot_act():
    box = wt.resistance_explorer()
    assert not box.controls["second_kill_rate"].disabled
    box.controls["switch"].value = False
    assert box.controls["second_kill_rate"].disabled
    assert "drug 2's kill rate changes nothing" in box.summary.value
    png = box.view.png
    box.controls["second_kill_rate"].value = 0.1  # allowed, but nothing it could change
    assert box.view.png == png
    box.controls["switch"].value = True
    box.controls["resistant_fraction"].value = 1e-6  # T790M never reaches the test's limit
    assert box.result.switch_month is None
    assert "the switch box and drug 2's kill rate change nothing" in box.summary.value


def test_resistance_caption_follows_the_plotted_course():
    box = wt.resistance_explorer()
    # Default: after the switch at month 8 the tumour keeps shrinking; nothing "grows back".
    assert "grows back" not in box.view.caption.value
    assert "keeps shrinking" in box.summary.value
    box.controls["switch"].value = False
    assert "grows back" in box.view.caption.value
    box.controls["switch"].value = True
    box.controls["second_kill_rate"].value = 0.1  # weaker than growth (0.2 per month)
    assert "drug 2 kills fewer cells than grow" in box.summary.value


def test_dilution_caption_uses_the_same_words_for_the_same_hazard_ratio():
    box = wt.dilution_explorer()
    for prevalence in (0.05, 0.5, 1.0):
        for hr in (0.2, 0.45, 0.7, 1.0):
            box.controls["prevalence"].value = prevalence
            box.controls["hazard_ratio"].value = hr
            r = box.result
            caption = box.view.caption.value
            for found in (r.all_comers.hazard_ratio, r.selected.hazard_ratio):
                words = ("close together" if found > 0.8 else "apart" if found >= 0.6
                         else "far apart")
                assert f"{words} (HR {found:.2f})" in caption
            assert f"{r.prevalence:.0%}" in box.summary.value
