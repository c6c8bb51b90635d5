"""Simulated pharmacogenomics cohort for lessons 01 and 02.

1,000 invented people (200 from each 1000 Genomes super-population: AFR, AMR, EAS, EUR, SAS)
plus the five recurring patients. Each person's two alleles per gene are drawn independently
from the allele frequencies in ``knowledge/pgx_frequencies`` (Hardy–Weinberg). Written as:

* ``pgx/genotypes.vcf`` — VCF 4.2, GRCh38 positions, rsIDs in ID, unphased GT only;
* ``pgx/cyp2d6_copies.csv`` — CYP2D6 gene copy number (a separate test in real labs);
* ``pgx/patients.csv`` — age, sex, height, weight, medicines; for warfarin patients a
  simulated true stable dose;
* ``pgx/answer_key.csv`` — the true diplotypes (for instructors and tests).

Body sizes, ages and medicine use are invented round numbers. The true warfarin dose is the
IWPC pharmacogenetic formula (Klein et al. 2009) plus two things it cannot see: a reduction for
CYP2C9 ``*5``, ``*8`` and ``*11`` carriers (midpoints of CPIC 2017's 15–30% and 20–40%) and
random person-to-person scatter.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed.data import recurring_patients
from precisionmed.pgx.alleles import normalize_diplotype, parse_allele
from precisionmed.pgx.calling import callable_alleles
from precisionmed.pgx.population import allele_frequencies
from precisionmed.pgx.tables import POPULATIONS, load_variant_table, panel
from precisionmed.pgx.warfarin import iwpc_cyp2c9, warfarin_terms
from precisionmed.tables import column as _col
from precisionmed.tables import write_schema, write_table
from precisionmed.vcf import write_vcf

ORDER = 20
SEED = 20260020
PER_POPULATION = 200
SIMULATED_GENES = ("CYP2C19", "CYP2D6", "CYP2C9", "VKORC1", "SLCO1B1", "TPMT", "NUDT15", "DPYD")
#: GRCh38 chromosome lengths for the VCF header.
CONTIGS = {"chr1": 248956422, "chr6": 170805979, "chr10": 133797422, "chr12": 133275309,
           "chr13": 114364328, "chr16": 90338345, "chr22": 50818468}
#: Reported race (IWPC categories) by population — invented shares for teaching.
RACE_SHARES = {
    "AFR": {"Black or African American": 0.95, "Missing or Mixed": 0.05},
    "AMR": {"White": 0.45, "Missing or Mixed": 0.50, "Black or African American": 0.05},
    "EAS": {"Asian": 0.95, "Missing or Mixed": 0.05},
    "EUR": {"White": 0.95, "Missing or Mixed": 0.05},
    "SAS": {"Asian": 0.90, "Missing or Mixed": 0.10},
}
#: Invented shares of the cohort taking each medicine.
MEDICINE_SHARES = {"warfarin": 0.40, "clopidogrel": 0.15, "simvastatin": 0.20, "codeine": 0.05}
INDUCERS = ("carbamazepine", "phenytoin", "rifampicin")
#: Extra warfarin dose reduction for CYP2C9 *5/*8/*11 carriers (one copy, two copies).
HIDDEN_CYP2C9 = ("*5", "*8", "*11")
HIDDEN_REDUCTION = {1: 0.775, 2: 0.70}
#: Person-to-person scatter on the square-root scale of the true dose.
SQRT_DOSE_SD = 0.75


def _draw_alleles(rng: np.random.Generator, gene: str, population: str, n: int
                  ) -> list[tuple[str, str]]:
    freqs = allele_frequencies(gene, population)
    names = sorted(freqs)
    p = np.array([freqs[a] for a in names])
    p = p / p.sum()
    idx = rng.choice(len(names), size=(n, 2), p=p)
    return [(names[i], names[j]) for i, j in idx]


def _split(diplotype: str) -> tuple[str, str]:
    left, right = diplotype.split("/")
    return left, right


def _genotype(gene: str, pair: tuple[str, str]) -> tuple[dict[str, str], int]:
    cands = callable_alleles(gene)
    parsed = [parse_allele(gene, a) for a in pair]
    copies = sum(p.copies for p in parsed)
    present = [p for p in parsed if p.copies > 0]
    dose = dict.fromkeys(panel(gene), 0)
    for p in present:
        for site in cands[p.parts[0][0]]:
            dose[site] += 2 if len(present) == 1 else 1
    return {s: ("0/0", "0/1", "1/1")[d] for s, d in dose.items()}, copies


def _diplotype(gene: str, pair: tuple[str, str]) -> str:
    return normalize_diplotype(gene, f"{pair[0]}/{pair[1]}")


def simulate(seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, dict[str, str]],
                                        pd.DataFrame]:
    """Return ``(patients, answer_key, genotypes_by_patient, copies)`` for the cohort."""
    rng = np.random.default_rng(seed)
    people: list[dict] = []
    for person in recurring_patients():
        people.append({"patient_id": person["patient_id"], "population": person["population"],
                       "sex": person["sex"], "age_years": person["age_years"],
                       "height_cm": float(person["height_cm"]),
                       "weight_kg": float(person["weight_kg"]), "recurring": person})
    counter = 0
    for pop in POPULATIONS:
        for _ in range(PER_POPULATION):
            counter += 1
            people.append({"patient_id": f"PGX-{counter:04d}", "population": pop,
                           "recurring": None})
    # genotypes
    alleles: dict[str, list[tuple[str, str]]] = {}
    for gene in SIMULATED_GENES:
        drawn: list[tuple[str, str]] = []
        by_pop = {pop: iter(_draw_alleles(rng, gene, pop, sum(p["population"] == pop
                                                              for p in people)))
                  for pop in POPULATIONS}
        for p in people:
            pair = next(by_pop[p["population"]])
            rec = p["recurring"]
            if rec is not None and gene.lower() in rec:
                given = rec[gene.lower()]
                pair = tuple(given.split("/"))
            drawn.append(pair)
        alleles[gene] = drawn
    # clinical data (invented teaching values)
    n = len(people)
    sex = rng.choice(["female", "male"], size=n)
    on = {med: rng.random(n) < share for med, share in MEDICINE_SHARES.items()}
    inducer = rng.random(n) < 0.03
    inducer_name = rng.choice(INDUCERS, size=n)
    amiodarone = rng.random(n) < 0.08
    age_warf = np.clip(rng.normal(66, 11, n), 25, 90)
    age_other = np.clip(rng.normal(50, 16, n), 18, 90)
    height_sd = rng.normal(0, 7, n)
    bmi = np.clip(rng.normal(26.5, 4.5, n), 17, 45)
    tamoxifen = rng.random(n) < 0.04
    race_draw = rng.random(n)
    scatter = rng.normal(0, SQRT_DOSE_SD, n)
    rows, key_rows, genos, copies_rows = [], [], {}, []
    for i, p in enumerate(people):
        rec = p["recurring"]
        meds = [m for m in MEDICINE_SHARES if on[m][i]]
        if rec is None:
            p["sex"] = str(sex[i])
            p["age_years"] = int(round(age_warf[i] if "warfarin" in meds else age_other[i]))
            p["height_cm"] = round((162.0 if p["sex"] == "female" else 175.0) + height_sd[i], 0)
            p["weight_kg"] = round(bmi[i] * (p["height_cm"] / 100) ** 2, 0)
            if p["sex"] == "female" and tamoxifen[i]:
                meds.append("tamoxifen")
        else:
            meds = [m.split(" (")[0] for m in rec["medications"].split(";")
                    if m != "none yet"]
            if rec["patient_id"] == "PM-001":
                meds.append("tamoxifen (discussed)")
        takes_warfarin = any(m.startswith("warfarin") for m in meds)
        uses_inducer = bool(takes_warfarin and inducer[i] and rec is None)
        uses_amiodarone = bool(takes_warfarin and amiodarone[i] and rec is None)
        if uses_inducer:
            meds.append(str(inducer_name[i]))
        if uses_amiodarone:
            meds.append("amiodarone")
        shares = RACE_SHARES[p["population"]]
        cum = np.cumsum(list(shares.values()))
        race = list(shares)[int(np.searchsorted(cum, race_draw[i] * cum[-1]))]
        diplos = {g: _diplotype(g, alleles[g][i]) for g in SIMULATED_GENES}
        true_dose = None
        if takes_warfarin:
            terms = warfarin_terms(p["age_years"], p["height_cm"], p["weight_kg"],
                                   diplos["VKORC1"], iwpc_cyp2c9(diplos["CYP2C9"]), race,
                                   uses_inducer, uses_amiodarone)
            sqrt_dose = terms.sqrt_dose + scatter[i]
            hidden = sum(a in HIDDEN_CYP2C9 for a in alleles["CYP2C9"][i])
            dose = max(sqrt_dose, 1.5) ** 2 * HIDDEN_REDUCTION.get(hidden, 1.0)
            true_dose = round(min(max(dose, 3.0), 120.0), 1)
        rows.append({"patient_id": p["patient_id"], "population": p["population"],
                     "sex": p["sex"], "age_years": int(p["age_years"]),
                     "height_cm": float(p["height_cm"]), "weight_kg": float(p["weight_kg"]),
                     "medications": ";".join(meds) if meds else "none",
                     "race_reported": race, "on_warfarin": takes_warfarin,
                     "enzyme_inducer": uses_inducer, "amiodarone": uses_amiodarone,
                     "true_dose_mg_week": true_dose})
        key_rows.append({"patient_id": p["patient_id"], "population": p["population"],
                         **{g.lower(): diplos[g] for g in SIMULATED_GENES}})
        person_gt: dict[str, str] = {}
        for gene in SIMULATED_GENES:
            gt, copies = _genotype(gene, alleles[gene][i])
            person_gt.update(gt)
            if gene == "CYP2D6":
                copies_rows.append({"patient_id": p["patient_id"], "cyp2d6_copies": copies})
        genos[p["patient_id"]] = person_gt
    return pd.DataFrame(rows), pd.DataFrame(key_rows), genos, pd.DataFrame(copies_rows)



MADE_BY = f"simulated by precisionmed.pgx.simulate with numpy default_rng(seed={SEED})"
SOURCES = ["Allele frequencies: knowledge/pgx_frequencies (1000 Genomes tabulations; stand-in "
           "rows marked there).",
           "Warfarin dose model: IWPC pharmacogenetic algorithm (Klein et al., N Engl J Med "
           "2009;360:753) plus CPIC 2017's dose reduction for CYP2C9 *5/*8/*11 carriers.",
           "Ages, body sizes, medicine use and reported race: invented teaching values."]
POPS = list(POPULATIONS)

PATIENTS_SCHEMA = {
    "title": "Simulated pharmacogenomics cohort: clinical data",
    "description": "1,005 invented people (200 per 1000 Genomes super-population plus the five "
                   "recurring patients PM-001…PM-005): body size, medicines and, for people on "
                   "warfarin, the simulated true stable dose. Not real people.",
    "made_by": MADE_BY, "version": "2026-11-23", "sources": SOURCES,
    "columns": [
        _col("patient_id", "string", "Identifier: PM-001…PM-005 (recurring) or PGX-0001…"),
        _col("population", "string", "1000 Genomes super-population used to draw the genotypes "
             "(a coarse ancestry proxy, not race).", allowed=POPS),
        _col("sex", "string", "Sex recorded at birth.", allowed=["female", "male"]),
        _col("age_years", "integer", "Age.", unit="years"),
        _col("height_cm", "float", "Height.", unit="cm", decimals=0),
        _col("weight_kg", "float", "Weight.", unit="kg", decimals=0),
        _col("medications", "string", "Medicines taken, separated by ';' ('none' if none)."),
        _col("race_reported", "string", "Self-reported race in the IWPC categories (invented; "
             "used only by the warfarin formula).",
             allowed=["White", "Asian", "Black or African American", "Missing or Mixed"]),
        _col("on_warfarin", "boolean", "Takes warfarin."),
        _col("enzyme_inducer", "boolean", "Takes carbamazepine, phenytoin or rifampicin "
             "(warfarin patients only)."),
        _col("amiodarone", "boolean", "Takes amiodarone (warfarin patients only)."),
        _col("true_dose_mg_week", "float", "Simulated true stable warfarin dose (warfarin "
             "patients only).", unit="mg/week", decimals=1, nullable=True),
    ],
}


def _key_schema() -> dict:
    return {
        "title": "Answer key: true diplotypes of the simulated pharmacogenomics cohort",
        "description": "The diplotypes the simulator drew for each person (instructors and "
                       "tests only; learners work them out from the VCF).",
        "made_by": MADE_BY, "version": "2026-11-23", "sources": SOURCES[:1],
        "columns": [_col("patient_id", "string", "Identifier, as in pgx/patients."),
                    _col("population", "string", "1000 Genomes super-population.", allowed=POPS),
                    *[_col(g.lower(), "string", f"True {g} diplotype"
                           + (" (VKORC1 c.-1639 G/A genotype)." if g == "VKORC1" else "."))
                      for g in SIMULATED_GENES]],
    }


COPIES_SCHEMA = {
    "title": "CYP2D6 gene copy number of the simulated cohort",
    "description": "How many CYP2D6 gene copies each person has (2 usual; 1 = one deletion, "
                   "*5; 3 = one duplication). Real labs measure this with a separate "
                   "copy-number test, because a VCF of single variants cannot show it.",
    "made_by": MADE_BY, "version": "2026-11-23", "sources": SOURCES[:1],
    "columns": [_col("patient_id", "string", "Identifier, as in pgx/patients."),
                _col("cyp2d6_copies", "integer", "Number of CYP2D6 gene copies.",
                     unit="copies")],
}

VCF_SCHEMA = {
    "title": "Simulated genotypes of the pharmacogenomics cohort (VCF 4.2)",
    "description": "Genotypes at the pharmacogene variants of knowledge/pgx_variants for every "
                   "person in pgx/patients. GRCh38 positions, rsIDs in ID, unphased GT only. "
                   "Read with precisionmed.vcf.read_vcf.",
    "made_by": MADE_BY, "version": "2026-11-23", "sources": SOURCES[:1],
    "format": "vcf",
    "columns": [
        _col("CHROM", "string", "Chromosome (GRCh38)."),
        _col("POS", "integer", "Position, 1-based.", unit="bp"),
        _col("ID", "string", "dbSNP rsID."),
        _col("REF", "string", "Reference base."),
        _col("ALT", "string", "Alternative base."),
        _col("QUAL", "string", "Not used ('.')."),
        _col("FILTER", "string", "PASS for every simulated site."),
        _col("INFO", "string", "GENE=<gene symbol>."),
        _col("FORMAT", "string", "GT (genotype) only."),
        _col("<patient_id>", "string", "One column per person: 0/0, 0/1 or 1/1 (unphased)."),
    ],
}


def build(out_dir: Path) -> list[Path]:
    """Write the pgx cohort files under ``out_dir / "pgx"``."""
    out_dir = Path(out_dir)
    patients, key, genos, copies = simulate()
    written = write_table(patients, out_dir, "pgx/patients", PATIENTS_SCHEMA)
    written += write_table(key, out_dir, "pgx/answer_key", _key_schema())
    written += write_table(copies, out_dir, "pgx/cyp2d6_copies", COPIES_SCHEMA)
    variants = load_variant_table()
    order = {c: i for i, c in enumerate(CONTIGS)}
    variants = variants.assign(_o=variants["chrom"].map(order)).sort_values(["_o", "pos_grch38"])
    samples = list(patients["patient_id"])
    records = pd.DataFrame({
        "CHROM": variants["chrom"].to_numpy(), "POS": variants["pos_grch38"].to_numpy(),
        "ID": variants["rsid"].to_numpy(), "REF": variants["ref"].to_numpy(),
        "ALT": variants["alt"].to_numpy(), "QUAL": ".", "FILTER": "PASS",
        "INFO": [f"GENE={g}" for g in variants["gene"]], "FORMAT": "GT",
    })
    sample_cols = pd.DataFrame({s: [genos[s][r] for r in variants["rsid"]] for s in samples})
    records = pd.concat([records, sample_cols], axis=1)
    meta = ["source=precisionmed.pgx.simulate (simulated teaching data, not real people)",
            "reference=GRCh38",
            *[f"contig=<ID={c},length={n},assembly=GRCh38>" for c, n in CONTIGS.items()],
            'INFO=<ID=GENE,Number=1,Type=String,Description="Pharmacogene symbol">',
            'FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">']
    vcf_path = write_vcf(out_dir / "pgx" / "genotypes.vcf", records, meta, samples)
    written.append(vcf_path)
    written.append(write_schema(out_dir, "pgx/genotypes", VCF_SCHEMA))
    assert math.isfinite(float(patients["true_dose_mg_week"].dropna().mean()))
    return written
