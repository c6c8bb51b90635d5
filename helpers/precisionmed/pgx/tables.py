"""Read the pharmacogenomics knowledge tables (the only place facts come from).

The tables live in ``datasets/knowledge/pgx_*.csv`` with their sources on every row. Code here
only *reads* them, so a guideline update is a data change. Lookups raise :class:`ValueError`
with the allowed values and a close-match suggestion.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import cache, lru_cache

import pandas as pd

from precisionmed import data

#: Genes the pharmacogenomics lessons cover.
GENES: tuple[str, ...] = ("CYP2C19", "CYP2D6", "CYP2C9", "VKORC1", "TPMT", "NUDT15", "DPYD",
                          "SLCO1B1", "HLA-B")
#: Genes whose phenotype is the sum of allele activity values.
ACTIVITY_GENES: tuple[str, ...] = ("CYP2D6", "CYP2C9", "DPYD")
#: 1000 Genomes super-populations used by the simulator.
POPULATIONS: tuple[str, ...] = ("AFR", "AMR", "EAS", "EUR", "SAS")
POPULATION_NAMES: dict[str, str] = {
    "AFR": "African", "AMR": "Admixed American", "EAS": "East Asian", "EUR": "European",
    "SAS": "South Asian",
}


def suggest(value: object, allowed: Iterable[str]) -> str:
    """Return ' Did you mean ...?' for the closest allowed values, or an empty string."""
    options = [str(a) for a in allowed]
    text = str(value)
    close = difflib.get_close_matches(text, options, n=3, cutoff=0.5)
    if not close:
        lowered = {o.lower(): o for o in options}
        close = [lowered[c] for c in difflib.get_close_matches(text.lower(), list(lowered), n=3,
                                                                  cutoff=0.5)]
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def check_gene(gene: object) -> str:
    """Return the canonical gene symbol for ``gene`` (case-insensitive) or raise ValueError."""
    if isinstance(gene, str):
        for g in GENES:
            if gene.strip().upper() == g:
                return g
    raise ValueError(f"Unknown gene {gene!r}.{suggest(gene, GENES)} "
                     f"Allowed genes: {', '.join(GENES)}.")


@lru_cache(maxsize=1)
def _alleles() -> pd.DataFrame:
    return data.load("knowledge/pgx_alleles")


@lru_cache(maxsize=1)
def _variants() -> pd.DataFrame:
    return data.load("knowledge/pgx_variants")


@lru_cache(maxsize=1)
def _rules() -> pd.DataFrame:
    return data.load("knowledge/pgx_phenotype_rules")


@lru_cache(maxsize=1)
def _recommendations() -> pd.DataFrame:
    return data.load("knowledge/pgx_recommendations")


@lru_cache(maxsize=1)
def _frequencies() -> pd.DataFrame:
    return data.load("knowledge/pgx_frequencies")


@lru_cache(maxsize=1)
def _label_advice() -> pd.DataFrame:
    return data.load("knowledge/pgx_label_advice")


@lru_cache(maxsize=1)
def _warfarin_adjustments() -> pd.DataFrame:
    return data.load("knowledge/pgx_warfarin_adjustments")


#: HLA alleles the course types, with the drug CPIC ties each to. HLA-A*31:01 (carbamazepine)
#: is named in the recommendation text but not typed: the course covers HLA-B only.
HLA_COVERAGE: dict[str, str] = {"HLA-B*57:01": "abacavir", "HLA-B*15:02": "carbamazepine",
                                "HLA-B*58:01": "allopurinol"}


def load_allele_table() -> pd.DataFrame:
    """The star-allele table: gene, allele, function, activity value, defining variants, source."""
    return _alleles().copy()


def load_variant_table() -> pd.DataFrame:
    """The variant table: gene, rsID, GRCh38 position, reference and alternative base, source."""
    return _variants().copy()


def load_phenotype_table() -> pd.DataFrame:
    """The phenotype rules: allele-function pairs, activity-score ranges, HLA carrier rules."""
    return _rules().copy()


def load_recommendation_table() -> pd.DataFrame:
    """The drug recommendations by phenotype (CPIC, paraphrased), with strength and source."""
    return _recommendations().copy()


def load_frequency_table() -> pd.DataFrame:
    """Allele frequencies by 1000 Genomes super-population, with their basis and source."""
    return _frequencies().copy()


@cache
def allele_info(gene: str) -> dict[str, dict]:
    """Return ``{allele: row-as-dict}`` for ``gene`` from the allele table."""
    gene = check_gene(gene)
    table = _alleles()
    rows = table[table["gene"] == gene]
    out: dict[str, dict] = {}
    for row in rows.to_dict("records"):
        row = {k: (None if pd.isna(v) else v) for k, v in row.items()}
        variants = row["defining_variants"]
        row["variants"] = tuple(variants.split(";")) if variants else ()
        out[str(row["allele"])] = row
    return out


def alleles(gene: str) -> list[str]:
    """Return the allele names listed for ``gene`` (in table order)."""
    return list(allele_info(gene))


def panel(gene: str) -> tuple[str, ...]:
    """The rsIDs of ``gene`` on the simulated genotyping panel (sorted by position)."""
    return _panel(check_gene(gene))


@cache
def _panel(gene: str) -> tuple[str, ...]:
    """:func:`panel` for a gene symbol already checked (cached, like the table it reads)."""
    table = _variants()
    rows = table[table["gene"] == gene].sort_values("pos_grch38")
    return tuple(str(r) for r in rows["rsid"])


def reference_allele(gene: str) -> str:
    """The allele reported when none of the tested variants is found (``*1``, ``Reference``...)."""
    gene = check_gene(gene)
    for name, row in allele_info(gene).items():
        if not row["variants"] and row["structural"] is None and row["function"] in (
                "Normal function", "Not a risk allele"):
            return name
    raise ValueError(f"{gene} has no reference allele in the allele table.")
