"""How often each phenotype occurs in each population, expected and observed.

Expected mixes use Hardy–Weinberg proportions: if an allele has frequency *p*, a person gets
it from each parent independently, so two copies occur with chance *p²* and one copy with
*2pq*. This is arithmetic on published frequencies (status D), not a measurement.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from precisionmed._checks import require
from precisionmed.pgx.phenotype import phenotype
from precisionmed.pgx.tables import POPULATIONS, _frequencies, check_gene

#: Fixed axes rectangles of this module's static figures (``plots.new_figure(axes_rects=...)``):
#: constrained layout's choice for the lesson's data; tests/course/test_fixed_layouts.py.
MIX_AXES = ((0.0956, 0.2676, 0.8789, 0.6735),)


def allele_frequencies(gene: str, population: str, alleles: list[str] | None = None,
                       simulated_only: bool = True) -> dict[str, float]:
    """Allele frequencies of ``gene`` in ``population``, the rest given to the reference allele.

    With ``alleles``, only those alleles are kept (the others count as the reference allele,
    as the fact sheet's derived mix does). CYP2D6 frequencies are rescaled to sum to 1 over
    the alleles the simulator uses (the source lists the common alleles only).
    """
    from precisionmed.pgx.calling import callable_alleles
    from precisionmed.pgx.tables import reference_allele

    gene = check_gene(gene)
    if population not in POPULATIONS:
        raise ValueError(f"population must be one of {', '.join(POPULATIONS)}; got "
                         f"{population!r}.")
    table = _frequencies()
    rows = table[(table["gene"] == gene) & (table["population"] == population)]
    ref = reference_allele(gene)
    freqs: dict[str, float] = {}
    usable = set(callable_alleles(gene)) | {"*5", "*1x2", "*2x2"}
    for allele, value in zip(rows["allele"], rows["frequency"], strict=True):
        if alleles is not None and allele not in alleles:
            continue
        if simulated_only and allele not in usable:
            continue
        freqs[str(allele)] = float(value)
    if gene == "CYP2D6":
        total = sum(freqs.values())
        return {a: v / total for a, v in freqs.items()}
    freqs[ref] = max(0.0, 1.0 - sum(v for a, v in freqs.items() if a != ref))
    return freqs


def expected_mix(gene: str, population: str, alleles: list[str] | None = None) -> dict[str, float]:
    """Hardy–Weinberg phenotype shares (0–1) for ``gene`` in ``population``."""
    freqs = allele_frequencies(gene, population, alleles)
    mix: dict[str, float] = defaultdict(float)
    names = sorted(freqs)
    for a, b in itertools.combinations_with_replacement(names, 2):
        share = freqs[a] * freqs[b] * (1 if a == b else 2)
        if share:
            mix[phenotype(gene, f"{a}/{b}")] += share
    return dict(mix)


def expected_mix_table(gene: str, alleles: list[str] | None = None) -> pd.DataFrame:
    """Expected phenotype shares (%) by population: rows populations, columns phenotypes."""
    rows = {pop: expected_mix(gene, pop, alleles) for pop in POPULATIONS}
    frame = pd.DataFrame(rows).T.fillna(0.0) * 100
    return _ordered(frame.round(1))


def observed_mix_table(phenotypes: pd.Series, populations: pd.Series) -> pd.DataFrame:
    """Observed phenotype shares (%) by population from two aligned columns."""
    frame = pd.crosstab(populations, phenotypes, normalize="index") * 100
    frame.index.name = None
    frame.columns.name = None
    return _ordered(frame.round(1))


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    order = [p for p in MIX_COLORS if p in frame.columns]
    rest = [c for c in frame.columns if c not in order]
    return frame[order + rest]


#: Colours for phenotypes in stacked bars (Okabe–Ito; 'Likely' shades share their parent's hue).
MIX_COLORS: dict[str, str] = {
    "Ultrarapid Metabolizer": "#0072B2", "Rapid Metabolizer": "#56B4E9",
    "Normal Metabolizer": "#009E73", "Likely Intermediate Metabolizer": "#F0E442",
    "Possible Intermediate Metabolizer": "#F5C710",
    "Intermediate Metabolizer": "#E69F00", "Likely Poor Metabolizer": "#CC79A7",
    "Poor Metabolizer": "#D55E00", "Indeterminate": "#999999",
}


def _check_mix(table: object) -> pd.DataFrame:
    require(table, pd.DataFrame, "table (from expected_mix_table or observed_mix_table)")
    if table.empty or not any(p in table.columns for p in MIX_COLORS):
        raise ValueError("table must have phenotype columns such as 'Poor Metabolizer'; make it "
                         "with expected_mix_table() or observed_mix_table().")
    return table


def plot_mix(ax: Axes, table: pd.DataFrame, title: str = "") -> None:
    """Draw a phenotype-mix table (rows populations, columns phenotypes, %) as stacked bars."""
    require(ax, Axes, "ax")
    _check_mix(table)
    title = str(title) if title is not None else ""
    order = [p for p in MIX_COLORS if p in table.columns]
    left = pd.Series(0.0, index=table.index)
    for phen in order:
        ax.barh(list(table.index), table[phen], left=left, color=MIX_COLORS[phen],
                label=phen.replace(" Metabolizer", ""), edgecolor="white", linewidth=0.5)
        left = left + table[phen]
    ax.set_xlim(0, 100)
    ax.set_xlabel("People (%)")
    ax.set_ylabel("Population (1000 Genomes)")
    ax.invert_yaxis()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=4, fontsize=9,
              frameon=False)
    if title:
        ax.set_title(title, fontsize=11)


def describe_mix(table: pd.DataFrame, gene: str) -> str:
    """One-sentence description (alt text) of :func:`plot_mix`."""
    _check_mix(table)
    poor = table.get("Poor Metabolizer", pd.Series(0.0, index=table.index))
    most = poor.idxmax()
    return (f"Stacked bar chart of {gene} phenotype shares in five populations; poor "
            f"metabolizers are most common in {most} ({poor.max():.0f}%) and least common in "
            f"{poor.idxmin()} ({poor.min():.0f}%).")


def cohort_phenotypes(key: pd.DataFrame, gene: str) -> pd.Series:
    """Each simulated person's phenotype for ``gene`` from the answer key's diplotype column.

    ``key`` is ``data.load("pgx/answer_key")``; its column for the gene is the gene's name in
    lower case (e.g. ``cyp2c19``). Returns a Series aligned with ``key``.
    """
    require(key, pd.DataFrame, "key (the pgx/answer_key table)")
    gene = check_gene(gene)
    column = gene.lower()
    if column not in key.columns:
        raise ValueError(f"key lacks the column {column!r}; load it with "
                         "data.load('pgx/answer_key').")
    return pd.Series([phenotype(gene, str(d)) for d in key[column]], index=key.index,
                     name=f"{gene} phenotype")


def short_names(table: pd.DataFrame) -> pd.DataFrame:
    """A phenotype-mix table with short column names ("Poor", not "Poor Metabolizer").

    Shown as a table it stays narrow enough to read in a small window.
    """
    _check_mix(table)
    return table.rename(columns={c: c.replace(" Metabolizer", "") for c in table.columns})


def mix_chart(table: pd.DataFrame, gene: str, title: str) -> Figure:
    """Lesson 01's stacked bars of a phenotype mix, titled and with alt text (``plots.show``)."""
    from precisionmed.plots import new_figure

    fig, ax = new_figure(alt=describe_mix(table, gene), figsize=(7.5, 4.2),
                         axes_rects=MIX_AXES)
    plot_mix(ax, table, title)
    return fig
