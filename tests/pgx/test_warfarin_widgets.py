"""Lesson 02 widget: the three doses follow the controls."""

from __future__ import annotations

import pytest

from precisionmed import pgx
from precisionmed.pgx import panels_warfarin as ww


def test_dose_explorer_updates() -> None:
    box = ww.dose_explorer()
    rosa = pgx.warfarin_weekly_dose(71, 158, 68, "G/A", "*1/*2", "White")
    assert box.result["pharmacogenetic"] == pytest.approx(rosa)
    assert box.result["fixed"] == 35.0
    png = box.view.png
    box.controls["vkorc1"].value = "A/A"
    assert box.result["pharmacogenetic"] < rosa
    assert box.view.png != png
    clinical = box.result["clinical"]
    box.controls["vkorc1"].value = "unknown"
    assert box.result["clinical"] == clinical
    box.controls["amiodarone"].value = True
    assert box.result["clinical"] < clinical
    box.controls["age"].value = 40
    assert box.result["clinical"] > clinical


def test_age_moves_by_the_decades_the_formula_uses() -> None:
    box = ww.dose_explorer()
    age = box.controls["age"]
    values = [v for _, v in age.options]
    assert values == [20, 30, 40, 50, 60, 70, 80, 90]
    assert age.value == 70 and age.readout == "70–79 years"  # Rosa is 71
    doses = []
    for value in values:  # every position gives a different dose (no dead moves)
        png = box.view.png
        age.value = value
        doses.append(box.result["pharmacogenetic"])
        if value != 20:
            assert box.view.png != png
        assert f"decades ({min(value // 10, 9)} here)" in box.summary.value
        for years in range(value, value + 10 if value < 90 else 101):
            assert pgx.warfarin_weekly_dose(years, 158, 68, "G/A", "*1/*2", "White") == \
                pytest.approx(box.result["pharmacogenetic"])  # one group = one dose
    assert len(set(round(d, 6) for d in doses)) == len(doses)


def test_exercise_readouts_are_reachable() -> None:
    """Lesson 02's exercises ask for age 60, height 170 and weight 75."""
    box = ww.dose_explorer()
    box.controls["age"].value = 60
    box.controls["height"].value = 170
    box.controls["weight"].value = 75
    box.controls["vkorc1"].value = "G/G"
    box.controls["cyp2c9"].value = "*1/*1"
    assert box.result["pharmacogenetic"] == pytest.approx(
        pgx.warfarin_weekly_dose(60, 170, 75, "G/G", "*1/*1", "White"))
    assert box.controls["height"].readout == "170 cm"
    assert box.controls["weight"].readout == "75 kg"


def test_summary_explains_small_height_and_weight_steps() -> None:
    box = ww.dose_explorer()
    for height in (140, 158, 200):
        for weight in (40, 68, 150):
            box.controls["height"].value = height
            box.controls["weight"].value = weight
            now = box.result
            step = pgx.warfarin_weekly_dose(70, height + 1, weight, "G/A", "*1/*2", "White") \
                - now["pharmacogenetic"]
            assert f"1 cm more height adds {step:.2f} mg/week" in box.summary.value
            small = step < 0.1 or any(
                pgx.warfarin_weekly_dose(70, height + dh, weight + dw, "G/A", "*1/*2", "White",
                                         algorithm=a) - now[a] < 0.1
                for a in ("clinical", "pharmacogenetic") for dh, dw in ((1, 0), (0, 1)))
            assert ("may leave a rounded dose unchanged" in box.summary.value) == small


def test_every_dose_control_changes_the_picture() -> None:
    box = ww.dose_explorer()
    for key, value in [("height", 170), ("weight", 90), ("vkorc1", "G/G"), ("cyp2c9", "*3/*3"),
                       ("race", "Asian"), ("inducer", True), ("amiodarone", True)]:
        png = box.view.png
        box.controls[key].value = value
        assert box.view.png != png, key
    for key in ("inducer", "amiodarone"):
        assert box.controls[key].tooltip  # no "null" on hover
        assert len(box.controls[key].description) <= 30  # never cut in a narrow window
