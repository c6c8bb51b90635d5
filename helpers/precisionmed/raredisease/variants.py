"""Filtering a family's exome: quality, population frequency, consequence and inheritance.

A trio table has one row per variant site and the columns ``variant_id``, ``gene``, ``chrom``,
``child_gt``, ``mother_gt``, ``father_gt`` (plus, for the frequency, consequence and quality
filters, ``gnomad_af``, ``consequence`` and ``filter``). Chromosomes are written 1–22, X, Y,
with or without a ``chr`` prefix; genotypes are ``0/0``, ``0/1`` or ``1/1`` (``0|1`` and
``1/0`` are read the same), and on X or Y a male's genotype may be written ``0`` or ``1``
(hemizygous: one copy). Every filter returns a new table; the input is never changed.
Simplified for teaching, not for care.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

#: Columns every trio table needs for :func:`inheritance_filter`.
TRIO_COLUMNS: tuple[str, ...] = ("variant_id", "gene", "chrom", "child_gt", "mother_gt",
                                 "father_gt")

#: Inheritance modes :func:`inheritance_filter` knows (healthy parents assumed).
MODES: tuple[str, ...] = ("de novo", "autosomal recessive", "compound heterozygous",
                          "X-linked recessive")

#: Consequence classes of the course's exomes, most to least severe.
CONSEQUENCES: tuple[str, ...] = ("stop gained", "frameshift", "splice site", "start lost",
                                 "inframe indel", "missense", "splice region", "synonymous")

#: Protein-altering classes: what the consequence filter keeps by default.
PROTEIN_ALTERING: tuple[str, ...] = ("stop gained", "frameshift", "splice site", "start lost",
                                     "inframe indel", "missense")

#: Loss-of-function ("null") classes, for ACMG's PVS1.
LOSS_OF_FUNCTION: tuple[str, ...] = ("stop gained", "frameshift", "splice site", "start lost")

_CHROMS = {str(i) for i in range(1, 23)} | {"X", "Y"}
_GT = {"0/0": 0, "0/1": 1, "1/0": 1, "1/1": 2, "0|0": 0, "0|1": 1, "1|0": 1, "1|1": 2}
_HEMI = {"0": 0, "1": 2}


def _require_frame(trio: object, columns: Iterable[str]) -> pd.DataFrame:
    if not isinstance(trio, pd.DataFrame):
        raise TypeError(f"Expected a trio table (a pandas DataFrame), got "
                        f"{type(trio).__name__}.")
    missing = [c for c in columns if c not in trio.columns]
    if missing:
        raise ValueError(f"The trio table lacks the columns {missing}; it needs "
                         f"{', '.join(columns)}.")
    return trio


def normalise_chrom(chrom: object) -> str:
    """``"chr7"``, ``"7"``, ``7`` → ``"7"``; ``"chrX"`` → ``"X"``. Refuses anything else."""
    if isinstance(chrom, bool):
        raise ValueError(f"{chrom!r} is not a chromosome name.")
    text = str(chrom).strip() if isinstance(chrom, (str, int)) else None
    if text is None:
        raise ValueError(f"{chrom!r:.40} is not a chromosome name; use 1–22, X or Y.")
    if text.lower().startswith("chr"):
        text = text[3:]
    text = text.upper()
    if text not in _CHROMS:
        raise ValueError(f"{chrom!r:.40} is not a chromosome name; use 1–22, X or Y "
                         "(with or without 'chr').")
    return text


def _dosage(values: pd.Series, chroms: pd.Series, male: bool, who: str) -> pd.Series:
    """Alternative-allele dosage 0/1/2 (a hemizygous '1' counts 2: every copy changed).

    Each distinct genotype text is read once (stray spaces such as " 0/1" are tolerated);
    the rows then take their dosage from it, so a 20,000-row exome costs a few lookups.
    """
    import numpy as np

    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    texts = [u.strip() if isinstance(u, str) else u for u in uniques]
    gt = np.array([_GT.get(t, -1) if isinstance(t, str) else -1 for t in texts] + [-1])
    dosage = gt[codes]  # code -1 (a missing value) takes the last entry, -1: unreadable
    if male:
        hemi = np.array([_HEMI.get(t, -1) if isinstance(t, str) else -1 for t in texts] + [-1])
        sex_chrom = chroms.isin(["X", "Y"]).to_numpy(dtype=bool)
        dosage = np.where((dosage < 0) & sex_chrom, hemi[codes], dosage)
    bad = dosage < 0
    if bad.any():
        first = bad.nonzero()[0][0]
        value, chrom = values.iloc[first], chroms.iloc[first]
        where = " (a male's X or Y may also be 0 or 1)" if male else ""
        raise ValueError(f"{who} genotype {value!r:.20} on chromosome {chrom} is not "
                         f"0/0, 0/1 or 1/1{where}.")
    return pd.Series(dosage.astype("int64"), index=values.index)


def _chroms(values: pd.Series) -> pd.Series:
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    import numpy as np

    if (codes < 0).any():  # a missing chromosome: the same message as any bad name
        normalise_chrom(values.iloc[int((codes < 0).nonzero()[0][0])])
    names = np.array([normalise_chrom(u) for u in uniques], dtype=object)
    return pd.Series(names[codes], index=values.index, dtype=object)


def _parse_trio(trio: object, child_sex: str) -> tuple[pd.DataFrame, dict]:
    """The table and its parsed arrays: chrom, gene, and the three dosages (0/1/2)."""
    frame = _require_frame(trio, TRIO_COLUMNS)
    chroms = _chroms(frame["chrom"])
    male = child_sex == "male"
    arrays = {
        "chrom": chroms.to_numpy(dtype=object),
        "gene": frame["gene"].astype(str).to_numpy(dtype=object),
        "child": _dosage(frame["child_gt"], chroms, male, "child").to_numpy(),
        "mother": _dosage(frame["mother_gt"], chroms, False, "mother").to_numpy(),
        "father": _dosage(frame["father_gt"], chroms, True, "father").to_numpy(),
    }
    return frame, arrays


def _mode_mask(d: dict, name: str, sex: str, within: object = None) -> object:
    """Boolean array: which rows fit inheritance ``name`` (among rows ``within``)."""
    import numpy as np

    n = len(d["child"])
    inside = np.ones(n, dtype=bool) if within is None else within
    chrom, child, mother, father = d["chrom"], d["child"], d["mother"], d["father"]
    on_x = chrom == "X"
    auto = ~(on_x | (chrom == "Y"))
    if name == "de novo":
        return inside & (child == 1) & (mother == 0) & (father == 0)
    if name == "autosomal recessive":
        return inside & auto & (child == 2) & (mother == 1) & (father == 1)
    if name == "X-linked recessive":
        return inside & on_x & (child == 2) & (mother == 1) & (father == 0)
    usable = inside & (auto | (on_x & (sex == "female"))) & (child == 1)
    maternal = usable & (mother == 1) & (father == 0)
    paternal = usable & (father == 1) & (mother == 0)
    both = set(d["gene"][maternal]) & set(d["gene"][paternal])
    if not both:
        return np.zeros(n, dtype=bool)
    in_both = np.fromiter((g in both for g in d["gene"]), dtype=bool, count=n)
    return (maternal | paternal) & in_both


def _check_mode(mode: object) -> str:
    if not isinstance(mode, str):
        raise TypeError(f"mode must be text, one of {', '.join(MODES)}; got "
                        f"{type(mode).__name__}.")
    clean = " ".join(mode.strip().lower().replace("-", " ").replace("_", " ").split())
    names = {" ".join(m.lower().replace("-", " ").split()): m for m in MODES}
    if clean not in names:
        raise ValueError(f"Unknown inheritance mode {mode!r:.40}; choose one of "
                         f"{', '.join(MODES)}.")
    return names[clean]


def _check_sex(child_sex: object) -> str:
    if not isinstance(child_sex, str) or child_sex.strip().lower() not in ("female", "male"):
        raise ValueError(f"child_sex must be 'female' or 'male', got {child_sex!r:.40}.")
    return child_sex.strip().lower()


def inheritance_filter(trio: pd.DataFrame, mode: str, child_sex: str) -> pd.DataFrame:
    """Rows of ``trio`` that fit inheritance ``mode``, assuming both parents are healthy.

    - ``"de novo"``: child heterozygous, both parents 0/0 (new in the child).
    - ``"autosomal recessive"``: child 1/1 on an autosome, each parent 0/1.
    - ``"compound heterozygous"``: two or more heterozygous variants in one gene of the child
      (autosomes, or X in a daughter), at least one from each parent — each variant is 0/1 in
      one parent and 0/0 in the other. Two from the same parent sit on the same copy (in
      *cis*); the other copy still works, so they do not count.
    - ``"X-linked recessive"``: a son hemizygous (1 or 1/1) on X, mother 0/1, father 0/0.
      A daughter is refused for this mode (she would need two changed copies).

    Returns a new table with the same columns, in the input's order; ``trio`` is not changed.

    Raises
    ------
    ValueError, TypeError
        For an unknown mode or sex, a missing column, or a genotype or chromosome it cannot
        read.
    """
    name = _check_mode(mode)
    sex = _check_sex(child_sex)
    if name == "X-linked recessive" and sex != "male":
        raise ValueError("X-linked recessive disease in this lesson needs a son (child_sex "
                         "'male'): a daughter has a second X copy from her father.")
    frame, d = _parse_trio(trio, sex)
    return frame.loc[_mode_mask(d, name, sex)].copy()


def _check_af(max_af: object) -> float:
    if isinstance(max_af, bool) or not isinstance(max_af, (int, float)) \
            or not math.isfinite(max_af) or not 0 <= max_af <= 1:
        raise ValueError(f"max_af must be an allele frequency between 0 and 1 (0.01 = 1%), "
                         f"got {max_af!r:.40}.")
    return float(max_af)


def frequency_filter(trio: pd.DataFrame, max_af: float) -> pd.DataFrame:
    """Rows whose population allele frequency ``gnomad_af`` is at most ``max_af``.

    ``max_af`` is a share: 0.01 keeps variants seen in at most 1% of chromosomes. A variant
    absent from the population database has frequency 0 and is always kept.
    """
    frame = _require_frame(trio, ("gnomad_af",))
    cutoff = _check_af(max_af)
    values = pd.to_numeric(frame["gnomad_af"], errors="coerce")
    if values.isna().any():
        raise ValueError("gnomad_af must be a number in every row (0 = absent).")
    return frame.loc[values <= cutoff].copy()


def consequence_filter(trio: pd.DataFrame,
                       keep: Iterable[str] = PROTEIN_ALTERING) -> pd.DataFrame:
    """Rows whose ``consequence`` is one of ``keep`` (default: protein-altering classes)."""
    frame = _require_frame(trio, ("consequence",))
    if isinstance(keep, str) or not isinstance(keep, Iterable):
        raise TypeError(f"keep must be a list of consequence classes, e.g. ['missense'], got "
                        f"{type(keep).__name__}.")
    wanted = list(keep)
    bad = [k for k in wanted if not isinstance(k, str) or k not in CONSEQUENCES]
    if bad:
        raise ValueError(f"Unknown consequence classes {bad!r:.80}; choose from "
                         f"{', '.join(CONSEQUENCES)}.")
    return frame.loc[frame["consequence"].isin(wanted)].copy()


def quality_filter(trio: pd.DataFrame) -> pd.DataFrame:
    """Rows whose ``filter`` column says ``PASS`` (the call passed the lab's quality checks)."""
    frame = _require_frame(trio, ("filter",))
    return frame.loc[(frame["filter"] == "PASS").to_numpy(dtype=bool, na_value=False)].copy()


def child_variants(trio: pd.DataFrame) -> pd.DataFrame:
    """Rows where the child carries at least one changed copy (the child's own exome)."""
    frame = _require_frame(trio, ("child_gt",))
    carried = ~frame["child_gt"].isin(["0/0", "0|0", "0"]).to_numpy()
    return frame.loc[carried].copy()


#: The funnel's steps, in order.
FUNNEL_STEPS: tuple[str, ...] = ("in the child's exome", "after quality checks",
                                 "after the frequency cut-off", "after the consequence filter",
                                 "after the inheritance filter", "after the phenotype match")

#: Lowest phenotype score (mean information content, see :mod:`.phenotype`) that counts as a
#: match in the funnel's last step: more than the vaguest shared features (a teaching choice).
MIN_PHENOTYPE_SCORE = 1.0


@dataclass(frozen=True)
class FunnelResult:
    """Counts at every step of the filter funnel, and the variants left at the end.

    ``candidates`` are the variants that fit the inheritance mode, with each gene's
    ``phenotype_score``; ``finalists`` those whose score reaches ``min_score``.
    """

    steps: tuple[str, ...]
    counts: tuple[int, ...]
    max_af: float
    mode: str
    hpo_terms: tuple[str, ...]
    min_score: float
    candidates: pd.DataFrame
    finalists: pd.DataFrame

    def sentence(self, advice: str = "Try another mode or a looser frequency cut-off.") -> str:
        """The funnel in one sentence, true for whatever counts it holds.

        ``advice`` follows when no variant fits the inheritance mode (a panel without a
        frequency control passes its own, such as "Try another inheritance mode.").
        """
        if not isinstance(advice, str):
            raise TypeError(f"advice must be text, got {type(advice).__name__}.")
        parts = [f"{n:,} {label}" for label, n in zip(self.steps, self.counts, strict=True)]
        end = self.counts[-1]
        if not self.hpo_terms:
            tail = "No features are chosen, so no gene can match them yet."
        elif self.counts[4] == 0:
            tail = ("Nothing is left: no variant fits this inheritance mode with these "
                    "settings." + (f" {advice.strip()}" if advice.strip() else ""))
        elif end == 0:
            fit = self.counts[4]
            tail = (f"Nothing is left: {fit} variant{'s' * (fit != 1)} "
                    f"fit{'s' * (fit == 1)} the inheritance mode, but none is in a gene whose "
                    "disease matches the child's features.")
        elif end == 1:
            gene = self.finalists["gene"].iloc[0]
            tail = f"One variant is left, in {gene}: a candidate to check, not yet a diagnosis."
        else:
            genes = ", ".join(sorted(set(self.finalists["gene"])))
            tail = f"{end} variants are left (in {genes}): candidates to check, not diagnoses."
        return "Filter funnel: " + " → ".join(parts) + ". " + tail


def _gene_scores(genes: Iterable[str], hpo_terms: tuple[str, ...]) -> dict[str, float]:
    from precisionmed.raredisease.phenotype import _cached_gene_score

    return {g: _cached_gene_score(g, hpo_terms) for g in genes}


class TrioFunnel:
    """A trio table prepared once for fast funnel runs (what the lesson's panel moves).

    The first two steps (the child's variants, quality) do not depend on the controls, so
    they are computed here once; :meth:`run` does the rest.
    """

    def __init__(self, trio: pd.DataFrame, child_sex: str,
                 not_stored: tuple[int, int] = (0, 0)) -> None:
        self.sex = _check_sex(child_sex)
        if not (isinstance(not_stored, tuple) and len(not_stored) == 2
                and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                        for n in not_stored)):
            raise ValueError("not_stored must be two whole numbers (all, passing quality).")
        frame = _require_frame(trio, (*TRIO_COLUMNS, "gnomad_af", "consequence", "filter"))
        self.child = child_variants(frame)
        self.passed = quality_filter(self.child)
        values = pd.to_numeric(self.passed["gnomad_af"], errors="coerce")
        if values.isna().any():
            raise ValueError("gnomad_af must be a number in every row (0 = absent).")
        self._af = values.to_numpy(dtype=float)
        codes = {c: i for i, c in enumerate(CONSEQUENCES)}
        self._cons = self.passed["consequence"].map(codes).fillna(-1).to_numpy(dtype=int)
        _, self._arrays = _parse_trio(self.passed, self.sex)
        self.not_stored = not_stored

    def run(self, max_af: float = 0.01, mode: str = "de novo",
            hpo_terms: Iterable[str] = (), consequences: Iterable[str] = PROTEIN_ALTERING,
            min_score: float = MIN_PHENOTYPE_SCORE) -> FunnelResult:
        """Counts at every step for these settings (see :func:`funnel`)."""
        import numpy as np

        from precisionmed.raredisease.phenotype import ontology

        name = _check_mode(mode)
        cutoff = _check_af(max_af)
        if isinstance(min_score, bool) or not isinstance(min_score, (int, float)) \
                or not math.isfinite(min_score):
            raise ValueError(f"min_score must be a number, got {min_score!r:.40}.")
        if isinstance(hpo_terms, str) or not isinstance(hpo_terms, Iterable):
            raise TypeError("hpo_terms must be a list of HPO terms, e.g. ['HP:0002373'].")
        if isinstance(consequences, str) or not isinstance(consequences, Iterable):
            raise TypeError("consequences must be a list of consequence classes.")
        wanted = list(consequences)
        bad = [k for k in wanted if not isinstance(k, str) or k not in CONSEQUENCES]
        if bad:
            raise ValueError(f"Unknown consequence classes {bad!r:.80}; choose from "
                             f"{', '.join(CONSEQUENCES)}.")
        onto = ontology()
        terms = tuple(sorted({onto.check(t) for t in hpo_terms}))
        rare_mask = self._af <= cutoff
        altering_mask = rare_mask & np.isin(self._cons,
                                            [CONSEQUENCES.index(k) for k in wanted])
        if name == "X-linked recessive" and self.sex != "male":
            fit_mask = np.zeros(len(self._af), dtype=bool)
        else:
            fit_mask = _mode_mask(self._arrays, name, self.sex, altering_mask)
        fitting = self.passed.loc[fit_mask]
        scores = _gene_scores(set(fitting["gene"]), terms)
        fitting = fitting.assign(phenotype_score=fitting["gene"].map(scores).astype(float))
        fitting = fitting.sort_values(["phenotype_score", "gene", "variant_id"],
                                      ascending=[False, True, True])
        finalists = (fitting[fitting["phenotype_score"] >= min_score] if terms
                     else fitting.iloc[0:0])
        counts = (len(self.child) + self.not_stored[0], len(self.passed) + self.not_stored[1],
                  int(rare_mask.sum()), int(altering_mask.sum()), len(fitting), len(finalists))
        return FunnelResult(FUNNEL_STEPS, counts, cutoff, name, terms, float(min_score),
                            fitting.reset_index(drop=True), finalists.reset_index(drop=True))


def funnel(trio: pd.DataFrame, child_sex: str, max_af: float = 0.01, mode: str = "de novo",
           hpo_terms: Iterable[str] = (), consequences: Iterable[str] = PROTEIN_ALTERING,
           min_score: float = MIN_PHENOTYPE_SCORE,
           not_stored: tuple[int, int] = (0, 0)) -> FunnelResult:
    """Run the filter funnel on a trio table and count what is left at each step.

    Steps: the child's variants → quality PASS → population frequency ≤ ``max_af`` →
    protein-altering (``consequences``) → fits ``mode`` (:func:`inheritance_filter`) →
    in a gene whose disease matches the child's ``hpo_terms`` (phenotype score ≥
    ``min_score``; with no terms nothing matches). ``not_stored`` adds variants a stored
    extract left out (common ones) to the first two counts: ``(all, passing quality)``.
    An X-linked recessive search in a daughter finds nothing (the mode needs a son).
    """
    prepared = TrioFunnel(trio, child_sex, not_stored)
    return prepared.run(max_af, mode, hpo_terms, consequences, min_score)
