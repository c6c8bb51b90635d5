"""Lesson 03's data: simulated tumour sequencing of 540 patients with seven cancer types.

What is real: which drivers each cancer carries and how often (``knowledge/onc_prevalence``,
each number with its source), the GRCh38 coordinates of the hotspots
(``knowledge/onc_hotspots``) and the biology of read counts (a clonal heterozygous somatic
variant is seen in about purity / 2 of the reads; a germline heterozygous one in about half).

What is invented (teaching values, stated in the data dictionary): the cohort sizes and
ancestry mix, purity and depth distributions, TMB distributions, the share of patients who
already took a targeted drug, passenger and germline variants (their positions and bases are
simulated and flagged ``SIMPOS`` in the VCFs) and sequencing artefacts. Their protein changes
are invented too, but each names a residue inside the real protein with its true reference
amino acid (``knowledge/protein_lengths``).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed.data import recurring_patients
from precisionmed.oncology import knowledge
from precisionmed.oncology.panel import CHROMOSOME, PANEL_GENES, PANEL_MEGABASES
from precisionmed.tables import column as _col
from precisionmed.tables import write_schema, write_table
from precisionmed.vcf import write_vcf

ORDER = 30
SEED = 20260030
VERSION = "2026-11-23"

#: Patients per cancer type (teaching choice); 540 in all.
COHORT: dict[str, int] = {"lung": 160, "colorectal": 110, "breast": 100, "melanoma": 60,
                          "AML": 50, "GIST": 30, "CML": 30}
POPULATIONS = ["AFR", "AMR", "EAS", "EUR", "SAS"]
POPULATION_WEIGHTS = [0.15, 0.13, 0.25, 0.35, 0.12]
BLOOD = {"CML", "AML"}

#: Invented median TMB (mutations per megabase) per cancer type, roughly in the published
#: order (melanoma and lung high, leukaemias low); MSI-H tumours get a high TMB.
TMB_MEDIAN = {"lung": 7.0, "melanoma": 13.0, "colorectal": 4.0, "breast": 3.0, "CML": 0.8,
              "GIST": 1.5, "AML": 1.0}
MSI_TMB_MEDIAN = 40.0
#: Invented: share of EGFR-positive lung patients who already progressed on erlotinib, and of
#: BCR-ABL1-positive CML patients who relapsed on imatinib.
PRETREATED_EGFR = 0.25
PRETREATED_CML = 0.25
#: Invented teaching value: share of imatinib-relapsed CML with ABL1 T315I.
T315I_AFTER_IMATINIB = 0.3
MEAN_DEPTH = 400
ARTEFACT_RATE = 0.6
GERMLINE_SITES_PER_COHORT = 12

_RECURRING_IDS = {"PM-001": ("breast", ["PIK3CA H1047R"]), "PM-002": ("lung", ["EGFR L858R"]),
                  "PM-005": ("colorectal", ["KRAS G12C"])}


_PREV_CACHE: dict[tuple[str, str, str], float] = {}


def _prev(biomarker: str, cancer: str, population: str) -> float:
    key = (biomarker, cancer, population)
    if key not in _PREV_CACHE:
        _PREV_CACHE[key] = knowledge.prevalence_of(biomarker, cancer, population)
    return _PREV_CACHE[key]


def driver_probabilities(cancer: str, population: str) -> list[tuple[list[str], float]]:
    """Mutually exclusive driver choices for one patient: ``[(alterations, probability)]``.

    Probabilities come from ``knowledge/onc_prevalence``. Simplifications: EGFR prevalence is
    the Chinese figure for East Asian patients and the European figure for everyone else; each
    gene's mutations are drawn as its commonest hotspot(s).
    """
    if cancer == "lung":
        egfr = _prev("EGFR sensitising mutation", "lung",
                     "China" if population == "EAS" else "Europe")
        del19 = _prev("EGFR exon 19 deletion, share of EGFR mutations", "lung", "all")
        l858r = _prev("EGFR L858R, share of EGFR mutations", "lung", "all")
        return [
            (["EGFR exon 19 deletion"], egfr * del19 / (del19 + l858r)),
            (["EGFR L858R"], egfr * l858r / (del19 + l858r)),
            (["KRAS G12C"], _prev("KRAS G12C", "lung", "United States")),
            (["EML4-ALK fusion"], _prev("ALK fusion", "lung", "United States (advanced NSCLC)")),
            (["CD74-ROS1 fusion"], _prev("ROS1 fusion", "lung", "China")),
            (["BRAF V600E"], _prev("BRAF V600E", "lung", "all")),
        ]
    if cancer == "melanoma":
        return [(["BRAF V600E"], _prev("BRAF mutation", "melanoma", "all (32 studies)")),
                (["NRAS Q61R"], _prev("NRAS mutation", "melanoma", "all (32 studies)"))]
    if cancer == "colorectal":
        kras = _prev("KRAS mutation", "colorectal", "global (68 studies)")
        g12c = _prev("KRAS G12C", "colorectal", "global (68 studies)")
        other = (kras - g12c) / 3
        return [(["KRAS G12C"], g12c), (["KRAS G12D"], other), (["KRAS G12V"], other),
                (["KRAS G13D"], other), (["NRAS Q61R"], _prev("NRAS mutation", "colorectal",
                                                             "China")),
                (["BRAF V600E"], _prev("BRAF V600E", "colorectal", "metastatic"))]
    if cancer == "breast":
        her2 = _prev("ERBB2 (HER2) amplification/overexpression", "breast", "all")
        pik3ca = _prev("PIK3CA mutation", "breast", "HR-positive/HER2-negative")
        return [(["ERBB2 amplification"], her2), (["PIK3CA H1047R"], (1 - her2) * pik3ca)]
    if cancer == "CML":
        return [(["BCR-ABL1 fusion"], _prev("BCR-ABL1 fusion", "CML", "all"))]
    if cancer == "GIST":
        kit = _prev("KIT mutation", "GIST", "all")
        ex11 = _prev("KIT exon 11 mutation", "GIST", "all")
        ex9 = _prev("KIT exon 9 mutation", "GIST", "all")
        return [(["KIT exon 11 deletion"], kit * ex11 / (ex11 + ex9)),
                (["KIT exon 9 duplication"], kit * ex9 / (ex11 + ex9)),
                (["PDGFRA D842V"], _prev("PDGFRA mutation", "GIST", "all"))]
    if cancer == "AML":  # FLT3 and IDH1 drawn independently (see _drivers)
        return []
    raise ValueError(f"No driver model for {cancer!r}.")


def _hotspot_lookup() -> dict[tuple[str, str], dict]:
    hot = knowledge.hotspots()
    return {(r["gene"], r["alteration"]): r for r in hot.to_dict("records")}


def _variant_type(alteration: str, hot: dict | None) -> str:
    if "fusion" in alteration:
        return "fusion"
    if "amplification" in alteration:
        return "amplification"
    if alteration.endswith("ITD"):
        return "ITD"
    if hot is not None:
        return str(hot["variant_class"])
    return "SNV"


_AA = "ACDEFGHIKLMNPQRSTVWY"
#: Genes that carry the simulated passenger, germline and artefact changes: the panel genes
#: whose canonical sequence start is checked in ``knowledge/protein_lengths`` (so every simulated
#: change names a position inside the protein and its true reference residue). KRAS, NRAS and
#: HRAS are left out although their sequences are checked: the course's rules read any RAS
#: change as a RAS mutation, which would turn an invented passenger into a drug warning.
PASSENGER_GENES: tuple[str, ...] = ("EGFR", "PIK3CA", "TP53")
_BASES = "ACGT"


class _Sim:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        #: A second generator names the simulated changes (gene and protein change), so the
        #: first one draws patients, purity, depths and read counts exactly as before.
        self.names = np.random.default_rng(seed + 2)
        self.hot = _hotspot_lookup()
        self.known_names = {(g, a) for g, a in self.hot}
        self.used_sites: set[tuple[str, int]] = set()
        table = knowledge.reference_residues()
        self.residues = {g: table[g][1] for g in PASSENGER_GENES}
        hot_positions = {(g, int(m)) for g, a in self.known_names
                         for m in re.findall(r"\d+", a.split(" ")[0])[:1]}
        #: Residue positions a simulated change may use: checked residues of the canonical
        #: sequence, never the first methionine or a known hotspot position.
        self.positions = {g: [pos for pos in sorted(self.residues[g])
                              if pos >= 2 and (g, pos) not in hot_positions]
                          for g in PASSENGER_GENES}

    # --- small draws -------------------------------------------------------------------
    def depth(self) -> int:
        return int(self.rng.poisson(self.rng.gamma(20.0, MEAN_DEPTH / 20.0)))

    def gene(self) -> str:
        """A gene for a simulated passenger, germline or artefact change.

        The first generator still draws a panel gene (so its later draws stay as they were);
        the second picks the gene actually used among ``PASSENGER_GENES``.
        """
        self.rng.integers(len(PANEL_GENES))
        return PASSENGER_GENES[int(self.names.integers(len(PASSENGER_GENES)))]

    def site(self, gene: str) -> tuple[str, int, str, str]:
        chrom = CHROMOSOME[gene]
        while True:
            pos = int(self.rng.integers(1_000_000, 40_000_000))
            if (chrom, pos) not in self.used_sites:
                self.used_sites.add((chrom, pos))
                break
        ref = _BASES[int(self.rng.integers(4))]
        alt = [b for b in _BASES if b != ref][int(self.rng.integers(3))]
        return chrom, pos, ref, alt

    def protein(self, gene: str) -> str:
        """A substitution at a checked residue of ``gene``, with its true reference residue.

        The first generator makes the draws an earlier version used for the (then random)
        name, and throws them away, so that every later patient, purity and read count stays
        exactly as it was; the name itself comes from the second generator.
        """
        while True:
            a, b = self.rng.choice(list(_AA), 2, replace=False)
            if (gene, f"{a}{int(self.rng.integers(2, 1200))}{b}") not in self.known_names:
                break
        positions = self.positions[gene]
        while True:
            pos = positions[int(self.names.integers(len(positions)))]
            ref = self.residues[gene][pos]
            alt = [a for a in _AA if a != ref][int(self.names.integers(len(_AA) - 1))]
            name = f"{ref}{pos}{alt}"
            if (gene, name) not in self.known_names:
                return name

    def reads(self, expected_vaf: float) -> tuple[int, int]:
        depth = max(self.depth(), 20)
        alt = int(self.rng.binomial(depth, min(max(expected_vaf, 0.0), 1.0)))
        return depth, alt

    # --- one patient -------------------------------------------------------------------
    def drivers(self, cancer: str, population: str) -> list[str]:
        if cancer == "AML":
            out = []
            if self.rng.random() < _prev("FLT3 mutation", "AML", "under 60 years, newly diagnosed"):
                out.append("FLT3 ITD" if self.rng.random() < 0.77 else "FLT3 D835Y")
            if self.rng.random() < _prev("IDH1 mutation", "AML", "all"):
                out.append("IDH1 R132H")
            return out
        choices = driver_probabilities(cancer, population)
        u = self.rng.random()
        cumulative = 0.0
        for alterations, p in choices:
            cumulative += p
            if u < cumulative:
                return list(alterations)
        return []


def _split(name: str) -> tuple[str, str]:
    gene, _, alteration = name.partition(" ")
    if "-" in gene and alteration == "fusion":
        left, _, right = gene.partition("-")
        driver = "ABL1" if right == "ABL1" else right
        return driver, f"{gene} fusion"
    return gene, alteration


#: The recurring patients' stories (teaching choices): Amara's breast cancer is a newly found,
#: early lump; Wei's lung cancer is advanced and untreated; Priya's bowel cancer is advanced and
#: grew after chemotherapy.
RECURRING_SETTING = {"PM-001": ("early", "none"), "PM-002": ("advanced", "none"),
                     "PM-005": ("advanced", "chemotherapy (progressed)")}
#: Invented teaching values: share of the other HR-positive/HER2-negative breast patients whose
#: advanced cancer grew on endocrine therapy, and of colorectal patients after chemotherapy.
PRETREATED_ENDOCRINE = 0.6
PRETREATED_CHEMO_CRC = 0.5


def _add_setting(clinical: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Add disease stage and fill in prior treatments, with a separate generator.

    A second generator (``seed + 1``) keeps every earlier draw, and so the variant calls,
    unchanged. Simplification: every simulated patient other than Amara has advanced disease
    (tumour panels are mostly ordered then).
    """
    rng = np.random.default_rng(seed + 1)
    stages, priors = [], []
    for pid, cancer, subtype, prior in zip(clinical["patient_id"], clinical["cancer_type"],
                                           clinical["subtype"], clinical["prior_therapy"],
                                           strict=True):
        draw = rng.random()
        if pid in RECURRING_SETTING:
            stage, prior = RECURRING_SETTING[pid]
        else:
            stage = "advanced"
            if prior == "none" and subtype == "HR-positive/HER2-negative" \
                    and draw < PRETREATED_ENDOCRINE:
                prior = "endocrine therapy (progressed)"
            elif prior == "none" and cancer == "colorectal" and draw < PRETREATED_CHEMO_CRC:
                prior = "chemotherapy (progressed)"
        stages.append(stage)
        priors.append(prior)
    out = clinical.assign(prior_therapy=priors)
    out.insert(out.columns.get_loc("prior_therapy"), "stage", stages)
    return out


def simulate_cohort(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Simulate the cohort and return tables ``clinical`` and ``calls``.

    ``calls`` has one row per variant call with the truth columns (role, origin, clonality).
    Deterministic for a given seed.
    """
    _PREV_CACHE.clear()
    sim = _Sim(seed)
    rng = sim.rng
    recurring = {p["patient_id"]: p for p in recurring_patients()}
    clinical_rows: list[dict] = []
    calls: list[dict] = []
    counter = 0
    for cancer, n in COHORT.items():
        pool = []  # common germline sites for this cohort
        for _ in range(GERMLINE_SITES_PER_COHORT):
            gene = sim.gene()
            chrom, pos, ref, alt = sim.site(gene)
            pool.append({"gene": gene, "alteration": sim.protein(gene), "chrom": chrom,
                         "pos": pos, "ref": ref, "alt": alt, "freq": float(rng.uniform(0.1, 0.5))})
        fixed = [pid for pid, (c, _) in _RECURRING_IDS.items() if c == cancer]
        for i in range(n):
            if i < len(fixed):
                pid = fixed[i]
                person = recurring[pid]
                name, population = person["name"], person["population"]
                age, sex = int(person["age_years"]), person["sex"]
                drivers = list(_RECURRING_IDS[pid][1])
            else:
                counter += 1
                pid, name = f"TB-{counter:04d}", ""
                population = str(rng.choice(POPULATIONS, p=POPULATION_WEIGHTS))
                age = int(np.clip(rng.normal(45 if cancer in ("AML", "CML") else 63, 12), 18, 90))
                sex = "female" if cancer == "breast" else str(rng.choice(["female", "male"]))
                drivers = sim.drivers(cancer, population)
            blood = cancer in BLOOD
            purity = float(np.clip(rng.beta(8, 2) if blood else rng.beta(6, 4), 0.15, 0.97))
            pathology = float(np.clip(round((purity + rng.normal(0, 0.08)) * 20) / 20, 0.1, 1.0))
            msi = (cancer == "colorectal" and not pid.startswith("PM-")
                   and rng.random() < _prev("MSI (microsatellite instability)", "colorectal",
                                            "all (pooled)"))
            median = MSI_TMB_MEDIAN if msi else TMB_MEDIAN[cancer]
            tmb = float(np.round(median * np.exp(rng.normal(0, 0.6)), 1))
            if pid.startswith("PM-"):  # keep the recurring patients' stories simple: TMB-low
                tmb = min(tmb, 6.0)
            prior = "none"
            resistance: list[str] = []
            if not pid.startswith("PM-"):
                if cancer == "lung" and drivers and drivers[0].startswith("EGFR") \
                        and rng.random() < PRETREATED_EGFR:
                    prior = "erlotinib (progressed)"
                    t790m = _prev("EGFR T790M at progression on first/second-generation "
                                  "inhibitor", "lung", "all")
                    if rng.random() < t790m:
                        resistance.append("EGFR T790M")
                if cancer == "CML" and drivers and rng.random() < PRETREATED_CML:
                    prior = "imatinib (relapsed)"
                    if rng.random() < T315I_AFTER_IMATINIB:
                        resistance.append("ABL1 T315I")
            subtype = ""
            if cancer == "breast":
                subtype = "HER2-positive" if "ERBB2 amplification" in drivers else \
                    "HR-positive/HER2-negative"
            clinical_rows.append({
                "patient_id": pid, "name": name, "cancer_type": cancer, "population": population,
                "age_years": age, "sex": sex, "sample": "blood or bone marrow" if blood
                else "tumour biopsy", "subtype": subtype, "purity": purity,
                "pathology_purity": pathology, "msi_status": "MSI-H" if msi else "MSS",
                "tmb": tmb, "prior_therapy": prior,
            })

            def add(gene: str, alteration: str, role: str, ccf: float, germline: bool = False,
                    homozygous: bool = False, site: tuple | None = None, filt: str = "PASS",
                    depth_alt: tuple[int, int] | None = None, pid: str = pid,
                    cancer: str = cancer, purity: float = purity) -> None:
                hot = sim.hot.get((gene, alteration))
                vtype = _variant_type(alteration, hot)
                chrom = pos = ref = alt = None
                simulated_pos = False
                if site is not None:
                    chrom, pos, ref, alt = site
                    simulated_pos = True
                elif hot is not None and pd.notna(hot["pos"]):
                    chrom, pos, ref, alt = hot["chrom"], int(hot["pos"]), hot["ref"], hot["alt"]
                if vtype in ("fusion", "amplification", "ITD"):
                    depth = alt_reads = None
                    expected = None
                else:
                    expected = (1.0 if homozygous else 0.5) if germline else purity * ccf / 2
                    depth, alt_reads = depth_alt if depth_alt else sim.reads(expected)
                calls.append({
                    "patient_id": pid, "cancer_type": cancer, "gene": gene,
                    "alteration": alteration, "variant_type": vtype, "chrom": chrom, "pos": pos,
                    "ref": ref, "alt": alt, "t_depth": depth, "t_alt_count": alt_reads,
                    "vaf": None if depth is None else alt_reads / depth, "filter": filt,
                    "in_vcf": chrom is not None, "simulated_position": simulated_pos,
                    "role": role, "origin": "germline" if germline else (
                        "artefact" if role == "artefact" else "somatic"),
                    "cancer_cell_fraction": None if germline or role == "artefact" else ccf,
                    "clonal": None if germline or role == "artefact" else bool(ccf >= 0.999),
                    "expected_vaf": expected, "purity": purity,
                })

            for name_ in drivers:
                gene, alteration = _split(name_)
                add(gene, alteration, "driver", 1.0)
            for name_ in resistance:
                gene, alteration = _split(name_)
                add(gene, alteration, "resistance", float(rng.uniform(0.2, 0.8)))
            for _ in range(int(rng.poisson(tmb * PANEL_MEGABASES))):
                gene = sim.gene()
                ccf = 1.0 if rng.random() < 0.5 else float(rng.uniform(0.1, 0.9))
                add(gene, sim.protein(gene), "passenger", ccf, site=sim.site(gene))
            for g in pool:
                if rng.random() < g["freq"]:
                    hom = bool(rng.random() < 0.1)
                    add(g["gene"], g["alteration"], "germline", 1.0, germline=True,
                        homozygous=hom, site=(g["chrom"], g["pos"], g["ref"], g["alt"]))
            for _ in range(int(rng.poisson(ARTEFACT_RATE))):
                gene = sim.gene()
                if rng.random() < 0.5:
                    depth = int(rng.integers(150, 600))
                    alt_reads = int(rng.integers(2, 5))
                    filt = "LowAltReads"
                else:
                    depth = int(rng.integers(12, 40))
                    alt_reads = int(rng.integers(3, max(4, depth // 3)))
                    filt = "LowDepth"
                add(gene, sim.protein(gene), "artefact", 0.0, site=sim.site(gene), filt=filt,
                    depth_alt=(depth, alt_reads))
            if msi:
                calls.append({"patient_id": pid, "cancer_type": cancer, "gene": "MSI",
                              "alteration": "MSI-H", "variant_type": "MSI", "chrom": None,
                              "pos": None, "ref": None, "alt": None, "t_depth": None,
                              "t_alt_count": None, "vaf": None, "filter": "PASS",
                              "in_vcf": False, "simulated_position": False, "role": "driver",
                              "origin": "somatic", "cancer_cell_fraction": None, "clonal": None,
                              "expected_vaf": None, "purity": purity})
    clinical = _add_setting(pd.DataFrame(clinical_rows), seed)
    table = pd.DataFrame(calls)
    table["_chrom"] = table["chrom"].fillna("chrZ").str.replace("chr", "").map(
        lambda c: int(c) if c.isdigit() else 99)
    order = {pid: i for i, pid in enumerate(clinical["patient_id"])}
    table["_p"] = table["patient_id"].map(order)
    table = table.sort_values(["_p", "_chrom", "pos", "gene"], kind="stable",
                              na_position="last").drop(columns=["_p", "_chrom"])
    return {"clinical": clinical, "calls": table.reset_index(drop=True)}



_MADE_BY = f"simulated by precisionmed.oncology.simulate with numpy default_rng(seed={SEED})"
_SOURCES = [
    "Driver prevalence: datasets/knowledge/onc_prevalence.csv (each row names its study).",
    "Hotspot coordinates: datasets/knowledge/onc_hotspots.csv (GRCh38).",
    "Protein positions of simulated changes: datasets/knowledge/protein_lengths.csv (UniProt "
    "canonical lengths and checked reference residues; passenger, germline and artefact "
    "changes sit in EGFR, PIK3CA and TP53 at checked residues, with the true reference residue).",
    "Invented teaching values: cohort sizes, ancestry mix, purity (Beta(6,4) solid, Beta(8,2) "
    "blood), depth (mean 400 reads, gamma-Poisson), TMB medians, pretreated shares, disease "
    "stage (all advanced except Amara's early breast cancer), passenger, "
    "germline and artefact calls.",
]
CANCERS = list(COHORT)

CLINICAL_SCHEMA = {
    "title": "Simulated tumour-sequencing cohort: clinical table",
    "description": (
        "540 invented patients with one of seven cancers whose tumour DNA was 'sequenced' on a "
        "~50-gene panel. Includes the course's recurring patients PM-001 (Amara), PM-002 (Wei) "
        "and PM-005 (Priya). Purity is the true (simulated) share of cancer cells in the sample; "
        "pathology_purity is a pathologist's rounded, noisy estimate."),
    "made_by": _MADE_BY, "version": VERSION, "sources": _SOURCES,
    "columns": [
        _col("patient_id", "string", "Identifier: PM-… for recurring patients, TB-… otherwise."),
        _col("name", "string", "First name (recurring patients only).", nullable=True),
        _col("cancer_type", "string", "Cancer type.", allowed=CANCERS),
        _col("population", "string", "1000 Genomes super-population label (coarse ancestry "
             "proxy, not race).", allowed=POPULATIONS),
        _col("age_years", "integer", "Age at sequencing.", unit="years"),
        _col("sex", "string", "Sex recorded at birth.", allowed=["female", "male"]),
        _col("sample", "string", "What was sequenced.",
             allowed=["tumour biopsy", "blood or bone marrow"]),
        _col("subtype", "string", "Breast cancer receptor group (breast only; simplified: "
             "triple-negative left out).", nullable=True,
             allowed=["HER2-positive", "HR-positive/HER2-negative"]),
        _col("purity", "float", "True share of cancer cells in the sample (simulated).",
             decimals=3),
        _col("pathology_purity", "float", "Pathologist's estimate of purity, to the nearest 5%.",
             decimals=2),
        _col("msi_status", "string", "Microsatellite status.", allowed=["MSI-H", "MSS"]),
        _col("tmb", "float", "Tumour mutational burden.", unit="mutations per megabase",
             decimals=1),
        _col("stage", "string", "Disease stage: 'early' (newly found, operable) or 'advanced' "
             "(unresectable or metastatic). Teaching simplification: all but Amara are advanced.",
             allowed=["early", "advanced"]),
        _col("prior_therapy", "string", "Treatment already given for this cancer, if any.",
             allowed=["none", "erlotinib (progressed)", "imatinib (relapsed)",
                      "endocrine therapy (progressed)", "chemotherapy (progressed)"]),
    ],
}

_VARIANT_TYPES = ["SNV", "deletion", "insertion", "fusion", "amplification", "ITD", "MSI"]
MAF_COLUMNS = ["patient_id", "cancer_type", "gene", "alteration", "variant_type", "chrom", "pos",
               "ref", "alt", "t_depth", "t_alt_count", "vaf", "filter", "in_vcf",
               "simulated_position"]
MAF_SCHEMA = {
    "title": "Simulated tumour-sequencing cohort: variant calls (MAF-like table)",
    "description": (
        "One row per call the 'laboratory' reports for a patient, like a Mutation Annotation "
        "Format file: SNVs and indels with read counts, plus fusions, amplifications, FLT3 ITDs "
        "and MSI-H (no read counts). The table does not say which calls are drivers, passengers, "
        "inherited (germline) or artefacts: that is the learner's job (see answer_key). "
        "Passenger, germline and artefact calls sit at simulated positions (simulated_position "
        "= true): real genes and chromosomes, invented positions and bases."),
    "made_by": _MADE_BY, "version": VERSION, "sources": _SOURCES,
    "columns": [
        _col("patient_id", "string", "Patient (see oncology/clinical)."),
        _col("cancer_type", "string", "Cancer type.", allowed=CANCERS),
        _col("gene", "string", "Gene symbol, or MSI."),
        _col("alteration", "string", "Protein change or alteration (e.g. G12C, exon 19 deletion, "
             "EML4-ALK fusion, amplification, ITD, MSI-H)."),
        _col("variant_type", "string", "Kind of call.", allowed=_VARIANT_TYPES),
        _col("chrom", "string", "Chromosome (GRCh38).", nullable=True),
        _col("pos", "integer", "VCF position (1-based).", nullable=True),
        _col("ref", "string", "Reference allele.", nullable=True),
        _col("alt", "string", "Alternate allele.", nullable=True),
        _col("t_depth", "integer", "Reads covering the position (DP).", unit="reads",
             nullable=True),
        _col("t_alt_count", "integer", "Reads carrying the variant.", unit="reads",
             nullable=True),
        _col("vaf", "float", "Variant allele fraction = t_alt_count / t_depth.", decimals=4,
             nullable=True),
        _col("filter", "string", "PASS, or why the call is low quality.",
             allowed=["PASS", "LowAltReads", "LowDepth"]),
        _col("in_vcf", "boolean", "Whether the call is also in the cohort's VCF."),
        _col("simulated_position", "boolean", "True when position and bases are invented."),
    ],
}
KEY_SCHEMA = {
    "title": "Simulated tumour-sequencing cohort: answer key (instructors)",
    "description": (
        "The truth behind every call in oncology/maf, in the same order: whether it is a driver, "
        "an acquired resistance mutation, a passenger, an inherited (germline) variant or a "
        "sequencing artefact, and the share of cancer cells carrying it. Keep it away from "
        "learners until they have made their own calls."),
    "made_by": _MADE_BY, "version": VERSION, "sources": _SOURCES,
    "columns": [
        _col("patient_id", "string", "Patient."),
        _col("gene", "string", "Gene symbol, or MSI."),
        _col("alteration", "string", "Alteration, as in oncology/maf."),
        _col("role", "string", "What the call really is.",
             allowed=["driver", "resistance", "passenger", "germline", "artefact"]),
        _col("origin", "string", "Where it came from.",
             allowed=["somatic", "germline", "artefact"]),
        _col("clonal", "boolean", "Somatic: present in every cancer cell.", nullable=True),
        _col("cancer_cell_fraction", "float", "Somatic: share of cancer cells carrying it.",
             decimals=3, nullable=True),
        _col("expected_vaf", "float", "VAF expected before read sampling (purity × fraction / 2 "
             "for somatic; 0.5 or 1 for germline).", decimals=4, nullable=True),
    ],
}
VCF_SCHEMA_COLUMNS = [
    _col("CHROM", "string", "Chromosome (GRCh38)."),
    _col("POS", "integer", "1-based position (indels: the padding base before the event)."),
    _col("ID", "string", "Identifier ('.' = none)."),
    _col("REF", "string", "Reference allele."),
    _col("ALT", "string", "Alternate allele."),
    _col("QUAL", "string", "Quality ('.' = not given)."),
    _col("FILTER", "string", "PASS or the failed filter (LowAltReads, LowDepth)."),
    _col("INFO", "string", "GENE and PROT (protein change); SIMPOS flags an invented position."),
    _col("FORMAT", "string", "GT:AD:DP:AF for every sample."),
    _col("<patient_id>", "string", "One column per patient: genotype, read counts (ref,alt), "
         "depth and VAF; '.' when the patient has no call at this site."),
]


def _vcf_for(cancer: str, calls: pd.DataFrame, patients: list[str]) -> pd.DataFrame:
    sub = calls[(calls["cancer_type"] == cancer) & calls["in_vcf"]]
    sites = sub.drop_duplicates(["chrom", "pos", "ref", "alt"])[
        ["chrom", "pos", "ref", "alt", "gene", "alteration", "simulated_position"]].copy()
    sites["_c"] = sites["chrom"].str.replace("chr", "").astype(int)
    sites = sites.sort_values(["_c", "pos"], kind="stable")
    groups = {key: frame for key, frame in sub.groupby(["chrom", "pos", "ref", "alt"],
                                                        sort=False)}
    records = []
    for site in sites.itertuples(index=False):
        here = groups[(site.chrom, site.pos, site.ref, site.alt)]
        by_patient = {r.patient_id: r for r in here.itertuples(index=False)}
        filters = set(here["filter"])
        info = f"GENE={site.gene};PROT={site.alteration}" + (";SIMPOS" if
                                                              site.simulated_position else "")
        row = {"CHROM": site.chrom, "POS": int(site.pos), "ID": ".", "REF": site.ref,
               "ALT": site.alt, "QUAL": ".",
               "FILTER": "PASS" if "PASS" in filters else ";".join(sorted(filters)),
               "INFO": info, "FORMAT": "GT:AD:DP:AF"}
        for pid in patients:
            r = by_patient.get(pid)
            if r is None:
                row[pid] = "."
                continue
            depth, alt = int(r.t_depth), int(r.t_alt_count)
            gt = "1/1" if alt / depth >= 0.9 else "0/1"
            row[pid] = f"{gt}:{depth - alt},{alt}:{depth}:{alt / depth:.3f}"
        records.append(row)
    return pd.DataFrame(records)


VCF_META = [
    "source=precisionmed.oncology.simulate (simulated teaching data, not real patients)",
    "reference=GRCh38",
    'INFO=<ID=GENE,Number=1,Type=String,Description="Gene symbol">',
    'INFO=<ID=PROT,Number=1,Type=String,Description="Protein change (one-letter code) or '
    'alteration">',
    'INFO=<ID=SIMPOS,Number=0,Type=Flag,Description="Position and bases are simulated (not a '
    'real variant); hotspot rows without this flag use real GRCh38 coordinates">',
    'FILTER=<ID=LowAltReads,Description="Fewer than 5 reads carry the variant">',
    'FILTER=<ID=LowDepth,Description="Fewer than 50 reads cover the position">',
    'FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    'FORMAT=<ID=AD,Number=R,Type=Integer,Description="Reads for the reference and the '
    'alternate allele">',
    'FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
    'FORMAT=<ID=AF,Number=A,Type=Float,Description="Variant allele fraction (alt reads / '
    'depth)">',
]


def build(out_dir: Path) -> list[Path]:
    """Write the cohort's tables and VCFs under ``out_dir``.

    Files: ``oncology/clinical``, ``oncology/maf``, ``oncology/answer_key`` and one VCF per
    cancer type (``oncology/vcf/<cancer>.vcf``).
    """
    out_dir = Path(out_dir)
    sim = simulate_cohort()
    clinical, calls = sim["clinical"], sim["calls"]
    written = write_table(clinical, out_dir, "oncology/clinical", CLINICAL_SCHEMA)
    written += write_table(calls, out_dir, "oncology/maf", MAF_SCHEMA)
    written += write_table(calls, out_dir, "oncology/answer_key", KEY_SCHEMA)
    for cancer in COHORT:
        patients = clinical.loc[clinical["cancer_type"] == cancer, "patient_id"].tolist()
        records = _vcf_for(cancer, calls, patients)
        name = f"oncology/vcf/{cancer.lower()}"
        written.append(write_vcf(out_dir / f"{name}.vcf", records, VCF_META, samples=patients))
        written.append(write_schema(out_dir, name, {
            "title": f"Simulated tumour sequencing, {cancer}: variant calls (VCF 4.2)",
            "description": (
                f"SNVs and indels of the {len(patients)} simulated {cancer} patients as a "
                "multi-sample VCF 4.2 file (FORMAT GT:AD:DP:AF). Hotspots use real GRCh38 "
                "coordinates; rows flagged SIMPOS have invented positions and bases. Fusions, "
                "amplifications, ITDs, MSI and hotspots without a checked coordinate are only "
                "in oncology/maf. Read it with precisionmed.vcf.read_vcf(data.path(...))."),
            "made_by": _MADE_BY, "version": VERSION, "sources": _SOURCES, "format": "vcf",
            "columns": VCF_SCHEMA_COLUMNS,
        }))
    return written
