"""Lesson 02 widget: the three doses follow the controls."""

from __future__ import annotations

import pytest

from precisionmed import pgx
from precisionmed.widgets import warfarin as ww


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
