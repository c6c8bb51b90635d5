"""Learner input is parsed once at the boundary; the inner steps work on the parsed value."""

from __future__ import annotations

import importlib

import pytest

from precisionmed import pgx

# The modules themselves (the package exports functions of the same names).
alleles, calling, phenotype, recommend, report, tables = (
    importlib.import_module(f"precisionmed.pgx.{name}")
    for name in ("alleles", "calling", "phenotype", "recommend", "report", "tables"))


def _count_calls(monkeypatch: pytest.MonkeyPatch, name: str, modules: tuple) -> list[str]:
    """Wrap ``name`` wherever ``modules`` imported it; return the list calls are appended to."""
    calls: list[str] = []
    original = getattr(modules[0], name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(repr(args[:2]))
        return original(*args, **kwargs)

    for module in modules:
        if getattr(module, name, None) is original:
            monkeypatch.setattr(module, name, counting)
    return calls


MODULES = (tables, alleles, calling, phenotype, recommend, report)


@pytest.mark.parametrize(("gene", "drug", "diplotype"), [
    ("CYP2C19", "clopidogrel", "*2/*1"), ("CYP2D6", "codeine", "*4/*1x2"),
    ("HLA-B", "abacavir", "*57:01/*07:02"), ("DPYD", "fluorouracil", "c.1905+1G>A/Reference"),
])
def test_a_report_checks_the_gene_and_parses_the_diplotype_once(
        monkeypatch: pytest.MonkeyPatch, gene: str, drug: str, diplotype: str) -> None:
    report.glass_box(gene, drug, diplotype)  # fill the table caches (allele_info is cached)
    genes = _count_calls(monkeypatch, "check_gene", MODULES)
    parses = _count_calls(monkeypatch, "_split", (alleles, phenotype, calling, recommend, report))
    built = report.glass_box(gene, drug, diplotype)
    # glass_box checks the gene once; recommend (a public entry point of its own) checks the
    # keys of the dict it is given once more. Before, one report checked it 40 times.
    assert len(genes) <= 2, genes
    assert len(parses) == 1, parses
    assert built.parsed is not None and built.parsed.text == built.diplotype


def test_a_report_from_genotypes_parses_the_call_once(monkeypatch: pytest.MonkeyPatch) -> None:
    call = {"rs12248560": "0/1", "rs28399504": "0/0", "rs17884712": "0/0",
            "rs4986893": "0/0", "rs4244285": "0/1"}
    report.glass_box("CYP2C19", "clopidogrel", genotypes=call)  # fill the table caches
    genes = _count_calls(monkeypatch, "check_gene", MODULES)
    built = report.glass_box("CYP2C19", "clopidogrel", genotypes=call)
    assert built.diplotype == "*2/*17" and built.phenotype == "Intermediate Metabolizer"
    assert len(genes) <= 2, genes


def test_the_parsed_diplotype_unpacks_and_writes_itself_in_order() -> None:
    parsed = pgx.parse_diplotype("cyp2c19", " *17/*2 ")
    first, second = parsed
    assert (parsed.gene, first.name, second.name) == ("CYP2C19", "*17", "*2")
    assert parsed.text == "*2/*17"
    assert [a.name for a in parsed.in_order()] == ["*2", "*17"]
    assert pgx.parse_diplotype("VKORC1", "A/G").text == "G/A"
    assert pgx.parse_diplotype("CYP2D6", "*5/*1x2").copies == 2


def test_recommend_takes_a_parsed_diplotype_and_refuses_another_genes() -> None:
    parsed = pgx.parse_diplotype("CYP2C19", "*2/*3")
    assert pgx.recommend("clopidogrel", {"CYP2C19": parsed}).phenotypes == {
        "CYP2C19": "Poor Metabolizer"}
    with pytest.raises(ValueError, match="CYP2D6 diplotype"):
        pgx.recommend("clopidogrel", {"CYP2C19": pgx.parse_diplotype("CYP2D6", "*1/*4")})


def test_the_boundary_still_gives_the_friendly_errors() -> None:
    with pytest.raises(ValueError, match="Allowed genes"):
        pgx.phenotype("CYP2C91", "*1/*2")
    with pytest.raises(ValueError, match="Use '/' between"):
        pgx.phenotype("CYP2C19", "*1-*2")
    with pytest.raises(ValueError, match="Unknown CYP2C19 allele"):
        report.glass_box("CYP2C19", "clopidogrel", "*1/*99")


def _table(**changes: object) -> object:
    import pandas as pd

    rows = {"age_years": [60, 71, 45], "height_cm": [170, 158, 182], "weight_kg": [75, 68, 90],
            "vkorc1": ["G/G", "G/A", "A/A"], "cyp2c9": ["*1/*1", "*1/*2", "*3/*8"],
            "race_reported": ["White", "Asian", "Black or African American"],
            "enzyme_inducer": [False, False, True], "amiodarone": [False, True, False],
            "true_dose_mg_week": [42.0, 20.0, 25.0]}
    rows.update(changes)
    return pd.DataFrame(rows)


def test_cohort_doses_checks_the_table_once_and_matches_the_one_person_formula() -> None:
    doses = pgx.cohort_doses(_table())
    # The IWPC worked example (60 y, 170 cm, 75 kg, G/G, *1/*1, White): 41.9 mg/week.
    assert round(float(doses["pharmacogenetic"].iloc[0]), 1) == 41.9
    assert round(float(doses["clinical"].iloc[0]), 1) == 30.5
    for i, row in enumerate(_table().itertuples(index=False)):
        one = pgx.warfarin_weekly_dose(row.age_years, row.height_cm, row.weight_kg, row.vkorc1,
                                       pgx.iwpc_cyp2c9(row.cyp2c9), row.race_reported,
                                       row.enzyme_inducer, row.amiodarone)
        assert float(doses["pharmacogenetic"].iloc[i]) == pytest.approx(one)


@pytest.mark.parametrize(("changes", "message"), [
    ({"age_years": [60, 15, 45]}, "age_years must be between 18 and 110 years, got 15"),
    ({"weight_kg": [75, "heavy", 90]}, "weight_kg must be a number"),
    ({"height_cm": [170, float("nan"), 182]}, "height_cm must be a finite number"),
    ({"race_reported": ["White", "Martian", "Asian"]}, "race must be one of"),
    ({"vkorc1": ["G/G", "G/T", "A/A"]}, "vkorc1 must be one of"),
])
def test_cohort_doses_names_a_bad_value_in_the_table(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pgx.cohort_doses(_table(**changes))
