"""Bad input raises ValueError with a helpful message — and nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from precisionmed import pgx


@pytest.mark.parametrize(("call", "phrase"), [
    (lambda: pgx.phenotype("CYP2C91", "*1/*1"), "Did you mean 'CYP2C9'"),
    (lambda: pgx.phenotype("CYP2C19", "*1/*99"), "Allowed CYP2C19 alleles"),
    (lambda: pgx.phenotype("CYP2C19", "*1/*177"), "Did you mean"),
    (lambda: pgx.phenotype("CYP2C19", "*1-*2"), "Use '/'"),
    (lambda: pgx.phenotype("CYP2C19", "*1"), "separated by one '/'"),
    (lambda: pgx.phenotype("CYP2C19", "*1x2/*1"), "only modelled for CYP2D6"),
    (lambda: pgx.recommend("clopidogrl", {"CYP2C19": "*1/*1"}), "Did you mean 'clopidogrel'"),
    (lambda: pgx.recommend("codeine", {}), "needs the diplotype of CYP2D6"),
    (lambda: pgx.warfarin_weekly_dose(60, 170, -5, "G/G", "*1/*1", "White"), "weight_kg"),
    (lambda: pgx.warfarin_weekly_dose(60, 170, 75, "G/T", "*1/*1", "White"), "vkorc1"),
    (lambda: pgx.warfarin_weekly_dose(60, 170, 75, "G/G", "*1/*8", "White"), "only knows"),
    (lambda: pgx.warfarin_weekly_dose(60, 170, 75, "G/G", "*1/*1", "Whtie"), "Did you mean"),
    (lambda: pgx.warfarin_weekly_dose(60, 170, 75, "G/G", "*1/*1", "White", algorithm="x"),
     "algorithm"),
    (lambda: pgx.call_diplotype("CYP2C19", {"rs4244285": "0/1"}), "Missing CYP2C19 genotypes"),
    (lambda: pgx.call_diplotype("CYP2C19", {r: "2/2" for r in pgx.panel("CYP2C19")}),
     "VCF genotype"),
    (lambda: pgx.call_diplotype("HLA-B", {}), "separate HLA test"),
])
def test_friendly_errors(call, phrase) -> None:
    with pytest.raises(ValueError, match=phrase.replace("*", r"\*").replace("(", r"\(")):
        call()


texts = st.one_of(st.text(max_size=12), st.sampled_from(
    ["*1/*2", "*1-*2", "*99/*1", "", "/", "*1//*2", "*1x9/*1", "*1xN/*1", "c.1905+1G>A/*1",
     "*57:01/*1", "Reference/Reference", "G/A"]))


@settings(max_examples=150, deadline=None)
@given(gene=st.sampled_from([*pgx.GENES, "cyp2c19", "CYP9", "", "HLA"]), diplotype=texts)
def test_phenotype_fuzz_only_valueerror(gene: str, diplotype: str) -> None:
    try:
        result = pgx.phenotype(gene, diplotype)
    except ValueError as exc:
        assert len(str(exc)) > 15
    else:
        assert isinstance(result, str) and result


@settings(max_examples=100, deadline=None)
@given(drug=st.text(max_size=10), diplotype=texts)
def test_recommend_fuzz_only_valueerror(drug: str, diplotype: str) -> None:
    try:
        pgx.recommend(drug, {"CYP2C19": diplotype})
    except ValueError as exc:
        assert "drug" in str(exc).lower() or len(str(exc)) > 15


@settings(max_examples=150, deadline=None)
@given(age=st.one_of(st.floats(allow_nan=True), st.integers(-5, 200), st.text(max_size=3)),
       weight=st.one_of(st.floats(-100, 400), st.booleans(), st.none()),
       vk=st.sampled_from(["G/G", "A/A", "G/A", "A/G", None, "GG", 3]),
       c9=st.sampled_from(["*1/*1", "*3/*2", None, "*1/*5", "*1", 5]))
def test_warfarin_fuzz_only_valueerror(age, weight, vk, c9) -> None:
    try:
        dose = pgx.warfarin_weekly_dose(age, 170, weight, vk, c9, "Asian")
    except ValueError as exc:
        assert len(str(exc)) > 15
    else:
        assert 0 < dose < 500


@settings(max_examples=100, deadline=None)
@given(genotypes=st.dictionaries(st.sampled_from(pgx.panel("CYP2D6")),
                                 st.sampled_from(["0/0", "0/1", "1/1", "1|0", "./.", 2, -1, "x"])),
       copies=st.integers(-1, 5))
def test_calling_fuzz_only_valueerror(genotypes, copies) -> None:
    try:
        call = pgx.call_diplotype("CYP2D6", genotypes, copies)
    except ValueError as exc:
        assert len(str(exc)) > 15
    else:
        assert "/" in call.diplotype
