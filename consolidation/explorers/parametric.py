"""Explorer of parametric resonance: a modulated early-stage rate eta1(t).

The sliders set the modulation depth, the late-stage rate eta2 and the
modulation frequency Omega of ``eta1(t) = 0.1 (1 + depth sin(Omega t))`` 1/s.
Each update computes the Floquet multipliers of the error dynamics
(:func:`consolidation.floquet.floquet_multipliers`) and simulates Eqs. 1-3 from
``w = (0, 0)`` with ``r_in = 1`` and ``w* = 1`` for 300 s.

The left panel shows the Lyapunov function ``L`` of Eq. 6 of the simulation
and the Floquet prediction of its envelope, ``L(0) exp(2 sigma t)`` with the
growth rate ``sigma = log(rho) / T``. The right panel shows the two multipliers
in the complex plane with the unit circle (the stability boundary) and the
circle of radius ``exp(-eta_bar T / 2)``, on which a complex pair must lie
because their product is ``exp(-eta_bar T)``. The title states whether the
Lyapunov guarantee ``eta2 <= eta_bar (1 - depth)`` holds.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from .. import _validate
from ..figures.style import COLORS, use_style
from ..floquet import floquet_multipliers
from ..inputs import ModulatedRate
from ..model import simulate
from ._base import Explorer

__all__ = ["ETA_BAR", "W_STAR", "T_END", "simulate_parametric", "make_explorer"]

# Mean early-stage rate in 1/s, that of Figure 4 (eta1 = 0.1 (1 + 0.7 sin(0.2 pi t))),
# and target gain.
ETA_BAR = 0.1
W_STAR = 1.0
# Run length in seconds: 30 modulation periods at the default Omega = 0.2 pi
# rad/s, short enough for one update under 100 ms.
T_END = 300.0
_N_SAMPLES = 601
# Looser tolerances than the book's defaults keep one update fast. Where L is
# above 1e-6 of L(0), log L then stays within 2e-3 of a run at the default
# tolerances, far below what a logarithmic axis resolves
# (tests/test_explorer_parametric.py checks this at the corners of the sliders).
_RTOL = 1e-5
_ATOL = 1e-8


def simulate_parametric(depth: float, eta2: float, omega: float) -> dict:
    """Compute the multipliers and a simulation for one setting of the sliders.

    Parameters
    ----------
    depth : float
        Modulation depth of eta1, in [0, 1).
    eta2 : float
        Late-stage rate in 1/s (finite, >= 0).
    omega : float
        Modulation frequency Omega in rad/s (finite, > 0).

    Returns
    -------
    dict
        ``trajectory``, ``multipliers`` (complex, largest modulus first),
        ``radius`` (spectral radius), ``growth_rate`` (1/s), ``period`` (s),
        ``guaranteed`` (bool, ``eta2 <= eta_bar (1 - depth)``), ``depth``,
        ``eta2``, ``omega`` and ``frequency_ratio`` (``Omega / omega_n``, nan
        for ``eta2 = 0``).
    """
    rate = ModulatedRate(ETA_BAR, depth, omega)
    eta2 = _validate.non_negative("eta2", eta2)
    multipliers = floquet_multipliers(eta2, eta_bar=ETA_BAR, depth=depth, omega=omega)
    period = 2.0 * math.pi / omega
    radius = float(np.abs(multipliers[0]))
    trajectory = simulate(
        rate,
        eta2,
        T_END,
        w_star=W_STAR,
        n_samples=_N_SAMPLES,
        rtol=_RTOL,
        atol=_ATOL,
    )
    natural = math.sqrt(ETA_BAR * eta2)
    return {
        "trajectory": trajectory,
        "multipliers": multipliers,
        "radius": radius,
        "growth_rate": math.log(radius) / period,
        "period": period,
        "guaranteed": eta2 <= ETA_BAR * (1.0 - depth),
        "depth": rate.depth,
        "eta2": eta2,
        "omega": rate.omega,
        "frequency_ratio": rate.omega / natural if natural > 0 else math.nan,
    }


def _render(figure: Figure, data: dict) -> None:
    """Draw L with its Floquet envelope and the multipliers on ``figure``."""
    with use_style():
        figure.set_layout_engine("constrained")
        ax_l, ax_m = figure.subplots(1, 2, width_ratios=[1.6, 1.0])
        run = data["trajectory"]

        # L from the simulation and the Floquet envelope through L(0).
        ax_l.semilogy(run.t, run.lyapunov, color=COLORS["lyapunov"], label="$L(t)$")
        envelope = run.lyapunov[0] * np.exp(2.0 * data["growth_rate"] * run.t)
        ax_l.semilogy(run.t, envelope, "--", color="k",
                      label=r"$L(0)\,e^{2\sigma t}$ (Floquet)")
        ax_l.set_xlabel("time (s)")
        ax_l.set_ylabel("$L$")
        ax_l.legend(loc="lower left")
        status = "guaranteed" if data["guaranteed"] else "not guaranteed"
        ax_l.set_title(
            rf"$\rho = {data['radius']:.4f}$, $\sigma = {data['growth_rate']:+.4f}$ 1/s, "
            rf"$\Omega/\omega_n = {data['frequency_ratio']:.2f}$; {status}",
            loc="left",
        )
        if run.diverged:
            ax_l.axvline(run.t_end, ls=":", color=COLORS["guarantee"])

        # Multipliers, unit circle and the circle |lambda| = sqrt(det M).
        angle = np.linspace(0.0, 2.0 * np.pi, 200)
        ax_m.plot(np.cos(angle), np.sin(angle), color="k", lw=0.8, label="unit circle")
        radius_pair = math.exp(-0.5 * ETA_BAR * data["period"])
        ax_m.plot(radius_pair * np.cos(angle), radius_pair * np.sin(angle), ":",
                  color=COLORS["guarantee"], label=r"$e^{-\bar\eta T/2}$")
        multipliers = data["multipliers"]
        ax_m.plot(multipliers.real, multipliers.imag, "o", color=COLORS["w2"],
                  label="multipliers")
        limit = max(1.3, 1.1 * float(np.max(np.abs(multipliers))))
        ax_m.set_xlim(-limit, limit)
        ax_m.set_ylim(-limit, limit)
        ax_m.set_aspect("equal")
        ax_m.set_xlabel("Re")
        ax_m.set_ylabel("Im")
        ax_m.legend(loc="upper left", fontsize=7)


def make_explorer() -> Explorer:
    """Build the explorer; its default view is Figure 4B's parameters."""
    controls = {
        "depth": widgets.FloatSlider(
            value=0.7, min=0.0, max=0.95, step=0.05, description="depth"
        ),
        "eta2": widgets.FloatLogSlider(
            value=1.0, base=10, min=-2.0, max=0.5, step=0.05, description="eta2 (1/s)"
        ),
        "omega": widgets.FloatSlider(
            value=round(0.2 * math.pi, 4), min=0.1, max=1.5, step=0.01,
            description="Omega (rad/s)",
        ),
    }

    def compute(depth, eta2, omega):
        return simulate_parametric(depth, eta2, omega)

    return Explorer(compute, _render, controls, figsize=(9.0, 3.6))
