"""Lesson 05's whole-figure helpers and readable tables (issue: the story without the code)."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

from precisionmed import data
from precisionmed import subtyping as st
from precisionmed.subtyping import plotting as sp

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def cohort() -> dict[str, object]:
    expression = st.load_expression()
    clinic = st.load_clinical().loc[expression.index]
    answer_key = st.load_answer_key().loc[expression.index]
    corrected = st.centre_within_batches(expression, clinic["lab"])
    return {"expression": expression, "clinic": clinic, "answer_key": answer_key,
            "centred": st.centre_genes(corrected),
            "raw_pca": st.pca(st.centre_genes(expression))}


def _alt(fig: object) -> str:
    return fig._precisionmed_alt  # type: ignore[attr-defined]


def test_lab_pca_figure_names_the_lab_share(cohort: dict) -> None:
    fig = sp.lab_pca_figure(cohort["raw_pca"], cohort["clinic"]["lab"])
    share = cohort["raw_pca"].explained[0] * 100
    assert f"({share:.0f}% of the variation)" in _alt(fig)
    assert "600 tumours" in _alt(fig)
    assert len(fig.axes) == 1 and fig.axes[0].get_title().startswith("Before correction")


def test_corrected_pca_figure_has_two_maps(cohort: dict) -> None:
    fixed = st.pca(cohort["centred"])
    fig = sp.corrected_pca_figure(fixed, cohort["clinic"]["lab"], cohort["answer_key"])
    assert [ax.get_title() for ax in fig.axes] == ["After correction: coloured by lab",
                                                   "After correction: coloured by true subtype"]


def test_heatmap_and_centroid_figures(cohort: dict) -> None:
    pam50 = st.pam50_genes()
    fig = sp.clustered_heatmap_figure(cohort["centred"][pam50], cohort["answer_key"])
    assert "50 PAM50 genes in 600 tumours" in _alt(fig)
    fig = sp.centroid_figure(st.load_centroids(), ["ESR1", "PGR", "ERBB2", "GRB7", "KRT5",
                                                   "FOXC1", "MKI67"])
    # Published centroids (Parker 2009, genefu): where each marker gene is highest.
    assert "ESR1 and PGR highest in Luminal A" in _alt(fig)
    assert "FOXC1 and MKI67 highest in Basal-like" in _alt(fig)
    with pytest.raises(ValueError, match="missing"):
        sp.centroid_figure(st.load_centroids(), ["NOTAGENE"])


def test_silhouette_figure_describes_its_peak() -> None:
    table = pd.DataFrame({"k": [2, 3, 4, 5, 6], "silhouette": [0.2, 0.3, 0.31, 0.33, 0.2]})
    assert "peak at k = 5 and then falls" in _alt(sp.silhouette_figure(table))
    table = pd.DataFrame({"k": [2, 3], "silhouette": [0.2, 0.3]})
    assert "peak at k = 3 at the largest k tried" in _alt(sp.silhouette_figure(table))
    with pytest.raises(ValueError, match="columns"):
        sp.silhouette_figure(pd.DataFrame({"x": [1]}))


def test_relapse_figure_draws_one_curve_per_subtype(cohort: dict) -> None:
    clinic = cohort["clinic"]
    fig = sp.relapse_figure(clinic["rfs_months"], clinic["rfs_event"], cohort["answer_key"])
    assert len(fig.axes[0].get_lines()) == 5
    assert "Kaplan–Meier" in _alt(fig)


def test_pca_figures_refuse_other_input(cohort: dict) -> None:
    with pytest.raises(TypeError, match="subtyping.pca"):
        sp.lab_pca_figure("not a pca", cohort["clinic"]["lab"])


def test_treatment_summary_is_short_lines_with_the_sourced_values() -> None:
    intrinsic = data.load("knowledge/subtype_intrinsic").set_index("subtype")
    text = sp.treatment_summary(intrinsic)
    assert max(len(line) for line in text.splitlines()) < 100  # readable at 800 px
    assert "Luminal A (about 46% of breast cancers)" in text
    assert "usual treatment: endocrine therapy (often alone)" in text
    assert text.count("outlook:") == 5
