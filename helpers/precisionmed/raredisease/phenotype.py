"""Matching a patient's features to a gene's disease with the Human Phenotype Ontology.

The **Human Phenotype Ontology (HPO)** names clinical features ("Febrile seizure",
HP:0002373) and links each to broader ones ("Seizure", then "Abnormality of the nervous
system"). The course ships a small subset of the 2025-01-16 release
(``knowledge/rare_hpo_terms``) and the features of one disease per gene
(``knowledge/rare_gene_phenotypes``).

**Information content** IC(t) = −ln(share of annotated diseases that have t or a more
specific term below it): a vague term that most diseases have is worth little, a specific one
a lot. The **phenotype score** of a patient against a disease is a Resnik best-match average:
for each patient term, the IC of the most informative ancestor it shares with any of the
disease's terms, averaged over the patient's terms (the asymmetric form used by Phenomizer,
Köhler et al., *Am J Hum Genet* 2009). Real tools (Exomiser, LIRICAL) combine this with
variant evidence in trained or likelihood models; this is simplified for teaching.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

#: The root term: every phenotypic abnormality lies below it.
ROOT = "HP:0000118"


@dataclass(frozen=True, eq=False)
class Ontology:
    """A subset of HPO: names, parents and the annotation count of each term."""

    names: dict[str, str]
    parents: dict[str, tuple[str, ...]]
    counts: dict[str, int]
    total: int

    def check(self, term: object) -> str:
        """Return ``term`` as an HPO id in the subset (ids or exact names are accepted)."""
        if not isinstance(term, str):
            raise TypeError(f"An HPO term must be text such as 'HP:0002373', got "
                            f"{type(term).__name__}.")
        clean = term.strip()
        if clean.upper().startswith("HP:") and clean.upper() in self.names:
            return clean.upper()
        by_name = {n.lower(): t for t, n in self.names.items()}
        if clean.lower() in by_name:
            return by_name[clean.lower()]
        raise ValueError(f"{term!r:.60} is not an HPO term in the course's subset; give an id "
                         "such as 'HP:0002373' or an exact name such as 'Febrile seizure'.")

    def ancestors(self, term: str) -> frozenset[str]:
        """``term`` and every broader term above it in the subset."""
        return _ancestors(self, self.check(term))

    def ic(self, term: str) -> float:
        """Information content −ln(count(term) / count(all annotated diseases))."""
        return _ic(self, self.check(term))


@lru_cache(maxsize=4096)
def _ic(onto: Ontology, tid: str) -> float:
    """IC of a checked term id, computed once per term (the scores ask for it often)."""
    count = onto.counts[tid]
    if count <= 0:
        raise ValueError(f"{tid} annotates no disease in this release, so it has no IC.")
    return max(0.0, -math.log(count / onto.total))


@lru_cache(maxsize=65536)
def _resnik(onto: Ontology, a: str, b: str) -> float:
    """Resnik similarity of two checked term ids (see :func:`resnik`), computed once a pair."""
    shared = _ancestors(onto, a) & _ancestors(onto, b)
    return max((_ic(onto, t) for t in shared), default=0.0)


@lru_cache(maxsize=4096)
def _ancestors(onto: Ontology, tid: str) -> frozenset[str]:
    seen = {tid}
    stack = [tid]
    while stack:
        for parent in onto.parents.get(stack.pop(), ()):
            if parent in onto.names and parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return frozenset(seen)



@lru_cache(maxsize=1)
def ontology() -> Ontology:
    """Load the course's HPO subset from ``knowledge/rare_hpo_terms`` (cached)."""
    from precisionmed import data

    table = data.load("knowledge/rare_hpo_terms")
    names = dict(zip(table["hpo_id"], table["name"], strict=True))
    parents = {t: tuple(p for p in (str(ps).split(";") if pd.notna(ps) else []) if p)
               for t, ps in zip(table["hpo_id"], table["parents"], strict=True)}
    counts = {t: int(c) for t, c in zip(table["hpo_id"], table["diseases_annotated"],
                                        strict=True)}
    return Ontology(names, parents, counts, counts["HP:0000001"])


@lru_cache(maxsize=1)
def _gene_table() -> pd.DataFrame:
    from precisionmed import data

    return data.load("knowledge/rare_gene_phenotypes")


def gene_terms(gene: str) -> tuple[str, ...]:
    """The HPO terms annotated to the disease the course links to ``gene``."""
    table = _gene_table()
    if not isinstance(gene, str):
        raise TypeError(f"gene must be a gene symbol such as 'SCN1A', got "
                        f"{type(gene).__name__}.")
    rows = table[table["gene"] == gene.strip().upper()]
    if rows.empty:
        raise ValueError(f"{gene!r:.30} has no disease in the course's table; genes: "
                         f"{', '.join(sorted(set(table['gene'])))}.")
    return tuple(rows["hpo_id"])


def disease_genes() -> list[str]:
    """Genes with a disease (and its features) in the course's knowledge table."""
    return sorted(set(_gene_table()["gene"]))


def _terms(terms: Iterable[str], onto: Ontology, what: str) -> list[str]:
    if isinstance(terms, str):
        raise TypeError(f"Give the {what} as a list of HPO terms, e.g. ['HP:0002373'], not "
                        "one string.")
    if not isinstance(terms, Iterable) or isinstance(terms, dict):
        raise TypeError(f"Give the {what} as a list of HPO terms, got {type(terms).__name__}.")
    return [onto.check(t) for t in terms]


def resnik(term_a: str, term_b: str) -> float:
    """Resnik similarity: the IC of the most informative ancestor two terms share."""
    onto = ontology()
    return _resnik(onto, onto.check(term_a), onto.check(term_b))


def phenotype_score(patient_terms: Iterable[str], disease_terms: Iterable[str]) -> float:
    """Resnik best-match average of a patient's terms against a disease's terms.

    For each patient term, take the best :func:`resnik` similarity to any disease term; return
    the mean. An empty patient list scores 0. Higher means a closer, more specific match.
    """
    onto = ontology()
    patient = _terms(patient_terms, onto, "patient's features")
    disease = _terms(disease_terms, onto, "disease's features")
    if not patient or not disease:
        return 0.0
    unique = set(disease)
    best = [max(_resnik(onto, term, other) for other in unique) for term in patient]
    return sum(best) / len(best)


def rank_genes(patient_terms: Iterable[str], genes: Iterable[str] | None = None) -> pd.DataFrame:
    """Rank genes by :func:`phenotype_score` (best first).

    Genes with the same score share a rank, the best place of the tie (1, 2, 2, 4: "standard
    competition ranking"); within a tie the rows are in gene-name order, which means nothing.
    ``genes`` defaults to every gene in the knowledge table; a gene without a known disease
    scores 0. Returns columns ``rank``, ``gene``, ``disease``, ``score``.
    """
    onto = ontology()
    patient = _terms(patient_terms, onto, "patient's features")
    if genes is None:
        wanted = disease_genes()
    else:
        if isinstance(genes, str) or not isinstance(genes, Iterable):
            raise TypeError("genes must be a list of gene symbols, e.g. ['SCN1A'].")
        wanted = sorted({str(g).strip().upper() for g in genes})
    rows = []
    names = _disease_names()
    key = tuple(sorted(set(patient)))
    for gene in wanted:
        disease = names.get(gene, "no known disease in the course's table")
        rows.append({"gene": gene, "disease": disease,
                     "score": _cached_gene_score(gene, key)})
    out = pd.DataFrame(rows, columns=["gene", "disease", "score"])
    out = out.sort_values(["score", "gene"], ascending=[False, True]).reset_index(drop=True)
    # Scores are means of the same few information contents: round before comparing, so that
    # equal sums reached in a different order still tie.
    rounded = out["score"].round(9)
    out.insert(0, "rank", rounded.rank(method="min", ascending=False).astype(int))
    return out


def describe_standing(ranking: pd.DataFrame, gene: str) -> str:
    """Where ``gene`` stands in a :func:`rank_genes` table, ties said out loud.

    E.g. "SCN1A ties for first place with 8 other genes of 14 (score 1.44)" or
    "SCN1A ranks first of 14 (score 2.91; the next best is 1.44)".
    """
    if not isinstance(ranking, pd.DataFrame) or not {"rank", "gene", "score"} <= set(
            ranking.columns) or ranking.empty:
        raise ValueError("ranking must be a non-empty table from raredisease.rank_genes.")
    rows = ranking[ranking["gene"] == gene]
    if rows.empty:
        raise ValueError(f"{gene!r} is not in the ranking; it has {', '.join(ranking['gene'])}.")
    rank, score = int(rows["rank"].iloc[0]), float(rows["score"].iloc[0])
    others = int((ranking["rank"] == rank).sum()) - 1
    total, best = len(ranking), float(ranking["score"].max())
    genes = "gene" if others == 1 else "genes"
    if rank == 1 and others:
        return (f"{gene} ties for first place with {others} other {genes} of {total} "
                f"(score {score:.2f}): these features do not tell them apart")
    if rank == 1:
        below = ranking.loc[ranking["rank"] > 1, "score"]
        nxt = f"; the next best is {float(below.max()):.2f}" if not below.empty else ""
        return f"{gene} ranks first of {total} (score {score:.2f}{nxt})"
    tie = f", tied with {others} other {genes}" if others else ""
    return f"{gene} ranks {rank} of {total}{tie} (score {score:.2f}; the best score is {best:.2f})"


def term_table(terms: Iterable[str]) -> pd.DataFrame:
    """A table of HPO terms with their names and information content, most specific first."""
    onto = ontology()
    ids = _terms(terms, onto, "terms")
    rows = [{"hpo_id": t, "name": onto.names[t], "ic": round(onto.ic(t), 2)} for t in ids]
    return pd.DataFrame(rows, columns=["hpo_id", "name", "ic"]).sort_values(
        "ic", ascending=False).reset_index(drop=True)


@lru_cache(maxsize=1)
def _disease_names() -> dict[str, str]:
    table = _gene_table()
    return dict(zip(table["gene"], table["disease_name"], strict=False))


@lru_cache(maxsize=1)
def _terms_by_gene() -> dict[str, tuple[str, ...]]:
    table = _gene_table()
    return {g: tuple(sub["hpo_id"]) for g, sub in table.groupby("gene", sort=True)}


@lru_cache(maxsize=4096)
def _cached_gene_score(gene: str, hpo_terms: tuple[str, ...]) -> float:
    """Phenotype score of a gene's disease for sorted, checked terms (0 if no disease)."""
    disease = _terms_by_gene().get(gene)
    if not disease or not hpo_terms:
        return 0.0
    return round(phenotype_score(list(hpo_terms), list(disease)), 3)
