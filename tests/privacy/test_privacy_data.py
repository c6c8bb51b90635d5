"""Lesson 09 data: an invented town that behaves as designed, and the linkage answer key."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from precisionmed import check, data
from precisionmed import privacy as pv
from precisionmed.privacy import exercises, simulate


@pytest.fixture(scope="module")
def town() -> pd.DataFrame:
    return data.load("privacy/town")


@pytest.fixture(scope="module")
def research() -> pd.DataFrame:
    return data.load("privacy/research")


@pytest.fixture(scope="module")
def key() -> pd.DataFrame:
    return data.load("privacy/linkage_answer_key")


def test_town_is_invented_and_the_right_size(town):
    assert len(town) == simulate.TOWN_SIZE == 6000
    assert town["person_id"].is_unique
    surnames = set(simulate._surnames())
    assert {n.split(" ", 1)[1] for n in town["name"]} <= surnames  # invented surnames only
    assert town["birth_date"].min() >= "1940-01-01" and town["birth_date"].max() <= "2005-12-31"
    assert town.loc[town["sex"] == "female", "y_str"].isna().all()
    assert town.loc[town["sex"] == "male", "y_str"].notna().all()
    for name in ("privacy/town", "privacy/research", "privacy/public_roll"):
        assert "no real person can be found" in data.schema(name)["description"]


@pytest.mark.parametrize("suffix,maf", [("50", 0.5), ("20", 0.2), ("10", 0.1)])
def test_snps_follow_their_frequency_and_hardy_weinberg(town, suffix, maf):
    genotypes = pv.genotype_matrix(town[f"snps_maf{suffix}"].tolist())
    assert genotypes.shape == (6000, 30)
    observed = genotypes.mean() / 2
    assert observed == pytest.approx(maf, abs=0.01)
    heterozygous = (genotypes == 1).mean()
    assert heterozygous == pytest.approx(2 * maf * (1 - maf), abs=0.01)


def test_research_records_are_town_people_without_names(town, research, key):
    assert "name" not in research.columns and "person_id" not in research.columns
    assert len(research) == 400 and list(key["record_id"]) == list(research["record_id"])
    people = town.set_index("person_id")
    for row, truth in zip(research.itertuples(), key.itertuples(), strict=True):
        person = people.loc[truth.person_id]
        assert (row.zip, row.birth_date, row.sex) == (person.zip, person.birth_date, person.sex)
        assert truth.name == person["name"]
    # record numbers do not follow the town's order
    order = key["person_id"].str[2:].astype(int).to_numpy()
    assert not (np.diff(order) > 0).all()


def test_public_roll_lists_every_person_once(town):
    public = data.load("privacy/public_roll")
    assert len(public) == len(town)
    merged = public.merge(town, on=["name", "zip", "birth_date", "sex"])
    assert len(merged) == len(town)


def test_linkage_exercise_answer_comes_from_the_answer_key(key, research):
    marked = key[key["exercise"]]
    assert list(marked["record_id"]) == [exercises.LINKAGE_RECORD]
    expected = check.exercises()["privacy-1"].expected()
    assert expected == marked["name"].iloc[0]
    # Linking by hand (plain pandas) finds exactly that one person on ZIP, date and sex...
    public = data.load("privacy/public_roll")
    row = research[research["record_id"] == exercises.LINKAGE_RECORD].iloc[0]
    same = public[(public["zip"] == row["zip"]) & (public["birth_date"] == row["birth_date"])
                  & (public["sex"] == row["sex"])]
    assert list(same["name"]) == [expected]
    # ...but several on ZIP, birth year and sex, and the wrong-answer hints name two of them.
    year = public[(public["zip"] == row["zip"]) & (public["sex"] == row["sex"])
                  & (public["birth_date"].str[:4] == row["birth_date"][:4])]
    assert len(year) >= 3
    for other in set(year["name"]) - {expected}:
        assert other in check.exercises()["privacy-1"].wrong
    assert check.feedback("privacy-1", expected).correct


def test_k_exercise_matches_a_plain_groupby(research):
    groups = research.assign(decade=research["birth_date"].str[:3]).groupby(["decade", "sex"])
    assert check.exercises()["privacy-2"].expected() == groups.size().min() == 12
    assert pv.k_anonymity(pv.coarsen(research), ["zip", "birth", "sex"]) == 1


def test_most_records_link_on_full_dates_and_few_on_years(research):
    public = data.load("privacy/public_roll")
    table = pv.coarsening_table(research, public).set_index(["birth", "ZIP code"])
    assert table.loc[("date", "5 digits"), "records named"] >= 0.95 * len(research)
    assert table.loc[("year", "5 digits"), "records named"] < 0.05 * len(research)
    ks = list(table["k (research table)"])
    assert ks[0] == 1 and ks[-1] > 50


def test_toy_genealogy_recovers_most_surnames(research, key):
    genealogy = data.load("privacy/genealogy")
    men = research[research["sex"] == "male"].merge(key, on="record_id")
    found = 0
    for row in men.itertuples():
        top = pv.surname_from_y(genealogy, row.y_str).iloc[0]
        found += top["surname"] == row.name.split(" ", 1)[1]
    assert 0.6 < found / len(men) < 0.99   # a toy: far above Gymrek's real 12%
    assert pv.fact("gymrek_surname_success") == 12


def test_beacon_member_always_hears_yes_and_both_are_decided():
    beacon = data.load("privacy/beacon")
    assert (beacon.groupby("person").size() == simulate.BEACON_QUERIES).all()
    member = beacon[beacon["person"] == "member"]
    outsider = beacon[beacon["person"] == "outsider"]
    assert member["beacon_answer"].mean() > 0.99 and outsider["beacon_answer"].mean() < 0.99
    evidence = pv.beacon_evidence()
    assert evidence["member"][-1] > pv.BEACON_THRESHOLD
    assert evidence["outsider"][-1] < -pv.BEACON_THRESHOLD
    assert 1 < pv.queries_to_decide(evidence["member"]) < simulate.BEACON_QUERIES
    assert 1 < pv.queries_to_decide(evidence["outsider"]) < simulate.BEACON_QUERIES


def test_build_is_byte_reproducible(tmp_path):
    first = simulate.build(tmp_path / "a")
    second = simulate.build(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    shipped = data.datasets_dir()
    for path in first:
        rel = path.relative_to(tmp_path / "a")
        assert path.read_bytes() == (shipped / rel).read_bytes(), rel
