"""Lesson 09 science: pinned values from first principles and the papers, and bad inputs."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from precisionmed import data
from precisionmed import privacy as pv


def test_genotype_match_probability_is_hardy_weinberg():
    # 0.25² + 0.5² + 0.25² = 0.0625 + 0.25 + 0.0625
    assert pv.genotype_match_probability(0.5) == pytest.approx(0.375)
    # 0.8⁴ + 0.32² + 0.2⁴ = 0.4096 + 0.1024 + 0.0016
    assert pv.genotype_match_probability(0.2) == pytest.approx(0.5136)
    assert pv.genotype_match_probability(0.0) == 1.0
    shares = [pv.genotype_match_probability(m) for m in np.linspace(0, 0.5, 11)]
    assert shares == sorted(shares, reverse=True)  # rarer SNPs tell people apart less


def test_random_match_probability_multiplies_independent_snps():
    assert pv.random_match_probability([0.5, 0.5]) == pytest.approx(0.140625)
    assert pv.random_match_probability([0.5, 0.2]) == pytest.approx(0.375 * 0.5136)
    assert pv.random_match_probability([]) == 1.0


def test_snps_to_be_unique_matches_the_fact_sheet():
    # (8e9 − 1) · 0.375ⁿ < 1 first at n = 24; 35 at MAF 0.2 and 62 at MAF 0.1 (sheet D1)
    assert pv.snps_to_be_unique(0.5, 8_000_000_000) == 24
    assert pv.snps_to_be_unique(0.2, 8_000_000_000) == 35
    assert pv.snps_to_be_unique(0.1, 8_000_000_000) == 62
    assert pv.snps_to_be_unique(0.5, 2) == 1           # 1 × 0.375 < 1, but 1 × 1 is not
    assert pv.snps_to_be_unique(0.5, 6_000) == 9        # 5,999 × 0.375⁹ ≈ 0.85
    # the number is below Lin and others' "as few as 75" for every frequency here
    assert max(pv.snps_to_be_unique(m, 8_000_000_000) for m in (0.5, 0.2, 0.1)) < 75
    assert pv.expected_others(0.5, 24, 8_000_000_000) == pytest.approx(0.479, abs=0.002)


def test_expected_cousins_pins_erlichs_branching():
    # 2ᵈ (c − 1) cᵈ with c = 2.5 (Erlich 2018): 7.5, 37.5, 187.5, 937.5
    assert [pv.expected_cousins(d, 2.5) for d in (1, 2, 3, 4)] == [7.5, 37.5, 187.5, 937.5]
    assert pv.expected_cousins(3, 3) == 432       # 8 × 2 × 27
    assert pv.expected_cousins(1, 2) == 4         # 2 × 1 × 2
    assert pv.expected_cousins(2, 1) == 0         # one child per couple: no cousins


def test_chance_of_relative_in_database():
    # third cousins only: 0.61 at 0.5% and 0.98 at 2% coverage (fact sheet D4)
    assert pv.chance_of_relative_in_database(187.5, 0.005) == pytest.approx(0.61, abs=0.005)
    assert pv.chance_of_relative_in_database(187.5, 0.02) == pytest.approx(0.98, abs=0.005)
    assert pv.chance_of_relative_in_database(1, 0.3) == pytest.approx(0.3)
    assert pv.chance_of_relative_in_database(0, 0.5) == 0.0
    assert pv.chance_of_relative_in_database(10, 1.0) == 1.0
    assert pv.chance_of_relative_in_database(10, 0.0) == 0.0


def test_family_reach_counts_third_cousins_or_closer():
    reach = pv.family_reach(2.5, 0.02)
    assert reach.cousins == (7.5, 37.5, 187.5, 937.5)
    # 7.5 + 37.5 + 187.5 = 232.5 relatives; 1 − 0.98^232.5
    assert reach.third_or_closer == pytest.approx(1 - 0.98 ** 232.5)
    assert reach.third_or_closer > 0.98   # Erlich's "~2% covers nearly everyone"
    assert list(reach.chance_up_to) == sorted(reach.chance_up_to)


def test_k_anonymity_on_a_small_table():
    table = pd.DataFrame({"zip": ["1", "1", "1", "2", "2"], "sex": ["f", "f", "m", "m", "m"]})
    assert pv.k_anonymity(table, ["zip", "sex"]) == 1     # the one man in zip 1
    assert pv.k_anonymity(table, ["zip"]) == 2
    assert pv.k_anonymity(table, ["sex"]) == 2
    assert pv.k_anonymity(table, []) == 5
    with pytest.raises(ValueError, match="Unknown quasi_identifiers"):
        pv.k_anonymity(table, ["zip", "age"])
    with pytest.raises(ValueError, match="no rows"):
        pv.k_anonymity(table.iloc[0:0], ["zip"])
    with pytest.raises(TypeError):
        pv.k_anonymity([1, 2], ["zip"])


def test_coarsen_and_link():
    research = pd.DataFrame({"record_id": ["R-1", "R-2"], "zip": ["00104", "00201"],
                             "birth_date": ["1983-09-13", "1951-01-02"], "sex": ["female", "male"]})
    public = pd.DataFrame({"name": ["A B", "C D", "E F"], "zip": ["00104", "00104", "00201"],
                           "birth_date": ["1983-09-13", "1983-02-01", "1951-01-02"],
                           "sex": ["female", "female", "male"]})
    year = pv.coarsen(research, "year", "3 digits")
    assert list(year["birth"]) == ["1983", "1951"] and list(year["zip"]) == ["001**", "002**"]
    assert list(pv.coarsen(research, "decade")["birth"]) == ["1980s", "1950s"]
    assert set(pv.coarsen(research, "none", "none", sex=False)[["birth", "zip", "sex"]]
               .to_numpy().ravel()) == {"*"}
    full = pv.link(pv.coarsen(research), pv.coarsen(public))
    assert list(full["candidates"]) == [1, 1] and list(full["name"]) == ["A B", "E F"]
    coarse = pv.link(pv.coarsen(research, "year"), pv.coarsen(public, "year"))
    assert list(coarse["candidates"]) == [2, 1] and coarse["name"].iloc[0] is None
    with pytest.raises(ValueError, match="birth must be one of"):
        pv.coarsen(research, "month")
    with pytest.raises(ValueError, match="zip_code must be one of"):
        pv.coarsen(research, zip_code="4 digits")


def test_crowd_sizes_and_genotype_matrix():
    genotypes = pv.genotype_matrix(["012", "011", "212", "012"])
    assert genotypes.tolist() == [[0, 1, 2], [0, 1, 1], [2, 1, 2], [0, 1, 2]]
    same = genotypes == genotypes[0]
    assert pv.crowd_sizes(same).tolist() == [4, 3, 3, 2]
    with pytest.raises(ValueError, match="digits 0, 1 and 2"):
        pv.genotype_matrix(["013"])
    with pytest.raises(ValueError, match="same number"):
        pv.genotype_matrix(["01", "012"])


def test_beacon_log_likelihood_follows_the_two_answer_probabilities():
    f, n, d = 0.001, 1000, 0.001
    absent_out = (1 - f) ** (2 * n)       # nobody of 1,000 carries it
    absent_in = (1 - f) ** (2 * (n - 1))  # nobody of the other 999 carries it
    yes = math.log((1 - d * absent_in) / (1 - absent_out))
    no = math.log(d * absent_in / absent_out)
    got = pv.beacon_log_likelihood([True, True, False], [f, f, f], n, d)
    assert got.tolist() == pytest.approx([yes, 2 * yes, 2 * yes + no])
    assert yes > 0 > no and no == pytest.approx(math.log(0.001 / 0.999 ** 2))
    # rarer alleles give stronger evidence for a "yes"
    rare, common = pv.beacon_log_likelihood([True, True], [1e-5, 0.01], n, d)
    assert rare > common - rare > 0
    with pytest.raises(ValueError, match="same length"):
        pv.beacon_log_likelihood([True], [0.1, 0.2], n)
    with pytest.raises(ValueError, match="above 0 and below 1"):
        pv.beacon_log_likelihood([True], [0.0], n)


def test_surname_from_y_ranks_closest_profiles_first():
    table = pd.DataFrame({"surname": ["Orr", "Orr", "Zan"],
                          "y_str": ["10-11-12", "10-11-13", "20-21-22"]})
    ranked = pv.surname_from_y(table, "10-11-12")
    assert ranked.iloc[0].to_dict() == {"surname": "Orr", "differences": 0, "entries": 1}
    assert ranked.iloc[1]["surname"] == "Zan" and ranked.iloc[1]["differences"] == 3
    with pytest.raises(ValueError, match="as many loci"):
        pv.surname_from_y(table, "10-11")
    with pytest.raises(ValueError, match="repeat counts"):
        pv.surname_from_y(pd.DataFrame({"surname": ["Orr"], "y_str": ["10-x-12"]}), "10-11-12")


def test_link_counts_missing_key_values_as_one_group_and_names_the_first_known_name():
    # the pandas path (a key value is missing) and the dict path (none missing) agree
    public = pd.DataFrame({"name": [None, "A B", "C D"], "zip": [None, None, "00104"],
                           "birth": ["1983", "1983", "1983"], "sex": ["f", "f", "f"]})
    research = pd.DataFrame({"record_id": ["R-1", "R-2"], "zip": [None, "00104"],
                             "birth": ["1983", "1983"], "sex": ["f", "f"]})
    linked = pv.link(research, public)
    assert list(linked["candidates"]) == [2, 1] and list(linked["name"]) == [None, "C D"]
    known = pv.link(research.fillna("*"), public.assign(zip=public["zip"].fillna("*")))
    assert list(known["candidates"]) == [2, 1] and list(known["name"]) == [None, "C D"]
    first = pv.link(research.iloc[[1]], pd.concat([public.iloc[[2]], public.iloc[[2]].assign(
        name="E F")]))
    assert list(first["candidates"]) == [2] and list(first["name"]) == [None]


@pytest.mark.parametrize("call", [
    lambda: pv.genotype_match_probability(0.6),
    lambda: pv.genotype_match_probability(-0.1),
    lambda: pv.genotype_match_probability("0.5"),
    lambda: pv.genotype_match_probability(float("nan")),
    lambda: pv.snps_to_be_unique(0.0, 100),
    lambda: pv.snps_to_be_unique(0.5, 1),
    lambda: pv.snps_to_be_unique(0.5, 10.5),
    lambda: pv.expected_cousins(0, 2.5),
    lambda: pv.expected_cousins(2, 0.5),
    lambda: pv.expected_cousins(True, 2.5),
    lambda: pv.chance_of_relative_in_database(10, 1.5),
    lambda: pv.chance_of_relative_in_database(-1, 0.5),
    lambda: pv.random_match_probability("0.5"),
    lambda: pv.fact("no_such_fact"),
])
def test_bad_inputs_get_friendly_errors(call):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert len(str(info.value)) > 15


def test_sourced_facts_are_the_published_numbers():
    assert pv.fact("erlich_third_cousin_share") == 60
    assert pv.fact("erlich_database_size") == 1.28
    assert pv.fact("erlich_coverage_nearly_all") == 2
    assert pv.fact("erlich_children_per_couple") == 2.5
    assert pv.fact("sweeney_zip_dob_sex") == 87
    assert pv.fact("golle_2000_census") == 63
    assert pv.fact("gymrek_surname_success") == 12
    assert pv.fact("homer_mixture_share") == 0.1
    assert pv.fact("lin_75_snps") == 75
    assert (pv.fact("beacon_queries_1000"), pv.fact("beacon_snps_65"),
            pv.fact("beacon_pgp_queries")) == (5000, 250, 1000)
    assert pv.fact("gina_signed") == 2008 and pv.fact("gina_employer_size") == 15
    assert pv.fact("havasupai_settlement") == 700_000 and pv.fact("havasupai_plaintiffs") == 41
    assert pv.fact("third_cousins_c25") == pv.expected_cousins(3, 2.5) == 187.5
    assert "Science 2018;362:690" in pv.source("erlich_third_cousin_share")
    assert "Sweeney" in pv.source("sweeney_zip_dob_sex")


@pytest.mark.parametrize("name", ["knowledge/privacy_facts", "knowledge/privacy_gina",
                                  "knowledge/privacy_decision_aid"])
def test_knowledge_tables_name_a_source_on_every_row(name):
    table = data.load(name)
    schema = data.schema(name)
    assert schema["licence"] and schema["as_of"]
    assert table["source"].str.len().min() > 10


def test_gina_table_covers_health_insurance_and_work_not_life_insurance():
    gina = data.load("knowledge/privacy_gina").set_index("area")["covered"]
    assert gina["Health insurance (group and individual)"]
    assert gina["Employment (15 or more employees)"]
    for gap in ("Life insurance", "Disability insurance", "Long-term-care insurance"):
        assert not gina[gap]


def test_decision_aid_is_neutral_questions():
    aid = data.load("knowledge/privacy_decision_aid")
    assert len(aid) >= 6 and aid["question"].str.endswith("?").all()
    text = " ".join(aid["question"]) + " ".join(aid["why_it_matters"])
    for pushy in ("you should", "must share", "never share", "don't share", "do not share"):
        assert pushy not in text.lower()


def test_gina_summary_and_decision_aid_print_every_row_whole():
    lines = pv.gina_summary().splitlines()
    assert len(lines) == len(data.load("knowledge/privacy_gina"))
    assert any(line.startswith("NOT COVERED  Life insurance:") for line in lines)
    assert lines[0].startswith("COVERED      Health insurance")
    aid = pv.decision_aid()
    questions = data.load("knowledge/privacy_decision_aid")["question"]
    for i, question in enumerate(questions, start=1):
        assert f"{i}. {question}" in aid
    assert aid.count("Source: ") == len(questions)
