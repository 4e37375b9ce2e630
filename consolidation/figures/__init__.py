"""The paper's figures as code, one module per figure.

Each module ``figN`` exposes ``compute()``, which runs the model or the theory
and returns the data, and ``plot(data)``, which draws it and returns a
:class:`matplotlib.figure.Figure`. Plotting never simulates, so the book and
``python -m consolidation.figures`` draw the same figures from the same data.
"""

from .style import COLORS, use_style

__all__ = ["COLORS", "use_style", "FIGURE_MODULES"]

# Figure name -> module under consolidation.figures, in the paper's order.
FIGURE_MODULES = {
    "figure1": "fig1",
    "figure2": "fig2",
    "figure3": "fig3",
    "figure4": "fig4",
    "stability_map": "stability_map",
}
