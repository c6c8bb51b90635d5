"""Drug recommendations by phenotype, read from ``knowledge/pgx_recommendations``.

The texts paraphrase CPIC guidelines and are simplified for teaching — not medical advice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from precisionmed.pgx.alleles import Diplotype, _split
from precisionmed.pgx.phenotype import TYPICAL_PHENOTYPES, _phenotype, _score
from precisionmed.pgx.tables import (
    ACTIVITY_GENES,
    _label_advice,
    _recommendations,
    _warfarin_adjustments,
    check_gene,
    suggest,
)


@dataclass(frozen=True)
class Recommendation:
    """What the guideline says for one drug and a person's genes.

    ``phenotypes`` maps each gene to its phenotype; ``text`` is the recommendation (several
    genes' texts joined when more than one matters); ``strength`` is CPIC's rating where the
    table records it (else ``None``); ``source`` names the guideline.
    """

    drug: str
    phenotypes: dict[str, str]
    text: str
    strength: str | None
    source: str
    diplotypes: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        """One line: drug, phenotypes, recommendation and strength."""
        phen = "; ".join(f"{g} {p}" for g, p in self.phenotypes.items())
        strength = f" (CPIC strength: {self.strength})" if self.strength else ""
        return f"{self.drug} — {phen}: {self.text}{strength}"


def drugs() -> list[str]:
    """Drugs with recommendations in the table (sorted)."""
    return sorted(set(_recommendations()["drug"]))


def drug_genes(drug: str) -> list[str]:
    """Genes whose phenotype the recommendations for ``drug`` depend on."""
    rows = _drug_rows(drug)
    genes = list(rows["gene"]) + [g for g in rows["gene2"] if isinstance(g, str) and g]
    return list(dict.fromkeys(genes))


#: How much a phenotype calls for a change, used when several genes are not typical
#: (CPIC's thiopurine tables: a poor metabolizer's advice wins over an intermediate's).
SEVERITY: dict[str, int] = {
    "Poor Metabolizer": 3, "Likely Poor Metabolizer": 3, "Poor Function": 3,
    "Intermediate Metabolizer": 2, "Possible Intermediate Metabolizer": 2,
    "Likely Intermediate Metabolizer": 2, "Decreased Function": 2,
    "Possible Decreased Function": 2,
}


def _drug_rows(drug: object) -> pd.DataFrame:
    names = drugs()
    if not isinstance(drug, str) or drug.strip().lower() not in names:
        raise ValueError(f"Unknown drug {drug!r}.{suggest(str(drug).lower(), names)} "
                         f"Drugs in the course's table: {', '.join(names)}.")
    table = _recommendations()
    return table[table["drug"] == drug.strip().lower()]


def _clean(row: pd.Series) -> dict:
    return {k: (None if pd.isna(v) else v) for k, v in row.to_dict().items()}


def _risk_allele(rows: pd.DataFrame) -> str | None:
    for text in rows["phenotype"]:
        if text.endswith(" Positive"):
            return text[: -len(" Positive")]
    return None


def recommend(drug: str, diplotypes: Mapping[str, str | Diplotype]) -> Recommendation:
    """Look up the recommendation for ``drug`` given a person's ``diplotypes``.

    ``diplotypes`` maps gene → diplotype, e.g. ``{"CYP2C19": "*2/*3"}`` (text, parsed here
    once, or a :class:`~precisionmed.pgx.alleles.Diplotype` already parsed); every gene the
    drug depends on (see :func:`drug_genes`) must be given; other genes are ignored.

    >>> recommend("clopidogrel", {"CYP2C19": "*2/*3"}).phenotypes
    {'CYP2C19': 'Poor Metabolizer'}
    """
    rows = _drug_rows(drug)
    name = str(rows["drug"].iloc[0])
    if not isinstance(diplotypes, Mapping):
        raise ValueError("diplotypes must be a dict of gene → diplotype, e.g. "
                         "{'CYP2C19': '*1/*2'}.")
    given = {check_gene(g): d for g, d in diplotypes.items()}
    genes = drug_genes(name)
    missing = [g for g in genes if g not in given]
    if missing:
        raise ValueError(f"{name} needs the diplotype of {', '.join(missing)} "
                         f"(e.g. {{'{missing[0]}': '*1/*1'}}).")
    parsed = {g: _parsed(g, given[g]) for g in genes}
    phenotypes: dict[str, str] = {}
    scores: dict[str, float] = {}
    for gene in genes:
        gene_rows = rows[rows["gene"] == gene]
        risk = _risk_allele(gene_rows) if gene == "HLA-B" else None
        phenotypes[gene] = _phenotype(parsed[gene], risk_allele=risk)
        if gene in ACTIVITY_GENES:
            scores[gene] = _score(parsed[gene])
    single = rows[rows["gene2"].isna()]
    # 1. A row written for a combination of two genes' phenotypes replaces the single-gene rows.
    combos = rows[rows["gene2"].notna()]
    combo = combos[[phenotypes.get(g) == p and phenotypes.get(g2) == p2 for g, p, g2, p2 in
                    zip(combos["gene"], combos["phenotype"], combos["gene2"], combos["phenotype2"],
                        strict=True)]]
    chosen: list[dict] = []
    typical: list[dict] = []
    if not combo.empty:
        chosen.append(_clean(combo.iloc[0]))
    else:
        for gene in genes:
            phen = phenotypes[gene]
            gene_rows = single[single["gene"] == gene]
            match = gene_rows[gene_rows["phenotype"] == phen]
            if gene in scores and "score_min" in match:
                in_range = [(pd.isna(lo) or lo - 1e-9 <= scores[gene] <= hi + 1e-9)
                            for lo, hi in zip(match["score_min"], match["score_max"], strict=True)]
                match = match[in_range]
            if match.empty:
                chosen.append({"recommendation": f"The table has no {name} recommendation for "
                               f"{gene} {phen}.", "strength": None,
                               "source": str(gene_rows["source"].iloc[0]), "severity": 0})
                continue
            row = _clean(match.iloc[0])
            if phen in TYPICAL_PHENOTYPES or phen.endswith(" Negative"):
                typical.append(row)
            else:
                row["severity"] = SEVERITY.get(phen, 1)
                chosen.append(row)
        if chosen:  # several genes off normal: the most serious advice wins (ties: table order)
            top = max(r.get("severity", 0) for r in chosen)
            chosen = [r for r in chosen if r.get("severity", 0) == top][:1]
    picked = chosen or typical[:1]
    text = " ".join(str(r["recommendation"]) for r in picked)
    strengths = [r["strength"] for r in picked if r.get("strength")]
    strength = "; ".join(dict.fromkeys(strengths)) if strengths else None
    source = "; ".join(dict.fromkeys(str(r["source"]) for r in picked))
    clean = {g: parsed[g].text for g in genes}
    return Recommendation(name, phenotypes, text, strength, source, clean)


def _parsed(gene: str, diplotype: object) -> Diplotype:
    """``diplotype`` of the checked ``gene`` as a parsed value (parsing text once)."""
    if isinstance(diplotype, Diplotype):
        if diplotype.gene != gene:
            raise ValueError(f"The diplotype given for {gene} is a {diplotype.gene} diplotype.")
        return diplotype
    return _split(gene, diplotype)


def label_advice(drug: str) -> dict:
    """What the current US label says about gene testing before ``drug`` (paraphrased).

    Returns a dict with ``drug``, ``gene``, ``label_section``, ``advice``, ``label_date``,
    ``status``, ``source`` and ``note`` from ``knowledge/pgx_label_advice``.

    >>> label_advice("capecitabine")["gene"]
    'DPYD'

    Raises
    ------
    ValueError
        For a drug without label advice in the table (the known drugs are listed).
    """
    table = _label_advice()
    names = sorted(set(table["drug"]))
    if not isinstance(drug, str) or drug.strip().lower() not in names:
        raise ValueError(f"No label testing advice for {drug!r}.{suggest(str(drug), names)} "
                         f"Drugs with label advice: {', '.join(names)}.")
    row = table[table["drug"] == drug.strip().lower()].iloc[0]
    return {k: (None if pd.isna(v) else v) for k, v in row.to_dict().items()}


def warfarin_adjustments() -> pd.DataFrame:
    """CPIC 2017's add-on warfarin dose changes for findings outside the IWPC formula.

    For example, rs12777823 A carriers (African American people): a 10–25% lower dose.
    """
    return _warfarin_adjustments().copy()
