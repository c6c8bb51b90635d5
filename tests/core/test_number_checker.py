"""The course's one number checker: one rule for a non-number, one wording for a bad range."""

from __future__ import annotations

import math

import pytest

from precisionmed import _checks, oncology, pgx, risk, trials
from precisionmed.start import benefit


@pytest.mark.parametrize("bad", ["12", None, True, [3], complex(1, 1)])
def test_a_non_number_is_both_a_type_error_and_a_value_error(bad: object) -> None:
    with pytest.raises(_checks.NotANumberError) as info:
        _checks.number("dose", bad)
    assert isinstance(info.value, TypeError) and isinstance(info.value, ValueError)
    assert str(info.value).startswith("dose must be a number")


def test_range_messages_name_the_bounds_and_unit() -> None:
    with pytest.raises(ValueError, match=r"weight must be between 20 and 250 kg, got 10\."):
        _checks.number("weight", 10, 20, 250, unit="kg")
    with pytest.raises(ValueError, match=r"hr must be above 0, got 0\."):
        _checks.number("hr", 0, 0, low_open=True)
    with pytest.raises(ValueError, match="finite"):
        _checks.number("x", math.inf)
    with pytest.raises(ValueError, match="whole number at least 1, got 0"):
        _checks.whole("n", 0, 1)
    with pytest.raises(_checks.NotANumberError, match="whole number"):
        _checks.whole("n", 2.5)
    with pytest.raises(ValueError, match="between 0 and 1, got 1.5. Give it as a share"):
        _checks.share("p", 1.5)
    assert _checks.number("weight", 70, 20, 250) == 70.0 and _checks.whole("n", 3) == 3


@pytest.mark.parametrize("call", [
    lambda: trials.patients_to_screen("10", 0.14),
    lambda: oncology.vaf("3", 10),
    lambda: pgx.warfarin_weekly_dose("sixty", 170, 75, "G/G", "*1/*1", "White"),
    lambda: benefit.expected_response("half", 0.7, 0.1, 0.3),
    lambda: risk.absolute_risk("5%", 2),
    lambda: risk.icon_array_counts(0.1, "100"),
])
def test_every_topic_refuses_text_for_a_number_the_same_way(call) -> None:
    with pytest.raises(_checks.NotANumberError, match="must be a"):
        call()


def test_risk_refusals_use_the_one_checkers_wording() -> None:
    with pytest.raises(ValueError, match=r"risk must be between 0 and 1, got 1\.5\. Give it as "
                                         r"a risk between 0 and 1 \(for example 0\.05 for 5%\)"):
        risk.icon_array_counts(1.5, 100)
    with pytest.raises(ValueError, match="degree must be a whole number between 1 and 3"):
        risk.carrier_chance(4)
    with pytest.raises(ValueError, match="relative_risk must be at least 0"):
        risk.absolute_risk(0.1, -1)
