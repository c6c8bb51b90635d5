"""Reading a tumour's DNA: VAF, purity, origin calls, annotation and therapy matching.

Matches alterations to targeted drugs with evidence levels and flags resistance.

Teaching material with simulated data — not medical advice. Facts come from the knowledge
tables ``datasets/knowledge/onc_*.csv`` (each row names its source); code only reads them.

Sub-modules: :mod:`~precisionmed.oncology.variants` (VAF, purity, origin calls),
:mod:`~precisionmed.oncology.parsing` (reading "BRAF V600E"), :mod:`~precisionmed.oncology.matching`
(therapies, settings, co-occurring resistance), :mod:`~precisionmed.oncology.classes`
(exon classes), :mod:`~precisionmed.oncology.annotate`, :mod:`~precisionmed.oncology.board`
(a simulated patient's tumour-board report and VAF plot), :mod:`~precisionmed.oncology.panel`.
"""

from precisionmed.oncology.annotate import annotate
from precisionmed.oncology.classes import exon_of, variant_classes
from precisionmed.oncology.knowledge import actionability, hotspots, prevalence
from precisionmed.oncology.matching import (
    Setting,
    match_therapies,
    resistance_warnings,
    resolve_cancer_type,
    therapy_summary,
)
from precisionmed.oncology.panel import PANEL_MEGABASES
from precisionmed.oncology.parsing import Alteration, parse_alteration
from precisionmed.oncology.variants import (
    cancer_cell_fraction,
    clonality,
    estimate_purity,
    expected_vaf,
    origin_call,
    vaf,
)

__all__ = [
    "PANEL_MEGABASES", "Alteration", "Setting", "actionability", "annotate",
    "cancer_cell_fraction", "clonality", "estimate_purity", "exon_of", "expected_vaf",
    "hotspots", "match_therapies", "origin_call",
    "parse_alteration", "prevalence", "resistance_warnings", "resolve_cancer_type",
    "therapy_summary", "vaf", "variant_classes",
]
