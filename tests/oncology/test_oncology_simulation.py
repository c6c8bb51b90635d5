"""Lesson 03's simulated tumour sequencing: real prevalence, VAF biology, the VCF files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binom

from precisionmed import data
from precisionmed.oncology import knowledge
from precisionmed.oncology import simulate as sim
from precisionmed.vcf import parse_info, read_vcf, sample_fields


@pytest.fixture(scope="module")
def cohort():
    return data.load("oncology/clinical"), data.load("oncology/maf"), data.load(
        "oncology/answer_key")


def test_cohort_size_and_cancer_types(cohort):
    clinical, _, _ = cohort
    assert len(clinical) >= 500
    assert set(clinical["cancer_type"]) == {"lung", "melanoma", "colorectal", "breast", "CML",
                                           "GIST", "AML"}
    assert clinical["patient_id"].is_unique


def test_recurring_patients_carry_exactly_their_drivers(cohort):
    clinical, maf, key = cohort
    expected = {"PM-001": ("breast", {"PIK3CA H1047R"}), "PM-002": ("lung", {"EGFR L858R"}),
                "PM-005": ("colorectal", {"KRAS G12C"})}
    for pid, (cancer, drivers) in expected.items():
        row = clinical.set_index("patient_id").loc[pid]
        assert row["cancer_type"] == cancer
        mine = key[(key["patient_id"] == pid) & key["role"].isin(["driver", "resistance"])]
        assert set(mine["gene"] + " " + mine["alteration"]) == drivers
    names = clinical.set_index("patient_id").loc[list(expected), "name"].tolist()
    assert names == ["Amara", "Wei", "Priya"]


def test_answer_key_lines_up_with_the_calls(cohort):
    _, maf, key = cohort
    assert len(maf) == len(key)
    assert (maf["patient_id"].to_numpy() == key["patient_id"].to_numpy()).all()
    assert (maf["alteration"].to_numpy() == key["alteration"].to_numpy()).all()


def test_clonal_heterozygous_somatic_vaf_is_purity_over_two(cohort):
    clinical, maf, key = cohort
    purity = clinical.set_index("patient_id")["purity"]
    mask = (key["clonal"] == True) & (key["origin"] == "somatic") & maf["vaf"].notna()  # noqa: E712
    half = purity.loc[maf.loc[mask, "patient_id"]].to_numpy() / 2
    ratio = maf.loc[mask, "vaf"].to_numpy() / half
    assert mask.sum() > 300
    assert ratio.mean() == pytest.approx(1.0, abs=0.03)


def test_germline_heterozygous_vaf_is_near_one_half(cohort):
    _, maf, key = cohort
    het = (key["origin"] == "germline") & (key["expected_vaf"] == 0.5)
    assert het.sum() > 500
    assert maf.loc[het, "vaf"].mean() == pytest.approx(0.5, abs=0.01)
    assert maf.loc[het, "vaf"].between(0.35, 0.65).all()


def test_low_quality_calls_are_filtered(cohort):
    _, maf, key = cohort
    artefacts = key["role"] == "artefact"
    assert artefacts.any()
    assert (maf.loc[artefacts, "filter"] != "PASS").all()
    assert (maf.loc[maf["filter"] == "LowAltReads", "t_alt_count"] < 5).all()
    assert (maf.loc[maf["filter"] == "LowDepth", "t_depth"] < 50).all()
    assert (maf.loc[~artefacts, "filter"] == "PASS").all()


def _share(clinical, key, cancer, drivers, populations=None):
    patients = clinical[clinical["cancer_type"] == cancer]
    if populations is not None:
        patients = patients[patients["population"].isin(populations)]
    hits = key[key["role"].eq("driver") & (key["gene"] + " " + key["alteration"]).isin(drivers)]
    carriers = patients["patient_id"].isin(hits["patient_id"])
    return int(carriers.sum()), len(patients)


@pytest.mark.parametrize("cancer,drivers,biomarker,population,populations", [
    ("melanoma", {"BRAF V600E"}, "BRAF mutation", "all (32 studies)", None),
    ("colorectal", {"BRAF V600E"}, "BRAF V600E", "metastatic", None),
    ("colorectal", {"KRAS G12C", "KRAS G12D", "KRAS G12V", "KRAS G13D"}, "KRAS mutation",
     "global (68 studies)", None),
    ("colorectal", {"MSI MSI-H"}, "MSI (microsatellite instability)", "all (pooled)", None),
    ("breast", {"ERBB2 amplification"}, "ERBB2 (HER2) amplification/overexpression", "all", None),
    ("CML", {"ABL1 BCR-ABL1 fusion"}, "BCR-ABL1 fusion", "all", None),
    ("GIST", {"KIT exon 11 deletion", "KIT exon 9 duplication"}, "KIT mutation", "all", None),
    ("lung", {"EGFR L858R", "EGFR exon 19 deletion"}, "EGFR sensitising mutation", "China",
     ["EAS"]),
    ("lung", {"EGFR L858R", "EGFR exon 19 deletion"}, "EGFR sensitising mutation", "Europe",
     ["EUR", "AFR", "AMR", "SAS"]),
    ("lung", {"KRAS G12C"}, "KRAS G12C", "United States", None),
])
def test_driver_prevalence_matches_the_knowledge_table(cohort, cancer, drivers, biomarker,
                                                       population, populations):
    clinical, _, key = cohort
    k, n = _share(clinical, key, cancer, drivers, populations)
    p = knowledge.prevalence_of(biomarker, cancer, population)
    low, high = binom.ppf([0.0005, 0.9995], n, p)  # 99.9% range for a cohort of this size
    assert low <= k <= high, f"{k}/{n} vs expected share {p}"


def test_prevalence_model_is_read_from_the_knowledge_table():
    choices = dict((a[0], p) for a, p in sim.driver_probabilities("lung", "EAS"))
    egfr = choices["EGFR exon 19 deletion"] + choices["EGFR L858R"]
    assert egfr == pytest.approx(0.384)
    europe = dict((a[0], p) for a, p in sim.driver_probabilities("lung", "EUR"))
    assert europe["EGFR exon 19 deletion"] + europe["EGFR L858R"] == pytest.approx(0.141)


def test_simulation_is_deterministic_and_seed_dependent():
    a = sim.simulate_cohort()["calls"]
    b = sim.simulate_cohort()["calls"]
    pd.testing.assert_frame_equal(a, b)
    c = sim.simulate_cohort(seed=1)["calls"]
    assert not a["vaf"].equals(c["vaf"])


def test_kras_g12c_in_the_colorectal_vcf_at_its_grch38_coordinate():
    records = read_vcf(data.path("oncology/vcf/colorectal"))
    g12c = records[(records["CHROM"] == "chr12") & (records["POS"] == 25245351)]
    assert len(g12c) == 1
    row = g12c.iloc[0]
    assert (row["REF"], row["ALT"]) == ("C", "A")
    info = parse_info(row["INFO"])
    assert info["GENE"] == "KRAS" and info["PROT"] == "G12C" and "SIMPOS" not in info
    fields = sample_fields(row["FORMAT"], row["PM-005"])
    ref, alt = (int(x) for x in fields["AD"].split(","))
    assert int(fields["DP"]) == ref + alt
    assert float(fields["AF"]) == pytest.approx(alt / (ref + alt), abs=0.001)
    assert fields["GT"] == "0/1"


def test_vcf_files_are_valid_and_small():
    total = 0
    for cancer in sim.COHORT:
        path = data.path(f"oncology/vcf/{cancer.lower()}")
        text = path.read_text(encoding="utf-8").splitlines()
        assert text[0] == "##fileformat=VCFv4.2"
        assert any(line.startswith("##reference=GRCh38") for line in text)
        records = read_vcf(path)
        assert list(records.columns[:9]) == ["CHROM", "POS", "ID", "REF", "ALT", "QUAL",
                                             "FILTER", "INFO", "FORMAT"]
        assert (records["FORMAT"] == "GT:AD:DP:AF").all()
        assert set(records["FILTER"]) <= {"PASS", "LowAltReads", "LowDepth"}
        total += path.stat().st_size
    assert total < 1_000_000


def test_hotspot_rows_use_real_coordinates(cohort):
    _, maf, _ = cohort
    hot = knowledge.hotspots().dropna(subset=["pos"])
    real = maf[~maf["simulated_position"] & maf["pos"].notna()]
    merged = real.merge(hot, on=["gene", "alteration"], suffixes=("", "_k"))
    assert len(merged) == len(real) > 50
    assert (merged["pos"] == merged["pos_k"]).all() and (merged["ref"] == merged["ref_k"]).all()


def test_tmb_is_higher_in_msi_high_tumours(cohort):
    clinical, _, _ = cohort
    crc = clinical[clinical["cancer_type"] == "colorectal"]
    assert np.median(crc.loc[crc["msi_status"] == "MSI-H", "tmb"]) > 3 * np.median(
        crc.loc[crc["msi_status"] == "MSS", "tmb"])
