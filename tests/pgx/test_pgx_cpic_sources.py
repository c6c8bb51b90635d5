"""Cases pinned to CPIC-derived primary data files (re-checked by a reviewer).

Sources (public GitHub repositories):

* PharmCAT phenotype files, ``PharmGKB/PharmCAT`` at commit
  f429762f69641546dcc5842bacd972e7e30d64c8,
  ``src/main/resources/org/pharmgkb/pharmcat/phenotype/cpic/<GENE>.json`` for CYP2C19, TPMT,
  NUDT15, SLCO1B1 and DPYD
  (NUDT15/TPMT/SLCO1B1 data version 2024-11-06) — allele functions, activity values and the
  diplotype → phenotype lists.
* PharmCAT ``.../phenotype/cpic/CYP2D6.json`` at commit 4cdfc34d990ebb320a9824831a90d136acfabd7b
  (CPIC data v1.28.0) — CYP2D6 activity values (*9 and *41 = 0.25).
* PharmCAT ``.../definition/alleles/SLCO1B1_translation.json`` (same commit as above) —
  SLCO1B1*2 is rs56101265 alone.
* cpic-data ``data.tsv`` (``cpicpgx/cpic-data``) — change log: CYP2D6 *9/*41 function change
  (2022-11-08, released March 2023); thiopurine IM/IM update (2024-03-20).
* PharmCAT ``src/main/resources/org/pharmgkb/pharmcat/reporter/drugs.json`` at commit
  d604652f819a6d192a9fd844563c1e920926ae6a — CPIC recommendation classifications by
  phenotype / activity score (codeine, tamoxifen, fluorouracil, mercaptopurine, azathioprine,
  abacavir), and CYP2D6 activity-score lookup keys (1.0 = IM, 1.25–2.25 = NM, 2.5 = UM).
* PharmCAT ``docs/methods/Gene-Definition-Exceptions.md`` — DPYD: sum of the two lowest
  variant activity values; two different decreased/no-function variants are presumed in trans.
* Independent IWPC implementation (public repository, ``DosageBaseline`` classes) — the
  pharmacogenetic and clinical coefficients, age "in decades (int in [0, 9])".
"""

from __future__ import annotations

import pytest

from precisionmed import pgx

# CYP2C19.json: every pair below is listed with this exact phenotype.
CYP2C19 = [
    ("*1/*1", "Normal Metabolizer"), ("*1/*38", "Normal Metabolizer"),
    ("*1/*17", "Rapid Metabolizer"), ("*17/*38", "Rapid Metabolizer"),
    ("*17/*17", "Ultrarapid Metabolizer"),
    ("*1/*2", "Intermediate Metabolizer"), ("*1/*4", "Intermediate Metabolizer"),
    ("*2/*17", "Intermediate Metabolizer"), ("*3/*17", "Intermediate Metabolizer"),
    ("*2/*38", "Intermediate Metabolizer"), ("*3/*38", "Intermediate Metabolizer"),
    ("*1/*9", "Likely Intermediate Metabolizer"), ("*9/*9", "Likely Intermediate Metabolizer"),
    ("*9/*17", "Likely Intermediate Metabolizer"), ("*9/*38", "Likely Intermediate Metabolizer"),
    ("*2/*2", "Poor Metabolizer"), ("*2/*3", "Poor Metabolizer"), ("*3/*3", "Poor Metabolizer"),
    ("*2/*4", "Poor Metabolizer"), ("*3/*4", "Poor Metabolizer"),
    ("*2/*9", "Likely Poor Metabolizer"), ("*3/*9", "Likely Poor Metabolizer"),
]

# SLCO1B1.json: *1/*14 and *1/*20 Normal; *5/*14, *5/*20, *5/*37 Decreased; *5/*15 Poor;
# uncertain + no function (*2/*5) "Possible Decreased Function"; *1/*2 Indeterminate.
SLCO1B1 = [
    ("*1/*1", "Normal Function"), ("*1/*14", "Normal Function"), ("*1/*20", "Normal Function"),
    ("*1/*37", "Normal Function"), ("*20/*37", "Normal Function"),
    ("*14/*14", "Increased Function"), ("*20/*20", "Increased Function"),
    ("*1/*5", "Decreased Function"), ("*1/*15", "Decreased Function"),
    ("*5/*14", "Decreased Function"), ("*5/*20", "Decreased Function"),
    ("*5/*37", "Decreased Function"),
    ("*2/*5", "Possible Decreased Function"), ("*2/*15", "Possible Decreased Function"),
    ("*5/*5", "Poor Function"), ("*5/*15", "Poor Function"), ("*15/*15", "Poor Function"),
    ("*1/*2", "Indeterminate"), ("*2/*2", "Indeterminate"), ("*2/*14", "Indeterminate"),
]

# NUDT15.json and TPMT.json: no + uncertain function = "Possible Intermediate Metabolizer";
# normal + uncertain or uncertain + uncertain = "Indeterminate".
THIOPURINE_GENES = [
    ("NUDT15", "*1/*1", "Normal Metabolizer"), ("NUDT15", "*1/*2", "Intermediate Metabolizer"),
    ("NUDT15", "*1/*3", "Intermediate Metabolizer"), ("NUDT15", "*2/*3", "Poor Metabolizer"),
    ("NUDT15", "*3/*3", "Poor Metabolizer"),
    ("NUDT15", "*3/*4", "Possible Intermediate Metabolizer"),
    ("NUDT15", "*2/*4", "Possible Intermediate Metabolizer"), ("NUDT15", "*1/*4", "Indeterminate"),
    ("NUDT15", "*4/*4", "Indeterminate"),
    ("TPMT", "*1/*2", "Intermediate Metabolizer"), ("TPMT", "*1/*3B", "Intermediate Metabolizer"),
    ("TPMT", "*1/*4", "Intermediate Metabolizer"), ("TPMT", "*2/*3A", "Poor Metabolizer"),
    ("TPMT", "*2/*4", "Poor Metabolizer"), ("TPMT", "*3A/*3C", "Poor Metabolizer"),
]

# CYP2D6.json activity values (*9, *10, *41 = 0.25; *17, *29 = 0.5; duplications multiply)
# and CPIC's activity-score cut-offs.
CYP2D6 = [
    ("*1/*41", 1.25, "Normal Metabolizer"), ("*1/*9", 1.25, "Normal Metabolizer"),
    ("*1/*10", 1.25, "Normal Metabolizer"), ("*1/*17", 1.5, "Normal Metabolizer"),
    ("*41/*41", 0.5, "Intermediate Metabolizer"), ("*4/*41", 0.25, "Intermediate Metabolizer"),
    ("*5/*41", 0.25, "Intermediate Metabolizer"), ("*9/*41", 0.5, "Intermediate Metabolizer"),
    ("*10/*10", 0.5, "Intermediate Metabolizer"), ("*1/*4", 1.0, "Intermediate Metabolizer"),
    ("*17/*29", 1.0, "Intermediate Metabolizer"), ("*4/*4", 0.0, "Poor Metabolizer"),
    ("*5/*5", 0.0, "Poor Metabolizer"), ("*4x2/*5", 0.0, "Poor Metabolizer"),
    ("*1x2/*41", 2.25, "Normal Metabolizer"), ("*1x2/*10", 2.25, "Normal Metabolizer"),
    ("*1x2/*4", 2.0, "Normal Metabolizer"), ("*1x2/*17", 2.5, "Ultrarapid Metabolizer"),
    ("*1/*2x2", 3.0, "Ultrarapid Metabolizer"), ("*10x2/*4", 0.5, "Intermediate Metabolizer"),
    ("*41x3/*4", 0.75, "Intermediate Metabolizer"),
]

# CYP2C9: activity values *2 0.5, *3 0, *5/*8/*11 0.5, *6 0 (PyPGx activity table agrees).
CYP2C9 = [
    ("*1/*1", 2.0, "Normal Metabolizer"), ("*1/*2", 1.5, "Intermediate Metabolizer"),
    ("*1/*3", 1.0, "Intermediate Metabolizer"), ("*2/*2", 1.0, "Intermediate Metabolizer"),
    ("*2/*3", 0.5, "Poor Metabolizer"), ("*3/*3", 0.0, "Poor Metabolizer"),
    ("*1/*11", 1.5, "Intermediate Metabolizer"), ("*3/*8", 0.5, "Poor Metabolizer"),
    ("*1/*6", 1.0, "Intermediate Metabolizer"),
]

# DPYD.json: Reference/c.557A>G 1.5 IM; Reference/c.1129-5923C>G 1.5 IM; c.85T>C (*9A) normal.
DPYD = [
    ("Reference/Reference", 2.0, "Normal Metabolizer"),
    ("Reference/c.85T>C", 2.0, "Normal Metabolizer"),
    ("Reference/c.557A>G", 1.5, "Intermediate Metabolizer"),
    ("Reference/c.1129-5923C>G", 1.5, "Intermediate Metabolizer"),
    ("Reference/c.2846A>T", 1.5, "Intermediate Metabolizer"),
    ("Reference/c.1905+1G>A", 1.0, "Intermediate Metabolizer"),
    ("c.2846A>T/c.2846A>T", 1.0, "Intermediate Metabolizer"),
    ("c.1905+1G>A/c.2846A>T", 0.5, "Poor Metabolizer"),
    ("c.1905+1G>A/c.1905+1G>A", 0.0, "Poor Metabolizer"),
    # PharmCAT spellings are accepted too
    ("Reference/c.1905+1G>A (*2A)", 1.0, "Intermediate Metabolizer"),
    ("c.1679T>G (*13)/c.85T>C (*9A)", 1.0, "Intermediate Metabolizer"),
    ("Reference/c.1129-5923C>G, c.1236G>A (HapB3)", 1.5, "Intermediate Metabolizer"),
]


@pytest.mark.parametrize(("diplotype", "expected"), CYP2C19)
def test_cyp2c19_pharmcat(diplotype: str, expected: str) -> None:
    assert pgx.phenotype("CYP2C19", diplotype) == expected


@pytest.mark.parametrize(("diplotype", "expected"), SLCO1B1)
def test_slco1b1_pharmcat(diplotype: str, expected: str) -> None:
    assert pgx.phenotype("SLCO1B1", diplotype) == expected


@pytest.mark.parametrize(("gene", "diplotype", "expected"), THIOPURINE_GENES)
def test_tpmt_nudt15_pharmcat(gene: str, diplotype: str, expected: str) -> None:
    assert pgx.phenotype(gene, diplotype) == expected


@pytest.mark.parametrize(("diplotype", "score", "expected"), CYP2D6)
def test_cyp2d6_activity_and_phenotype(diplotype: str, score: float, expected: str) -> None:
    assert pgx.activity_score("CYP2D6", diplotype) == pytest.approx(score)
    assert pgx.phenotype("CYP2D6", diplotype) == expected


@pytest.mark.parametrize(("diplotype", "score", "expected"), CYP2C9)
def test_cyp2c9_activity_and_phenotype(diplotype: str, score: float, expected: str) -> None:
    assert pgx.activity_score("CYP2C9", diplotype) == pytest.approx(score)
    assert pgx.phenotype("CYP2C9", diplotype) == expected


@pytest.mark.parametrize(("diplotype", "score", "expected"), DPYD)
def test_dpyd_activity_and_phenotype(diplotype: str, score: float, expected: str) -> None:
    assert pgx.activity_score("DPYD", diplotype) == pytest.approx(score)
    assert pgx.phenotype("DPYD", diplotype) == expected


@pytest.mark.parametrize(("allele", "value"), [
    ("*1", 1.0), ("*2", 1.0), ("*3", 0.0), ("*4", 0.0), ("*5", 0.0), ("*6", 0.0), ("*9", 0.25),
    ("*10", 0.25), ("*17", 0.5), ("*29", 0.5), ("*41", 0.25),
])
def test_cyp2d6_allele_activity_values(allele: str, value: float) -> None:
    # CYP2D6.json "activityValues"
    table = pgx.load_allele_table()
    row = table[(table["gene"] == "CYP2D6") & (table["allele"] == allele)].iloc[0]
    assert float(row["activity_value"]) == pytest.approx(value)


@pytest.mark.parametrize(("allele", "function"), [
    ("*1x2", "Increased function"), ("*2x2", "Increased function"),
    ("*17x2", "Normal function"), ("*29x2", "Normal function"),
    ("*10x2", "Decreased function"), ("*41x2", "Decreased function"),
    ("*4x2", "No function"),
])
def test_cyp2d6_duplication_functions(allele: str, function: str) -> None:
    # CYP2D6.json "haplotypes": e.g. "*17x2": "Normal function", "*10x2": "Decreased function"
    assert pgx.allele_function("CYP2D6", allele) == function


@pytest.mark.parametrize(("gene", "allele", "function"), [
    ("CYP2C19", "*2", "No function"), ("CYP2C19", "*3", "No function"),
    ("CYP2C19", "*4", "No function"), ("CYP2C19", "*9", "Decreased function"),
    ("CYP2C19", "*17", "Increased function"), ("CYP2C19", "*38", "Normal function"),
    ("TPMT", "*2", "No function"), ("TPMT", "*3A", "No function"), ("TPMT", "*3B", "No function"),
    ("TPMT", "*3C", "No function"), ("TPMT", "*4", "No function"),
    ("NUDT15", "*2", "No function"), ("NUDT15", "*3", "No function"),
    ("NUDT15", "*4", "Uncertain function"),
    ("SLCO1B1", "*2", "Uncertain function"), ("SLCO1B1", "*5", "No function"),
    ("SLCO1B1", "*15", "No function"), ("SLCO1B1", "*14", "Increased function"),
    ("SLCO1B1", "*20", "Increased function"), ("SLCO1B1", "*37", "Normal function"),
])
def test_allele_functions(gene: str, allele: str, function: str) -> None:
    assert pgx.allele_function(gene, allele) == function


def _dpyd_genotypes(**het: str) -> dict[str, str]:
    gts = {site: "0/0" for site in pgx.panel("DPYD")}
    gts.update(het)
    return gts


def test_dpyd_three_variants_use_the_two_lowest() -> None:
    # Gene-Definition-Exceptions.md: score = sum of the two lowest variant activity values.
    call = pgx.call_diplotype("DPYD", _dpyd_genotypes(
        rs3918290="0/1", rs67376798="0/1", rs1801265="0/1"))
    assert call.diplotype == "c.1905+1G>A/c.2846A>T"
    assert "lowest" in call.note
    assert pgx.phenotype("DPYD", call.diplotype) == "Poor Metabolizer"
    call = pgx.call_diplotype("DPYD", _dpyd_genotypes(rs1801265="1/1", rs67376798="0/1"))
    assert call.diplotype == "c.85T>C/c.2846A>T"
    assert pgx.activity_score("DPYD", call.diplotype) == pytest.approx(1.5)


def test_dpyd_two_different_variants_are_in_trans() -> None:
    call = pgx.call_diplotype("DPYD", _dpyd_genotypes(rs3918290="0/1", rs67376798="0/1"))
    assert call.diplotype == "c.1905+1G>A/c.2846A>T"
    assert not call.ambiguous


@pytest.mark.parametrize(("drug", "diplotypes", "phrase", "strength"), [
    # drugs.json classifications
    ("codeine", {"CYP2D6": "*1x2/*1"}, "Avoid codeine", "Strong"),
    ("codeine", {"CYP2D6": "*4/*41"}, "label-recommended", "Moderate"),
    ("codeine", {"CYP2D6": "*1/*41"}, "label-recommended", "Strong"),
    ("tamoxifen", {"CYP2D6": "*4/*4"}, "another hormonal therapy", "Strong"),
    ("tamoxifen", {"CYP2D6": "*4/*41"}, "aromatase inhibitor", "Moderate"),
    ("tamoxifen", {"CYP2D6": "*41/*41"}, "aromatase inhibitor", "Moderate"),
    ("tamoxifen", {"CYP2D6": "*1/*4"}, "aromatase inhibitor", "Optional"),
    ("tamoxifen", {"CYP2D6": "*1/*2x2"}, "20 mg", "Strong"),
    ("fluorouracil", {"DPYD": "Reference/c.1905+1G>A"}, "50%", "Strong"),
    ("fluorouracil", {"DPYD": "Reference/c.2846A>T"}, "50%", "Moderate"),
    ("capecitabine", {"DPYD": "c.1905+1G>A/c.2846A>T"}, "strongly reduced dose", "Strong"),
    ("capecitabine", {"DPYD": "c.1905+1G>A/c.1905+1G>A"}, "Avoid", "Strong"),
    ("mercaptopurine", {"TPMT": "*1/*1", "NUDT15": "*3/*4"}, "30–80%", "Strong"),
    ("mercaptopurine", {"TPMT": "*3A/*3A", "NUDT15": "*1/*3"}, "3 days a week", "Strong"),
    ("mercaptopurine", {"TPMT": "*1/*3A", "NUDT15": "*3/*3"}, "10 mg/m²", "Strong"),
    ("azathioprine", {"TPMT": "*1/*3A", "NUDT15": "*1/*1"}, "2–3 mg/kg", "Strong"),
    ("azathioprine", {"TPMT": "*1/*1", "NUDT15": "*3/*3"}, "not a thiopurine", "Strong"),
    ("abacavir", {"HLA-B": "*57:01/*57:01"}, "not recommended", "Strong"),
    # clopidogrel 2022: IM strength raised to Strong (Lee et al. 2022 abstract)
    ("clopidogrel", {"CYP2C19": "*2/*17"}, "prasugrel", "Strong"),
])
def test_recommendation_strengths(drug, diplotypes, phrase, strength) -> None:
    rec = pgx.recommend(drug, diplotypes)
    assert phrase in rec.text
    assert rec.strength == strength


def test_thiopurine_double_intermediate_uses_the_2024_row() -> None:
    # cpic-data data.tsv 2024-03-20 and the CPIC guideline page: TPMT IM + NUDT15 IM start at
    # 20-50% of the normal dose.
    for drug in ("mercaptopurine", "azathioprine"):
        rec = pgx.recommend(drug, {"TPMT": "*1/*3A", "NUDT15": "*1/*3"})
        assert "20–50%" in rec.text
        assert "30–80%" not in rec.text
        rec = pgx.recommend(drug, {"TPMT": "*1/*3C", "NUDT15": "*3/*4"})
        assert rec.phenotypes["NUDT15"] == "Possible Intermediate Metabolizer"
        assert "20–50%" in rec.text


def test_azathioprine_texts_do_not_quote_mercaptopurine_doses() -> None:
    table = pgx.load_recommendation_table()
    aza = table[table["drug"] == "azathioprine"]
    assert not aza["recommendation"].str.contains("mercaptopurine|mg/m²").any()


def test_simvastatin_possible_decreased_function() -> None:
    rec = pgx.recommend("simvastatin", {"SLCO1B1": "*2/*5"})
    assert rec.phenotypes == {"SLCO1B1": "Possible Decreased Function"}
    assert "20 mg" in rec.text
    rec = pgx.recommend("simvastatin", {"SLCO1B1": "*5/*14"})
    assert rec.phenotypes == {"SLCO1B1": "Decreased Function"}


@pytest.mark.parametrize(("age", "decades"), [(18, 1), (29, 2), (65, 6), (89, 8), (90, 9),
                                              (99, 9), (104, 9)])
def test_iwpc_age_in_decades(age: float, decades: int) -> None:
    terms = pgx.warfarin_terms(age, 170, 75, "G/G", "*1/*1", "White").terms
    assert terms["age"] == pytest.approx(-0.2614 * decades)


def test_iwpc_coefficients() -> None:
    from precisionmed.pgx.warfarin import CLINICAL, PHARMACOGENETIC

    assert PHARMACOGENETIC == {
        "intercept": 5.6044, "age_decades": -0.2614, "height_cm": 0.0087, "weight_kg": 0.0128,
        "VKORC1 G/A": -0.8677, "VKORC1 A/A": -1.6974, "VKORC1 unknown": -0.4854,
        "CYP2C9 *1/*2": -0.5211, "CYP2C9 *1/*3": -0.9357, "CYP2C9 *2/*2": -1.0616,
        "CYP2C9 *2/*3": -1.9206, "CYP2C9 *3/*3": -2.3312, "CYP2C9 unknown": -0.2188,
        "Asian": -0.1092, "Black or African American": -0.2760, "Missing or Mixed": -0.1032,
        "enzyme inducer": 1.1816, "amiodarone": -0.5503}
    assert CLINICAL == {
        "intercept": 4.0376, "age_decades": -0.2546, "height_cm": 0.0118, "weight_kg": 0.0134,
        "Asian": -0.6752, "Black or African American": 0.4060, "Missing or Mixed": 0.0443,
        "enzyme inducer": 1.2799, "amiodarone": -0.5695}
