"""Lesson 07 science: ACMG/AMP 2015 combining rules, the points view, inheritance filters,
population-frequency and consequence filters, and HPO phenotype matching."""

from __future__ import annotations

import pandas as pd
import pytest

from precisionmed import raredisease as rd

P, LP, VUS, LB, B = rd.CLASSES


# --- ACMG/AMP 2015, Richards et al. Table 5: every rule at its boundary ----------------------
@pytest.mark.parametrize("criteria,expected", [
    # Pathogenic (i) PVS1 + (a) >=1 PS, (b) >=2 PM, (c) 1 PM + 1 PP, (d) >=2 PP
    (["PVS1", "PS2"], P),
    (["PVS1", "PM1", "PM2"], P),
    (["PVS1", "PM2", "PP3"], P),
    (["PVS1", "PP3", "PP4"], P),
    # Pathogenic (ii) >= 2 PS
    (["PS1", "PS3"], P),
    # Pathogenic (iii) 1 PS + (a) >=3 PM, (b) 2 PM + >=2 PP, (c) 1 PM + >=4 PP
    (["PS3", "PM1", "PM2", "PM5"], P),
    (["PS3", "PM1", "PM2", "PP1", "PP3"], P),
    (["PS3", "PM2", "PP1", "PP2", "PP3", "PP4"], P),
    # Likely pathogenic (i) PVS1 + 1 PM
    (["PVS1", "PM2"], LP),
    # (ii) 1 PS + 1–2 PM
    (["PS2", "PM2"], LP),
    (["PS2", "PM1", "PM2"], LP),
    # (iii) 1 PS + >=2 PP
    (["PS2", "PP3", "PP4"], LP),
    # (iv) >=3 PM
    (["PM1", "PM2", "PM5"], LP),
    # (v) 2 PM + >=2 PP
    (["PM1", "PM2", "PP3", "PP4"], LP),
    # (vi) 1 PM + >=4 PP
    (["PM2", "PP1", "PP2", "PP3", "PP4"], LP),
    # Benign (i) BA1, (ii) >=2 BS
    (["BA1"], B),
    (["BS1", "BS2"], B),
    # Likely benign (i) 1 BS + 1 BP, (ii) >=2 BP
    (["BS1", "BP4"], LB),
    (["BP4", "BP7"], LB),
    # Just short of each rule: uncertain
    (["PVS1"], VUS), (["PVS1", "PP3"], VUS), (["PS2"], VUS), (["PS2", "PP3"], VUS),
    (["PM1", "PM2"], VUS), (["PM1", "PM2", "PP3"], VUS), (["PM2", "PP1", "PP2", "PP3"], VUS),
    (["BS1"], VUS), (["BP4"], VUS), ([], VUS),
    # One step short of Pathogenic stays Likely pathogenic
    (["PS3", "PM1", "PM2"], LP), (["PS3", "PM2", "PP1", "PP2", "PP3"], LP),
    # Contradictory evidence that reaches a class on both sides
    (["PVS1", "PS2", "BA1"], VUS), (["PM1", "PM2", "PM5", "BP4", "BP7"], VUS),
    # Benign evidence that reaches no class does not overturn a pathogenic class
    (["PVS1", "PS2", "BP4"], P),
])
def test_acmg_combining_rules(criteria: list[str], expected: str) -> None:
    assert rd.acmg_classify(criteria) == expected


def test_strength_suffixes_change_a_code_and_case_is_ignored() -> None:
    assert rd.acmg_classify(["pvs1", "ps2"]) == P
    # PM2 down-graded to supporting: PVS1 + PP-strength = uncertain, PVS1 + PM = LP
    assert rd.acmg_classify(["PVS1", "PM2_Supporting"]) == VUS
    # PP3 up-graded to strong gives PS-strength: PVS1 + PS = pathogenic
    assert rd.acmg_classify(["PVS1", "PP3_Strong"]) == P
    assert rd.acmg_classify(["PM2", "PS2_Moderate"]) == VUS
    assert rd.acmg_classify(["PS2_VeryStrong", "PM2"]) == LP
    assert rd.acmg_classify(["PVS1_Strong", "PS2"]) == P
    assert rd.acmg_classify(["BP4_Strong", "BS1"]) == B
    assert rd.acmg_classify(["BS1_Supporting", "BP4"]) == LB


@pytest.mark.parametrize("bad", [
    "PVS1", ["PVS2"], ["PM7"], ["XYZ"], ["PM2_Mild"], ["BA1_Strong"], ["BS1_VeryStrong"],
    ["BP4_Moderate"], ["PM2", "pm2"], [3], None, 5, {"PVS1": 1},
])
def test_bad_criteria_are_refused(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        rd.acmg_classify(bad)


def test_points_view() -> None:
    assert rd.acmg_points(["PVS1", "PS2"]) == 12
    assert rd.acmg_points(["PM2_Supporting", "PP3"]) == 2
    assert rd.acmg_points(["BS1", "BP4"]) == -5
    assert [rd.points_class(p) for p in (10, 9, 6, 5, 0, -1, -6, -7)] == \
        [P, LP, LP, VUS, VUS, LB, LB, B]
    # Tavtigian 2018: prior 0.10; 8 points = odds 350 -> 35/(35+0.9) = 0.9749
    assert rd.posterior_probability(8) == pytest.approx(350 * 0.1 / (349 * 0.1 + 1))
    assert rd.posterior_probability(0) == pytest.approx(0.1)
    assert rd.posterior_probability(10) > 0.99
    # PVS1 + PP3: the 2015 rules say uncertain, the points (9) say likely pathogenic
    both = rd.classify(["PVS1", "PP3"])
    assert (both.acmg, both.points, both.points_class) == (VUS, 9, LP)
    assert "disagree" in both.sentence()
    assert "agree." in rd.classify(["PVS1", "PS2"]).sentence()


# --- inheritance ----------------------------------------------------------------------------
def _trio(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["variant_id", "gene", "chrom", "child_gt",
                                       "mother_gt", "father_gt"])


TRIO = _trio([
    ("dn1", "SCN1A", "chr2", "0/1", "0/0", "0/0"),    # de novo
    ("inh", "SCN1A", "2", "0/1", "0/1", "0/0"),       # inherited from mother
    ("ar1", "ASPM", "1", "1/1", "0/1", "0/1"),        # recessive homozygous
    ("arx", "ASPM", "1", "1/1", "1/1", "0/1"),        # mother affected-like: not AR for healthy
    ("ch1", "DHCR7", "11", "0/1", "0/1", "0/0"),      # comp het, maternal
    ("ch2", "DHCR7", "chr11", "0|1", "0/0", "0/1"),   # comp het, paternal
    ("cis1", "NF1", "17", "0/1", "0/1", "0/0"),       # both maternal: in cis
    ("cis2", "NF1", "17", "0/1", "0/1", "0/0"),
    ("amb", "DHCR7", "11", "0/1", "0/1", "0/1"),      # both parents carry it: phase unknown
    ("xl1", "DMD", "X", "1", "0/1", "0"),             # X-linked, son hemizygous
    ("xl2", "DMD", "chrX", "1/1", "0/1", "0/0"),      # same, written 1/1
    ("xlf", "DMD", "X", "1", "0/1", "1"),             # father carries it too: not XLR
])


@pytest.mark.parametrize("mode,expected", [
    ("de novo", ["dn1"]),
    ("autosomal recessive", ["ar1"]),
    ("compound heterozygous", ["ch1", "ch2"]),
    ("X-linked recessive", ["xl1", "xl2"]),
])
def test_inheritance_modes_for_a_son(mode: str, expected: list[str]) -> None:
    assert rd.inheritance_filter(TRIO, mode, "male")["variant_id"].tolist() == expected


def test_cis_pair_is_not_compound_heterozygous() -> None:
    cis_only = TRIO[TRIO["gene"] == "NF1"]
    assert rd.inheritance_filter(cis_only, "compound heterozygous", "female").empty
    one_each = _trio([("a", "G", "3", "0/1", "0/1", "0/0"), ("b", "G", "3", "0/1", "0/1", "0/0"),
                      ("c", "G", "3", "0/1", "0/0", "0/1")])
    got = rd.inheritance_filter(one_each, "compound heterozygous", "female")
    assert got["variant_id"].tolist() == ["a", "b", "c"]


def test_daughter_x_and_input_unchanged() -> None:
    before = TRIO.copy()
    with pytest.raises(ValueError, match="son"):
        rd.inheritance_filter(TRIO, "X-linked recessive", "female")
    with pytest.raises(ValueError, match="0/0, 0/1 or 1/1"):
        rd.inheritance_filter(TRIO, "de novo", "female")  # a daughter's X cannot be "1"
    pd.testing.assert_frame_equal(TRIO, before)
    out = rd.inheritance_filter(TRIO, "de novo", "male")
    out.loc[out.index[0], "gene"] = "CHANGED"
    pd.testing.assert_frame_equal(TRIO, before)


@pytest.mark.parametrize("mode,sex", [("dominant", "male"), ("de novo", "boy"),
                                      ("de novo", None), (3, "male"), ("", "female")])
def test_unknown_mode_or_sex_is_refused(mode: object, sex: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        rd.inheritance_filter(TRIO, mode, sex)


@pytest.mark.parametrize("bad", [
    _trio([("a", "G", "chr23", "0/1", "0/0", "0/0")]),
    _trio([("a", "G", "1", "0/2", "0/0", "0/0")]),
    _trio([("a", "G", "1", "1", "0/0", "0/0")]),       # '1' only on a male's X or Y
    pd.DataFrame({"variant_id": ["a"]}), "trio", None,
])
def test_bad_trio_tables_are_refused(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        rd.inheritance_filter(bad, "de novo", "male")


def test_mode_names_are_forgiving() -> None:
    assert rd.inheritance_filter(TRIO, "De-Novo", "male")["variant_id"].tolist() == ["dn1"]
    assert rd.normalise_chrom("chrx") == "X" and rd.normalise_chrom(7) == "7"


# --- frequency, consequence, quality ---------------------------------------------------------
VARIANTS = pd.DataFrame({
    "variant_id": ["a", "b", "c", "d"], "gnomad_af": [0.0, 0.0009, 0.01, 0.2],
    "consequence": ["missense", "synonymous", "stop gained", "frameshift"],
    "filter": ["PASS", "PASS", "LowQual", "PASS"], "child_gt": ["0/1", "0/0", "1/1", "0/1"],
})


def test_frequency_consequence_quality_filters() -> None:
    assert rd.frequency_filter(VARIANTS, 0.001)["variant_id"].tolist() == ["a", "b"]
    assert rd.frequency_filter(VARIANTS, 0.01)["variant_id"].tolist() == ["a", "b", "c"]
    assert rd.frequency_filter(VARIANTS, 0)["variant_id"].tolist() == ["a"]
    assert rd.consequence_filter(VARIANTS)["variant_id"].tolist() == ["a", "c", "d"]
    assert rd.consequence_filter(VARIANTS, ["synonymous"])["variant_id"].tolist() == ["b"]
    assert rd.quality_filter(VARIANTS)["variant_id"].tolist() == ["a", "b", "d"]
    assert rd.child_variants(VARIANTS)["variant_id"].tolist() == ["a", "c", "d"]
    for bad in (-0.1, 1.5, float("nan"), "1%", True):
        with pytest.raises((ValueError, TypeError)):
            rd.frequency_filter(VARIANTS, bad)
    with pytest.raises(ValueError, match="Unknown consequence"):
        rd.consequence_filter(VARIANTS, ["nonsense-ish"])
    with pytest.raises(TypeError):
        rd.consequence_filter(VARIANTS, "missense")


# --- phenotype matching -------------------------------------------------------------------
SEIZURE, FEBRILE, NERVOUS = "HP:0001250", "HP:0002373", "HP:0000707"


def test_information_content_rises_with_specificity() -> None:
    onto = rd.ontology()
    # IC values computed from HPO 2025-01-16 (project fact sheet, section C): 0.43, 1.44, 4.39
    assert onto.ic(NERVOUS) == pytest.approx(0.43, abs=0.01)
    assert onto.ic(SEIZURE) == pytest.approx(1.44, abs=0.01)
    assert onto.ic(FEBRILE) == pytest.approx(4.39, abs=0.01)
    assert onto.ic("HP:0000118") == pytest.approx(0.0, abs=0.01)
    assert SEIZURE in onto.ancestors(FEBRILE) and NERVOUS in onto.ancestors(SEIZURE)


def test_more_specific_shared_terms_score_higher() -> None:
    dravet = rd.gene_terms("SCN1A")
    assert FEBRILE in dravet
    vague = rd.phenotype_score([NERVOUS], dravet)
    middle = rd.phenotype_score([SEIZURE], dravet)
    specific = rd.phenotype_score([FEBRILE], dravet)
    assert vague < middle < specific
    assert rd.phenotype_score([], dravet) == 0.0
    assert rd.resnik(FEBRILE, FEBRILE) == pytest.approx(rd.ontology().ic(FEBRILE))


def test_specific_term_moves_the_right_gene_further_than_a_vague_one() -> None:
    def crowd(terms: list[str]) -> int:
        """How many genes score at least as high as SCN1A (1 = first, alone)."""
        table = rd.rank_genes(terms)
        mine = float(table.loc[table["gene"] == "SCN1A", "score"].iloc[0])
        return int((table["score"] >= mine - 1e-9).sum())

    start = crowd([SEIZURE])
    assert crowd([SEIZURE, FEBRILE]) == 1 < start
    assert crowd([SEIZURE, NERVOUS]) > 1


def test_tied_genes_share_a_rank() -> None:
    # Competition ranking (1, 2, 2, 4): a tie never looks like an order.
    table = rd.rank_genes([SEIZURE])
    for score, group in table.groupby(table["score"].round(9)):
        better = int((table["score"].round(9) > score).sum())
        assert set(group["rank"]) == {better + 1}
    assert int(table.loc[table["gene"] == "SCN1A", "rank"].iloc[0]) == 1
    assert rd.describe_standing(table, "SCN1A").startswith(
        "SCN1A ties for first place with 8 other genes of 14")
    with pytest.raises(ValueError, match="not in the ranking"):
        rd.describe_standing(table, "BRCA9")


@pytest.mark.parametrize("bad", ["HP:0002373", ["HP:9999999"], [None], 7, ["Fever-ish"]])
def test_bad_phenotype_input_is_refused(bad: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        rd.phenotype_score(bad, rd.gene_terms("SCN1A"))
    with pytest.raises((ValueError, TypeError)):
        rd.rank_genes(bad)


def test_terms_by_name_and_unknown_gene() -> None:
    assert rd.ontology().check("seizure") == SEIZURE
    with pytest.raises(ValueError, match="no disease"):
        rd.gene_terms("NOTAGENE")


def test_phenotype_scores_match_a_by_hand_resnik_best_match_average() -> None:
    """The cached scoring (IC and Resnik pairs computed once) gives the textbook numbers."""
    import math

    from precisionmed.raredisease import phenotype as ph

    onto = ph.ontology()

    def ic(t: str) -> float:
        return max(0.0, -math.log(onto.counts[t] / onto.total))

    def ancestors(t: str) -> set[str]:
        seen, stack = {t}, [t]
        while stack:
            for p in onto.parents.get(stack.pop(), ()):
                if p in onto.names and p not in seen:
                    seen.add(p)
                    stack.append(p)
        return seen

    for case in rd.case_ids():
        patient = rd.case_terms(case)
        for gene in ph.disease_genes():
            disease = ph.gene_terms(gene)
            best = [max(max((ic(t) for t in ancestors(p) & ancestors(d)), default=0.0)
                        for d in disease) for p in patient]
            assert ph.phenotype_score(patient, disease) == pytest.approx(sum(best) / len(best))
    assert ph.resnik("HP:0002373", "HP:0001250") == pytest.approx(ic("HP:0001250"))
