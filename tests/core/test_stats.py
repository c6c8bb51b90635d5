"""precisionmed.stats: the Wilson interval against Newcombe's worked examples and scipy."""

from __future__ import annotations

import pytest
from kernelrun import fresh_python
from scipy.stats import binomtest

from precisionmed.stats import wilson_interval


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    # Newcombe, Stat Med 1998;17:857-72, Table I, method 3 (Wilson score, no correction).
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_matches_newcombes_worked_examples(k: int, n: int, low: float,
                                                           high: float) -> None:
    got = wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=5e-5)


@pytest.mark.parametrize("n", [1, 2, 7, 40, 263, 1000])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_wilson_interval_agrees_with_scipy_for_every_count(n: int, confidence: float) -> None:
    for k in range(n + 1):
        ci = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
        assert wilson_interval(k, n, confidence) == pytest.approx((ci.low, ci.high), abs=1e-12)


def test_wilson_interval_ends_are_exact_at_zero_and_all() -> None:
    assert wilson_interval(0, 12)[0] == 0.0
    assert wilson_interval(12, 12)[1] == 1.0


@pytest.mark.parametrize(("args", "message"), [
    ((3, 0), "at least one patient"), ((5, 4), "between 0"), ((-1, 4), "between 0"),
    ((1.5, 4), "whole number"), ((True, 4), "whole number"), ((1, "4"), "whole number"),
    ((1, 4, 1.2), "between 0 and 1"), ((1, 4, 0), "between 0 and 1"),
])
def test_wilson_interval_refuses_bad_counts_clearly(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        wilson_interval(*args)


def test_lesson_00s_imports_load_no_scipy() -> None:
    # Lesson 00 needs only the Wilson formula; scipy.stats alone would add about 50 MB to every
    # learner's kernel in a class.
    code = (
        "import sys\n"
        "from precisionmed import check, data, plots, stats\n"
        "import precisionmed.start.benefit, precisionmed.start.panels, precisionmed.widgets\n"
        "import precisionmed.widgets.answers\n"
        "print(sorted(m for m in sys.modules if m == 'scipy' or m.startswith('scipy.')))\n"
    )
    assert fresh_python(code).strip() == "[]"
