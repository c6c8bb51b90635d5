"""Plot layer for lesson 05: functions that draw on given axes (no global state, no display).

Colours: Okabe–Ito (colour-blind safe) for subtypes; a blue–red diverging map for centred
expression (blue = lower than a typical tumour, red = higher). In the clustering explorer,
where true subtypes and clusters share one figure, clusters are drawn with marker shapes and
numbers in a neutral dark grey (:data:`CLUSTER_MARKERS`), never with colours, so one colour
never means two things.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from precisionmed._checks import require
from precisionmed.plots import DIVERGING_CMAP, OKABE_ITO, PALETTE
from precisionmed.subtyping.cohort import SUBTYPES
from precisionmed.subtyping.validate import check_expression

#: One colour per subtype (Okabe–Ito).
SUBTYPE_COLOURS: dict[str, str] = {
    "Luminal A": OKABE_ITO["blue"],
    "Luminal B": OKABE_ITO["sky blue"],
    "HER2-enriched": OKABE_ITO["reddish purple"],
    "Basal-like": OKABE_ITO["vermillion"],
    "Normal-like": OKABE_ITO["bluish green"],
}
#: One colour per lab (Okabe–Ito).
LAB_COLOURS: dict[str, str] = {"Lab 1": OKABE_ITO["orange"], "Lab 2": OKABE_ITO["blue"]}
#: Colours for clusters 1…8 (figures that show clusters only).
CLUSTER_COLOURS: list[str] = PALETTE[:7] + ["#999999"]
#: Marker shape and fill for clusters 1…8 in figures that also show subtype colours:
#: (matplotlib marker, filled?). Filled and open shapes alternate to tell neighbours apart.
CLUSTER_MARKERS: list[tuple[str, bool]] = [("o", True), ("s", False), ("^", True),
                                           ("D", False), ("v", True), ("P", False),
                                           ("X", True), ("*", False)]
#: The one colour used for cluster markers and numbers (dark grey, not a subtype colour).
CLUSTER_INK = "#333333"
#: Shades for counts in the explorer's agreement table (white = none … dark grey = most).
TABLE_GREYS = ("#ffffff", "#f0f0f0", "#cccccc", "#969696", "#525252")
#: Colour limit for centred log2 values in heatmaps.
HEAT_LIMIT = 3.0


#: Fixed axes rectangles of this module's static figures (``plots.new_figure(axes_rects=...)``):
#: constrained layout's choice for the lesson's data; tests/course/test_fixed_layouts.py.
LAB_PCA_AXES = ((0.0992, 0.1285, 0.8948, 0.806),)
CORRECTED_PCA_AXES = ((0.0631, 0.1224, 0.4296, 0.8152), (0.5643, 0.1224, 0.4296, 0.8152))
SILHOUETTE_AXES = ((0.1151, 0.1285, 0.879, 0.806),)
CENTROID_AXES = ((0.0594, 0.0694, 0.9364, 0.8681),)
RELAPSE_AXES = ((0.0826, 0.1142, 0.9122, 0.8275),)


def _axes(ax: object) -> Axes:
    return require(ax, Axes, "ax (a matplotlib Axes to draw on)")


def _frame(value: object, what: str, columns: Sequence[str] = ()) -> pd.DataFrame:
    require(value, pd.DataFrame, what)
    if value.empty:
        raise ValueError(f"{what} is empty.")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(f"{what} needs the columns {missing}.")
    return value


def _labels(values: object, n: int, what: str) -> list[str]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise TypeError(f"{what} must be a list of labels, one per tumour.")
    labels = [str(x) for x in values]
    if len(labels) != n:
        raise ValueError(f"{what} has {len(labels)} labels for {n} tumours.")
    return labels


def plot_pca(ax: Axes, scores: pd.DataFrame, labels: Sequence[object],
             explained: Sequence[float], colours: dict[str, str] | None = None,
             title: str = "Tumours on the first two principal components") -> None:
    """Scatter of PC1 against PC2, one colour per label, axes labelled with % variance."""
    _axes(ax)
    _frame(scores, "scores", ["PC1", "PC2"])
    labels = _labels(labels, len(scores), "labels")
    try:
        explained = [float(explained[0]), float(explained[1])]
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        raise ValueError("explained must hold the shares of PC1 and PC2 (numbers).") from exc
    if colours is not None:
        require(colours, dict, "colours")
    names = [s for s in SUBTYPES if s in set(labels)] or sorted(set(labels))
    names += sorted(set(labels) - set(names))
    for i, name in enumerate(names):
        mask = np.array([x == name for x in labels])
        colour = (colours or {}).get(name, PALETTE[i % len(PALETTE)])
        ax.scatter(scores["PC1"].to_numpy()[mask], scores["PC2"].to_numpy()[mask], s=12,
                   color=colour, label=name, alpha=0.8, linewidths=0)
    ax.set_xlabel(f"PC1 ({explained[0] * 100:.0f}% of variation)")
    ax.set_ylabel(f"PC2 ({explained[1] * 100:.0f}% of variation)")
    ax.set_title(title)
    ax.legend(fontsize=9, markerscale=1.5, frameon=False, loc="best")


def strip_colours(labels: Sequence[object], colours: dict[str, str]) -> np.ndarray:
    """RGB row of colours for a label strip above a heatmap."""
    from matplotlib.colors import to_rgb

    require(colours, dict, "colours")
    if isinstance(labels, (str, bytes)) or not hasattr(labels, "__iter__"):
        raise TypeError("labels must be a list of labels.")
    names = [str(x) for x in labels]
    if not names:
        raise ValueError("labels is empty.")
    unknown = sorted(set(names) - {str(k) for k in colours})
    if unknown:
        raise ValueError(f"No colour for the labels {unknown[:5]}.")
    palette = {str(k): v for k, v in colours.items()}
    try:
        return np.array([[to_rgb(palette[x]) for x in names]])
    except ValueError as exc:
        raise ValueError(f"colours holds something that is not a colour: {exc}") from exc


def plot_heatmap(ax: Axes, values: pd.DataFrame, strip_ax: Axes | None = None,
                 strip: Sequence[object] | None = None,
                 strip_palette: dict[str, str] | None = None, show_genes: bool = True) -> object:
    """Heatmap of centred expression: genes as rows, tumours as columns (already ordered).

    ``strip`` (one label per tumour) is drawn as a coloured bar on ``strip_ax``. Returns the
    image so callers can update it in place.
    """
    _axes(ax)
    values = check_expression(values, name="values")
    if strip_ax is not None:
        _axes(strip_ax)
    if strip is not None:
        strip = _labels(strip, values.shape[1], "strip")
    # Colour after resampling ("data" stage): with nearest-neighbour pixels this is the same
    # picture as matplotlib's default here, at half the memory for the screen-sized copies.
    image = ax.imshow(values.to_numpy(), aspect="auto", cmap=DIVERGING_CMAP,
                      vmin=-HEAT_LIMIT, vmax=HEAT_LIMIT, interpolation="nearest",
                      interpolation_stage="data")
    ax.set_xlabel(f"{values.shape[1]} tumours (ordered by clustering)")
    ax.set_xticks([])
    ax.grid(False)
    if show_genes:
        ax.set_yticks(range(values.shape[0]))
        ax.set_yticklabels(list(values.index), fontsize=5)
    else:
        ax.set_yticks([])
        ax.set_ylabel(f"{values.shape[0]} genes")
    if strip_ax is not None and strip is not None:
        strip_ax.imshow(strip_colours(strip, strip_palette or SUBTYPE_COLOURS), aspect="auto",
                        interpolation="nearest")
        strip_ax.set_xticks([])
        strip_ax.set_yticks([])
        strip_ax.grid(False)
    return image


def plot_silhouette(ax: Axes, table: pd.DataFrame) -> None:
    """Average silhouette width against the number of clusters k, best k marked."""
    _axes(ax)
    _frame(table, "table", ["k", "silhouette"])
    try:
        table = table.astype({"k": int, "silhouette": float})
    except (TypeError, ValueError) as exc:
        raise ValueError("table needs whole-number k and numeric silhouette values.") from exc
    if table["silhouette"].isna().all():
        raise ValueError("table has no silhouette values.")
    ax.plot(table["k"], table["silhouette"], marker="o", color=PALETTE[0])
    best = table.loc[table["silhouette"].idxmax()]
    ax.scatter([best["k"]], [best["silhouette"]], s=120, facecolors="none",
               edgecolors=PALETTE[3], linewidths=2, label=f"best k = {int(best['k'])}")
    ax.set_xlabel("Number of clusters k")
    ax.set_ylabel("Average silhouette width")
    ax.legend(frameon=False)


def _confusion_shades(values: np.ndarray) -> np.ndarray:
    return np.digitize(values / max(values.max(), 1), [0.001, 0.2, 0.45, 0.7])


def draw_explorer(fig: object, result: object) -> bool:
    """Draw (first call) or update in place (later calls) the explorer's three panels.

    ``result`` is a :class:`precisionmed.subtyping.explorer.ExplorerResult`. Panels: PCA
    coloured by k-means cluster; PAM50 heatmap in tree order with a true-subtype strip; and the
    confusion table of true subtype against cluster. Sets no alt text (the caller does).

    Only the first call draws the static frame (axes, fixed labels, legend). Everything that
    depends on the controls is an *animated* artist, so later updates redraw just those over a
    cached background (blitting). The PCA map is scaled to fit its box (PCA units are
    arbitrary, so it has no tick numbers). Returns True on the first call, False afterwards.
    """
    from matplotlib.lines import Line2D

    from precisionmed.subtyping.explorer import ExplorerResult

    require(fig, Figure, "fig (a matplotlib Figure)")
    require(result, ExplorerResult, "result")
    n_rows, max_k = len(SUBTYPES), len(CLUSTER_MARKERS)
    state = getattr(fig, "_subtype_explorer", None)
    first = state is None
    if first:
        # Two rows, so the figure stays readable when a narrow window scales it down: the
        # PCA map and the agreement table side by side, the heatmap full width below.
        grid = fig.add_gridspec(3, 2, height_ratios=[10, 0.6, 7], width_ratios=[1.1, 1.0])
        ax_pca = fig.add_subplot(grid[0, 0])
        ax_strip = fig.add_subplot(grid[1, :])
        ax_heat = fig.add_subplot(grid[2, :])
        ax_conf = fig.add_subplot(grid[0, 1])
        # PCA: fixed frame, no tick numbers; points and wording are animated.
        ax_pca.set_xlim(-1.08, 1.08)
        ax_pca.set_ylim(-1.08, 1.08)
        ax_pca.set_xticks([])
        ax_pca.set_yticks([])
        ax_pca.set_xlabel(" ", labelpad=6)
        ax_pca.set_ylabel(" ", labelpad=6)
        ax_pca.set_title(" \n ", fontsize=11)
        lines = [ax_pca.plot([], [], linestyle="", marker=shape, markersize=4.5,
                             markeredgewidth=0.7, color=CLUSTER_INK,
                             markerfacecolor=CLUSTER_INK if filled else "white",
                             alpha=0.8, animated=True)[0]
                 for shape, filled in CLUSTER_MARKERS]
        centres = [ax_pca.text(0, 0, str(c + 1), ha="center", va="center", fontsize=11,
                               fontweight="bold", color=CLUSTER_INK, animated=True,
                               bbox={"boxstyle": "circle,pad=0.25", "facecolor": "white",
                                     "edgecolor": CLUSTER_INK, "linewidth": 1.2})
                   for c in range(max_k)]
        pca_title = ax_pca.text(0.5, 1.01, "", transform=ax_pca.transAxes, ha="center",
                                va="bottom", fontsize=11, animated=True)
        pca_x = ax_pca.text(0.5, -0.02, "", transform=ax_pca.transAxes, ha="center", va="top",
                            fontsize=12, animated=True)
        pca_y = ax_pca.text(-0.02, 0.5, "", transform=ax_pca.transAxes, ha="right",
                            va="center", rotation=90, fontsize=12, animated=True)
        # Heatmap and strip: fixed frame and legend; the images are animated.
        heat = plot_heatmap(ax_heat, pd.DataFrame(result.heatmap), ax_strip,
                            list(result.truth_ordered), SUBTYPE_COLOURS, show_genes=False)
        heat.set_animated(True)
        ax_strip.images[0].set_animated(True)
        ax_heat.set_ylabel("50 PAM50 genes")
        ax_strip.set_title("PAM50 genes; strip = true subtype", fontsize=11)
        handles = [Line2D([], [], marker="s", linestyle="", color=c, label=s)
                   for s, c in SUBTYPE_COLOURS.items()]
        ax_heat.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1),
                       ncols=5, fontsize=9, frameon=False, handletextpad=0.2,
                       columnspacing=1.0, title="Strip colour = true subtype",
                       title_fontsize=9)
        # Confusion table: static frame and row labels; cells, numbers, column labels and
        # title are animated.
        # Grey shades: blue would echo the Luminal A colour of the strip in the same figure.
        cmap = ListedColormap(list(TABLE_GREYS))
        table_image = ax_conf.imshow(np.zeros((n_rows, 1)), cmap=cmap, vmin=0, vmax=4,
                                     aspect="auto", animated=True)
        ax_conf.set_yticks(range(n_rows))
        ax_conf.set_yticklabels(list(SUBTYPES), fontsize=9)
        ax_conf.set_xticks([])
        ax_conf.set_ylim(n_rows - 0.5, -0.5)
        ax_conf.set_xlabel("k-means cluster (number and shape)", labelpad=34)
        ax_conf.set_title(" ", fontsize=11)
        ax_conf.grid(False)
        numbers = [[ax_conf.text(c, r, "", ha="center", va="center", fontsize=9,
                                 animated=True) for c in range(max_k)] for r in range(n_rows)]
        heads = [ax_conf.text(c, n_rows - 0.5 + 0.12, "", ha="center", va="top", fontsize=9,
                              fontweight="bold", color=CLUSTER_INK, animated=True,
                              clip_on=False) for c in range(max_k)]
        marks = [ax_conf.plot([c], [n_rows - 0.5 + 0.5], linestyle="", marker=shape,
                              markersize=6, markeredgewidth=0.8, color=CLUSTER_INK,
                              markerfacecolor=CLUSTER_INK if filled else "white",
                              clip_on=False, animated=True)[0]
                 for c, (shape, filled) in enumerate(CLUSTER_MARKERS)]
        title = ax_conf.text(0.5, 1.01, "", transform=ax_conf.transAxes, ha="center",
                             va="bottom", fontsize=11, animated=True)
        state = {"pca": ax_pca, "strip": ax_strip, "heat": ax_heat, "conf": ax_conf,
                 "lines": lines, "centres": centres, "pca_title": pca_title, "pca_x": pca_x,
                 "pca_y": pca_y,
                 "image": heat, "strip_image": ax_strip.images[0], "table": table_image,
                 "numbers": numbers, "heads": heads, "marks": marks, "title": title}
        fig._subtype_explorer = state  # type: ignore[attr-defined]
    # PCA map, scaled to its fixed box.
    scale = float(np.abs(result.scores).max()) or 1.0
    shown = result.scores / scale
    for label, line in enumerate(state["lines"], start=1):
        mask = result.kmeans_labels == label
        line.set_data(shown[mask, 0], shown[mask, 1])
        line.set_visible(bool(mask.any()))
        centre = state["centres"][label - 1]
        centre.set_visible(bool(mask.any()))
        if mask.any():
            centre.set_position((float(np.median(shown[mask, 0])),
                                 float(np.median(shown[mask, 1]))))
    state["pca_title"].set_text(
        f"PCA, top {result.n_genes} genes, lab correction "
        f"{'on' if result.batch_corrected else 'off'}\n(shape and number = k-means cluster)")
    state["pca_x"].set_text(f"PC1 ({result.explained[0] * 100:.0f}% of variation)")
    state["pca_y"].set_text(f"PC2 ({result.explained[1] * 100:.0f}% of variation)")
    # Heatmap and strip.
    state["image"].set_data(result.heatmap)
    state["strip_image"].set_data(strip_colours(list(result.truth_ordered), SUBTYPE_COLOURS))
    # Confusion table.
    values = result.confusion.to_numpy()
    shades = _confusion_shades(values)
    k = values.shape[1]
    state["table"].set_data(shades)
    state["table"].set_extent((-0.5, k - 0.5, n_rows - 0.5, -0.5))
    state["conf"].set_xlim(-0.5, k - 0.5)
    for r in range(n_rows):
        for c in range(max_k):
            text = state["numbers"][r][c]
            text.set_visible(c < k)
            if c < k:
                text.set_text(str(values[r, c]))
                text.set_color("white" if shades[r, c] >= 4 else "black")
    for c, (head, mark) in enumerate(zip(state["heads"], state["marks"], strict=True)):
        head.set_visible(c < k)
        head.set_text(str(c + 1))
        mark.set_visible(c < k)
    state["title"].set_text(f"Agreement: ARI {result.ari_kmeans:.2f}")
    return first


def plot_clustered_heatmap(fig: object, values: pd.DataFrame, strip: Sequence[object],
                           method: str = "average") -> tuple[list[str], list[object]]:
    """Clustered heatmap on ``fig``: genes (columns of ``values``) as rows, tumours as columns.

    Both tumours and genes are ordered by hierarchical clustering (correlation distance,
    ``method`` linkage), so similar tumours and genes sit side by side. A strip above shows
    ``strip`` (e.g. the true subtype). Returns (gene order, tumour order).
    """
    from matplotlib.lines import Line2D
    from scipy.cluster.hierarchy import leaves_list

    from precisionmed.subtyping.cluster import hierarchical_tree

    require(fig, Figure, "fig (a matplotlib Figure)")
    values = check_expression(values, name="values", min_samples=3, min_genes=3)
    strip = _labels(strip, len(values), "strip")

    tumour_order = leaves_list(hierarchical_tree(values, method=method))
    gene_order = leaves_list(hierarchical_tree(values.T, method=method))
    ordered = values.iloc[tumour_order, gene_order].T
    labels = pd.Series([str(s) for s in strip], index=values.index).iloc[tumour_order]
    grid = fig.add_gridspec(2, 1, height_ratios=[1, 16])
    strip_ax = fig.add_subplot(grid[0])
    ax = fig.add_subplot(grid[1])
    image = plot_heatmap(ax, ordered, strip_ax, list(labels), SUBTYPE_COLOURS)
    strip_ax.set_title("Strip: true (simulated) subtype of each tumour", fontsize=11)
    colourbar = fig.colorbar(image, ax=[ax, strip_ax], shrink=0.6, pad=0.01)
    colourbar.set_label("log2 expression vs typical tumour")
    handles = [Line2D([], [], marker="s", linestyle="", color=c, label=s)
               for s, c in SUBTYPE_COLOURS.items()]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncols=5,
              fontsize=9, frameon=False)
    return [str(g) for g in ordered.index], list(labels.index)


def plot_centroid_bars(ax: Axes, centroids: pd.DataFrame, genes: Sequence[str]) -> None:
    """Published centroid values of a few genes, one bar per subtype (grouped by gene)."""
    _axes(ax)
    _frame(centroids, "centroids")
    if isinstance(genes, (str, bytes)) or not hasattr(genes, "__iter__"):
        raise TypeError("genes must be a list of gene names.")
    genes = [str(g) for g in genes]
    missing = [g for g in genes if g not in centroids.index]
    subtypes = [s for s in SUBTYPES if s in centroids.columns]
    if not genes or missing or not subtypes:
        raise ValueError(f"genes must name rows of centroids (missing {missing[:5]}) and "
                         f"centroids needs subtype columns such as {SUBTYPES[0]!r}.")
    table = check_expression(centroids.loc[genes, subtypes], name="centroids")
    width = 0.8 / table.shape[1]
    x = np.arange(len(table))
    for i, subtype in enumerate(table.columns):
        ax.bar(x + (i - (table.shape[1] - 1) / 2) * width, table[subtype].to_numpy(), width,
               color=SUBTYPE_COLOURS[subtype], label=subtype)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(x)
    ax.set_xticklabels(list(table.index))
    ax.set_ylabel("Centroid value (log2, vs typical tumour)")
    ax.legend(fontsize=9, frameon=False, ncols=3)


# --- Whole figures for lesson 05 (each returns a Figure with its alt text) -------------------
# The lesson shows them with ``plots.show(...)`` in one line, so a learner who does not read
# code never has to read plotting code or a long description string.

def _pca_result(pca: object) -> tuple[pd.DataFrame, Sequence[float]]:
    scores = getattr(pca, "scores", None)
    explained = getattr(pca, "explained", None)
    if not isinstance(scores, pd.DataFrame) or explained is None:
        raise TypeError("pca must be the result of subtyping.pca(...) (with .scores and "
                        ".explained).")
    return scores, explained


def lab_pca_figure(pca: object, labs: Sequence[object]) -> Figure:
    """PCA map of every tumour coloured by lab, before any correction (lesson 05, section 3)."""
    from precisionmed import plots

    scores, explained = _pca_result(pca)
    share = float(explained[0]) * 100
    fig, ax = plots.new_figure(
        alt=f"Scatter plot of {len(scores)} tumours on the first two principal components; "
            f"the first component ({share:.0f}% of the variation) splits them into two "
            "clouds, one per lab.", axes_rects=LAB_PCA_AXES)
    plot_pca(ax, scores, labs, explained, LAB_COLOURS, title="Before correction: coloured by lab")
    return fig


def corrected_pca_figure(pca: object, labs: Sequence[object],
                         subtypes: Sequence[object]) -> Figure:
    """Two PCA maps after lab correction: coloured by lab (left) and by true subtype (right)."""
    from precisionmed import plots

    scores, explained = _pca_result(pca)
    fig, axes = plots.new_figure(
        alt=f"Two scatter plots of the same {len(scores)} tumours after lab correction: on "
            "the left coloured by lab, now fully mixed; on the right coloured by true "
            "subtype, which now forms separate groups.", ncols=2, figsize=(11, 4.2),
        axes_rects=CORRECTED_PCA_AXES)
    plot_pca(axes[0], scores, labs, explained, LAB_COLOURS,
             title="After correction: coloured by lab")
    plot_pca(axes[1], scores, subtypes, explained, SUBTYPE_COLOURS,
             title="After correction: coloured by true subtype")
    return fig


def clustered_heatmap_figure(values: pd.DataFrame, subtypes: Sequence[object]) -> Figure:
    """Clustered heatmap of ``values`` (tumours × genes) with a strip of the true subtypes."""
    from precisionmed import plots

    values = check_expression(values, name="values", min_samples=3, min_genes=3)
    fig = plots.new_figure(
        alt=f"Clustered heatmap of the {values.shape[1]} PAM50 genes in {values.shape[0]} "
            "tumours after lab correction; tumours of the same true subtype mostly sit side "
            "by side, with blocks of high (red) and low (blue) genes for each subtype.",
        figsize=(10, 5.5))[0]
    fig.clear()
    plot_clustered_heatmap(fig, values, subtypes)
    return fig


def silhouette_figure(table: pd.DataFrame) -> Figure:
    """Average silhouette width against k, described from the numbers themselves."""
    from precisionmed import plots

    _frame(table, "table", ["k", "silhouette"])
    best = int(table.loc[table["silhouette"].idxmax(), "k"])
    ks = [int(k) for k in table["k"]]
    after = "and then falls" if best < max(ks) else "at the largest k tried"
    fig, ax = plots.new_figure(
        alt=f"Line chart of average silhouette width against the number of clusters k from "
            f"{min(ks)} to {max(ks)}; it rises to a peak at k = {best} {after}.",
        axes_rects=SILHOUETTE_AXES)
    plot_silhouette(ax, table)
    ax.set_title("Which number of clusters gives the clearest groups?")
    return fig


def centroid_figure(centroids: pd.DataFrame, genes: Sequence[str]) -> Figure:
    """Grouped bars of the published PAM50 centroids for ``genes``; alt text from the values."""
    from precisionmed import plots

    _frame(centroids, "centroids")
    if isinstance(genes, (str, bytes)) or not hasattr(genes, "__iter__"):
        raise TypeError("genes must be a list of gene names.")
    genes = [str(g) for g in genes]
    subtypes = [s for s in SUBTYPES if s in centroids.columns]
    missing = [g for g in genes if g not in centroids.index]
    if not genes or missing or not subtypes:
        raise ValueError(f"genes must name rows of centroids (missing {missing[:5]}).")
    top = centroids.loc[genes, subtypes].astype(float).idxmax(axis=1)
    by_subtype: dict[str, list[str]] = {}
    for gene, subtype in top.items():
        by_subtype.setdefault(str(subtype), []).append(str(gene))
    parts = [f"{' and '.join(g)} highest in {s}" for s, g in by_subtype.items()]
    fig, ax = plots.new_figure(
        alt=f"Grouped bar chart of published PAM50 centroid values for {len(genes)} genes: "
            + ", ".join(parts) + ".", figsize=(10, 4.2),
        axes_rects=CENTROID_AXES)
    plot_centroid_bars(ax, centroids, genes)
    ax.set_title("Published PAM50 centroids (Parker and others, 2009)")
    return fig


def relapse_figure(time: Sequence[float], event: Sequence[bool],
                   subtypes: Sequence[object]) -> Figure:
    """Kaplan–Meier curves of relapse-free survival, one per PAM50 subtype (lesson 05, §7)."""
    from precisionmed import plots, survival

    fig, ax = plots.new_figure(
        alt="Kaplan–Meier curves of relapse-free survival over 12 years for the five PAM50 "
            "subtypes: Luminal A stays highest; Basal-like drops fastest in the first three "
            "years and then flattens; HER2-enriched falls steadily.", figsize=(8, 4.5),
        axes_rects=RELAPSE_AXES)
    survival.plot_km(ax, time, event, subtypes, order=SUBTYPES, colours=SUBTYPE_COLOURS)
    ax.set_title("Relapse-free survival by PAM50 subtype (simulated)")
    return fig


def treatment_summary(intrinsic: pd.DataFrame) -> str:
    """The subtype → share, outlook, usual treatment table as short readable lines.

    One block per subtype (no wide columns that wrap into an unreadable block in a narrow
    window). ``intrinsic`` is ``knowledge/subtype_intrinsic`` indexed by subtype.
    """
    _frame(intrinsic, "intrinsic", ["prevalence_percent", "prognosis", "usual_treatment"])
    lines = []
    for subtype, row in intrinsic.iterrows():
        lines.append(f"{subtype} (about {row['prevalence_percent']:.0f}% of breast cancers)\n"
                     f"    outlook: {row['prognosis']}\n"
                     f"    usual treatment: {row['usual_treatment']}")
    return "\n".join(lines)
