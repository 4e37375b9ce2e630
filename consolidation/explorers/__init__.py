"""Interactive explorers (ipywidgets) for the book's chapters.

Each explorer binds sliders to a computation and a drawing on one persistent
figure. In Jupyter or Binder, moving a slider calls :meth:`Explorer.update`,
which recomputes and redraws; in the static HTML the book shows
:meth:`Explorer.static_figure`, the default view, as an ordinary figure.
"""

from ._base import Explorer

__all__ = ["Explorer"]
