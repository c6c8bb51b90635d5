"""Lesson 08's data: reproducible simulation, its key property (accuracy is highest where the
training ancestry matches), the kidney clinic, and sourced knowledge tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from precisionmed import data
from precisionmed import diversity as dv
from precisionmed.diversity import knowledge, simulate


@pytest.fixture(scope="module")
def grid() -> pd.DataFrame:
    return data.load("diversity/pgs_accuracy")


def _r2(grid: pd.DataFrame, share: float, pop: str) -> float:
    row = grid[(grid["share_c"] - share).abs() < 1e-9]
    return float(row.set_index("population").loc[pop, "r2"])


def test_build_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    written = simulate.build(tmp_path)
    root = data.datasets_dir()
    assert len(written) == 8
    for path in written:
        rel = path.relative_to(tmp_path)
        assert path.read_bytes() == (root / rel).read_bytes(), rel


def test_same_seed_same_people_other_seed_other_people() -> None:
    a = simulate.markers(7)
    assert a.equals(simulate.markers(7))
    assert not a.equals(simulate.markers(8))


def test_accuracy_is_highest_where_training_ancestry_matches(grid: pd.DataFrame) -> None:
    # trained on A only: A (and its close relative B) beat C
    assert _r2(grid, 0.0, "A") > _r2(grid, 0.0, "B") > _r2(grid, 0.0, "C")
    # trained on C only: C beats A and B
    assert _r2(grid, 1.0, "C") > _r2(grid, 1.0, "A") > _r2(grid, 1.0, "B")
    # moving the mix towards C helps C and costs A
    c = [_r2(grid, s, "C") for s in simulate.MIXES]
    a = [_r2(grid, s, "A") for s in simulate.MIXES]
    assert c[-1] > 3 * c[0] and a[-1] < a[0]
    assert np.corrcoef(simulate.MIXES, c)[0, 1] > 0.9
    assert np.corrcoef(simulate.MIXES, a)[0, 1] < -0.9


def test_gap_on_a_only_training_is_of_the_real_world_size(grid: pd.DataFrame) -> None:
    # Martin 2019: 4.9-fold lower accuracy in Africans; the toy lands in the same range
    gap = _r2(grid, 0.0, "A") / _r2(grid, 0.0, "C")
    assert 3.5 <= gap <= 6.5


def test_frequencies_and_linkage_differ_between_populations() -> None:
    markers = data.load("diversity/pgs_markers")
    chip = markers[markers["kind"] == "chip"]
    d_ab = (chip["freq_A"] - chip["freq_B"]).abs().mean()
    d_ac = (chip["freq_A"] - chip["freq_C"]).abs().mean()
    assert d_ac > 2 * d_ab
    assert np.corrcoef(chip["link_A"], chip["link_B"])[0, 1] > 0.9
    assert abs(np.corrcoef(chip["link_A"], chip["link_C"])[0, 1]) < 0.4


def test_people_table_is_small_and_well_formed() -> None:
    people = data.load("diversity/pgs_people")
    path = data.datasets_dir() / "diversity" / "pgs_people.csv"
    assert path.stat().st_size < 2_000_000  # small enough for Binder
    g = simulate.genotype_matrix(people.head(50))
    assert g.shape == (50, simulate.BLOCKS * simulate.TAGS)
    assert set(np.unique(g)) <= {0, 1, 2}


def test_toolkit_reproduces_the_stored_grid_on_stored_people(grid: pd.DataFrame) -> None:
    # train once on the stored A pool (first TRAIN_SIZE people) and score the C test set
    people = data.load("diversity/pgs_people")
    markers = data.load("diversity/pgs_markers")
    blocks = markers.loc[markers["kind"] == "chip", "block"].to_numpy()
    train = people[(people["population"] == "A") & (people["role"] == "train")].head(2000)
    effects = dv.gwas_effects(simulate.genotype_matrix(train), train["trait"])
    weights = dv.train_score(effects, blocks, simulate.MIN_ABS_Z)
    for pop in ("A", "C"):
        test = people[(people["population"] == pop) & (people["role"] == "test")]
        acc = dv.score_accuracy(dv.polygenic_score(simulate.genotype_matrix(test), weights),
                                test["trait"])
        stored = grid[(grid["share_c"] == 0.0) & (grid["population"] == pop)].iloc[0]
        assert stored["r2_min"] - 0.03 <= acc.r2 <= stored["r2_max"] + 0.03


def test_kidney_clinic_named_patients_sit_near_the_lines() -> None:
    clinic = data.load("diversity/kidney_clinic").set_index("name")
    marcus, denise, tom = (clinic.loc[n] for n in ("Marcus", "Denise", "Tom"))
    assert marcus["egfr_2009"] > 20 >= marcus["egfr_2021"]
    assert denise["egfr_2009"] >= 60 > denise["egfr_2021"]
    assert tom["egfr_2009"] <= 20 < tom["egfr_2021"]
    assert bool(marcus["recorded_black"]) and not bool(tom["recorded_black"])


def test_kidney_clinic_follows_the_equations() -> None:
    clinic = data.load("diversity/kidney_clinic")
    black = clinic[clinic["recorded_black"]]
    # for patients recorded as Black, 2009 is higher than 2021 (the race factor)
    assert (black["egfr_2009"] > black["egfr_2021"]).all()
    assert (clinic["waiting_time_2021"].to_numpy(dtype=bool)
            == (clinic["egfr_2021"] <= 20).to_numpy()).all()
    assert 150 <= len(clinic) <= 250


def test_knowledge_tables_are_sourced_and_current() -> None:
    for name in ("diversity_gwas_ancestry", "diversity_all_of_us", "diversity_facts"):
        frame = data.load(f"knowledge/{name}")
        schema = data.schema(f"knowledge/{name}")
        assert schema["licence"] and schema["as_of"] and schema["version"]
        assert frame["source"].str.len().gt(10).all(), name
    # the stored tables are exactly what the knowledge module writes
    for name, (frame, _schema) in knowledge.tables().items():
        stored = data.load(name)
        assert len(stored) == len(frame), name


def test_gwas_shares_pinned_to_their_sources() -> None:
    gwas = data.load("knowledge/diversity_gwas_ancestry")
    share = gwas.set_index(["year", "ancestry"])["share"]
    assert share[(2009, "European")] == 96          # Popejoy & Fullerton 2016, the 2009 analysis
    assert share[(2016, "European")] == 81          # Popejoy & Fullerton 2016
    assert (share[(2018, "European")], share[(2018, "Asian")], share[(2018, "African")],
            share[(2018, "Hispanic or Latin American")]) == (78, 10, 2, 1)   # Sirugo 2019
    assert share[(2021, "European")] == 86          # Fatumo 2022 (GWAS Catalog, July 2021)
    for year in (2009, 2016, 2018, 2021):
        assert gwas[gwas["year"] == year]["share"].sum() == pytest.approx(100, abs=0.01)


def test_key_facts_pinned() -> None:
    facts = data.load("knowledge/diversity_facts").set_index("key")["value"]
    assert facts["ckd_epi_2009_black"] == 1.159
    assert (facts["martin_hispanic"], facts["martin_south_asian"], facts["martin_east_asian"],
            facts["martin_african"]) == (1.6, 1.7, 2.5, 4.9)
    aou = data.load("knowledge/diversity_all_of_us")
    assert aou.loc[aou["date"] == "2018-05-06", "value"].iloc[0] == 1_000_000
    assert 245_388 in set(aou["value"])
