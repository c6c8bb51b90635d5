"""Science of lesson 05: normalisation, clustering, the PAM50 classifier, agreement, survival."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from precisionmed import subtyping as st
from precisionmed import survival


@pytest.fixture(scope="module")
def cohort() -> dict[str, object]:
    expression = st.load_expression()
    clinical = st.load_clinical().loc[expression.index]
    truth = st.load_answer_key().loc[expression.index]
    corrected = st.centre_within_batches(expression, clinical["lab"])
    return {"raw": expression, "clinical": clinical, "truth": truth, "corrected": corrected,
            "calls": st.classify_pam50(corrected)}


# --- published model --------------------------------------------------------------------

def test_centroids_are_the_published_values() -> None:
    centroids = st.load_centroids()
    assert centroids.shape == (50, 5)
    assert list(centroids.columns) == list(st.SUBTYPES)
    # Spot values from the genefu model, also in the course fact sheet (section C3).
    assert centroids.loc["ESR1"].round(2).tolist() == [2.16, 1.61, -1.51, -2.75, -0.42]
    assert centroids.loc["ERBB2"].round(2).tolist() == [0.61, 0.16, 1.76, -0.81, -0.87]
    assert centroids.loc["KRT5"].round(2).tolist() == [0.22, -0.91, -0.43, 0.51, 1.79]
    assert centroids.loc["RRM2"].round(2).tolist() == [-0.95, 0.35, 0.68, 0.16, -1.12]


@pytest.mark.parametrize(("gene", "high_in"), [
    ("ESR1", {"Luminal A", "Luminal B"}),
    ("ERBB2", {"HER2-enriched"}),
    ("GRB7", {"HER2-enriched"}),
    ("FOXC1", {"Basal-like", "Normal-like"}),
])
def test_marker_patterns_in_centroids(gene: str, high_in: set[str]) -> None:
    row = st.load_centroids().loc[gene]
    top = set(row.sort_values(ascending=False).index[: len(high_in)])
    assert top == high_in


@pytest.mark.parametrize(("gene", "high", "low"), [
    ("ESR1", ["Luminal A", "Luminal B"], ["HER2-enriched", "Basal-like"]),
    ("ERBB2", ["HER2-enriched"], ["Luminal A", "Luminal B", "Basal-like", "Normal-like"]),
    ("GRB7", ["HER2-enriched"], ["Luminal A", "Luminal B", "Basal-like", "Normal-like"]),
    ("KRT5", ["Basal-like"], ["Luminal B", "HER2-enriched"]),
    ("FOXC1", ["Basal-like"], ["Luminal A", "Luminal B", "HER2-enriched"]),
    ("MKI67", ["Basal-like"], ["Luminal A"]),
])
def test_marker_patterns_in_simulated_tumours(cohort: dict, gene: str, high: list[str],
                                              low: list[str]) -> None:
    centred = st.centre_genes(cohort["corrected"])
    means = centred[gene].groupby(cohort["truth"]).mean()
    assert means[high].min() > means[low].max()


# --- classifier ---------------------------------------------------------------------------

def test_classifier_recovers_simulated_subtypes(cohort: dict) -> None:
    calls = cohort["calls"]
    assert st.percent_agreement(cohort["truth"], calls["subtype"]) >= 90
    assert set(calls["subtype"]) == set(st.SUBTYPES)


def test_classifier_output_shape_and_correlations(cohort: dict) -> None:
    calls = cohort["calls"]
    assert list(calls.columns) == ["subtype", "correlation", "margin", *st.SUBTYPES]
    corr = calls[list(st.SUBTYPES)].to_numpy()
    assert np.all(np.abs(corr) <= 1 + 1e-9)
    assert np.allclose(calls["correlation"], corr.max(axis=1))
    assert (calls["margin"] >= 0).all()
    assert [calls.loc[i, "subtype"] == calls.loc[i, list(st.SUBTYPES)].astype(float).idxmax()
            for i in calls.index[:20]] == [True] * 20


def test_amara_is_luminal_a_after_lab_correction(cohort: dict) -> None:
    assert cohort["truth"]["PM-001"] == "Luminal A"
    assert cohort["calls"].loc["PM-001", "subtype"] == "Luminal A"


def test_a_centroid_itself_is_classified_as_its_subtype() -> None:
    centroids = st.load_centroids()
    frame = centroids.T  # five "tumours", already centred
    calls = st.classify_pam50(frame, centre=None)
    assert list(calls["subtype"]) == list(st.SUBTYPES)
    assert np.allclose(calls["correlation"], 1.0)


def test_classifier_accepts_current_gene_symbols(cohort: dict) -> None:
    renamed = cohort["corrected"].rename(columns={"CDCA1": "NUF2", "KNTC2": "NDC80",
                                                  "ORC6L": "ORC6"})
    calls = st.classify_pam50(renamed)
    assert calls["subtype"].equals(cohort["calls"]["subtype"])


def test_missing_genes_raise_and_list_them(cohort: dict) -> None:
    partial = cohort["corrected"].drop(columns=["ESR1", "KRT5"])
    with pytest.raises(ValueError, match="ESR1, KRT5"):
        st.classify_pam50(partial)


def test_few_missing_genes_warn_when_allowed(cohort: dict) -> None:
    partial = cohort["corrected"].drop(columns=["MIA", "BAG1"])
    with pytest.warns(UserWarning, match="48 of the 50"):
        calls = st.classify_pam50(partial, allow_missing=3)
    assert st.percent_agreement(cohort["truth"], calls["subtype"]) >= 85
    with pytest.raises(ValueError, match="lacks 2"):
        st.classify_pam50(partial, allow_missing=1)


def test_nan_raises_clear_error(cohort: dict) -> None:
    bad = cohort["corrected"].copy()
    bad.iloc[3, 5] = np.nan
    with pytest.raises(ValueError, match="missing or infinite"):
        st.classify_pam50(bad)


def test_non_numeric_raises_clear_error(cohort: dict) -> None:
    bad = cohort["corrected"].copy().astype(object)
    bad["ESR1"] = "high"
    with pytest.raises(ValueError, match="not numeric: ESR1"):
        st.classify_pam50(bad)


def test_check_expression_plain_and_mixed_columns_give_the_same_table(cohort: dict) -> None:
    # Plain numpy columns take the one-conversion path, object columns the column-by-column
    # one: both give the same C-ordered float copy, never a view of the caller's table.
    raw = cohort["raw"].iloc[:40, :30]
    mixed = raw.astype(object)
    mixed["ESR1"] = raw["ESR1"].to_numpy()
    counts = raw.round().astype(int)
    for frame in (raw, raw.astype(np.float32), counts):
        fast = st.check_expression(frame)
        slow = st.check_expression(frame.astype(object))
        assert fast.equals(slow)
        assert fast.to_numpy().flags.c_contiguous and fast.to_numpy().dtype == float
        assert not np.shares_memory(fast.to_numpy(), frame.to_numpy())
    assert st.check_expression(mixed).equals(st.check_expression(raw))
    gap = raw.copy()
    gap.iloc[2, 4] = np.inf
    with pytest.raises(ValueError, match=r"1 missing or infinite value\(s\)"):
        st.check_expression(gap)


@pytest.mark.parametrize("bad", [None, [1, 2, 3], np.zeros((5, 50)), "ESR1"])
def test_non_frame_input_raises(bad: object) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        st.classify_pam50(bad)  # type: ignore[arg-type]


def test_too_few_tumours_to_centre(cohort: dict) -> None:
    with pytest.raises(ValueError, match="centre=None"):
        st.classify_pam50(cohort["raw"].iloc[:3])


@settings(max_examples=40, deadline=None)
@given(value=hs.one_of(hs.just(np.nan), hs.just(np.inf), hs.just(-np.inf),
                       hs.text(min_size=1, max_size=5), hs.none()),
       row=hs.integers(0, 11), col=hs.integers(0, 49))
def test_fuzzed_bad_cells_always_give_value_error(value: object, row: int, col: int) -> None:
    genes = st.pam50_genes()
    rng = np.random.default_rng(row * 100 + col)
    frame = pd.DataFrame(rng.normal(6, 1, (12, 50)), columns=genes).astype(object)
    frame.iloc[row, col] = value
    with pytest.raises(ValueError):
        st.classify_pam50(frame)


@settings(max_examples=25, deadline=None)
@given(seed=hs.integers(0, 10_000), n=hs.integers(10, 40), shift=hs.floats(-5, 5))
def test_fuzzed_valid_input_gives_valid_calls(seed: int, n: int, shift: float) -> None:
    genes = st.pam50_genes()
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(6, 1, (n, 50)) + shift, columns=genes)
    calls = st.classify_pam50(frame)
    assert len(calls) == n
    assert set(calls["subtype"]) <= set(st.SUBTYPES)
    # Adding a constant to a gene for every tumour changes nothing after centring.
    shifted = st.classify_pam50(frame + rng.normal(0, 2, 50))
    assert shifted["subtype"].equals(calls["subtype"])


# --- normalisation ------------------------------------------------------------------------

def test_centre_genes_median_and_scale() -> None:
    frame = pd.DataFrame({"A": [1.0, 2.0, 6.0], "B": [5.0, 5.0, 5.0]})
    assert st.centre_genes(frame)["A"].tolist() == [-1.0, 0.0, 4.0]
    assert st.centre_genes(frame, how="mean")["A"].tolist() == [-2.0, -1.0, 3.0]
    scaled = st.centre_genes(frame, scale=True)
    assert scaled["A"].std(ddof=1) == pytest.approx(1.0)
    assert scaled["B"].tolist() == [0.0, 0.0, 0.0]
    with pytest.raises(ValueError, match="how"):
        st.centre_genes(frame, how="mode")


def test_batch_centring_removes_lab_offset(cohort: dict) -> None:
    raw, labs = cohort["raw"], cohort["clinical"]["lab"]
    before = raw.groupby(labs).median()
    after = cohort["corrected"].groupby(labs).median()
    assert (before.loc["Lab 2"] - before.loc["Lab 1"]).abs().mean() > 0.4
    assert np.allclose(after.to_numpy(), 0.0)


def test_batch_centring_checks_labels(cohort: dict) -> None:
    with pytest.raises(ValueError, match="one batch label per tumour"):
        st.centre_within_batches(cohort["raw"], ["Lab 1"] * 5)
    with pytest.raises(ValueError, match="missing"):
        st.centre_within_batches(cohort["raw"].iloc[:3], ["Lab 1", None, "Lab 2"])


def test_top_variable_genes() -> None:
    frame = pd.DataFrame({"flat": [1.0, 1.0, 1.0], "wide": [0.0, 5.0, 10.0],
                          "mid": [0.0, 1.0, 2.0]})
    assert st.top_variable_genes(frame, 2) == ["wide", "mid"]
    for bad in (0, 4, 1.5, True):
        with pytest.raises(ValueError):
            st.top_variable_genes(frame, bad)  # type: ignore[arg-type]


# --- clustering and agreement -------------------------------------------------------------

def test_lab_dominates_pc1_until_corrected(cohort: dict) -> None:
    lab2 = (cohort["clinical"]["lab"] == "Lab 2").astype(float)
    raw_pc1 = st.pca(st.centre_genes(cohort["raw"])).scores["PC1"]
    fixed_pc1 = st.pca(st.centre_genes(cohort["corrected"])).scores["PC1"]
    assert abs(np.corrcoef(raw_pc1, lab2)[0, 1]) > 0.9
    assert abs(np.corrcoef(fixed_pc1, lab2)[0, 1]) < 0.2


def test_pca_result_is_consistent(cohort: dict) -> None:
    result = st.pca(st.centre_genes(cohort["corrected"]), n_components=5)
    assert result.scores.shape == (600, 5)
    assert np.all(np.diff(result.explained) <= 1e-12)
    assert 0 < result.explained.sum() <= 1
    with pytest.raises(ValueError, match="n_components"):
        st.pca(cohort["corrected"], n_components=0)


def test_clustering_finds_subtypes_only_after_correction(cohort: dict) -> None:
    truth = cohort["truth"]
    fixed = st.centre_genes(cohort["corrected"])
    genes = st.top_variable_genes(fixed, 200)
    km = st.kmeans(fixed[genes], 5)
    hier = st.hierarchical(fixed[genes], 5)
    assert st.adjusted_rand(truth, km) > 0.75
    assert st.adjusted_rand(truth, hier) > 0.6
    raw = st.centre_genes(cohort["raw"])
    raw_km = st.kmeans(raw[st.top_variable_genes(raw, 200)], 5)
    assert st.adjusted_rand(truth, raw_km) < 0.5
    assert sorted(km.unique()) == [1, 2, 3, 4, 5]
    assert km.value_counts().is_monotonic_decreasing


def test_kmeans_is_deterministic(cohort: dict) -> None:
    data = st.centre_genes(cohort["corrected"])[st.pam50_genes()]
    assert st.kmeans(data, 4).equals(st.kmeans(data, 4))


def test_choose_k_prefers_five_on_pam50_genes(cohort: dict) -> None:
    table = st.choose_k(st.centre_genes(cohort["corrected"])[st.pam50_genes()], range(2, 9))
    assert list(table["k"]) == list(range(2, 9))
    assert int(table.loc[table["silhouette"].idxmax(), "k"]) == 5
    assert table["silhouette"].between(-1, 1).all()


@pytest.mark.parametrize("k", [1, 0, 600, 2.5, True])
def test_bad_k_raises(cohort: dict, k: object) -> None:
    with pytest.raises(ValueError, match="number of clusters"):
        st.kmeans(cohort["corrected"].iloc[:, :5], k)  # type: ignore[arg-type]


def test_agreement_scores() -> None:
    truth = ["a", "a", "b", "b", "c", "c"]
    assert st.adjusted_rand(truth, [2, 2, 3, 3, 1, 1]) == pytest.approx(1.0)
    assert st.adjusted_rand(truth, ["x"] * 6) == pytest.approx(0.0)
    table = st.confusion_table(truth, ["a", "b", "b", "b", "c", "c"])
    assert table.loc["a", "b"] == 1 and table.to_numpy().sum() == 6
    assert st.percent_agreement(truth, ["a", "b", "b", "b", "c", "c"]) == pytest.approx(500 / 6)
    assert st.match_clusters(truth, [2, 2, 3, 3, 1, 1]) == {"1": "c", "2": "a", "3": "b"}
    with pytest.raises(ValueError, match="length"):
        st.adjusted_rand(truth, [1, 2])
    with pytest.raises(ValueError, match="missing"):
        st.confusion_table(["a", None], ["a", "b"])


# --- survival ----------------------------------------------------------------------------

def test_survival_follows_published_prognosis_order(cohort: dict) -> None:
    clinical, truth = cohort["clinical"], cohort["truth"]
    table = survival.km_summary(clinical["rfs_months"], clinical["rfs_event"], truth,
                                order=st.SUBTYPES)
    free = table["event_free_percent"]
    assert free["Luminal A"] > max(free["Luminal B"], free["Normal-like"])
    assert min(free["Luminal B"], free["Normal-like"]) > max(free["HER2-enriched"],
                                                             free["Basal-like"])
    assert survival.logrank_p(clinical["rfs_months"], clinical["rfs_event"], truth) < 1e-4


def test_basal_like_relapses_early(cohort: dict) -> None:
    clinical, truth = cohort["clinical"], cohort["truth"]
    events = clinical[clinical["rfs_event"]]
    early = (events["rfs_months"] <= 36).groupby(truth.loc[events.index]).mean()
    assert early["Basal-like"] > early["Luminal A"]


def test_survival_input_checks() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        survival.km_summary([-1.0, 5.0], [True, False], ["a", "a"])
    with pytest.raises(ValueError, match="True/False"):
        survival.km_summary([1.0, 5.0], ["yes", "no"], ["a", "a"])
    with pytest.raises(ValueError, match="same"):
        survival.km_summary([1.0], [True, False], ["a", "a"])
    with pytest.raises(ValueError, match="two groups"):
        survival.logrank_p([1.0, 2.0], [True, True], ["a", "a"])


def test_warnings_not_raised_for_complete_input(cohort: dict) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        st.classify_pam50(cohort["corrected"])
