"""Executable companion to Alemi, Aksay and Goldman, "A Lyapunov theory
demonstrating a fundamental limit on the speed of systems consolidation".

The package holds the model, its theory and the paper's figures as code:

- :mod:`consolidation.model` -- Eqs. 1-3 and :func:`simulate`;
- :mod:`consolidation.inputs` -- step commands, perturbations, modulated rates;
- :mod:`consolidation.lyapunov` -- Lyapunov functions, bounds, critical ratios;
- :mod:`consolidation.oscillator` -- the damped driven oscillator of Eqs. 8-9;
- :mod:`consolidation.floquet` -- Floquet multipliers and stability charts;
- :mod:`consolidation.figures` -- one module per figure of the paper.
"""

from . import floquet, inputs, lyapunov, model, oscillator
from .floquet import (
    floquet_growth_rate,
    floquet_multipliers,
    monodromy_matrix,
    resonance_chart,
    spectral_radius,
    stability_chart,
)
from .inputs import *  # noqa: F403
from .lyapunov import *  # noqa: F403
from .model import *  # noqa: F403
from .oscillator import *  # noqa: F403

__all__ = [
    *model.__all__,
    *inputs.__all__,
    *lyapunov.__all__,
    *oscillator.__all__,
    # floquet's step_count and DEFAULT_TOLERANCE are too generic for the top
    # level; they stay in consolidation.floquet.
    "floquet_growth_rate",
    "floquet_multipliers",
    "monodromy_matrix",
    "resonance_chart",
    "spectral_radius",
    "stability_chart",
]
