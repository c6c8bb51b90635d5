"""Variant allele fraction (VAF), tumour purity and a simple germline-or-somatic call.

Plain words: a tumour sample is a mix of cancer cells and normal cells. **Purity** is the
share of cancer cells. A **somatic** variant (one the tumour gained) sits on one of the two
copies of a gene in cancer cells only, so in a diploid region about ``purity / 2`` of the reads
carry it. A **germline** variant (inherited, in every cell) on one copy shows in about half
the reads (0.5), or in nearly all of them (1.0) when both copies carry it.

**Simplification (stated in the lesson):** we assume two copies of every gene (diploid,
copy-neutral), one mutated copy, and that the normal cells carry no somatic variant. Real
laboratories also model copy-number changes and loss of heterozygosity, and compare with a
matched normal (blood) sample or population databases; a VAF alone can never prove a variant
is inherited.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from precisionmed._checks import number, whole

ORIGINS = ("likely germline", "likely somatic", "uncertain")


def _number(name: str, value: object) -> float:
    return number(name, value)


def _share(name: str, value: object, allow_zero: bool = True) -> float:
    return number(name, value, 0.0, 1.0, low_open=not allow_zero,
                  hint=" Give it as a share between 0 and 1, e.g. 0.6 for 60%.")


def vaf(alt_reads: int, depth: int) -> float:
    """Return the variant allele fraction: the share of reads that carry the variant.

    ``alt_reads`` is the number of reads with the variant and ``depth`` the number of reads
    covering the position (the ``AD`` and ``DP`` fields of a VCF).

    >>> vaf(30, 100)
    0.3

    Raises
    ------
    ValueError
        If the counts are not whole numbers, are negative, ``depth`` is 0 or
        ``alt_reads > depth``.
    """
    alt_reads = whole("alt_reads", alt_reads, 0, hint=" Count reads: 0, 1, 2, ...")
    depth = whole("depth", depth, 0, hint=" Count reads: 0, 1, 2, ...")
    if depth == 0:
        raise ValueError("depth is 0: no reads cover this position, so there is no VAF.")
    if alt_reads > depth:
        raise ValueError(f"alt_reads ({alt_reads}) cannot exceed depth ({depth}).")
    return int(alt_reads) / int(depth)


def expected_vaf(purity: float, cancer_cell_fraction: float = 1.0, germline: bool = False,
                 homozygous: bool = False) -> float:
    """Return the VAF expected in a diploid, copy-neutral region.

    Somatic: ``purity × cancer_cell_fraction / 2`` (a *clonal* variant, in every cancer cell,
    has ``cancer_cell_fraction = 1``; a *subclonal* one less). Germline: 0.5, or 1.0 when
    ``homozygous``.

    >>> expected_vaf(0.6)
    0.3
    """
    purity = _share("purity", purity)
    fraction = _share("cancer_cell_fraction", cancer_cell_fraction)
    if germline:
        return 1.0 if homozygous else 0.5
    return purity * fraction / 2


def estimate_purity(somatic_vafs: Sequence[float]) -> float:
    """Estimate tumour purity from the VAFs of somatic variants.

    Method (simplified): the variants with the highest VAFs are taken to be *clonal*
    heterozygous variants, whose VAF is ``purity / 2``. We keep the VAFs within 60% of the
    largest (the top cluster), take their median and double it, capped at 1.

    >>> estimate_purity([0.31, 0.29, 0.30, 0.12])
    0.6

    A tumour whose only somatic variants are subclonal gives an underestimate; a germline
    variant wrongly included gives an overestimate (up to 1.0).

    Raises
    ------
    ValueError
        If no VAFs are given or any is not a number between 0 (exclusive) and 1.
    """
    if isinstance(somatic_vafs, (str, bytes)) or not hasattr(somatic_vafs, "__iter__"):
        raise ValueError("estimate_purity needs a list of VAFs (numbers between 0 and 1).")
    values = [_share("each VAF", v, allow_zero=False) for v in somatic_vafs]
    if not values:
        raise ValueError("estimate_purity needs at least one somatic VAF.")
    top = max(values)
    cluster = [v for v in values if v >= 0.6 * top]
    return round(min(1.0, 2 * float(np.median(cluster))), 4)


def origin_call(vaf_value: float, purity: float, depth: int | None = None) -> str:
    """Call a variant 'likely germline', 'likely somatic' or 'uncertain' from VAF and purity.

    Rule (a teaching simplification, see the module text): a germline heterozygous variant
    sits near 0.5 and a homozygous one near 1.0; a somatic heterozygous variant sits at or
    below ``purity / 2``. "Near" means within a tolerance that shrinks with depth (three
    binomial standard deviations at VAF 0.5, at least 0.05). When both explanations fit (high
    purity puts ``purity / 2`` close to 0.5) or neither does, the call is 'uncertain'.

    >>> origin_call(0.49, purity=0.4, depth=500)
    'likely germline'
    >>> origin_call(0.19, purity=0.4, depth=500)
    'likely somatic'
    >>> origin_call(0.48, purity=0.95, depth=500)
    'uncertain'
    """
    value = _share("vaf", vaf_value)
    purity = _share("purity", purity, allow_zero=False)
    if depth is None:
        tolerance = 0.1
    else:
        depth = whole("depth", depth, 1, hint=" Count reads: 1, 2, 3, ...")
        tolerance = max(0.05, 3 * math.sqrt(0.25 / int(depth)))
    if value >= 0.9:
        return "likely germline"
    near_germline = abs(value - 0.5) <= tolerance
    fits_somatic = value <= purity / 2 + tolerance
    if near_germline and fits_somatic:
        return "uncertain"
    if near_germline:
        return "likely germline"
    if fits_somatic:
        return "likely somatic"
    return "uncertain"


def clonality(vaf_value: float, purity: float, tolerance: float = 0.3) -> str:
    """Say whether a somatic variant looks 'clonal' (in every cancer cell) or 'subclonal'.

    The cancer-cell fraction is ``2 × VAF / purity``; at or above ``1 - tolerance`` (the
    tolerance allows for sampling noise in read counts) the variant is called clonal.

    >>> clonality(0.3, 0.6), clonality(0.1, 0.6)
    ('clonal', 'subclonal')
    """
    value = _share("vaf", vaf_value)
    purity = _share("purity", purity, allow_zero=False)
    tolerance = _share("tolerance", tolerance)
    fraction = 2 * value / purity
    return "clonal" if fraction >= 1 - tolerance else "subclonal"


def cancer_cell_fraction(vaf_value: float, purity: float) -> float:
    """Return the share of cancer cells carrying a somatic heterozygous variant.

    That is ``2 × VAF / purity``, capped at 1 (diploid, copy-neutral assumption).
    """
    value = _share("vaf", vaf_value)
    purity = _share("purity", purity, allow_zero=False)
    return min(1.0, 2 * value / purity)
