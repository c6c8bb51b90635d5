"""precisionmed: the helper package behind the Precision Medicine Workbooks.

Teaching material with simulated data — not medical advice. Importing the package changes no
global state (no matplotlib settings); call :func:`precisionmed.plots.use_style` for that.
"""

__version__ = "0.1.0"

DISCLAIMER = "Teaching material with simulated data — not medical advice."
