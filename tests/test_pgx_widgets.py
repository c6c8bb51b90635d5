"""Lesson 01 widgets: set control values, check new results and changed PNG bytes."""

from __future__ import annotations

import time

import numpy as np

from precisionmed.widgets import pgx as wp


def test_report_patient_and_alleles() -> None:
    box = wp.report_explorer()
    assert box.result.diplotype == "*2/*3"
    assert box.result.phenotype == "Poor Metabolizer"
    png = box.view.png
    box.controls["patient"].value = "PM-003"
    assert box.result.phenotype == "Rapid Metabolizer"
    assert box.view.png != png
    box.controls["gene"].value = "CYP2D6"
    assert box.controls["allele1"].options[0] == "*1"
    box.controls["allele2"].value = "*1x2"
    assert box.controls["patient"].value == wp.CHOOSE
    assert box.result.diplotype == "*1/*1x2"
    assert box.result.phenotype == "Ultrarapid Metabolizer"
    assert "Avoid codeine" in box.table.value
    box.controls["patient"].value = "PM-004"
    assert box.result.score == 3.0 and box.result.call.ambiguous


def test_report_hla() -> None:
    box = wp.report_explorer()
    box.controls["gene"].value = "HLA-B"
    box.controls["allele2"].value = "*57:01"
    assert box.result.phenotype == "*57:01 Positive"
    assert "not recommended" in box.result.recommendation.text


def test_exposure_dose_and_phenotype() -> None:
    box = wp.exposure_explorer()
    before = box.result["Poor Metabolizer"].steady_peak
    png = box.view.png
    box.controls["dose"].value = 200.0
    assert box.result["Poor Metabolizer"].steady_peak > before
    assert box.view.png != png
    box.controls["kind"].value = "prodrug"
    assert box.result["Ultrarapid Metabolizer"].steady_peak > \
        box.result["Poor Metabolizer"].steady_peak
    box.controls["phenotype"].value = "Poor Metabolizer"
    assert "Poor Metabolizer" in box.summary.value


def test_benchmark_cases_fast() -> None:
    for _, builder, key, values in wp.BENCHMARK_CASES:
        box = builder()
        times = []
        for value in values:
            start = time.perf_counter()
            box.controls[key].value = value
            times.append(time.perf_counter() - start)
        assert np.percentile(times, 95) < 0.25  # generous on slow CI; target 50 ms
