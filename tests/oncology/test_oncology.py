"""Lesson 03's science: VAF, purity, origin calls, parsing and therapy matching.

Biomarker–drug cases are pinned to the knowledge table's sources (FDA approvals, labels and
trials named on each row). Newer approvals, classes and settings:
tests/oncology/test_oncology_current.py."""

from __future__ import annotations

import pandas as pd
import pytest

from precisionmed import oncology as onc
from precisionmed.oncology import knowledge
from precisionmed.oncology.matching import MATCH_COLUMNS


def _drugs(matches: pd.DataFrame, resistance: bool | None = None) -> set[str]:
    if resistance is not None:
        matches = matches[matches["resistance"] == resistance]
    return set(matches["drug"])


def _level(matches: pd.DataFrame, drug: str, resistance: bool = False) -> set[str]:
    rows = matches[(matches["drug"] == drug) & (matches["resistance"] == resistance)]
    return set(rows["evidence_level"])


# --- VAF, purity, origin ---------------------------------------------------------------

def test_vaf_is_alt_over_depth():
    assert onc.vaf(30, 100) == 0.3
    assert onc.vaf(0, 10) == 0.0
    assert onc.vaf(10, 10) == 1.0


@pytest.mark.parametrize("alt,depth", [(5, 0), (11, 10), (-1, 10), (1.5, 10), ("3", 10),
                                       (True, 10)])
def test_vaf_rejects_impossible_counts(alt, depth):
    with pytest.raises(ValueError):
        onc.vaf(alt, depth)


def test_expected_vaf_follows_purity_and_clonality():
    assert onc.expected_vaf(0.6) == pytest.approx(0.3)
    assert onc.expected_vaf(0.6, cancer_cell_fraction=0.5) == pytest.approx(0.15)
    assert onc.expected_vaf(0.6, germline=True) == 0.5
    assert onc.expected_vaf(0.6, germline=True, homozygous=True) == 1.0


def test_estimate_purity_doubles_the_clonal_cluster():
    assert onc.estimate_purity([0.31, 0.29, 0.30, 0.12]) == pytest.approx(0.6)
    assert onc.estimate_purity([0.45]) == pytest.approx(0.9)
    assert onc.estimate_purity([0.7]) == 1.0  # capped
    with pytest.raises(ValueError):
        onc.estimate_purity([])
    with pytest.raises(ValueError):
        onc.estimate_purity([0.2, 1.5])


def test_origin_call_separates_germline_from_somatic_only_when_purity_allows():
    assert onc.origin_call(0.49, purity=0.4, depth=500) == "likely germline"
    assert onc.origin_call(0.97, purity=0.4, depth=500) == "likely germline"
    assert onc.origin_call(0.19, purity=0.4, depth=500) == "likely somatic"
    assert onc.origin_call(0.05, purity=0.4, depth=500) == "likely somatic"  # subclonal
    assert onc.origin_call(0.48, purity=0.95, depth=500) == "uncertain"
    assert onc.origin_call(0.35, purity=0.3, depth=500) == "uncertain"  # fits neither


def test_clonality_and_cancer_cell_fraction():
    assert onc.clonality(0.3, 0.6) == "clonal"
    assert onc.clonality(0.1, 0.6) == "subclonal"
    assert onc.cancer_cell_fraction(0.15, 0.6) == pytest.approx(0.5)


# --- parsing -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,gene,alteration", [
    ("BRAF V600E", "BRAF", "V600E"),
    ("braf v600e", "BRAF", "V600E"),
    ("KRAS p.Gly12Cys", "KRAS", "G12C"),
    ("EGFR exon 19 deletion", "EGFR", "exon 19 deletion"),
    ("EGFR ex19del", "EGFR", "exon 19 deletion"),
    ("EGFR E746_A750del", "EGFR", "E746_A750del"),  # class 'exon 19 deletion' (see classes)
    ("ERBB2 amplification", "ERBB2", "amplification"),
    ("HER2 amplification", "ERBB2", "amplification"),
    ("BCR-ABL1 fusion", "ABL1", "BCR-ABL1 fusion"),
    ("EML4-ALK fusion", "ALK", "fusion"),
    ("FLT3 ITD", "FLT3", "ITD"),
    ("MSI-H", "MSI", "MSI-H"),
    ("dMMR", "MSI", "MSI-H"),
    ("TMB 14 mut/Mb", "TMB", "TMB-high"),
    ("TMB 9.9 mut/Mb", "TMB", "TMB-low"),
    ("TMB 10 mut/Mb", "TMB", "TMB-high"),
])
def test_parse_alteration(text, gene, alteration):
    parsed = onc.parse_alteration(text)
    assert (parsed.gene, parsed.alteration) == (gene, alteration)


def test_unknown_gene_names_close_matches():
    with pytest.raises(ValueError, match="Did you mean BRAF"):
        onc.parse_alteration("BRAFF V600E")


@pytest.mark.parametrize("text", ["BRAF", "BRAF V600", "BRAF banana", "", "   ", "TMB -3",
                                  "TMB 5000 mut/Mb", "EGFR exon 0 deletion",
                                  "KRAS EML4-ALK fusion"])
def test_malformed_alterations_raise_value_error(text):
    with pytest.raises(ValueError):
        onc.parse_alteration(text)


def test_unknown_cancer_type_names_close_matches():
    with pytest.raises(ValueError, match="lung"):
        onc.match_therapies("BRAF V600E", "lugn")
    assert onc.resolve_cancer_type("NSCLC") == "lung"
    assert onc.resolve_cancer_type("bowel cancer") == "colorectal"


# --- pinned biomarker–drug cases -----------------------------------------------------------

def test_match_columns_are_the_contract():
    out = onc.match_therapies("BRAF V600E", "melanoma")
    assert list(out.columns) == MATCH_COLUMNS
    assert out["resistance"].dtype == bool
    assert out["source"].str.len().min() > 10


def test_egfr_sensitising_mutations_match_egfr_inhibitors_level_1():
    for text in ("EGFR L858R", "EGFR exon 19 deletion"):
        out = onc.match_therapies(text, "lung")
        assert {"osimertinib", "erlotinib", "gefitinib", "afatinib"} <= _drugs(out, False)
        assert _level(out, "osimertinib") == {"1"}
        assert not out["resistance"].any()


def test_t790m_points_to_osimertinib_and_away_from_first_generation():
    out = onc.match_therapies("EGFR T790M", "lung")
    assert _level(out, "osimertinib") == {"1"}
    assert {"erlotinib", "gefitinib", "afatinib", "dacomitinib"} == _drugs(out, True)
    assert _level(out, "erlotinib", resistance=True) == {"R1"}


def test_c797s_flags_osimertinib_resistance():
    out = onc.match_therapies("EGFR C797S", "lung")
    assert _drugs(out, True) == {"osimertinib"} and _drugs(out, False) == set()


def test_l858r_plus_t790m_summary_avoids_erlotinib_and_keeps_osimertinib():
    summary = onc.therapy_summary(onc.match_therapies("EGFR L858R; EGFR T790M", "lung"))
    verdict = dict(zip(summary["drug"], summary["verdict"], strict=True))
    assert verdict["osimertinib"] == "consider"
    assert verdict["erlotinib"] == verdict["gefitinib"] == "avoid"


def test_braf_v600e_needs_the_right_partner_in_each_cancer():
    assert "dabrafenib + trametinib" in _drugs(onc.match_therapies("BRAF V600E", "melanoma"))
    assert _drugs(onc.match_therapies("BRAF V600E", "lung")) == {
        "dabrafenib + trametinib", "encorafenib + binimetinib"}  # FDA 2017 and 2023
    crc = onc.match_therapies("BRAF V600E", "colorectal")
    assert _drugs(crc) == {"encorafenib + cetuximab"}
    assert "vemurafenib" not in _drugs(crc)


def test_kras_g12c_by_cancer_type_and_anti_egfr_resistance():
    lung = onc.match_therapies("KRAS G12C", "lung")
    assert {"sotorasib", "adagrasib"} == _drugs(lung, False)
    crc = onc.match_therapies("KRAS G12C", "colorectal")
    assert {"sotorasib + panitumumab", "adagrasib + cetuximab"} == _drugs(crc, False)
    assert {"cetuximab", "panitumumab"} == _drugs(crc, True)
    assert set(crc.loc[crc["resistance"], "evidence_level"]) == {"R1"}


@pytest.mark.parametrize("text", ["KRAS G12D", "KRAS G13D", "NRAS Q61R", "KRAS mutation"])
def test_ras_mutations_predict_anti_egfr_failure_in_colorectal(text):
    out = onc.match_therapies(text, "colorectal")
    assert {"cetuximab", "panitumumab"} <= _drugs(out, True)


def test_unknown_significance_variant_matches_nothing():
    assert onc.match_therapies("KRAS A59T", "colorectal").empty
    assert not onc.annotate("KRAS A59T")["oncogenic"].iloc[0]


def test_fusions_amplification_and_leukaemia_drivers():
    assert "alectinib" in _drugs(onc.match_therapies("EML4-ALK fusion", "lung"))
    assert _drugs(onc.match_therapies("ROS1 fusion", "lung")) == {"crizotinib"}
    assert "trastuzumab" in _drugs(onc.match_therapies("ERBB2 amplification", "breast"))
    assert _drugs(onc.match_therapies("HER2 amplification", "gastric")) == {
        "trastuzumab + chemotherapy"}  # ToGA: trastuzumab is given with chemotherapy
    assert "imatinib" in _drugs(onc.match_therapies("BCR-ABL1 fusion", "CML"))
    assert _drugs(onc.match_therapies("IDH1 R132H", "AML")) == {"ivosidenib"}
    assert _drugs(onc.match_therapies("FLT3 ITD", "AML")) == {"midostaurin + chemotherapy"}
    assert "alpelisib + fulvestrant" in _drugs(onc.match_therapies("PIK3CA H1047R", "breast"))


def test_t315i_needs_ponatinib_and_blocks_imatinib():
    out = onc.match_therapies("BCR-ABL1 fusion; ABL1 T315I", "CML")
    assert _drugs(out, False) >= {"ponatinib", "imatinib"}
    assert {"imatinib", "dasatinib", "nilotinib"} == _drugs(out, True)
    verdict = onc.therapy_summary(out).set_index("drug")["verdict"]
    assert verdict["ponatinib"] == "consider" and verdict["imatinib"] == "avoid"


def test_gist_kit_sensitive_and_pdgfra_d842v_resistant():
    assert "imatinib" in _drugs(onc.match_therapies("KIT exon 11 deletion", "GIST"), False)
    out = onc.match_therapies("PDGFRA D842V", "GIST")
    assert _drugs(out, True) == {"imatinib"} and _level(out, "imatinib", True) == {"R1"}


def test_brca_parp_inhibitors():
    assert {"olaparib", "niraparib", "rucaparib"} <= _drugs(
        onc.match_therapies("BRCA1 pathogenic variant", "ovarian"))
    assert {"olaparib", "talazoparib"} <= _drugs(
        onc.match_therapies("BRCA2 truncating mutation", "breast"))


@pytest.mark.parametrize("cancer", ["lung", "melanoma", "colorectal", "breast", "GIST",
                                    "ovarian"])
def test_tumour_agnostic_biomarkers_match_every_solid_tumour(cancer):
    out = onc.match_therapies(["MSI-H", "TMB 14 mut/Mb", "ETV6-NTRK3 fusion"], cancer)
    assert {"pembrolizumab", "larotrectinib", "entrectinib"} <= _drugs(out)
    assert "any solid tumour" in set(out["cancer_type"])


def test_tumour_agnostic_rows_exclude_blood_cancers_and_low_tmb():
    assert onc.match_therapies("MSI-H", "AML").empty
    assert onc.match_therapies("TMB 4 mut/Mb", "lung").empty
    assert onc.match_therapies("MSS", "colorectal").empty


def test_dataframe_input_and_empty_list():
    frame = pd.DataFrame({"gene": ["BRAF", "MSI", "TMB"],
                          "alteration": ["V600E", "MSI-H", "TMB 12 mut/Mb"]})
    out = onc.match_therapies(frame, "colorectal")
    assert {"encorafenib + cetuximab", "pembrolizumab", "nivolumab"} <= _drugs(out)
    assert onc.match_therapies([], "lung").empty
    with pytest.raises(ValueError, match="gene"):
        onc.match_therapies(pd.DataFrame({"x": [1]}), "lung")


def test_resistance_warnings_name_drug_level_and_source():
    warnings = onc.resistance_warnings(onc.match_therapies("PDGFRA D842V", "GIST"))
    assert len(warnings) == 1
    assert "imatinib" in warnings[0] and "R1" in warnings[0] and "avapritinib" in warnings[0]


def test_annotate_vcf_rows_by_coordinate():
    rows = pd.DataFrame({"CHROM": ["chr12", "chr7"], "POS": [25245351, 140753336],
                         "REF": ["C", "A"], "ALT": ["A", "T"], "INFO": [".", "."]})
    out = onc.annotate(rows, "colorectal")
    assert list(out["gene"] + " " + out["alteration"]) == ["KRAS G12C", "BRAF V600E"]
    assert out["coordinate"].iloc[0] == "chr12:25245351 C>A"
    assert out["oncogenic"].all()


# --- knowledge tables -----------------------------------------------------------------------

def test_every_knowledge_row_has_a_source_with_a_year():
    for table in (knowledge.actionability(), knowledge.prevalence(), knowledge.hotspots()):
        assert table["source"].str.len().min() > 5
    act = knowledge.actionability()
    assert act["year"].between(1998, 2026).all()  # trastuzumab 1998 is the oldest row
    assert act["source"].str.contains(r"(?:19|20)\d\d").all()


def test_hotspot_coordinates_from_the_fact_sheet():
    hot = knowledge.hotspots().set_index(["gene", "alteration"])
    assert (hot.loc[("KRAS", "G12C"), ["chrom", "pos", "ref", "alt"]].tolist()
            == ["chr12", 25245351, "C", "A"])
    assert hot.loc[("KRAS", "G12D"), "pos"] == 25245350
    assert hot.loc[("BRAF", "V600E"), "pos"] == 140753336
    assert hot.loc[("EGFR", "L858R"), "pos"] == 55191822


def test_egfr_prevalence_differs_by_population():
    prev = knowledge.prevalence()
    egfr = prev[prev["biomarker"] == "EGFR sensitising mutation"].set_index("population")
    assert egfr.loc["China", "prevalence"] == pytest.approx(0.384)
    assert egfr.loc["Europe", "prevalence"] == pytest.approx(0.141)


def test_annotate_real_vcf_rows_uses_info_tags_for_simulated_positions():
    from precisionmed import data
    from precisionmed.vcf import read_vcf

    records = read_vcf(data.path("oncology/vcf/lung"))
    wei = records[records["PM-002"] != "."]
    out = onc.annotate(wei, "lung")
    assert len(out) == len(wei) >= 3
    egfr = out[out["gene"] == "EGFR"].iloc[0]
    assert egfr["alteration"] == "L858R" and egfr["coordinate"] == "chr7:55191822 T>G"
    assert egfr["actionable"] and egfr["best_level"] == "1"
    others = out[out["gene"] != "EGFR"]
    assert not others["oncogenic"].any()  # simulated passengers/germline: unknown significance
    with pytest.raises(ValueError, match="INFO"):
        onc.annotate(pd.DataFrame({"CHROM": ["chr1"], "POS": [5], "REF": ["A"], "ALT": ["G"],
                                   "INFO": ["."]}))


def test_post_2019_fda_approvals_are_current() -> None:
    """Pinned to FDA approvals: encorafenib + cetuximab (8 April 2020, BEACON CRC),
    olaparib (12 January 2018, OlympiAD) and talazoparib (16 October 2018, EMBRACA)."""
    from precisionmed.oncology import match_therapies

    crc = match_therapies("BRAF V600E", "colorectal").set_index("drug")
    assert crc.loc["encorafenib + cetuximab", "evidence_level"] == "1"
    assert crc.loc["encorafenib + cetuximab", "fda_date"] == "2020-04-08"
    assert "vemurafenib" not in crc.index  # BRAF inhibitor alone is not the colorectal answer
    breast = match_therapies("BRCA2 mutation", "breast").set_index("drug")
    assert breast.loc["olaparib", "fda_date"] == "2018-01-12"
    assert breast.loc["talazoparib", "fda_date"] == "2018-10-16"
    for drug in ("olaparib", "talazoparib"):
        assert breast.loc[drug, "evidence_level"] == "1"
        assert not breast.loc[drug, "resistance"]
