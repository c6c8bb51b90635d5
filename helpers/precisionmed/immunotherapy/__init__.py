"""Lesson 06 science: the biomarkers of cancer immunotherapy, simplified for teaching.

Not for care. Each rule names its source:

- :func:`tmb` — tumour mutational burden, mutations per megabase (Mb) of DNA read; the FDA's
  2020 pembrolizumab approval used TMB-high = at least 10 mut/Mb on FoundationOne CDx
  (Marcus and others, Clin Cancer Res 2021).
- :func:`msi_status` — the NCI/Bethesda convention: a tumour is MSI-H when at least 30% of the
  tested microsatellite markers are unstable (2 of the 5 Bethesda markers), MSI-L when some but
  fewer are, MSS when none are (Boland and others, Cancer Res 1998; Umar and others, JNCI 2004).
- :func:`pdl1_tps` and :func:`pdl1_cps` — the PD-L1 IHC 22C3 pharmDx scores: TPS = PD-L1
  positive tumour cells ÷ viable tumour cells × 100; CPS = PD-L1 positive tumour cells,
  lymphocytes and macrophages ÷ viable tumour cells × 100, reported at most as 100 (Agilent
  22C3 pharmDx interpretation; at least 100 viable tumour cells are needed for a result).
- :func:`mutant_peptides` — the short pieces (peptides) of a changed protein that contain the
  changed letter, the raw material a T cell might see on an MHC (HLA) molecule (class I
  molecules mostly show peptides of 8–10 letters, most often 9; Rammensee and others 1993).
- :func:`toy_binding_score` — a **toy** score, not a predictor. Real peptide–MHC binding
  predictors are trained models (for example NetMHCpan or MHCflurry); this one only rewards
  the two "anchor" positions with a made-up rule so the lesson can show that *more mutations
  give more chances of at least one visible peptide*.

Every function checks its input once and raises a friendly :class:`ValueError` on bad input.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from precisionmed._checks import number

#: TMB-high cut-off of the FDA's June 2020 pembrolizumab approval (mut/Mb, FoundationOne CDx).
TMB_HIGH_CUTOFF = 10.0
#: Share of unstable markers from which a tumour is MSI-H (NCI/Bethesda: 2 of 5 = 40%;
#: ≥30–40% for larger panels, Umar and others 2004).
MSI_H_SHARE = 0.30
#: The five NCI/Bethesda reference markers (Boland and others 1998).
BETHESDA_MARKERS = ("BAT-25", "BAT-26", "D2S123", "D5S346", "D17S250")
#: Fewest viable tumour cells a 22C3 PD-L1 slide needs for a valid score.
MIN_VIABLE_TUMOUR_CELLS = 100
#: The highest CPS a report gives (higher fractions are reported as 100).
CPS_MAX = 100.0
#: The twenty standard amino-acid letters.
AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY"
#: Peptide lengths the lesson allows (MHC class I peptides are mostly 8–10, sometimes 11).
PEPTIDE_LENGTHS = (8, 9, 10, 11)
#: A toy-score value from which the lesson calls a peptide "toy-visible".
TOY_VISIBLE = 0.7
#: Label used wherever the toy score is shown.
TOY_LABEL = "toy binding score (not a real predictor)"

#: Residues the toy score counts as good anchors (a made-up rule, loosely after the anchor idea).
_TOY_ANCHOR_2 = {"L": 1.0, "M": 0.9, "I": 0.8, "V": 0.7, "T": 0.4, "A": 0.3, "Q": 0.3}
_TOY_ANCHOR_END = {"V": 1.0, "L": 1.0, "I": 0.9, "M": 0.6, "A": 0.5, "T": 0.3}
_HYDROPHOBIC = set("AILMFVWY")


def _number(value: object, what: str) -> float:
    """``value`` as a finite float (the course's one number checker)."""
    return number(what, value)


def _count(value: object, what: str) -> int:
    """``value`` as a whole number ≥ 0, or a friendly ValueError."""
    number = _number(value, what)
    if number < 0 or not number.is_integer():
        raise ValueError(f"{what} must be a whole number of 0 or more, got {value!r}.")
    return int(number)


def tmb(mutations: int, panel_mb: float) -> float:
    """Tumour mutational burden: ``mutations`` counted ÷ ``panel_mb`` megabases read.

    >>> tmb(12, 0.8)
    15.0

    Raises ValueError if ``mutations`` is not a whole number ≥ 0 or ``panel_mb`` is not > 0.
    """
    count = _count(mutations, "The number of mutations")
    size = _number(panel_mb, "The panel size (megabases)")
    if size <= 0:
        raise ValueError(f"The panel size must be more than 0 megabases, got {panel_mb!r}.")
    return count / size


def tmb_high(value: float, cutoff: float = TMB_HIGH_CUTOFF) -> bool:
    """True when a TMB ``value`` (mut/Mb) is at or above ``cutoff`` (default 10, FDA 2020)."""
    number = _number(value, "TMB")
    limit = _number(cutoff, "The TMB cut-off")
    if number < 0 or limit <= 0:
        raise ValueError("TMB must be 0 or more and the cut-off more than 0 mut/Mb.")
    return number >= limit


def msi_status(unstable_loci: int, tested_loci: int) -> str:
    """Microsatellite status from marker counts: ``"MSI-H"``, ``"MSI-L"`` or ``"MSS"``.

    MSI-H when at least 30% of tested markers are unstable (2 of the 5 Bethesda markers),
    MSI-L when some but fewer are, MSS when none are.

    >>> msi_status(2, 5), msi_status(1, 5), msi_status(0, 5)
    ('MSI-H', 'MSI-L', 'MSS')
    """
    unstable = _count(unstable_loci, "The number of unstable markers")
    tested = _count(tested_loci, "The number of tested markers")
    if tested <= 0:
        raise ValueError("At least one marker must be tested (tested_loci > 0).")
    if unstable > tested:
        raise ValueError(f"{unstable} unstable markers cannot be more than the {tested} tested.")
    if unstable == 0:
        return "MSS"
    return "MSI-H" if unstable / tested >= MSI_H_SHARE - 1e-12 else "MSI-L"


def _cells(value: object, what: str) -> int:
    return _count(value, what)


def pdl1_tps(positive_tumour_cells: int, viable_tumour_cells: int) -> float:
    """PD-L1 tumour proportion score (%): positive tumour cells ÷ viable tumour cells × 100.

    >>> pdl1_tps(60, 200)
    30.0

    Raises ValueError if positive cells exceed viable cells or there are no viable cells.
    """
    positive = _cells(positive_tumour_cells, "PD-L1 positive tumour cells")
    viable = _cells(viable_tumour_cells, "Viable tumour cells")
    if viable == 0:
        raise ValueError("There must be at least one viable tumour cell to score.")
    if positive > viable:
        raise ValueError(f"{positive} positive tumour cells cannot be more than the {viable} "
                         "viable tumour cells: positive cells are counted among them.")
    return 100.0 * positive / viable


def pdl1_cps(positive_tumour_cells: int, positive_lymphocytes: int,
             positive_macrophages: int, viable_tumour_cells: int) -> float:
    """PD-L1 combined positive score: all PD-L1 positive cells ÷ viable tumour cells × 100.

    Positive tumour cells, lymphocytes and macrophages count in the numerator; only viable
    tumour cells in the denominator. A score above 100 is reported as 100.

    >>> pdl1_cps(30, 15, 5, 200)
    25.0
    >>> pdl1_cps(90, 80, 40, 100)
    100.0
    """
    tumour = _cells(positive_tumour_cells, "PD-L1 positive tumour cells")
    lymph = _cells(positive_lymphocytes, "PD-L1 positive lymphocytes")
    macro = _cells(positive_macrophages, "PD-L1 positive macrophages")
    viable = _cells(viable_tumour_cells, "Viable tumour cells")
    if viable == 0:
        raise ValueError("There must be at least one viable tumour cell to score.")
    if tumour > viable:
        raise ValueError(f"{tumour} positive tumour cells cannot be more than the {viable} "
                         "viable tumour cells.")
    return min(CPS_MAX, 100.0 * (tumour + lymph + macro) / viable)


def _protein(sequence: object) -> str:
    if not isinstance(sequence, str) or not sequence.strip():
        raise ValueError("The protein sequence must be text of amino-acid letters, e.g. "
                         "'MTEYKLVVVGAGGVGKSALT'.")
    clean = "".join(sequence.split()).upper()
    bad = sorted(set(clean) - set(AMINO_ACIDS))
    if bad:
        raise ValueError(f"The protein sequence has letters that are not amino acids: "
                         f"{', '.join(bad)}. Use the 20 letters {AMINO_ACIDS}.")
    return clean


def _residue(value: object) -> str:
    if not isinstance(value, str) or len(value.strip()) != 1 \
            or value.strip().upper() not in AMINO_ACIDS:
        raise ValueError(f"The new amino acid must be one letter of {AMINO_ACIDS}, "
                         f"got {value!r:.20}.")
    return value.strip().upper()


def _length(value: object) -> int:
    number = _count(value, "The peptide length")
    if not 2 <= number <= 30:
        raise ValueError(f"The peptide length must be between 2 and 30 letters, got {value!r}.")
    return number


@dataclass(frozen=True)
class Peptide:
    """One peptide window of a changed protein.

    ``start``/``end`` are 1-based positions in the protein (inclusive); ``offset`` is where the
    changed letter sits inside the peptide (1-based).
    """

    sequence: str
    start: int
    end: int
    offset: int


def peptide_windows(protein_sequence: str, position: int, alt_residue: str,
                    length: int = 9) -> list[Peptide]:
    """Like :func:`mutant_peptides`, with each window's start, end and changed-letter offset."""
    protein = _protein(protein_sequence)
    pos = _count(position, "The position")
    if not 1 <= pos <= len(protein):
        raise ValueError(f"Position {position!r} is outside the protein (1–{len(protein)}).")
    alt = _residue(alt_residue)
    size = _length(length)
    mutant = protein[: pos - 1] + alt + protein[pos:]
    out = []
    for start in range(pos - size + 1, pos + 1):
        end = start + size - 1
        if start < 1 or end > len(protein):
            continue  # the window would run past an end of the protein
        out.append(Peptide(mutant[start - 1: end], start, end, pos - start + 1))
    return out


def mutant_peptides(protein_sequence: str, position: int, alt_residue: str,
                    length: int = 9) -> list[str]:
    """Every peptide of ``length`` letters that contains the changed residue, by start.

    ``position`` is 1-based; windows that would run past either end of the protein are left
    out, so a change near an end has fewer peptides.

    >>> mutant_peptides("MTEYKLVVVGAGGVGKSALT", 12, "C", length=9)[:2]
    ['YKLVVVGAC', 'KLVVVGACG']
    """
    return [p.sequence for p in peptide_windows(protein_sequence, position, alt_residue, length)]


def toy_binding_score(peptide: str) -> float:
    """A **toy** peptide–MHC "binding" score from 0 to 1. Not a real predictor.

    Made-up rule, loosely after the idea that MHC class I molecules grip a peptide by two
    anchor positions: 40% for the letter at position 2, 40% for the last letter, 20% for how
    many middle letters are oily (hydrophobic). Real predictors are trained on measured
    binding data; never use this one for anything but a demonstration.
    """
    seq = _protein(peptide)
    if len(seq) < 3:
        raise ValueError("A peptide for the toy score needs at least 3 letters.")
    middle = seq[2:-1]
    oily = sum(1 for a in middle if a in _HYDROPHOBIC) / len(middle) if middle else 0.0
    return round(0.4 * _TOY_ANCHOR_2.get(seq[1], 0.0) + 0.4 * _TOY_ANCHOR_END.get(seq[-1], 0.0)
                 + 0.2 * oily, 4)


def toy_visible_share(protein_sequence: str, length: int = 9,
                      threshold: float = TOY_VISIBLE) -> float:
    """Share of all single-letter changes in a protein that give ≥ 1 toy-visible peptide.

    Every position is changed to each of the 19 other letters; a change counts when at least
    one of its peptides reaches ``threshold`` on the **toy** score. Only for the lesson's
    "more mutations → more chances" demonstration.
    """
    protein = _protein(protein_sequence)
    size = _length(length)
    limit = _number(threshold, "The toy threshold")
    if len(protein) < size:
        raise ValueError(f"The protein is shorter than the peptide length ({size}).")
    hits = total = 0
    for pos in range(1, len(protein) + 1):
        for alt in AMINO_ACIDS:
            if alt == protein[pos - 1]:
                continue
            total += 1
            peptides = peptide_windows(protein, pos, alt, size)
            if any(toy_binding_score(p.sequence) >= limit for p in peptides):
                hits += 1
    return hits / total


def chance_any_visible(n_mutations: int, share_visible: float) -> float:
    """Chance that at least one of ``n_mutations`` gives a visible peptide: 1 − (1 − s)ⁿ.

    Assumes each mutation has the same chance ``share_visible`` and they are independent
    (a teaching simplification).
    """
    n = _count(n_mutations, "The number of mutations")
    share = _number(share_visible, "The share of visible mutations")
    if not 0 <= share <= 1:
        raise ValueError(f"share_visible must be between 0 and 1, got {share_visible!r}.")
    return 1.0 - (1.0 - share) ** n


# --- TMB measured on a panel: counting noise -------------------------------------------------

def _poisson_pmf(mean: float) -> tuple[np.ndarray, np.ndarray]:
    """Counts 0..K and their Poisson probabilities for ``mean`` (K covers all but ~1e-12)."""
    top = int(math.ceil(mean + 12 * math.sqrt(mean) + 25))
    k = np.arange(top + 1)
    if mean == 0:
        pmf = np.zeros(top + 1)
        pmf[0] = 1.0
        return k, pmf
    logs = np.concatenate([[0.0], np.cumsum(math.log(mean) - np.log(k[1:]))]) - mean
    return k, np.exp(logs)


@dataclass(frozen=True)
class TmbNoise:
    """How a panel's measured TMB spreads around the true value (Poisson counting)."""

    true_tmb: float
    panel_mb: float
    expected_mutations: float
    low: float
    high: float
    wrong_side: float
    cutoff: float
    values: np.ndarray
    probabilities: np.ndarray

    @property
    def true_high(self) -> bool:
        """True when the true TMB is at or above the cut-off."""
        return self.true_tmb >= self.cutoff


def tmb_noise(true_tmb: float, panel_mb: float, cutoff: float = TMB_HIGH_CUTOFF,
              level: float = 0.95) -> TmbNoise:
    """The range of measured TMB a panel gives for a tumour whose true TMB is ``true_tmb``.

    The count of mutations found on a panel of ``panel_mb`` megabases is Poisson with mean
    ``true_tmb × panel_mb`` (a teaching simplification: real tests also lose mutations to low
    purity and filters). Returns the central ``level`` range (``low``–``high``, mut/Mb) and
    ``wrong_side``: the chance that the measured TMB falls on the other side of ``cutoff``.
    """
    true = _number(true_tmb, "The true TMB")
    size = _number(panel_mb, "The panel size (megabases)")
    limit = _number(cutoff, "The TMB cut-off")
    share = _number(level, "The range level")
    if true < 0 or size <= 0 or limit <= 0 or not 0 < share < 1:
        raise ValueError("Need true TMB ≥ 0, panel size > 0 Mb, cut-off > 0 and 0 < level < 1.")
    if true > 1000 or size > 100:
        raise ValueError("Keep true TMB at most 1,000 mut/Mb and the panel at most 100 Mb "
                         "(a whole exome is about 30 Mb).")
    mean = true * size
    k, pmf = _poisson_pmf(mean)
    cdf = np.cumsum(pmf)
    tail = (1 - share) / 2
    low_k = int(np.searchsorted(cdf, tail - 1e-12))
    high_k = int(np.searchsorted(cdf, 1 - tail - 1e-12))
    values = k / size
    measured_high = values >= limit - 1e-9
    wrong = float(pmf[~measured_high].sum() if true >= limit else pmf[measured_high].sum())
    return TmbNoise(true, size, mean, low_k / size, high_k / size, min(max(wrong, 0.0), 1.0),
                    limit, values, pmf)


# --- A TMB cut-off in a trial: who is treated, and who responds ------------------------------

@dataclass(frozen=True)
class CutoffResult:
    """What a TMB cut-off does in a trial population (see :func:`cutoff_metrics`)."""

    cutoff: float
    patients: int
    treated: int
    responders: int
    responders_treated: int
    non_responders_untreated: int

    @property
    def share_treated(self) -> float:
        """Share of all patients at or above the cut-off."""
        return self.treated / self.patients

    @property
    def sensitivity(self) -> float:
        """Share of responders whose TMB is at or above the cut-off (NaN if no responders)."""
        return self.responders_treated / self.responders if self.responders else math.nan

    @property
    def specificity(self) -> float:
        """Share of non-responders below the cut-off (NaN if everyone responds)."""
        non = self.patients - self.responders
        return self.non_responders_untreated / non if non else math.nan

    @property
    def response_rate_treated(self) -> float:
        """Share of treated patients who respond (NaN when nobody is treated)."""
        return self.responders_treated / self.treated if self.treated else math.nan

    @property
    def missed_responders(self) -> int:
        """Responders below the cut-off, who would not be offered the drug."""
        return self.responders - self.responders_treated


def cutoff_metrics(tmb_values: Sequence[float], responded: Sequence[bool],
                   cutoff: float) -> CutoffResult:
    """Treat everyone with TMB ≥ ``cutoff``: counts, sensitivity, specificity, response rate.

    ``tmb_values`` and ``responded`` are per patient (same length, at least one patient).
    """
    try:
        values = np.asarray(tmb_values, dtype=float)
        flags = np.asarray(responded)
    except (TypeError, ValueError) as exc:
        raise ValueError("tmb_values must be numbers and responded True/False values.") from exc
    if values.ndim != 1 or flags.ndim != 1 or len(values) == 0 or len(values) != len(flags):
        raise ValueError("tmb_values and responded must be two lists of the same, non-zero "
                         "length (one entry per patient).")
    if flags.dtype != bool:
        if not np.all(np.isin(flags, [0, 1])):
            raise ValueError("responded must hold True/False values.")
        flags = flags.astype(bool)
    if not np.all(np.isfinite(values)) or np.any(values < 0):
        raise ValueError("Every TMB value must be a finite number of 0 or more.")
    limit = _number(cutoff, "The TMB cut-off")
    treated = values >= limit
    return CutoffResult(limit, len(values), int(treated.sum()), int(flags.sum()),
                        int((treated & flags).sum()), int((~treated & ~flags).sum()))


def response_probability(tmb_value: float, intercept: float, slope: float) -> float:
    """Logistic response probability on log10 TMB: 1 / (1 + exp(−(a + b·log10(TMB + 1)))).

    The simulated basket trial uses it for tumours with working mismatch repair; the lesson's
    simulator calibrates ``intercept`` and ``slope`` to KEYNOTE-158.
    """
    value = _number(tmb_value, "TMB")
    a = _number(intercept, "intercept")
    b = _number(slope, "slope")
    if value < 0:
        raise ValueError("TMB must be 0 or more.")
    z = a + b * math.log10(value + 1.0)
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


# --- the lesson's data: sourced facts and the simulated tumours ---------------------------------

def facts() -> pd.DataFrame:
    """The lesson's sourced numbers (``datasets/immunotherapy/facts``).

    Columns: key, fact, value, unit, source, status.
    """
    from precisionmed import data

    return data.load("immunotherapy/facts")


def fact(key: str) -> float:
    """One sourced number by its key, e.g. ``fact("keynote158_orr_tmb_high")`` → 28.3."""
    from precisionmed import data

    return float(data.fact_row("immunotherapy/facts", key)["value"])


def source(key: str) -> str:
    """The source of fact ``key`` (paper, label or announcement)."""
    from precisionmed import data

    return str(data.fact_row("immunotherapy/facts", key)["source"])


def tumour_biomarkers(patient_id: str) -> dict[str, object]:
    """The three immunotherapy biomarkers of one simulated tumour (``immunotherapy/tumours``).

    Returns a dict with the counted TMB, MSI status and MMR stain, and PD-L1 TPS and CPS
    (``None`` for blood cancers, which are not stained).
    """
    from precisionmed import data

    table = data.load("immunotherapy/tumours")
    ids = list(table["patient_id"])
    if not isinstance(patient_id, str) or patient_id not in ids:
        raise ValueError(f"No simulated tumour {patient_id!r}; use an id such as 'PM-005'.")
    row = table[table["patient_id"] == patient_id].iloc[0]
    stained = not pd.isna(row["viable_tumour_cells"])
    out: dict[str, object] = {
        "patient_id": patient_id, "name": None if pd.isna(row["name"]) else str(row["name"]),
        "cancer_type": str(row["cancer_type"]), "mutations": int(row["mutations_counted"]),
        "panel_mb": float(row["panel_mb"]),
        "tmb": tmb(int(row["mutations_counted"]), float(row["panel_mb"])),
        "msi_unstable": int(row["msi_unstable"]), "msi_tested": int(row["msi_tested"]),
        "msi_status": msi_status(int(row["msi_unstable"]), int(row["msi_tested"])),
        "mmr_ihc": str(row["mmr_ihc"]), "tps": None, "cps": None,
    }
    if stained:
        out["tps"] = pdl1_tps(int(row["pdl1_tumour_cells"]), int(row["viable_tumour_cells"]))
        out["cps"] = pdl1_cps(int(row["pdl1_tumour_cells"]), int(row["pdl1_lymphocytes"]),
                              int(row["pdl1_macrophages"]), int(row["viable_tumour_cells"]))
    return out


def describe_biomarkers(markers: dict[str, object]) -> str:
    """The biomarkers of :func:`tumour_biomarkers` in plain words (several short lines)."""
    if not isinstance(markers, dict) or "tmb" not in markers:
        raise ValueError("Give the dict that tumour_biomarkers(...) returns.")
    who = markers.get("name") or markers.get("patient_id")
    level = ("TMB-high: at or above" if markers["tmb"] >= TMB_HIGH_CUTOFF
             else "below") + " the cut-off"
    lines = [f"{who}'s {markers['cancer_type']} tumour (simulated; teaching, not care):",
             f"  TMB: {markers['mutations']} mutation{'s' * (markers['mutations'] != 1)} on "
             f"{markers['panel_mb']:g} Mb = "
             f"{markers['tmb']:.1f} mut/Mb ({level} of {TMB_HIGH_CUTOFF:g})",
             f"  MSI: {markers['msi_unstable']} of {markers['msi_tested']} markers unstable = "
             f"{markers['msi_status']}; repair-protein stain: {markers['mmr_ihc']}"]
    if markers.get("tps") is None:
        lines.append("  PD-L1: not stained (blood cancer)")
    else:
        lines.append(f"  PD-L1: TPS {markers['tps']:.0f}%, CPS {markers['cps']:.0f}")
    return "\n".join(lines)


def haslam_shares() -> dict[str, tuple[float, float]]:
    """Eligible and responding shares (%) of US patients for checkpoint inhibitors, by year."""
    return {"2018": (fact("haslam_2018_eligible"), fact("haslam_2018_responding")),
            "2023": (fact("haslam_2023_eligible"), fact("haslam_2023_responding"))}


def side_effect_rows() -> list[tuple[str, float]]:
    """Serious side-effect rates for the lesson's bar chart: ``[(label, percent)]``."""
    return [("nivolumab + ipilimumab (CheckMate 067)", fact("checkmate067_grade34_combo")),
            ("ipilimumab alone (CheckMate 067)", fact("checkmate067_grade34_ipi")),
            ("nivolumab alone (CheckMate 067)", fact("checkmate067_grade34_nivo")),
            ("pembrolizumab (KEYNOTE-177)", fact("keynote177_grade3_pembro")),
            ("chemotherapy (KEYNOTE-177)", fact("keynote177_grade3_chemo"))]


__all__ = [
    "AMINO_ACIDS", "BETHESDA_MARKERS", "CPS_MAX", "MIN_VIABLE_TUMOUR_CELLS", "MSI_H_SHARE",
    "PEPTIDE_LENGTHS", "TMB_HIGH_CUTOFF", "TOY_LABEL", "TOY_VISIBLE", "CutoffResult", "Peptide",
    "TmbNoise", "chance_any_visible", "cutoff_metrics", "describe_biomarkers", "fact", "facts",
    "haslam_shares", "msi_status", "mutant_peptides", "pdl1_cps", "pdl1_tps", "peptide_windows",
    "response_probability", "side_effect_rows", "source", "tmb", "tmb_high", "tmb_noise",
    "toy_binding_score", "toy_visible_share", "tumour_biomarkers",
]
