"""From a diplotype to an activity score and a CPIC phenotype term.

Three kinds of rule, all read from ``knowledge/pgx_phenotype_rules``:

* **activity score** (CYP2D6, CYP2C9, DPYD): each allele has an activity value (1 = normal,
  0.5 or 0.25 = decreased, 0 = none); the score is their sum, a duplicated copy counts again;
  the score's range gives the phenotype;
* **function pair** (CYP2C19, TPMT, NUDT15, SLCO1B1): the two allele functions give it;
* **carrier** (HLA-B): one copy of a risk allele makes a person "Positive" for it. The course
  covers HLA-B*57:01 (abacavir), HLA-B*15:02 (carbamazepine, oxcarbazepine) and HLA-B*58:01
  (allopurinol). HLA-A*31:01 also matters for carbamazepine (CPIC) but is not typed here.

A combination with no rule in the table is reported as "Indeterminate".
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from precisionmed.pgx.alleles import Allele, Diplotype, _split, parse_allele, parse_diplotype
from precisionmed.pgx.tables import ACTIVITY_GENES, _rules, allele_info, check_gene

#: The CPIC phenotype terms for metabolising enzymes (exact spelling).
METABOLIZER_TERMS: tuple[str, ...] = (
    "Ultrarapid Metabolizer", "Rapid Metabolizer", "Normal Metabolizer",
    "Likely Intermediate Metabolizer", "Possible Intermediate Metabolizer",
    "Intermediate Metabolizer", "Likely Poor Metabolizer", "Poor Metabolizer", "Indeterminate",
)
#: The CPIC phenotype terms for the SLCO1B1 transporter.
TRANSPORTER_TERMS: tuple[str, ...] = (
    "Increased Function", "Normal Function", "Decreased Function", "Possible Decreased Function",
    "Poor Function", "Indeterminate",
)
#: Phenotypes that mean "as expected" (used to pick the guidance that matters for a drug).
TYPICAL_PHENOTYPES: frozenset[str] = frozenset({"Normal Metabolizer", "Normal Function"})


def allele_function(gene: str, allele: str) -> str:
    """CPIC function of one allele, e.g. ``allele_function("CYP2C19", "*2") == "No function"``."""
    return _function(parse_allele(gene, allele))


def _function(parsed: Allele) -> str:
    """:func:`allele_function` of an allele already parsed."""
    info = allele_info(parsed.gene)
    base = parsed.parts[0][0]
    if base not in info:  # another HLA-B type
        return "Not a risk allele"
    row = info[base]
    copies = parsed.parts[0][1]
    if copies > 1 and row["activity_value"] is not None:
        # A duplication's function follows its total activity value, as in CPIC's CYP2D6
        # table: *1x2 (2.0) increased, *17x2 (1.0) normal, *10x2 (0.5) decreased, *4x2 none.
        total = float(row["activity_value"]) * copies
        if total == 0:
            return "No function"
        if total < 1:
            return "Decreased function"
        return "Normal function" if total == 1 else "Increased function"
    return str(row["function"])


def _allele_value(allele: Allele) -> float:
    info = allele_info(allele.gene)
    total = 0.0
    for name, copies in allele.parts:
        value = info[name]["activity_value"]
        if value is None:
            raise ValueError(f"{allele.gene} {name} has no activity value in the allele table.")
        total += float(value) * copies
    return total


def activity_score(gene: str, diplotype: str) -> float:
    """Sum of the two alleles' activity values (CYP2D6, CYP2C9, DPYD only).

    Duplications multiply: CYP2D6 ``*1x2`` counts 2 × 1.0. ``*10`` is 0.25 (2020 consensus).

    >>> activity_score("CYP2D6", "*1/*10")
    1.25
    >>> activity_score("CYP2D6", "*4/*1x2")
    2.0
    """
    gene = check_gene(gene)
    if gene not in ACTIVITY_GENES:
        raise ValueError(f"{gene} has no activity score; activity scores exist for "
                         f"{', '.join(ACTIVITY_GENES)}. Use phenotype({gene!r}, ...) instead.")
    return _score(_split(gene, diplotype))


def _score(parsed: Diplotype) -> float:
    """:func:`activity_score` of a diplotype already parsed (of an activity-score gene)."""
    return _allele_value(parsed.first) + _allele_value(parsed.second)


@cache
def _gene_rules(gene: str) -> tuple[dict, ...]:
    table = _rules()
    rows = table[table["gene"] == gene]
    return tuple({k: (None if pd.isna(v) else v) for k, v in r.items()}
                 for r in rows.to_dict("records"))


def risk_alleles(gene: str = "HLA-B") -> list[str]:
    """HLA risk alleles listed in the allele table (e.g. ``["*57:01", "*15:02"]``)."""
    return _risk_alleles(check_gene(gene))


def _risk_alleles(gene: str) -> list[str]:
    return [a for a, row in allele_info(gene).items() if row["function"] == "Risk allele"]


def phenotype(gene: str, diplotype: str, risk_allele: str | None = None) -> str:
    """CPIC phenotype for ``diplotype`` of ``gene``, using CPIC's terms exactly.

    ``phenotype("CYP2C19", "*2/*17") == "Intermediate Metabolizer"``;
    ``phenotype("SLCO1B1", "*1/*5") == "Decreased Function"``.

    For HLA-B the answer is "<allele> Positive" or "<allele> Negative": give ``risk_allele``
    (``"*57:01"`` for abacavir, ``"*15:02"`` for carbamazepine, ``"*58:01"`` for allopurinol)
    to ask about one; without it you get the risk alleles carried (``"*57:01 Positive"``) or,
    if none, every risk allele as Negative (``"*15:02 Negative; *57:01 Negative; *58:01
    Negative"``).

    Raises
    ------
    ValueError
        For an unknown gene or allele, a malformed diplotype, or VKORC1 (which has no CPIC
        phenotype term; the warfarin algorithm uses its genotype directly).
    """
    return _phenotype(parse_diplotype(gene, diplotype), risk_allele)


def _phenotype(parsed: Diplotype, risk_allele: str | None = None) -> str:
    """:func:`phenotype` of a diplotype already parsed."""
    gene, (a, b) = parsed.gene, parsed
    if gene == "VKORC1":
        raise ValueError("VKORC1 has no CPIC phenotype term: the warfarin dosing algorithm uses "
                         "the VKORC1 genotype ('G/G', 'G/A' or 'A/A') directly.")
    rules = _gene_rules(gene)
    kind = rules[0]["rule"] if rules else None
    if gene == "HLA-B":
        risks = _risk_alleles(gene)
        if risk_allele is not None and risk_allele not in risks:
            from precisionmed.pgx.tables import suggest

            raise ValueError(f"{risk_allele!r} is not an HLA-B risk allele in the table."
                             f"{suggest(risk_allele, risks)} Risk alleles: {', '.join(risks)}.")
        carried = {a.name, b.name}
        asked = [risk_allele] if risk_allele else sorted(risks)
        statuses = {r: ("Positive" if r in carried else "Negative") for r in asked}
        positives = [f"{r} Positive" for r, s in statuses.items() if s == "Positive"]
        if risk_allele is None and positives:
            return "; ".join(positives)
        return "; ".join(f"{r} {s}" for r, s in statuses.items())
    if risk_allele is not None:
        raise ValueError("risk_allele is only used for HLA-B.")
    if kind == "activity score":
        score = _score(parsed)
        for rule in rules:
            if float(rule["score_min"]) - 1e-9 <= score <= float(rule["score_max"]) + 1e-9:
                return str(rule["phenotype"])
        return "Indeterminate"
    pair = {_function(a), _function(b)}
    for rule in rules:
        if {rule["function_1"], rule["function_2"]} == pair:
            return str(rule["phenotype"])
    return "Indeterminate"


def phenotype_rule(gene: str, diplotype: str) -> str:
    """One sentence saying which rule gave the phenotype (for the glass-box report)."""
    return _rule_sentence(parse_diplotype(gene, diplotype))


def _rule_sentence(parsed: Diplotype) -> str:
    """:func:`phenotype_rule` of a diplotype already parsed."""
    gene = parsed.gene
    if gene in ACTIVITY_GENES:
        score = _score(parsed)
        for rule in _gene_rules(gene):
            lo, hi = float(rule["score_min"]), float(rule["score_max"])
            if lo - 1e-9 <= score <= hi + 1e-9:
                span = (f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}" if hi < 90
                        else f"above {lo - 0.25:g}")
                return (f"Activity score {score:g} is in the range {span} → "
                        f"{rule['phenotype']} ({rule['source']}).")
        return f"Activity score {score:g} has no rule in the table → Indeterminate."
    if gene == "HLA-B":
        return "Carrying one copy of a risk allele is enough to be 'Positive' (CPIC)."
    fa, fb = _function(parsed.first), _function(parsed.second)
    for rule in _gene_rules(gene):
        if {rule["function_1"], rule["function_2"]} == {fa, fb}:
            return (f"{fa} + {fb.lower()} → {rule['phenotype']} ({rule['source']}).")
    return f"{fa} + {fb.lower()} has no rule in the table → Indeterminate."
