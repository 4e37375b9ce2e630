"""Inputs for the experiments of the paper: commands, perturbations and rates.

Every input is a callable of time. Inputs that switch abruptly carry a
``breakpoints`` attribute, the times at which they jump; :func:`simulate`
restarts the integrator at those times so that no switch is stepped over.

- :class:`SmoothedStep` -- a step passed through the first-order filter
  ``1 / (tau s + 1)``, in closed form: ``r(t) = A (1 - exp(-(t - t_on) / tau))``
  for ``t >= t_on`` and 0 before.
- :class:`RandomAmplitudeSine` -- an additive perturbation
  ``xi(t) = a(t) sin(omega t)`` whose amplitude ``a(t)`` is piecewise constant,
  redrawn uniformly on ``[0, max_amplitude]`` every ``period`` seconds from a
  seeded generator.
- :class:`ModulatedRate` -- a learning rate ``eta_bar (1 + depth sin(omega t))``,
  the time-varying early-stage rate of the parametric-instability experiment.
"""

from __future__ import annotations

import math

import numpy as np

from ._validate import finite as _finite
from ._validate import non_negative as _non_negative
from ._validate import positive as _positive

__all__ = ["SmoothedStep", "RandomAmplitudeSine", "ModulatedRate"]

# Largest number of amplitude draws a RandomAmplitudeSine stores (8 bytes each).
MAX_PERIODS = 10_000_000


class SmoothedStep:
    """Step of height ``amplitude`` at ``t_on`` filtered by ``1 / (tau s + 1)``.

    Parameters
    ----------
    t_on : float
        Switch-on time in seconds (>= 0).
    amplitude : float
        Final value of the step (finite).
    tau : float
        Time constant of the first-order filter in seconds (> 0). The released
        simulation of Figure 1 filters with ``100 / (s + 100)``: tau = 0.01 s,
        unit DC gain.
    """

    def __init__(self, t_on: float, amplitude: float = 1.0, tau: float = 0.01):
        self.t_on = _non_negative("t_on", t_on)
        self.amplitude = _finite("amplitude", amplitude)
        self.tau = _positive("tau", tau)
        self.breakpoints = (self.t_on,)

    def __call__(self, t):
        t = np.asarray(t, dtype=float)
        elapsed = np.maximum(t - self.t_on, 0.0)
        value = self.amplitude * -np.expm1(-elapsed / self.tau)
        return value if value.ndim else float(value)

    def __repr__(self) -> str:
        return (
            f"SmoothedStep(t_on={self.t_on}, amplitude={self.amplitude}, "
            f"tau={self.tau})"
        )


class RandomAmplitudeSine:
    """Additive perturbation ``xi(t) = a(t) sin(omega t)``, ``a`` redrawn each period.

    ``a(t)`` is constant on ``[k period, (k + 1) period)`` and drawn uniformly on
    ``[0, max_amplitude]`` for each k from ``numpy.random.default_rng(seed)``,
    so a seed fixes the whole realisation. The object is called as
    ``xi(t, e)``, the signature :func:`simulate` expects of a perturbation; the
    error ``e`` is ignored because this perturbation is additive.

    Parameters
    ----------
    max_amplitude : float
        Upper end of the uniform amplitude distribution (>= 0).
    omega : float
        Angular frequency of the carrier in rad/s (finite).
    period : float
        Time between amplitude draws in seconds (> 0).
    t_end : float
        Last time the perturbation must cover in seconds (> 0).
    seed : int
        Seed of the random generator.
    """

    def __init__(
        self,
        max_amplitude: float,
        omega: float,
        period: float,
        t_end: float,
        seed: int = 0,
    ):
        self.max_amplitude = _non_negative("max_amplitude", max_amplitude)
        self.omega = _finite("omega", omega)
        self.period = _positive("period", period)
        self.t_end = _positive("t_end", t_end)
        is_integer = isinstance(seed, (int, np.integer)) and not isinstance(seed, bool)
        if not is_integer or seed < 0:
            raise ValueError(f"seed must be a non-negative integer; got {seed!r}")
        self.seed = int(seed)
        if self.t_end / self.period > MAX_PERIODS:
            raise ValueError(
                f"t_end / period must be at most {MAX_PERIODS:.0e} amplitude draws; "
                f"got t_end = {self.t_end:g} s with period = {self.period:g} s"
            )
        n_periods = int(math.ceil(self.t_end / self.period)) + 1
        rng = np.random.default_rng(seed)
        self.amplitudes = self.max_amplitude * rng.uniform(0.0, 1.0, n_periods)
        self.breakpoints = tuple(
            k * self.period for k in range(1, n_periods) if k * self.period < self.t_end
        )

    def amplitude(self, t):
        """Return the amplitude ``a(t)`` in force at time ``t`` (s)."""
        t = np.asarray(t, dtype=float)
        index = np.clip(np.floor(t / self.period).astype(int), 0, len(self.amplitudes) - 1)
        value = self.amplitudes[index]
        return value if value.ndim else float(value)

    def __call__(self, t, e=None):
        value = self.amplitude(t) * np.sin(self.omega * np.asarray(t, dtype=float))
        return value if np.ndim(value) else float(value)

    def __repr__(self) -> str:
        return (
            f"RandomAmplitudeSine(max_amplitude={self.max_amplitude}, "
            f"omega={self.omega}, period={self.period}, t_end={self.t_end}, "
            f"seed={self.seed})"
        )


class ModulatedRate:
    """Learning rate ``eta_bar (1 + depth sin(omega t))`` in 1/s.

    Parameters
    ----------
    eta_bar : float
        Mean rate (> 0).
    depth : float
        Relative modulation depth, in ``[0, 1)`` so that the rate stays positive.
    omega : float
        Modulation frequency in rad/s (> 0).
    """

    def __init__(self, eta_bar: float, depth: float, omega: float):
        self.eta_bar = _positive("eta_bar", eta_bar)
        self.depth = _non_negative("depth", depth)
        if self.depth >= 1.0:
            raise ValueError(
                f"depth must be in [0, 1) so that the rate stays positive; got {depth!r}"
            )
        self.omega = _positive("omega", omega)

    def __call__(self, t):
        value = self.eta_bar * (1.0 + self.depth * np.sin(self.omega * np.asarray(t, dtype=float)))
        return value if np.ndim(value) else float(value)

    @property
    def minimum(self) -> float:
        """Smallest value the rate takes, ``eta_bar (1 - depth)``."""
        return self.eta_bar * (1.0 - self.depth)

    @property
    def maximum(self) -> float:
        """Largest value the rate takes, ``eta_bar (1 + depth)``."""
        return self.eta_bar * (1.0 + self.depth)

    def __repr__(self) -> str:
        return f"ModulatedRate(eta_bar={self.eta_bar}, depth={self.depth}, omega={self.omega})"
