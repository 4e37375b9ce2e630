"""One plotting style for every figure of the book and of the export."""

from __future__ import annotations

import contextlib

import matplotlib as mpl

__all__ = ["COLORS", "RC_PARAMS", "use_style"]

# Colours by role, so a quantity keeps its colour across chapters.
COLORS = {
    "w1": "#1f77b4",
    "w2": "#d62728",
    "output": "#2ca02c",
    "target": "#000000",
    "lyapunov": "#9467bd",
    "alpha": "#ff7f0e",
    "guarantee": "#7f7f7f",
}

RC_PARAMS = {
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "lines.linewidth": 1.2,
    "figure.constrained_layout.use": True,
}


@contextlib.contextmanager
def use_style():
    """Apply the book's Matplotlib settings inside a ``with`` block."""
    with mpl.rc_context(RC_PARAMS):
        yield
