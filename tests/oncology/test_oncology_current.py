"""Issue #13: current approvals, withdrawn indications, variant classes, settings and
co-occurring resistance, each pinned to a published case (FDA announcement, label or trial).

The expected dates and settings below are copied from the FDA announcements and approval
summaries named in each test, not recomputed from the table under test.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from precisionmed import data
from precisionmed import oncology as onc
from precisionmed.oncology import board, knowledge
from precisionmed.oncology.matching import as_setting, therapy_summary


def _row(drug: str, **where: str) -> pd.Series:
    table = knowledge.actionability()
    hit = table[table["drug"] == drug]
    for column, value in where.items():
        hit = hit[hit[column] == value]
    assert len(hit) >= 1, (drug, where)
    return hit.iloc[0]


# --- current approvals (FDA date, status and the biomarker it follows) ---------------------

APPROVALS = [
    # (alteration text, cancer, drug, FDA date, status) — FDA announcements
    ("dMMR", "colorectal", "dostarlimab", "2021-08-17", "accelerated approval"),
    ("BRAF V600E", "breast", "dabrafenib + trametinib", "2022-06-22", "accelerated approval"),
    ("KIF5B-RET fusion", "breast", "selpercatinib", "2022-09-21", "accelerated approval"),
    ("KIF5B-RET fusion", "lung", "selpercatinib", "2022-09-21", "approved"),
    ("HER2 IHC 3+", "ovarian", "trastuzumab deruxtecan", "2024-04-05", "accelerated approval"),
    ("ETV6-NTRK3 fusion", "melanoma", "repotrectinib", "2024-06-13", "accelerated approval"),
    ("BRAF V600E", "lung", "encorafenib + binimetinib", "2023-10-11", "approved"),
    # amivantamab: accelerated 21 May 2021, converted to traditional approval 1 March 2024
    ("EGFR A767_V769dup", "lung", "amivantamab", "2021-05-21", "approved"),
    ("EGFR exon 20 insertion", "lung", "amivantamab + carboplatin + pemetrexed", "2024-03-01",
     "approved"),
    ("EGFR L858R", "lung", "osimertinib + chemotherapy", "2024-02-16", "approved"),
    ("EGFR E746_A750del", "lung", "amivantamab + lazertinib", "2024-08-19", "approved"),
    ("PDGFRA D842V", "GIST", "avapritinib", "2020-01-09", "approved"),
    ("PIK3CA H1047R", "breast", "capivasertib + fulvestrant", "2023-11-16", "approved"),
    ("AKT1 E17K", "breast", "capivasertib + fulvestrant", "2023-11-16", "approved"),
    ("PTEN mutation", "breast", "capivasertib + fulvestrant", "2023-11-16", "approved"),
    ("PIK3CA H1047R", "breast", "inavolisib + palbociclib + fulvestrant", "2024-10-10",
     "approved"),
    ("KRAS G12C", "colorectal", "adagrasib + cetuximab", "2024-06-21", "accelerated approval"),
    ("KRAS G12C", "colorectal", "sotorasib + panitumumab", "2025-01-16", "approved"),
]


@pytest.mark.parametrize("text,cancer,drug,date,status", APPROVALS)
def test_current_approvals_match_with_their_fda_date(text, cancer, drug, date, status):
    out = onc.match_therapies(text, cancer).set_index("drug")
    assert drug in out.index, out.index.tolist()
    row = out.loc[[drug]].iloc[0]
    assert row["fda_date"] == date
    assert row["fda_status"] == status
    assert row["evidence_level"] == "1" and row["status"] == "option"
    assert date[:4] in row["source"] or "FDA label" in row["source"]


def test_braf_tumour_agnostic_approval_excludes_colorectal():
    """FDA, 22 June 2022: dabrafenib + trametinib is not indicated for colorectal cancer."""
    assert "dabrafenib + trametinib" in set(onc.match_therapies("BRAF V600E", "GIST")["drug"])
    crc = onc.match_therapies("BRAF V600E", "colorectal")
    assert "dabrafenib + trametinib" not in set(crc["drug"])
    assert _row("dabrafenib + trametinib", tumour_agnostic=True)["excludes"] == "colorectal"


def test_her2_ihc3_is_a_staining_result_not_amplification():
    assert "trastuzumab deruxtecan" not in set(
        onc.match_therapies("ERBB2 amplification", "ovarian")["drug"])


# --- withdrawn and narrowed indications ---------------------------------------------------

@pytest.mark.parametrize("drug,changed", [("rucaparib", "2022-06"), ("niraparib", "2022-09"),
                                          ("olaparib", "2022")])
def test_withdrawn_parp_treatment_indications_are_kept_marked_and_not_offered(drug, changed):
    """ARIEL4 (rucaparib, June 2022), GSK letter 14 Sept 2022 (niraparib), SOLO3 (olaparib)."""
    row = _row(drug, fda_status="withdrawn", gene="BRCA1")
    assert row["changed"] == changed
    out = onc.match_therapies("BRCA1 mutation", "ovarian")
    withdrawn = out[(out["drug"] == drug) & (out["status"] == "withdrawn")]
    assert len(withdrawn) == 1 and "withdrawn" in withdrawn["reason"].iloc[0]


def test_niraparib_recurrent_maintenance_narrowed_to_germline_brca():
    row = _row("niraparib", fda_status="approved", gene="BRCA2")
    assert row["changed"] == "2022-11" and "germline BRCA" in row["setting"]


def test_solo1_is_cited_only_for_olaparib():
    table = knowledge.actionability()
    solo1 = table[table["source"].str.contains("SOLO-1")]
    assert set(solo1["drug"]) == {"olaparib"}


def test_alk_rows_cite_the_trial_of_their_own_drug():
    table = knowledge.actionability()
    trials = {"alectinib": "ALEX", "crizotinib": "PROFILE 1014", "ceritinib": "ASCEND-4",
              "brigatinib": "ALTA-1L", "lorlatinib": "CROWN"}
    for drug, trial in trials.items():
        row = table[(table["gene"] == "ALK") & (table["drug"] == drug)].iloc[0]
        assert trial in row["source"]
    assert table[table["source"].str.contains("ALEX")]["drug"].tolist() == ["alectinib"]


def test_no_row_claims_fda_approved_as_a_level_and_r2_is_resistance_evidence():
    spec = data.schema("knowledge/onc_actionability")
    levels = next(c for c in spec["columns"] if c["name"] == "evidence_level")["allowed"]
    assert "FDA approved" not in levels
    assert "R2 = compelling clinical evidence of resistance" in spec["description"]
    assert "early evidence" not in spec["description"]


def test_her2_positive_share_is_the_current_seer_estimate():
    """NCI SEER Cancer Stat Facts (2017–2021): HR+/HER2+ 9.6% + HR-/HER2+ 4.0% = 13.6%."""
    row = knowledge.prevalence().set_index("biomarker").loc[
        "ERBB2 (HER2) amplification/overexpression"]
    assert row["prevalence"] == pytest.approx(0.136)
    assert "SEER" in row["source"]


# --- variant classes ----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["KIT V560D", "KIT W557_K558del", "KIT K558_V559insP"])
def test_kit_exon11_rule_matches_three_specific_changes(text):
    """Three specific KIT exon 11 changes (a substitution, a deletion, an insertion) all match
    the class rule 'KIT exon 11 mutation' → imatinib (Heinrich et al., J Clin Oncol 2003)."""
    alt = onc.parse_alteration(text)
    assert "exon 11 mutation" in alt.classes
    out = onc.match_therapies(text, "GIST")
    assert "imatinib" in set(out.loc[out["status"] == "option", "drug"])


@pytest.mark.parametrize("text", ["PDGFRA D842V", "PDGFRA D842Y", "PDGFRA I843_D846del"])
def test_pdgfra_exon18_rule_matches_specific_changes(text):
    """FDA, 9 January 2020: avapritinib for PDGFRA exon 18 mutations, including D842V."""
    assert "avapritinib" in set(onc.match_therapies(text, "GIST")["drug"])


@pytest.mark.parametrize("text", ["EGFR E746_A750del", "EGFR L747_P753delinsS",
                                  "EGFR T751_E758del"])
def test_egfr_exon19_deletions_match_the_class(text):
    assert "exon 19 deletion" in onc.parse_alteration(text).classes
    assert "osimertinib" in set(onc.match_therapies(text, "lung")["drug"])


def test_exon_boundaries_place_known_hotspots():
    assert onc.exon_of("EGFR", 858) == 21 and onc.exon_of("EGFR", 790) == 20
    assert onc.exon_of("KIT", 642) == 13 and onc.exon_of("PDGFRA", 842) == 18
    assert onc.exon_of("TP53", 175) is None


def test_unmatched_change_says_so_plainly():
    meaning = onc.annotate("KIT M541L", "GIST")["meaning"].iloc[0]
    assert "unknown significance" in meaning and "outside the exons" in meaning
    assert onc.match_therapies("KIT M541L", "GIST").empty
    assert onc.variant_classes(onc.parse_alteration("KIT M541L")) == ()


def test_exon_of_rejects_bad_input():
    with pytest.raises(ValueError):
        onc.exon_of("KIT", "eleven")  # type: ignore[arg-type]


# --- co-occurring resistance blocks a drug -------------------------------------------------

@pytest.mark.parametrize("text,cancer,blocked,by", [
    ("EGFR L858R; EGFR T790M", "lung", {"erlotinib", "gefitinib", "afatinib", "dacomitinib"},
     "EGFR T790M"),
    ("EGFR L858R; EGFR T790M; EGFR C797S", "lung", {"osimertinib"}, "EGFR C797S"),
    ("BRAF V600E; KRAS G12C", "colorectal", {"encorafenib + cetuximab"}, "KRAS G12C"),
    ("BCR-ABL1 fusion; ABL1 T315I", "CML", {"imatinib", "dasatinib", "nilotinib"}, "ABL1 T315I"),
])
def test_co_occurring_resistance_blocks_the_drug_with_its_reason(text, cancer, blocked, by):
    out = onc.match_therapies(text, cancer)
    shown = out[(out["status"] == "blocked") & out["drug"].isin(blocked)]
    assert blocked <= set(shown["drug"])
    assert shown["reason"].str.contains(by).all()
    offered = set(out.loc[out["status"] == "option", "drug"])
    assert not (blocked & offered)
    summary = therapy_summary(out).set_index("drug")
    assert (summary.loc[sorted(blocked), "verdict"] == "avoid").all()


def test_kras_g12c_does_not_block_its_own_anti_egfr_combination():
    out = onc.match_therapies("KRAS G12C", "colorectal")
    assert set(out.loc[out["status"] == "option", "drug"]) == {
        "adagrasib + cetuximab", "sotorasib + panitumumab"}


# --- the setting the table records ----------------------------------------------------------

def test_pik3ca_drugs_are_not_offered_for_an_early_cancer():
    """SOLAR-1 / CAPItello-291 / INAVO120: advanced HR+/HER2- disease after endocrine therapy."""
    early = onc.match_therapies("PIK3CA H1047R", "breast", setting={"stage": "early"})
    assert (early["status"] == "other setting").all()
    assert early["reason"].str.contains("early").all()
    later = onc.match_therapies("PIK3CA H1047R", "breast",
                                setting={"stage": "advanced", "prior": ["endocrine therapy"]})
    assert "alpelisib + fulvestrant" in set(later.loc[later["status"] == "option", "drug"])


def test_amaras_board_respects_her_early_setting():
    report = board.tumour_report("PM-001")
    assert report.patient["stage"] == "early"
    assert "consider" not in set(report.summary["verdict"])
    assert "Not for this setting: alpelisib + fulvestrant" in report.headline()


def test_first_line_drugs_are_other_setting_after_an_egfr_inhibitor():
    out = onc.match_therapies("EGFR L858R; EGFR T790M", "lung",
                              setting={"stage": "advanced", "prior": "erlotinib (progressed)"})
    status = out.groupby("drug")["status"].agg(set)
    assert "option" in status["osimertinib"]  # the T790M row (AURA3 setting)
    assert status["amivantamab + lazertinib"] == {"other setting"}


@pytest.mark.parametrize("bad", [{"stage": "late"}, {"prior": ["magic beans"]}, "advanced",
                                 {"colour": "red"}])
def test_bad_settings_are_friendly(bad):
    with pytest.raises(ValueError):
        as_setting(bad)


# --- licence and dates ----------------------------------------------------------------------

def test_every_knowledge_table_records_licence_and_as_of():
    for name in data.available():
        if not name.startswith("knowledge/"):
            continue
        spec = json.loads((data.datasets_dir() / f"{name}.schema.json").read_text())
        assert spec.get("licence"), name
        assert len(str(spec.get("as_of", ""))) == 10, name


def test_actionability_no_longer_copies_oncokb():
    table = knowledge.actionability()
    assert not table["source"].str.contains("OncoKB").any()
    assert not knowledge.hotspots()["source"].str.contains("OncoKB").any()
    assert "OncoKB" in data.schema("knowledge/onc_actionability")["licence"]  # says why not


def test_fda_dates_are_iso_dates():
    dates = knowledge.actionability()["fda_date"].dropna()
    assert dates.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()


# --- other corrected facts --------------------------------------------------------------------

def test_t790m_can_pre_exist_or_evolve():
    """Hata et al., Nat Med 2016: T790M clones can pre-exist or evolve in drug-tolerant cells."""
    row = _row("osimertinib", alteration="T790M")
    assert "Hata et al., Nat Med 2016" in row["note"]
    assert "before treatment" in row["note"] and "evolve" in row["note"]


def test_glossary_separates_msi_h_from_dmmr(root):
    text = (root / "docs" / "glossary.md").read_text(encoding="utf-8")
    msi = text.split("## MSI-H\n", 1)[1].split("\n## ", 1)[0]
    dmmr = text.split("## dMMR\n", 1)[1].split("\n## ", 1)[0]
    assert "measured differently" in msi and "DNA" in msi and "stain" in msi
    assert "stain" in dmmr and "MSI-H" in dmmr


def test_not_for_this_setting_names_the_biomarker_and_the_reason():
    # An untreated lung cancer with KRAS G12C and a high TMB: the course's rows for
    # sotorasib, adagrasib and pembrolizumab (tumour-agnostic, TMB-high) all need earlier
    # treatment. The headline must say so, or "pembrolizumab: not for this setting" reads as
    # "pembrolizumab is not for untreated lung cancer", which is false.
    report = board.tumour_report("TB-0001")
    headline = report.headline()
    assert "no earlier drug treatment" in headline
    later = headline.split("Not for this setting: ")[1]
    assert "adagrasib and sotorasib for KRAS G12C" in later
    assert "pembrolizumab for TMB 16.9 mut/Mb" in later
    assert "needs earlier treatment, which this patient has not had" in later
    assert "prior any" not in headline and "approved for" not in later
    # A drug matched by two biomarkers names both; each reason is given once.
    msi = board.tumour_report("TB-0172").headline().split("Not for this setting: ")[1]
    assert "pembrolizumab for MSI-H or TMB 50.5 mut/Mb" in msi
    assert msi.count("needs earlier treatment") == 1
    assert "nivolumab for MSI-H (needs earlier chemotherapy" in msi
