"""Lesson 08 science: the CKD-EPI equations (pinned published arithmetic), bad inputs, and
the polygenic-score toolkit's behaviour."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from precisionmed import diversity as dv

# Pinned values: the published coefficients (National Kidney Foundation pages for the 2009 and
# 2021 CKD-EPI creatinine equations; Levey 2009, Inker 2021) worked out by hand, e.g.
# 2021, woman 60, Scr 0.5: 142 × (0.5/0.7)^−0.241 × 0.9938^60 × 1.012 = 107.31.
PINNED_2021 = [
    # (creatinine, age, sex, eGFR)  — below and above the knot Scr = κ, both sexes
    (0.5, 60, "female", 107.31),
    (1.4, 60, "female", 43.07),
    (0.7, 60, "female", 98.95),   # at the knot: 142 × 0.9938^60 × 1.012
    (0.7, 50, "male", 112.25),
    (2.0, 50, "male", 39.91),
    (0.9, 50, "male", 104.05),    # at the knot: 142 × 0.9938^50
]
PINNED_2009 = [
    # (creatinine, age, sex, recorded Black, eGFR)
    (0.5, 60, "female", False, 105.20),
    (1.4, 60, "female", False, 40.74),
    (1.4, 60, "female", True, 47.21),
    (0.7, 50, "male", False, 110.04),
    (2.0, 50, "male", False, 37.79),
    (2.0, 50, "male", True, 43.80),
    (0.9, 50, "male", False, 99.24),  # at the knot: 141 × 0.993^50
]


@pytest.mark.parametrize(("scr", "age", "sex", "expected"), PINNED_2021)
def test_ckd_epi_2021_pinned(scr: float, age: int, sex: str, expected: float) -> None:
    assert dv.egfr_ckd_epi(scr, age, sex, "2021") == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize(("scr", "age", "sex", "black", "expected"), PINNED_2009)
def test_ckd_epi_2009_pinned(scr: float, age: int, sex: str, black: bool,
                             expected: float) -> None:
    assert dv.egfr_ckd_epi(scr, age, sex, "2009", black=black) == pytest.approx(expected,
                                                                                abs=0.01)


def test_published_calculator_worked_examples() -> None:
    # Worked examples printed by public calculator pages (rounded as they print them):
    # 2021, woman 55, Scr 0.9 -> "about 76" (their intermediate rounding; exact 75.5);
    # 2021, man 50, Scr 1.1 -> 82; 2009, man 53, Scr 1.26 (111 µmol/L) -> 65.
    assert abs(dv.egfr_ckd_epi(0.9, 55, "female", "2021") - 76) < 1
    assert round(dv.egfr_ckd_epi(1.1, 50, "male", "2021")) == 82
    assert round(dv.egfr_ckd_epi(1.26, 53, "male", "2009", black=False)) == 65


def test_race_factor_is_exactly_1_159_in_2009() -> None:
    for scr in (0.5, 0.9, 1.5, 4.0):
        black = dv.egfr_ckd_epi(scr, 52, "male", "2009", black=True)
        other = dv.egfr_ckd_epi(scr, 52, "male", "2009", black=False)
        assert black / other == pytest.approx(1.159)


def test_equations_fall_as_creatinine_and_age_rise() -> None:
    for eq, kw in (("2009", {"black": False}), ("2021", {})):
        values = [dv.egfr_ckd_epi(s, 50, "female", eq, **kw) for s in (0.4, 0.7, 1.0, 3.0)]
        assert values == sorted(values, reverse=True)
        assert dv.egfr_ckd_epi(1.0, 30, "male", eq, **kw) > dv.egfr_ckd_epi(1.0, 80, "male",
                                                                            eq, **kw)


def test_2021_refuses_race_with_a_message() -> None:
    with pytest.raises(ValueError, match="removed race"):
        dv.egfr_ckd_epi(1.0, 50, "male", "2021", black=True)
    with pytest.raises(ValueError, match="removed race"):
        dv.egfr_ckd_epi(1.0, 50, "male", "2021", black=False)


@pytest.mark.parametrize(("args", "kwargs", "error", "words"), [
    ((1.0, 50, "male", "2009"), {}, ValueError, "black=True or black=False"),
    ((0.0, 50, "male"), {}, ValueError, "more than 0"),
    ((-1.0, 50, "male"), {}, ValueError, "more than 0"),
    ((1.0, 17, "male"), {}, ValueError, "adults"),
    ((1.0, 50, "man"), {}, ValueError, "female' or 'male"),
    ((1.0, 50, "male", "2012"), {}, ValueError, "equation must be one of"),
    (("1.0", 50, "male"), {}, TypeError, "must be a number"),
    ((1.0, float("nan"), "male"), {}, ValueError, "finite"),
])
def test_bad_inputs_are_refused_kindly(args: tuple, kwargs: dict, error: type,
                                       words: str) -> None:
    with pytest.raises(error, match=words):
        dv.egfr_ckd_epi(*args, **kwargs)


def test_categories_and_waiting_time_line() -> None:
    assert [dv.gfr_category(v) for v in (95, 90, 75, 50, 35, 20, 10)] == [
        "G1", "G1", "G2", "G3a", "G3b", "G4", "G5"]
    assert dv.accrues_waiting_time(20.0) and not dv.accrues_waiting_time(20.1)
    with pytest.raises(ValueError):
        dv.gfr_category(-1)


# --- polygenic toolkit --------------------------------------------------------------------------

def _toy(seed: int = 1, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    g = rng.binomial(2, 0.4, size=(n, 6)).astype(float)
    y = 0.8 * g[:, 0] - 0.5 * g[:, 3] + rng.normal(0, 1, n)
    return g, y


def test_gwas_finds_the_markers_with_effects() -> None:
    g, y = _toy()
    effects = dv.gwas_effects(g, y)
    strongest = effects.reindex(effects["z"].abs().sort_values(ascending=False).index)
    assert set(strongest["marker"].iloc[:2]) == {0, 3}
    assert effects.loc[0, "beta"] > 0 > effects.loc[3, "beta"]


def test_gwas_adjusts_for_population_means() -> None:
    # a marker whose frequency differs between groups, with no effect, while the trait mean
    # differs between groups: unadjusted it looks associated, adjusted it does not
    rng = np.random.default_rng(3)
    groups = np.repeat(["A", "C"], 300)
    g = np.column_stack([np.concatenate([rng.binomial(2, 0.1, 300), rng.binomial(2, 0.8, 300)])])
    y = np.where(groups == "C", 2.0, 0.0) + rng.normal(0, 1, 600)
    assert abs(dv.gwas_effects(g, y)["z"].iloc[0]) > 10
    assert abs(dv.gwas_effects(g, y, groups)["z"].iloc[0]) < 3


def test_train_score_keeps_one_marker_per_block_above_threshold() -> None:
    effects = pd.DataFrame({"marker": [0, 1, 2, 3], "beta": [0.5, 0.2, -0.1, 0.01],
                            "z": [6.0, 2.5, -3.0, 0.5]})
    weights = dv.train_score(effects, [1, 1, 2, 2], min_abs_z=2.0)
    assert weights["marker"].tolist() == [0, 2]
    assert weights["weight"].tolist() == [0.5, -0.1]


def test_score_accuracy_r2_and_calibration() -> None:
    rng = np.random.default_rng(5)
    score = rng.normal(0, 1, 5000)
    trait = 0.5 * score + rng.normal(0, 1, 5000)
    acc = dv.score_accuracy(score, trait)
    assert acc.r2 == pytest.approx(0.25 / 1.25, abs=0.03)
    assert acc.slope == pytest.approx(0.5, abs=0.05)
    inflated = dv.score_accuracy(2 * score, trait)
    assert inflated.slope == pytest.approx(0.25, abs=0.03)   # overstated score: slope < 1
    assert inflated.r2 == pytest.approx(acc.r2)


def test_toolkit_refuses_garbage() -> None:
    with pytest.raises(ValueError):
        dv.gwas_effects([[0, 1], [3, 1], [1, 1]], [1, 2, 3])
    with pytest.raises(ValueError):
        dv.gwas_effects([[0, 1], [1, 1], [2, 0]], [1, 2])
    with pytest.raises(ValueError):
        dv.train_score("effects", [1])
    with pytest.raises(ValueError):
        dv.score_accuracy([1, 2], [1, 2])
    with pytest.raises(ValueError):
        dv.accuracy_ratio(0.2, 0.0)
    assert dv.accuracy_ratio(0.25, 0.05) == pytest.approx(5.0)
    assert math.isclose(dv.accuracy_ratio(0.1, 0.2), 0.5)
