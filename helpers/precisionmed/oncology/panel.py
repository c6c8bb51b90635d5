"""The course's teaching gene panel: about 50 cancer genes a tumour test might read.

The list is invented for teaching but made of real, well-known cancer genes. ``CHROMOSOME``
gives each gene's chromosome (GRCh38); the simulator uses it to place variants on the right
chromosome. Exact positions are only claimed for the hotspots in the knowledge table
``knowledge/onc_hotspots``.
"""

from __future__ import annotations

#: Gene → chromosome for the teaching panel (GRCh38 chromosome names).
CHROMOSOME: dict[str, str] = {
    "ABL1": "chr9", "AKT1": "chr14", "ALK": "chr2", "APC": "chr5", "ARID1A": "chr1",
    "ASXL1": "chr20", "ATM": "chr11", "BCR": "chr22", "BRAF": "chr7", "BRCA1": "chr17",
    "BRCA2": "chr13", "CDH1": "chr16", "CDKN2A": "chr9", "CTNNB1": "chr3", "DNMT3A": "chr2",
    "EGFR": "chr7", "ERBB2": "chr17", "ESR1": "chr6", "FBXW7": "chr4", "FGFR1": "chr8",
    "FGFR2": "chr10", "FGFR3": "chr4", "FLT3": "chr13", "GATA3": "chr10", "HRAS": "chr11",
    "IDH1": "chr2", "IDH2": "chr15", "JAK2": "chr9", "KEAP1": "chr19", "KIT": "chr4",
    "KRAS": "chr12", "MAP2K1": "chr15", "MET": "chr7", "MLH1": "chr3", "MSH2": "chr2",
    "MYC": "chr8", "NF1": "chr17", "NPM1": "chr5", "NRAS": "chr1", "NTRK1": "chr1",
    "NTRK2": "chr9", "NTRK3": "chr15", "PDGFRA": "chr4", "PIK3CA": "chr3", "PTEN": "chr10",
    "RB1": "chr13", "RET": "chr10", "ROS1": "chr6", "RUNX1": "chr21", "SMAD4": "chr18",
    "STK11": "chr19", "TET2": "chr4", "TP53": "chr17",
}

#: Panel genes in alphabetical order.
PANEL_GENES: tuple[str, ...] = tuple(sorted(CHROMOSOME))

#: Other names people use for panel genes (upper case) → the official symbol.
GENE_ALIASES: dict[str, str] = {"HER2": "ERBB2", "NEU": "ERBB2", "C-KIT": "KIT",
                                "P53": "TP53", "BCR-ABL": "ABL1", "BCR-ABL1": "ABL1"}

#: Size of the panel's sequenced region used to turn a mutation count into a TMB (megabases).
PANEL_MEGABASES = 0.25
