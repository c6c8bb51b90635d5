"""Lesson 05's widget and its cached pure layer, driven by setting control values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from precisionmed import check
from precisionmed import subtyping as st
from precisionmed.plots import new_figure
from precisionmed.subtyping import panels as ws
from precisionmed.subtyping.explorer import (
    GENE_CHOICES,
    SubtypeExplorer,
    course_explorer,
    describe_explorer,
)
from precisionmed.subtyping.plotting import draw_explorer


def test_explorer_follows_its_controls() -> None:
    box = ws.cluster_explorer()
    first = box.result
    png = box.view.png
    assert set(box.controls) == {"k", "n_genes", "batch_corrected"}
    assert (first.k, first.n_genes, first.batch_corrected) == (5, 200, False)
    assert first.lab_pc1 > 0.9  # uncorrected: PC1 is the lab

    box.controls["batch_corrected"].value = True
    fixed = box.result
    assert fixed.batch_corrected and fixed.lab_pc1 < 0.2
    assert fixed.ari_kmeans > first.ari_kmeans + 0.3
    assert box.view.png != png
    assert "lab correction on" in box.summary.value

    png = box.view.png
    box.controls["k"].value = 2
    assert box.result.k == 2
    assert sorted(set(box.result.kmeans_labels)) == [1, 2]
    assert list(box.result.confusion.columns) == ["1", "2"]
    assert box.result.ari_kmeans < fixed.ari_kmeans
    assert box.view.png != png

    png = box.view.png
    box.controls["n_genes"].value = 500
    assert box.result.n_genes == 500 and box.result.pam50_in_top == 50
    assert box.view.png != png
    assert "heatmap" in box.view.caption.value


def test_controls_are_bounded_and_labelled() -> None:
    box = ws.cluster_explorer()
    k = box.controls["k"]
    assert (k.min, k.max) == (2, 8)
    assert tuple(v for _, v in box.controls["n_genes"].options) == GENE_CHOICES
    for control in box.controls.values():
        assert len(control.description) >= 10
    with pytest.raises(ValueError, match="n_genes"):
        ws.cluster_explorer(n_genes=123)


def test_results_are_cached_and_repeatable() -> None:
    explorer = course_explorer()
    a = explorer.result(4, 100, True)
    assert explorer.result(4, 100, True) is a
    fresh = SubtypeExplorer(explorer.raw, explorer.labs, explorer.truth, explorer.pam50)
    b = fresh.result(4, 100, True)
    assert np.array_equal(a.kmeans_labels, b.kmeans_labels)
    assert a.ari_kmeans == pytest.approx(b.ari_kmeans)


def test_released_covariance_is_recomputed_with_the_same_numbers() -> None:
    # warm() drops the gene-gene covariance once every offered gene count has its PCA; a gene
    # count the widget does not offer recomputes it, with the same numbers as the first time.
    from precisionmed.subtyping._threads import single_thread

    explorer = course_explorer()
    assert not explorer._cov
    fresh = SubtypeExplorer(explorer.raw, explorer.labs, explorer.truth, explorer.pam50)
    for batch in (False, True):
        first = fresh._covariance(batch).copy()
        fresh._cov.clear()
        assert np.array_equal(fresh._covariance(batch), first)
        with single_thread():
            a, b = explorer.pcs(batch, 137), fresh.pcs(batch, 137)
        assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_explorer_pca_matches_sklearn_pca() -> None:
    explorer = course_explorer()
    result = explorer.result(5, 100, True)
    corrected = st.centre_genes(st.centre_within_batches(explorer.raw, explorer.labs),
                                how="mean")
    reference = st.pca(corrected[list(result.genes)], n_components=2)
    assert np.allclose(np.abs(result.scores), np.abs(reference.scores.to_numpy()), atol=1e-6)
    assert np.allclose(result.explained, reference.explained, atol=1e-9)


def test_explorer_heatmap_is_pam50_in_tree_order() -> None:
    result = course_explorer().result(5, 200, True)
    assert result.heatmap.shape == (50, 600)
    assert sorted(result.order.tolist()) == list(range(600))
    assert result.truth_ordered[0] == course_explorer().truth[result.order[0]]


@pytest.mark.parametrize(("k", "n", "batch"), [(1, 200, True), (9, 200, True), (5, 5, True),
                                               (5, 501, False), (2.0, 200, True)])
def test_explorer_rejects_out_of_range_settings(k: object, n: object, batch: bool) -> None:
    with pytest.raises(ValueError):
        course_explorer().result(k, n, batch)  # type: ignore[arg-type]


def test_explorer_input_checks() -> None:
    frame = pd.DataFrame(np.random.default_rng(1).normal(size=(12, 20)),
                         columns=[f"G{i}" for i in range(20)])
    with pytest.raises(ValueError, match="one entry per tumour"):
        SubtypeExplorer(frame, ["Lab 1"] * 3, ["Luminal A"] * 12, ["G1"])
    with pytest.raises(ValueError, match="PAM50"):
        SubtypeExplorer(frame, ["Lab 1"] * 12, ["Luminal A"] * 12, ["ESR1"])


def test_plot_layer_updates_in_place() -> None:
    explorer = course_explorer()
    fig, _ = new_figure(alt="placeholder description", figsize=(12, 4))
    fig.clear()
    assert draw_explorer(fig, explorer.result(5, 200, False)) is True  # first draw: everything
    axes = list(fig.axes)
    state = fig._subtype_explorer
    assert "lab correction off" in state["pca_title"].get_text()
    assert draw_explorer(fig, explorer.result(3, 200, True)) is False  # updated in place
    assert fig.axes == axes
    assert "lab correction on" in state["pca_title"].get_text()
    assert state["title"].get_text().startswith("Agreement: ARI")
    assert [h.get_visible() for h in state["heads"]] == [True] * 3 + [False] * 5
    assert state["numbers"][3][0].get_text() == str(
        explorer.result(3, 200, True).confusion.iloc[3, 0])
    assert sum(line.get_visible() for line in state["lines"]) == 3
    shown = np.concatenate([line.get_xydata() for line in state["lines"]])
    assert np.abs(shown).max() == pytest.approx(1.0)  # scaled into the fixed box
    assert np.array_equal(state["image"].get_array(), explorer.result(3, 200, True).heatmap)
    assert "does not separate the labs" in describe_explorer(explorer.result(3, 200, True))
    assert "mostly separates the two labs" in describe_explorer(explorer.result(3, 200, False))
    with pytest.raises(TypeError):
        draw_explorer(fig, "not a result")


def test_k_change_redraws_only_animated_artists() -> None:
    box = ws.cluster_explorer(batch_corrected=True)
    renders = box.view.renders
    png = box.view.png
    box.controls["k"].value = 4
    assert box.view.renders == renders + 1
    assert box.view.png != png
    assert "ARI" in box.view.figure._subtype_explorer["title"].get_text()


def test_benchmark_cases_drive_real_controls() -> None:
    for label, builder, key, values in ws.BENCHMARK_CASES:
        box = builder()
        for value in values[:3]:
            box.controls[key].value = value
        assert box.controls[key].value == values[2], label


def test_exercise_answers_match_the_data() -> None:
    exercises = check.exercises()
    assert check.feedback("subtyping-2", 5).correct
    table = st.choose_k(st.centre_genes(course_explorer().raw.pipe(
    st.centre_within_batches, course_explorer().labs))[st.pam50_genes()])
    assert int(table.loc[table["silhouette"].idxmax(), "k"]) == exercises["subtyping-2"].expected()
    assert check.feedback("subtyping-3", "luminal a").correct
    assert not check.feedback("subtyping-3", "Normal-like").correct
    assert 90 <= exercises["subtyping-4"].expected() <= 100
    assert check.feedback("subtyping-5", ["Luminal B", "Luminal A"]).correct
    assert 40 <= exercises["subtyping-6"].expected() <= 75
    assert check.feedback("subtyping-1", "Labs").correct
    for key in ("subtyping-mc1", "subtyping-mc2", "subtyping-mc3"):
        question = check.questions()[key]
        assert check.choice_feedback(key, question.correct).correct


def test_clusters_never_borrow_a_subtype_colour() -> None:
    """In the explorer figure colour means true subtype only; clusters are shapes + numbers."""
    from matplotlib.colors import to_hex

    from precisionmed.subtyping.plotting import CLUSTER_INK, CLUSTER_MARKERS, SUBTYPE_COLOURS

    box = ws.cluster_explorer(k=8, batch_corrected=True)
    state = box.view.figure._subtype_explorer
    subtype = {to_hex(c) for c in SUBTYPE_COLOURS.values()}
    shapes = set()
    for line in state["lines"]:
        assert to_hex(line.get_color()) not in subtype
        assert to_hex(line.get_markerfacecolor()) not in subtype
        shapes.add((line.get_marker(), to_hex(line.get_markerfacecolor())))
    assert len(shapes) == len(CLUSTER_MARKERS) == 8  # each cluster its own shape/fill
    for text in [*state["heads"], *state["centres"]]:
        assert to_hex(text.get_color()) == to_hex(CLUSTER_INK)
    # Each visible cluster has its number on the map, at the middle of its points.
    visible = [c for c in state["centres"] if c.get_visible()]
    assert sorted(c.get_text() for c in visible) == [str(i) for i in range(1, 9)]
    # The table's shading uses no subtype colour either.
    table = {to_hex(c) for c in state["table"].cmap.colors}
    assert not table & subtype


def test_every_explorer_control_changes_the_picture_and_the_sentence() -> None:
    box = ws.cluster_explorer()
    for key, value in [("k", 3), ("k", 8), ("n_genes", 25), ("n_genes", 500),
                       ("batch_corrected", True), ("batch_corrected", False)]:
        png, text = box.view.png, box.summary.value
        box.controls[key].value = value
        assert box.view.png != png and box.summary.value != text, (key, value)
        r = box.result
        assert f"k = {r.k}, top {r.n_genes} genes" in box.summary.value
        lab = "mostly separates the two labs" if r.lab_pc1 > 0.5 else "does not separate"
        assert lab in box.view.caption.value
        assert f"{r.k} k-means clusters" in box.view.caption.value


def test_explorer_figure_fits_a_narrow_window() -> None:
    """Two rows (map + table, then the heatmap), so scaling to a narrow window keeps it
    legible: the figure is at most 9 inches wide and not wider than about 1.2 × its height."""
    box = ws.cluster_explorer()
    width, height = box.view.figure.get_size_inches()
    assert width <= 9 and width / height <= 1.2
    assert box.controls["batch_corrected"].description == "Correct for the lab"
    assert box.controls["batch_corrected"].tooltip  # hover text is never "null"
