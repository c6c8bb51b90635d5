"""Lesson 07's data: seeded trio exomes with planted causes, the families, and an answer key.

Everything here is simulated for teaching. Counts per person follow published exome contents
(fact sheet section C): about 20,000 coding variants (1000 Genomes Project, *Nature*
2010;467:1061: 10,000–11,000 non-synonymous and 10,000–12,000 synonymous), most of them common,
a few hundred rare (population frequency below 0.1%) and a few dozen private (absent from the
population database); about one new (de novo) coding variant in the child (de Ligt/Rauch data
tabulated in PMC4222185: 1.13 observed per trio); consequence shares from the same 1000
Genomes counts (frameshift 220–250, in-frame 190–210, stop-gain 80–100, splice 40–50).

Genes: the 14 disease genes of ``knowledge/rare_gene_phenotypes`` plus 4,000 invented genes
named ``SG0001``…; positions are not simulated (no real coordinates are implied).

Five families (cases): RD-01 a de novo dominant variant (SCN1A), RD-02 a homozygous
recessive variant (ASPM), RD-03 a compound heterozygous pair (DHCR7) with a two-from-mother
(*cis*) trap in ASPM, RD-04 an X-linked variant from a carrier mother (DMD), RD-05 no findable
cause. RD-01 is the course's recurring family and is stored whole; for the others only the
variants the lesson can reach are stored (population frequency at most 1%, a lenient cut-off
for recessive disease), with counts of the rest in ``raredisease/cases``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from precisionmed.tables import column as _col
from precisionmed.tables import write_table

ORDER = 70
SEED = 20260007

#: Invented background genes; the real disease genes carry only common background variants.
N_BACKGROUND_GENES = 4000
DISEASE_GENES = ("SCN1A", "ASPM", "DHCR7", "DMD", "GJB2", "KCNQ2", "MECP2", "CFTR", "FBN1",
                 "COL1A1", "PAH", "SCN2A", "STXBP1", "NF1")
_GENE_CHROM = {"SCN1A": "2", "ASPM": "1", "DHCR7": "11", "DMD": "X", "GJB2": "13",
               "KCNQ2": "20", "MECP2": "X", "CFTR": "7", "FBN1": "15", "COL1A1": "17",
               "PAH": "12", "SCN2A": "2", "STXBP1": "9", "NF1": "17"}

#: Population catalogue per family: (number of sites, lowest AF, highest AF). Expected
#: variants per person ≈ 7,000 + 9,700 + 2,000 + 390 (+ 280 rare/private drawn per parent).
CATALOGUE = ((8000, 0.5, 0.99), (28000, 0.05, 0.5), (40000, 0.01, 0.05),
             (50000, 0.001, 0.01))
RARE_PER_PARENT = 250      # AF 0.00001–0.001, new to each parent
PRIVATE_PER_PARENT = 30    # absent from the population database
X_SHARE = 0.035            # share of coding sites on X (about 800 of 19,000 genes)
LOW_QUALITY_SHARE = 0.04   # calls that fail the lab's quality checks
FALSE_DE_NOVO_CALLS = 15   # low-quality child-only calls (sequencing artefacts)
DE_NOVO_MEAN = 1.0         # Poisson mean of true de novo coding variants (≈1 per trio)

#: Consequence shares of coding variants (1000 Genomes 2010 counts, rounded).
CONSEQUENCE_SHARES = {"synonymous": 0.49, "missense": 0.46, "splice region": 0.015,
                      "frameshift": 0.011, "inframe indel": 0.010, "stop gained": 0.0045,
                      "splice site": 0.0022, "start lost": 0.0008}

STORE_MAX_AF = 0.01

CASES = [
    {"case_id": "RD-01", "family_id": "FAM-07", "child": "Lina", "sex": "female",
     "age_years": 4, "stored": "whole exome",
     "hpo_terms": "HP:0001250;HP:0002373;HP:0001263;HP:0002133",
     "story": "Lina had her first seizure with a fever at 7 months; many more followed, some "
              "very long, and her development has slowed. Her parents are healthy."},
    {"case_id": "RD-02", "family_id": "FAM-R2", "child": "Tomasz", "sex": "male",
     "age_years": 6, "stored": "variants up to 1% frequency",
     "hpo_terms": "HP:0000252;HP:0001249;HP:0000750",
     "story": "Tomasz's head has been small since birth, and he learns and speaks later "
              "than other children. His parents are healthy."},
    {"case_id": "RD-03", "family_id": "FAM-R3", "child": "Aiyana", "sex": "female",
     "age_years": 2, "stored": "variants up to 1% frequency",
     "hpo_terms": "HP:0004691;HP:0000252;HP:0001263",
     "story": "Aiyana was born with her second and third toes joined, has a small head and "
              "is slow to sit and walk. Her parents are healthy."},
    {"case_id": "RD-04", "family_id": "FAM-R4", "child": "Kwame", "sex": "male",
     "age_years": 5, "stored": "variants up to 1% frequency",
     "hpo_terms": "HP:0003391;HP:0003707;HP:0003236;HP:0001270",
     "story": "Kwame climbs stairs slowly and pushes on his legs to stand up; his calves "
              "look big and a blood test shows a high muscle enzyme (CK). His parents are "
              "healthy."},
    {"case_id": "RD-05", "family_id": "FAM-R5", "child": "Mei", "sex": "female",
     "age_years": 8, "stored": "variants up to 1% frequency",
     "hpo_terms": "HP:0001249;HP:0000729;HP:0001252",
     "story": "Mei has a learning disability, autistic features and low muscle tone. Her "
              "parents are healthy, and no cause has been found so far."},
]

#: Planted causes: (case, gene, consequence, AF, child, mother, father, in-silico score).
PLANTED = {
    "RD-01": [("SCN1A", "missense", 0.0, "0/1", "0/0", "0/0", 0.97)],
    "RD-02": [("ASPM", "stop gained", 0.00002, "1/1", "0/1", "0/1", 0.99)],
    "RD-03": [("DHCR7", "missense", 0.0004, "0/1", "0/1", "0/0", 0.94),
              ("DHCR7", "splice site", 0.0001, "0/1", "0/0", "0/1", 0.98)],
    "RD-04": [("DMD", "stop gained", 0.0, "1", "0/1", "0", 0.99)],
    "RD-05": [],
}
#: Traps: rare variants in disease genes that must not be called the cause.
TRAPS = {
    "RD-01": [("KCNQ2", "missense", 0.0003, "0/1", "0/0", "0/1", 0.81)],  # from healthy father
    "RD-03": [("ASPM", "missense", 0.0006, "0/1", "0/1", "0/0", 0.72),    # two from mother:
              ("ASPM", "missense", 0.0002, "0/1", "0/1", "0/0", 0.65)],   # in cis
    "RD-05": [("MECP2", "missense", 0.0008, "0/1", "0/1", "0/0", 0.55)],  # from healthy mother
}

FAMILY = [
    {"person_id": "PM-006", "family_id": "FAM-07", "role": "child", "name": "Lina",
     "age_years": 4, "sex": "female", "background": "a lively four-year-old who loves music",
     "story": CASES[0]["story"], "lessons": "07"},
    {"person_id": "PM-007", "family_id": "FAM-07", "role": "mother", "name": "Sofia",
     "age_years": 34, "sex": "female", "background": "nurse", "story":
     "Healthy. Gave a blood sample so that Lina's exome could be read as a trio.",
     "lessons": "07"},
    {"person_id": "PM-008", "family_id": "FAM-07", "role": "father", "name": "Karim",
     "age_years": 37, "sex": "male", "background": "bus driver and amateur footballer",
     "story": "Healthy. Gave a blood sample so that Lina's exome could be read as a trio.",
     "lessons": "07"},
]


def _consequences(rng: np.random.Generator, n: int) -> np.ndarray:
    names = list(CONSEQUENCE_SHARES)
    p = np.array([CONSEQUENCE_SHARES[k] for k in names])
    return np.array(names, dtype=object)[rng.choice(len(names), size=n, p=p / p.sum())]


def _score(rng: np.random.Generator, consequence: np.ndarray) -> np.ndarray:
    """Toy in-silico 'damaging' score 0–1 (higher for more severe consequences)."""
    base = {"synonymous": 0.05, "splice region": 0.2, "missense": 0.35, "inframe indel": 0.5,
            "start lost": 0.8, "splice site": 0.85, "frameshift": 0.9, "stop gained": 0.9}
    centre = np.array([base[c] for c in consequence])
    return np.clip(centre + rng.normal(0, 0.15, len(centre)), 0, 1).round(2)


def _background_genes(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    genes = np.array([f"SG{i:04d}" for i in range(1, N_BACKGROUND_GENES + 1)], dtype=object)
    on_x = rng.random(N_BACKGROUND_GENES) < X_SHARE
    chroms = np.where(on_x, "X", (rng.integers(1, 23, N_BACKGROUND_GENES)).astype(str))
    pick = rng.integers(0, N_BACKGROUND_GENES, n)
    return genes[pick], chroms[pick].astype(object)


def _gt(dosage: np.ndarray, hemizygous: np.ndarray) -> np.ndarray:
    dip = np.array(["0/0", "0/1", "1/1"], dtype=object)[np.clip(dosage, 0, 2)]
    hemi = np.array(["0", "1"], dtype=object)[np.clip(dosage, 0, 1)]
    return np.where(hemizygous, hemi, dip)


def simulate_family(case: dict, rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """One trio exome: every site where the child carries a change, with parents' genotypes.

    Returns the table (all of the child's variants) and the planted causes' variant ids.
    """
    if not isinstance(case, dict) or case.get("case_id") not in PLANTED \
            or case.get("sex") not in ("female", "male"):
        raise ValueError("case must be one of simulate.CASES (a dict with a known case_id "
                         "and sex).")
    if not isinstance(rng, np.random.Generator):
        raise TypeError("rng must be a numpy Generator, e.g. numpy.random.default_rng(SEED).")
    son = case["sex"] == "male"
    # Population catalogue sites, genotypes drawn from the allele frequency (Hardy-Weinberg).
    afs = np.concatenate([np.exp(rng.uniform(np.log(lo), np.log(hi), n))
                          for n, lo, hi in CATALOGUE])
    rare = [np.exp(rng.uniform(np.log(1e-5), np.log(1e-3), RARE_PER_PARENT)),
            np.zeros(PRIVATE_PER_PARENT)]
    n_cat = len(afs)
    genes, chroms = _background_genes(rng, n_cat)
    is_x = chroms == "X"
    mother = rng.binomial(2, afs)
    father = np.where(is_x, rng.binomial(1, afs), rng.binomial(2, afs))
    # Each parent's own rare and private variants (heterozygous; father's X ones hemizygous).
    extra = []
    for parent in ("mother", "father"):
        own_af = np.concatenate(rare)
        g, c = _background_genes(rng, len(own_af))
        m = np.where(np.full(len(own_af), parent == "mother"), 1, 0)
        f = np.where(np.full(len(own_af), parent == "father"), 1, 0)
        extra.append((own_af, g, c, m, f))
    afs = np.concatenate([afs] + [e[0] for e in extra])
    genes = np.concatenate([genes] + [e[1] for e in extra])
    chroms = np.concatenate([chroms] + [e[2] for e in extra])
    mother = np.concatenate([mother] + [e[3] for e in extra])
    father = np.concatenate([father] + [e[4] for e in extra])
    is_x = chroms == "X"
    # Mendelian transmission: one allele from each parent (a son gets no X from his father).
    from_mother = rng.binomial(1, mother / 2)
    from_father = np.where(is_x, father, rng.binomial(1, father / 2))
    from_father = np.where(is_x & son, 0, from_father)
    child = from_mother + from_father
    child = np.where(is_x & son, from_mother * 2, child)  # hemizygous: one copy, all changed
    keep = child > 0
    # Common background variants in the real disease genes (synonymous, AF > 5%).
    n_real = len(DISEASE_GENES) * 3
    real_genes = np.array([g for g in DISEASE_GENES for _ in range(3)], dtype=object)
    real_chrom = np.array([_GENE_CHROM[g] for g in real_genes], dtype=object)
    real_af = rng.uniform(0.1, 0.6, n_real)
    real_m = rng.binomial(2, real_af)
    real_f = np.where(real_chrom == "X", rng.binomial(1, real_af), rng.binomial(2, real_af))
    real_from_m = rng.binomial(1, real_m / 2)
    real_from_f = np.where(real_chrom == "X", 0 if son else real_f,
                           rng.binomial(1, real_f / 2))
    real_child = np.where((real_chrom == "X") & son, real_from_m * 2, real_from_m + real_from_f)
    real_keep = real_child > 0

    def block(af, gene, chrom, c, m, f, consequence=None) -> pd.DataFrame:
        n = len(af)
        cons = _consequences(rng, n) if consequence is None else consequence
        hemi_child = (chrom == "X") & son
        return pd.DataFrame({
            "gene": gene, "chrom": chrom, "consequence": cons, "gnomad_af": af,
            "child_gt": _gt(c, hemi_child), "mother_gt": _gt(m, np.zeros(n, bool)),
            "father_gt": _gt(f, chrom == "X"), "in_silico": _score(rng, cons),
        })

    parts = [block(afs[keep], genes[keep], chroms[keep], child[keep], mother[keep],
                   father[keep]),
             block(real_af[real_keep], real_genes[real_keep], real_chrom[real_keep],
                   real_child[real_keep], real_m[real_keep], real_f[real_keep],
                   np.full(int(real_keep.sum()), "synonymous", dtype=object))]
    # True de novo coding variants (Poisson, mean 1), in background genes.
    n_dn = int(rng.poisson(DE_NOVO_MEAN))
    g, c = _background_genes(rng, n_dn)
    c = np.where(c == "X", "1", c).astype(object)  # keep de novo ones autosomal here
    parts.append(block(np.zeros(n_dn), g, c, np.ones(n_dn, int), np.zeros(n_dn, int),
                       np.zeros(n_dn, int)))
    table = pd.concat(parts, ignore_index=True)
    table["filter"] = np.where(rng.random(len(table)) < LOW_QUALITY_SHARE, "LowQual", "PASS")
    # Sequencing artefacts: low-quality calls seen only in the child (look de novo).
    g, c = _background_genes(rng, FALSE_DE_NOVO_CALLS)
    c = np.where(c == "X", "3", c).astype(object)
    artefacts = block(np.zeros(FALSE_DE_NOVO_CALLS), g, c, np.ones(FALSE_DE_NOVO_CALLS, int),
                      np.zeros(FALSE_DE_NOVO_CALLS, int), np.zeros(FALSE_DE_NOVO_CALLS, int),
                      np.full(FALSE_DE_NOVO_CALLS, "missense", dtype=object))
    artefacts["filter"] = "LowQual"
    planted_rows = []
    for kind, rows in (("cause", PLANTED[case["case_id"]]), ("trap", TRAPS.get(case["case_id"],
                                                                                []))):
        for gene, cons, af, cg, mg, fg, score in rows:
            planted_rows.append({"gene": gene, "chrom": _GENE_CHROM[gene], "consequence": cons,
                                 "gnomad_af": af, "child_gt": cg, "mother_gt": mg,
                                 "father_gt": fg, "in_silico": score, "filter": "PASS",
                                 "_kind": kind})
    planted = pd.DataFrame(planted_rows, columns=[*table.columns, "_kind"])
    table = pd.concat([table, artefacts, planted.drop(columns="_kind")], ignore_index=True)
    kinds = ["background"] * (len(table) - len(planted)) + planted["_kind"].tolist()
    # Shuffle rows so planted variants are not at the end, then number them.
    order = rng.permutation(len(table))
    table = table.iloc[order].reset_index(drop=True)
    kinds = [kinds[i] for i in order]
    prefix = case["case_id"].replace("RD-", "R")
    table.insert(0, "variant_id", [f"{prefix}-{i:05d}" for i in range(1, len(table) + 1)])
    causes = [v for v, k in zip(table["variant_id"], kinds, strict=True) if k == "cause"]
    return table, {"causes": causes}


TRIO_COLUMNS = [
    _col("variant_id", "string", "Identifier of the variant within its family (R1-00001 …)."),
    _col("gene", "string", "Gene symbol: one of 14 real disease genes, or an invented "
         "background gene SG0001 … SG4000."),
    _col("chrom", "string", "Chromosome (1–22 or X); positions are not simulated."),
    _col("consequence", "string", "Predicted effect on the protein.",
         allowed=list(CONSEQUENCE_SHARES)),
    _col("gnomad_af", "float", "Simulated population allele frequency (a share; 0 = absent "
         "from the population database), standing in for gnomAD.", decimals=6),
    _col("filter", "string", "PASS, or LowQual when the call failed the lab's quality checks.",
         allowed=["PASS", "LowQual"]),
    _col("child_gt", "string", "Child's genotype: 0/1 one changed copy, 1/1 both; a son's X "
         "is written 1 (one copy, changed)."),
    _col("mother_gt", "string", "Mother's genotype (0/0, 0/1, 1/1)."),
    _col("father_gt", "string", "Father's genotype; his X is written 0 or 1 (one copy)."),
    _col("in_silico", "float", "Toy computer-prediction score of damage, 0–1 (stands in for "
         "tools such as CADD or REVEL; invented).", decimals=2),
]


def _schema(title: str, description: str, columns: list) -> dict:
    return {
        "title": title, "description": description,
        "made_by": f"simulated by precisionmed.raredisease.simulate with numpy "
                   f"default_rng(seed={SEED})",
        "version": "2026-12-01",
        "sources": [
            "Coding variants per person ≈20,000–23,000 (10,000–11,000 non-synonymous, "
            "10,000–12,000 synonymous); frameshift 220–250, in-frame 190–210, stop-gain 80–100, "
            "splice 40–50: 1000 Genomes Project Consortium, Nature 2010;467:1061.",
            "About one de novo coding variant per trio (1.13 observed, 0.98 expected): de Ligt "
            "2012 / Rauch 2012 data as tabulated in PMC4222185.",
            "All genotypes, frequencies and scores are invented for teaching.",
        ],
        "columns": columns,
    }


def _summary(case: dict, table: pd.DataFrame) -> dict:
    child = table
    common = child["gnomad_af"] > STORE_MAX_AF
    return {**{k: case[k] for k in ("case_id", "family_id", "child", "sex", "age_years",
                                    "hpo_terms", "story", "stored")},
            "child_variants": len(child),
            "not_stored": int(common.sum()) if case["case_id"] != "RD-01" else 0,
            "not_stored_pass": int((common & (child["filter"] == "PASS")).sum())
            if case["case_id"] != "RD-01" else 0}


def simulate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """All lesson-07 tables from ``numpy.random.default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    exome, extracts, cases, answers = None, [], [], []
    for case in CASES:
        table, planted = simulate_family(case, rng)
        cases.append(_summary(case, table))
        genes = sorted({g for g, *_ in PLANTED[case["case_id"]]})
        answers.append({"case_id": case["case_id"], "gene": ";".join(genes) or "none found",
                        "variant_ids": ";".join(planted["causes"]) or "none",
                        "mode": {"RD-01": "de novo", "RD-02": "autosomal recessive",
                                 "RD-03": "compound heterozygous",
                                 "RD-04": "X-linked recessive",
                                 "RD-05": "none"}[case["case_id"]],
                        "explanation": _EXPLAIN[case["case_id"]]})
        if case["case_id"] == "RD-01":
            exome = table
        else:
            stored = table[table["gnomad_af"] <= STORE_MAX_AF].copy()
            stored.insert(0, "case_id", case["case_id"])
            extracts.append(stored)
    return {"exome": exome, "extracts": pd.concat(extracts, ignore_index=True),
            "cases": pd.DataFrame(cases), "answers": pd.DataFrame(answers),
            "family": pd.DataFrame(FAMILY)}


_EXPLAIN = {
    "RD-01": "A new (de novo) missense change in SCN1A, absent from both parents and from the "
             "population database; SCN1A changes cause Dravet syndrome (febrile and long "
             "seizures, slowed development). The KCNQ2 variant came from her healthy father.",
    "RD-02": "The same rare stop-gained change in ASPM on both copies; each healthy parent "
             "carries one copy. ASPM causes primary microcephaly (recessive).",
    "RD-03": "Two different rare DHCR7 changes, one from each parent (in trans): "
             "Smith-Lemli-Opitz syndrome (recessive). The two ASPM changes both came from her "
             "mother (in cis): one copy of ASPM still works.",
    "RD-04": "A stop-gained change in DMD on Kwame's only X, from his carrier mother: Duchenne "
             "muscular dystrophy (X-linked).",
    "RD-05": "No variant fits: reanalysis later, data sharing and matchmaking are next. The "
             "MECP2 change came from her healthy mother.",
}

CASES_COLUMNS = [
    _col("case_id", "string", "Case identifier RD-01 … RD-05."),
    _col("family_id", "string", "Family identifier; FAM-07 is the course's recurring family "
         "(patients/families)."),
    _col("child", "string", "The child's first name (invented)."),
    _col("sex", "string", "The child's sex (for X-linked inheritance).",
         allowed=["female", "male"]),
    _col("age_years", "integer", "The child's age.", unit="years"),
    _col("hpo_terms", "string", "The child's features as HPO term ids, separated by ';' "
         "(names in knowledge/rare_hpo_terms)."),
    _col("story", "string", "What the family tells the doctors."),
    _col("stored", "string", "What the course stores for this case: the whole exome "
         "(raredisease/trio_exome) or only variants up to 1% frequency "
         "(raredisease/case_variants).", allowed=["whole exome", "variants up to 1% frequency"]),
    _col("child_variants", "integer", "Variants the child carries in the whole simulated "
         "exome.", unit="variants"),
    _col("not_stored", "integer", "Of those, the ones more common than 1% (not stored).",
         unit="variants"),
    _col("not_stored_pass", "integer", "Of the not-stored ones, those that passed quality "
         "checks.", unit="variants"),
]

ANSWER_COLUMNS = [
    _col("case_id", "string", "Case identifier."),
    _col("gene", "string", "Gene with the planted cause ('none found' for RD-05)."),
    _col("variant_ids", "string", "Planted causal variant ids, separated by ';'."),
    _col("mode", "string", "Inheritance of the planted cause.",
         allowed=["de novo", "autosomal recessive", "compound heterozygous",
                  "X-linked recessive", "none"]),
    _col("explanation", "string", "Why, in plain words (for instructors)."),
]

FAMILY_COLUMNS = [
    _col("person_id", "string", "Course-wide identifier (continues PM-001 … PM-005 of "
         "patients/recurring)."),
    _col("family_id", "string", "Family identifier."),
    _col("role", "string", "Role in the trio.", allowed=["child", "mother", "father"]),
    _col("name", "string", "First name (invented)."),
    _col("age_years", "integer", "Age.", unit="years"),
    _col("sex", "string", "Sex recorded at birth.", allowed=["female", "male"]),
    _col("background", "string", "A few words about the person."),
    _col("story", "string", "Why they meet medicine in this course."),
    _col("lessons", "string", "Lesson numbers that use this person, separated by ';'."),
]


def build(out_dir: Path) -> list[Path]:
    """Write lesson 07's tables under ``out_dir``."""
    out_dir = Path(out_dir)
    tables = simulate()
    written = write_table(tables["exome"], out_dir, "raredisease/trio_exome", _schema(
        "Lina's trio exome (whole, simulated)",
        "Every coding variant that Lina (RD-01, the recurring family FAM-07) carries, with "
        "her mother's and father's genotype at the same site. A seeded simulation with "
        "realistic counts; one planted de novo cause and one trap.", TRIO_COLUMNS))
    case_cols = [_col("case_id", "string", "Case (family) the variant belongs to."),
                 *TRIO_COLUMNS]
    written += write_table(tables["extracts"], out_dir, "raredisease/case_variants", _schema(
        "Four more families' exomes: the variants up to 1% frequency (simulated)",
        "For cases RD-02 … RD-05, each child's variants whose population frequency is at "
        "most 1% (a lenient cut-off for recessive disease; Whiffin 2017), with the parents' "
        "genotypes; the common rest is counted in raredisease/cases so files stay small.",
        case_cols))
    written += write_table(tables["cases"], out_dir, "raredisease/cases", _schema(
        "Lesson 07's five families (simulated)",
        "One row per case: the child, their features as HPO terms and how many variants "
        "the whole exome held.", CASES_COLUMNS))
    written += write_table(tables["answers"], out_dir, "raredisease/answer_key", _schema(
        "Answer key for lesson 07 (instructors)",
        "The planted cause of each case. Kept apart from the cases so learners can solve "
        "them.", ANSWER_COLUMNS))
    family_schema = {**_schema(
        "The course's recurring family (lesson 07)",
        "Lina and her parents, the trio of lesson 07. Kept beside patients/recurring "
        "(PM-001 … PM-005), whose rows are unchanged. Not real people.", FAMILY_COLUMNS),
        "made_by": "written by hand in precisionmed.raredisease.simulate (no randomness)"}
    written += write_table(tables["family"], out_dir, "patients/families", family_schema)
    return written
