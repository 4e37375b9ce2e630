"""Explorer of the two-stage model (Eqs. 1-3) under a sinusoidal perturbation.

The sliders set the ratio of learning rates ``alpha = eta2 / eta1`` (with
``eta1 = 0.01`` 1/s fixed, so ``eta2 = 0.01 alpha``), the amplitude ``a`` of an
additive perturbation ``xi = a sin(omega t)`` and its frequency as a multiple
of the undamped natural frequency ``omega_n = sqrt(eta1 eta2)``. The model
starts from ``w1 = w2 = 0`` with a constant command ``r_in = 1`` and target
gain ``w* = 0.1``, the target of the released Figure 1 simulation, and runs for
4000 s, shorter than Figure 1's 15000 s so one update stays fast.

The top panel shows ``w1`` and ``w2`` with a band at ``w* +- A``, where ``A`` is
the steady-state amplitude of ``w2`` from the linear response (Eq. 9):
``A = a / sqrt((1 - r^2)^2 + (2 zeta r)^2)``, ``r = omega / omega_n``,
``zeta = 1 / (2 sqrt(alpha))``. The bottom panel shows the Lyapunov function
``L`` of Eq. 6. The title states whether ``alpha <= 1``, the range that Eq. 7
guarantees at ``mu = 0``. The additive perturbation here does not scale with
the error, so it lies outside that guarantee for every ``alpha``. With constant
rates the response stays bounded for every ``alpha`` (Eq. 9).
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from .. import _validate
from ..figures.style import COLORS, use_style
from ..lyapunov import critical_ratio
from ..model import simulate
from ._base import Explorer

__all__ = ["ETA1", "W_STAR", "T_END", "simulate_two_stage", "make_explorer"]

# Early-stage rate in 1/s and target gain, as in the released Figure 1 model.
ETA1 = 0.01
W_STAR = 0.1
# Run length in seconds: 40 time constants of the early stage.
T_END = 4000.0
# Output samples every 4 s: at least 5 per period of the fastest setting
# (alpha = 100, omega = 3 omega_n = 0.3 rad/s, period 21 s).
_N_SAMPLES = 1001
# Looser tolerances than the book's defaults, and no cap on the step, keep one
# update fast. Over the sliders' range the weights then stay within 1e-6 of a
# run with rtol = 1e-10 and 1 s steps (tests/test_explorer_two_stage.py checks
# 1e-5 at three corners), far below what a plot of weights near w* = 0.1
# resolves.
_RTOL = 1e-6
_ATOL = 1e-9


def simulate_two_stage(alpha: float, amplitude: float, frequency_ratio: float) -> dict:
    """Simulate the explorer's run and return what the figure draws.

    Parameters
    ----------
    alpha : float
        Ratio ``eta2 / eta1`` (finite, > 0).
    amplitude : float
        Amplitude ``a`` of ``xi = a sin(omega t)`` (finite, >= 0).
    frequency_ratio : float
        ``omega / omega_n`` (finite, > 0).

    Returns
    -------
    dict
        ``trajectory`` (a :class:`~consolidation.model.Trajectory`), ``alpha``,
        ``amplitude``, ``omega`` (rad/s), ``omega_n`` (rad/s) and
        ``steady_amplitude``, the amplitude of ``w2`` predicted by Eq. 9.
    """
    alpha = _validate.positive("alpha", alpha)
    amplitude = _validate.non_negative("amplitude", amplitude)
    frequency_ratio = _validate.positive("frequency_ratio", frequency_ratio)
    eta2 = alpha * ETA1
    omega_n = math.sqrt(ETA1 * eta2)
    omega = frequency_ratio * omega_n

    def perturbation(t, e):
        return amplitude * math.sin(omega * t)

    trajectory = simulate(
        ETA1,
        eta2,
        T_END,
        w_star=W_STAR,
        perturbation=perturbation,
        n_samples=_N_SAMPLES,
        rtol=_RTOL,
        atol=_ATOL,
        max_step=np.inf,
    )
    zeta = 1.0 / (2.0 * math.sqrt(alpha))
    steady = amplitude / math.hypot(
        1.0 - frequency_ratio**2, 2.0 * zeta * frequency_ratio
    )
    return {
        "trajectory": trajectory,
        "alpha": alpha,
        "amplitude": amplitude,
        "omega": omega,
        "omega_n": omega_n,
        "steady_amplitude": steady,
    }


def _render(figure: Figure, data: dict) -> None:
    """Draw the weights and the Lyapunov function of one run on ``figure``."""
    trajectory = data["trajectory"]
    alpha = data["alpha"]
    guaranteed = alpha <= critical_ratio(0.0)
    with use_style():
        _draw(figure, data, trajectory, alpha, guaranteed)


def _draw(figure: Figure, data: dict, trajectory, alpha: float, guaranteed: bool):
    figure.set_layout_engine("constrained")
    ax_weights, ax_lyapunov = figure.subplots(2, 1, sharex=True)

    # Weights, target and the steady-state band of Eq. 9.
    steady = data["steady_amplitude"]
    ax_weights.axhspan(
        W_STAR - steady,
        W_STAR + steady,
        color=COLORS["guarantee"],
        alpha=0.25,
        label="$w^* \\pm$ steady amplitude (Eq. 9)",
    )
    ax_weights.plot(trajectory.t, trajectory.w1, color=COLORS["w1"], label="$w_1$")
    ax_weights.plot(trajectory.t, trajectory.w2, color=COLORS["w2"], label="$w_2$")
    ax_weights.axhline(W_STAR, color=COLORS["target"], linestyle="--", linewidth=0.8)
    ax_weights.set_ylabel("weight")
    ax_weights.legend(loc="upper right", ncol=3)
    side = "inside" if guaranteed else "outside"
    ax_weights.set_title(
        f"alpha = {alpha:.3g}, eta2 = {alpha * ETA1:.3g} 1/s, "
        f"omega = {data['omega']:.3g} rad/s ({side} alpha <= 1 of Eq. 7 at mu = 0)"
    )

    # Lyapunov function of Eq. 6 on a log scale; it starts at w*^2.
    lyapunov = np.maximum(trajectory.lyapunov, 1e-16)
    ax_lyapunov.semilogy(trajectory.t, lyapunov, color=COLORS["lyapunov"])
    ax_lyapunov.set_ylabel("$L$ (Eq. 6)")
    ax_lyapunov.set_xlabel("time (s)")
    ax_lyapunov.set_ylim(1e-9, 1.0)


def make_explorer() -> Explorer:
    """Build the two-stage explorer with sliders for alpha, amplitude and frequency."""
    # NOTE: the default view updates in about 45 ms (2-core machine, median of
    # 20). Near alpha = 100 with omega >= omega_n the run needs more steps and
    # one update took 0.14-0.3 s there.
    controls = {
        "alpha": widgets.FloatLogSlider(
            value=3.0,
            base=10,
            min=-2,
            max=2,
            step=0.05,
            description="alpha",
            readout_format=".3g",
        ),
        "amplitude": widgets.FloatSlider(
            value=0.002,
            min=0.0,
            max=0.01,
            step=0.0005,
            description="amplitude a",
            readout_format=".4f",
        ),
        "frequency_ratio": widgets.FloatSlider(
            value=1.0,
            min=0.1,
            max=3.0,
            step=0.05,
            description="omega/omega_n",
        ),
    }
    return Explorer(simulate_two_stage, _render, controls, figsize=(8.0, 5.0))
