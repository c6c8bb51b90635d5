"""Drug recommendations by phenotype, read from ``knowledge/pgx_recommendations``.

The texts paraphrase CPIC guidelines and are simplified for teaching — not medical advice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from precisionmed.pgx.alleles import normalize_diplotype
from precisionmed.pgx.phenotype import TYPICAL_PHENOTYPES, phenotype
from precisionmed.pgx.tables import _recommendations, check_gene, suggest


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
    return list(dict.fromkeys(rows["gene"]))


def _drug_rows(drug: object) -> pd.DataFrame:
    names = drugs()
    if not isinstance(drug, str) or drug.strip().lower() not in names:
        raise ValueError(f"Unknown drug {drug!r}.{suggest(str(drug).lower(), names)} "
                         f"Drugs in the course's table: {', '.join(names)}.")
    table = _recommendations()
    return table[table["drug"] == drug.strip().lower()]


def _risk_allele(rows: pd.DataFrame) -> str | None:
    for text in rows["phenotype"]:
        if text.endswith(" Positive"):
            return text[: -len(" Positive")]
    return None


def recommend(drug: str, diplotypes: Mapping[str, str]) -> Recommendation:
    """Look up the recommendation for ``drug`` given a person's ``diplotypes``.

    ``diplotypes`` maps gene → diplotype, e.g. ``{"CYP2C19": "*2/*3"}``; every gene the drug
    depends on (see :func:`drug_genes`) must be given; other genes are ignored.

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
    phenotypes: dict[str, str] = {}
    chosen: list[dict] = []
    typical: list[dict] = []
    for gene in genes:
        gene_rows = rows[rows["gene"] == gene]
        if gene == "HLA-B":
            phen = phenotype(gene, given[gene], risk_allele=_risk_allele(gene_rows))
        else:
            phen = phenotype(gene, given[gene])
        phenotypes[gene] = phen
        match = gene_rows[gene_rows["phenotype"] == phen]
        if match.empty:
            chosen.append({"recommendation": f"The table has no {name} recommendation for "
                           f"{gene} {phen}.", "strength": None,
                           "source": str(gene_rows["source"].iloc[0])})
            continue
        row = {k: (None if pd.isna(v) else v) for k, v in match.iloc[0].to_dict().items()}
        if phen in TYPICAL_PHENOTYPES or phen.endswith(" Negative"):
            typical.append(row)
        else:
            chosen.append(row)
    picked = chosen or typical[:1]
    text = " ".join(str(r["recommendation"]) for r in picked)
    strengths = [r["strength"] for r in picked if r.get("strength")]
    strength = "; ".join(dict.fromkeys(strengths)) if strengths else None
    source = "; ".join(dict.fromkeys(str(r["source"]) for r in picked))
    clean = {g: (normalize_diplotype(g, given[g])) for g in genes}
    return Recommendation(name, phenotypes, text, strength, source, clean)
