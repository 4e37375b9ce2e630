"""Explorer of the oscillator picture: the response of w2 to a sinusoidal probe.

The sliders set the ratio of learning rates ``alpha = eta2 / eta1`` and the
probe frequency as a multiple of the natural frequency, ``r = omega / omega_n``
with ``omega_n = sqrt(eta1 eta2)``. The model starts at its fixed point
``(w1, w2) = (0, w*)`` with ``r_in = 1`` and is driven by the probe
``xi_p = eps sin(omega t)`` from ``t = 0``.

The left panel shows ``(w2 - w*) / eps`` with the probe and the steady-state
envelope ``+-1 / D`` of Eq. 9, ``D = sqrt((1 - r^2)^2 + (2 zeta r)^2)``,
``zeta = 1 / (2 sqrt(alpha))``. The right panel shows the whole amplification
curve ``1 / D`` of the current ``alpha`` with the current ``r`` marked.

The response drawn is the exact solution of the learning rules, which are
linear at ``r_in = 1`` (:func:`consolidation.oscillator.probe_response`). It
is not a numerical run, so its cost does not grow with the number of probe
periods and one update stays fast at every slider setting. tests/test_oscillator.py and
tests/test_explorer_oscillator.py check that it equals
:func:`consolidation.model.simulate` to within 1e-5 of the probe amplitude.
Because the equations are linear, ``(w2 - w*) / eps`` does not depend on
``eps`` or ``w*``. With time measured in natural periods it depends on the
rates only through ``alpha``, so the explorer fixes ``eta1 = 1``.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from .. import _validate
from ..figures.style import COLORS, use_style
from ..oscillator import (
    amplification,
    damping_ratio,
    decay_rate,
    peak_amplification,
    peak_frequency_ratio,
    phase_lag,
    probe_response,
)
from ._base import Explorer

__all__ = ["response_to_probe", "make_explorer"]

# Samples of the response. At the fastest setting (alpha = 100, r = 10) the
# window contains about 190 probe periods, which leaves 10 samples per period.
_N_SAMPLES = 2000

# The window lasts until the free response has decayed to exp(-6) ~ 0.25 % of
# its start, and at least 4 probe periods, so the steady oscillation is visible.
_DECAY_TIMES = 6.0
_MIN_PROBE_PERIODS = 4.0


def response_to_probe(alpha: float, freq_ratio: float) -> dict:
    """Compute the exact probe response the explorer draws.

    Parameters
    ----------
    alpha : float
        Ratio ``eta2 / eta1`` (finite, > 0).
    freq_ratio : float
        Probe frequency ``omega / omega_n`` (finite, > 0).

    Returns
    -------
    dict
        ``periods``: time in natural periods ``t omega_n / 2 pi``;
        ``w2_error`` and ``w1``: ``(w2 - w*) / eps`` and ``w1 / eps``;
        ``probe``: ``xi_p / eps``; ``alpha``, ``freq_ratio``, ``zeta``,
        ``steady_amplitude`` (``1 / D``), ``phase`` (lag ``phi`` in radians),
        ``peak`` and ``peak_ratio`` (:func:`peak_amplification` and where it
        is reached).
    """
    alpha = _validate.positive("alpha", alpha)
    freq_ratio = _validate.positive("freq_ratio", freq_ratio)

    # Dimensionless rates: eta1 = 1, eta2 = alpha, unit probe amplitude.
    omega_n = math.sqrt(alpha)
    omega = freq_ratio * omega_n
    t_end = max(
        _DECAY_TIMES / decay_rate(1.0, alpha),
        _MIN_PROBE_PERIODS * 2.0 * math.pi / omega,
    )
    times = np.linspace(0.0, t_end, _N_SAMPLES)
    w1, w2_error = probe_response(times, 1.0, alpha, omega, 1.0)
    return {
        "periods": times * omega_n / (2.0 * math.pi),
        "w2_error": w2_error,
        "w1": w1,
        "probe": np.sin(omega * times),
        "alpha": alpha,
        "freq_ratio": freq_ratio,
        "zeta": damping_ratio(alpha),
        "steady_amplitude": amplification(freq_ratio, alpha),
        "phase": phase_lag(freq_ratio, alpha),
        "peak": peak_amplification(alpha),
        "peak_ratio": peak_frequency_ratio(alpha),
    }


def _render(figure: Figure, data: dict) -> None:
    """Draw the time response and the amplification curve on ``figure``."""
    with use_style():
        # Fixed margins: a layout engine would cost more than the rest of the
        # drawing (about 90 ms per update on a 2-core machine).
        figure.set_layout_engine("none")
        figure.subplots_adjust(
            left=0.07, right=0.98, bottom=0.14, top=0.88, wspace=0.28
        )
        ax_time, ax_curve = figure.subplots(
            1, 2, gridspec_kw={"width_ratios": (1.6, 1.0)}
        )
        _draw_time(ax_time, data)
        _draw_curve(ax_curve, data)


def _draw_time(axis, data: dict) -> None:
    steady = data["steady_amplitude"]
    axis.plot(data["periods"], data["probe"], color=COLORS["guarantee"], lw=0.7,
              label=r"probe $\xi_p/\epsilon$")
    axis.plot(data["periods"], data["w2_error"], color=COLORS["w2"],
              label=r"$(w_2 - w^*)/\epsilon$")
    axis.axhline(steady, color=COLORS["w2"], ls="--", lw=0.8,
                 label=r"Eq. 9 envelope $\pm 1/D$")
    axis.axhline(-steady, color=COLORS["w2"], ls="--", lw=0.8)
    top = 1.6 * max(1.0, np.max(np.abs(data["w2_error"])))
    axis.set_ylim(-top, top)
    axis.set_xlabel(r"time $t\,\omega_n / 2\pi$ (natural periods)")
    axis.set_ylabel("per unit probe amplitude")
    axis.legend(loc="upper right", ncols=3, fontsize=7)
    axis.set_title(
        rf"$\alpha = {data['alpha']:.3g}$, $\zeta = {data['zeta']:.3g}$, "
        rf"$\omega/\omega_n = {data['freq_ratio']:.3g}$: amplitude "
        rf"${100 * steady:.0f}\,\%$ of the probe, lag "
        rf"${math.degrees(data['phase']):.0f}^\circ$",
        loc="left",
    )


def _draw_curve(axis, data: dict) -> None:
    ratios = np.geomspace(0.1, 10.0, 300)
    axis.plot(ratios, 100.0 * amplification(ratios, data["alpha"]),
              color=COLORS["w2"])
    axis.plot([data["freq_ratio"]], [100.0 * data["steady_amplitude"]], "o",
              color=COLORS["w2"], label="current probe")
    axis.axhline(100.0, color=COLORS["target"], lw=0.6, ls=":")
    axis.set_xscale("log")
    axis.set_xlim(0.1, 10.0)
    axis.set_ylim(0.0, max(120.0, 110.0 * data["peak"]))
    axis.set_xlabel(r"$\omega / \omega_n$")
    axis.set_ylabel(r"percent amplification $100/D$")
    if data["peak_ratio"] > 0.0:
        note = (
            rf"peak {100 * data['peak']:.0f} % at {data['peak_ratio']:.2f} $\omega_n$"
        )
    else:
        note = r"no resonant peak ($\alpha \leq 1/2$): maximum 100 % as $\omega \to 0$"
    axis.set_title(note, loc="left")


def make_explorer() -> Explorer:
    """Build the oscillator explorer with sliders for alpha and omega / omega_n."""
    controls = {
        "alpha": widgets.FloatLogSlider(
            value=3.0,
            base=10,
            min=math.log10(0.05),
            max=2,
            step=0.01,
            description="alpha",
            readout_format=".3g",
        ),
        "freq_ratio": widgets.FloatLogSlider(
            value=1.0,
            base=10,
            min=-1,
            max=1,
            step=0.01,
            description="omega/omega_n",
            readout_format=".3g",
        ),
    }
    return Explorer(response_to_probe, _render, controls, figsize=(9.0, 3.6))
