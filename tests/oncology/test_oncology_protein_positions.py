"""Every simulated protein change could exist: inside the protein, with the true residue.

Checked against the sourced table ``knowledge/protein_lengths`` (UniProt canonical lengths and
checked reference residues). Covers every dataset that names a protein change: lesson 03's
calls (MAF-like table, answer key, the VCFs' PROT field), the recurring patients and lesson
06's protein fragment.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from precisionmed import data, vcf
from precisionmed.oncology import knowledge
from precisionmed.oncology import simulate as sim

#: A one-letter protein change that names a residue: substitution, deletion, insertion, dup.
PROTEIN_CHANGE = re.compile(r"^[ACDEFGHIKLMNPQRSTVWY]\d+")


def _changes() -> list[tuple[str, str, str]]:
    """(where, gene, change) for every protein change named in the datasets."""
    out: list[tuple[str, str, str]] = []
    for name in ("oncology/maf", "oncology/answer_key"):
        table = data.load(name)
        out += [(name, g, a) for g, a in zip(table["gene"], table["alteration"], strict=True)]
    for cancer in sim.CANCERS:
        records = vcf.read_vcf(data.path(f"oncology/vcf/{cancer.lower()}"))
        for info in records["INFO"]:
            fields = vcf.parse_info(info)
            out.append((f"oncology/vcf/{cancer.lower()}", str(fields["GENE"]),
                        str(fields["PROT"])))
    recurring = data.load("patients/recurring")
    for text in recurring["tumour_alterations"].dropna():
        for item in str(text).split(";"):
            gene, _, change = item.strip().partition(" ")
            out.append(("patients/recurring", gene, change))
    fragments = data.load("immunotherapy/protein_fragments")
    for text in fragments["changes"]:
        for item in str(text).split(";"):
            gene, _, change = item.strip().partition(" ")
            out.append(("immunotherapy/protein_fragments", gene, change))
    return [(w, g, c) for w, g, c in out if PROTEIN_CHANGE.match(c)]


def test_every_simulated_protein_change_fits_its_protein() -> None:
    changes = _changes()
    assert len(changes) > 3000  # the passengers of 540 tumours, not only the drivers
    problems = sorted({(w, g, c, knowledge.check_protein_change(g, c)) for w, g, c in changes
                       if knowledge.check_protein_change(g, c) is not None})
    assert not problems, problems[:10]


def test_the_impossible_changes_of_the_old_data_are_refused_and_gone() -> None:
    # NPM1 has 294 residues, HRAS 189 and ESR1 595 (UniProt): these names cannot exist.
    for gene, change, length in [("NPM1", "L306C", 294), ("HRAS", "H359D", 189),
                                 ("ESR1", "T830M", 595)]:
        problem = knowledge.check_protein_change(gene, change)
        assert problem is not None and f"{length}-residue" in problem
    names = {(g, c) for _, g, c in _changes()}
    assert not names & {("NPM1", "L306C"), ("HRAS", "H359D"), ("ESR1", "T830M")}


def test_reference_residues_are_checked_against_the_sequence() -> None:
    assert knowledge.check_protein_change("KRAS", "G12C") is None
    assert knowledge.check_protein_change("NRAS", "Q61R") is None
    assert knowledge.check_protein_change("EGFR", "L858R") is None
    assert "is G, not A" in knowledge.check_protein_change("KRAS", "A12C")
    assert "not in knowledge/protein_lengths" in knowledge.check_protein_change("XYZ1", "A2B")
    with pytest.raises(TypeError, match="text"):
        knowledge.check_protein_change("KRAS", 12)  # type: ignore[arg-type]


def test_protein_lengths_table_is_sourced_and_pinned() -> None:
    table = knowledge.protein_lengths().set_index("gene")
    assert table["source"].str.len().min() > 20
    assert table["uniprot_as_of"].str.contains("2026").all()
    # Published UniProt canonical lengths (amino acids).
    pinned = {"KRAS": 189, "NRAS": 189, "HRAS": 189, "TP53": 393, "EGFR": 1210,
              "BRAF": 766, "PIK3CA": 1068, "NPM1": 294, "ESR1": 595, "FLT3": 993}
    for gene, length in pinned.items():
        assert table.loc[gene, "canonical_length"] == length, gene
    assert table.loc["TP53", "uniprot_accession"] == "P04637"
    assert table.loc["KRAS", "reference_sequence"].startswith("MTEYKLVVVGAGGVGKS")
    # The course's own KRAS fragment (UniProt P01116, residues 1-80) agrees with the table.
    fragment = data.load("immunotherapy/protein_fragments").iloc[0]["sequence"]
    assert table.loc["KRAS", "reference_sequence"].startswith(fragment)


def test_simulated_passengers_sit_in_genes_with_checked_sequence() -> None:
    maf = data.load("oncology/maf")
    invented = maf[maf["simulated_position"]]
    assert set(invented["gene"]) == set(sim.PASSENGER_GENES)
    table = knowledge.protein_lengths().set_index("gene")
    for gene in sim.PASSENGER_GENES:
        seq = table.loc[gene, "reference_sequence"]
        assert isinstance(seq, str) and len(seq) >= 40
    positions = invented["alteration"].str.extract(r"^[A-Z](\d+)")[0].astype(int)
    assert positions.min() >= 2
    assert pd.api.types.is_integer_dtype(positions)
