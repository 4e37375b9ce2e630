"""Figure 1: the tracking task learned by one stage and by two stages.

Three runs of Eqs. 1-3 with the parameters of the authors' released
simulation: eta1 = 0.01 1/s; eta2 = 0 (A, single stage), 0.0003 (B, slow
consolidation) and 1 1/s (B, fast consolidation); target gain w* = 0.1; input a
unit step switched on at 2 % of the 15000 s run and smoothed by a first-order
filter with time constant 0.01 s; additive perturbation
``xi = a(t) sin(0.1 t)`` with ``a`` drawn uniformly on [0, 0.004] every 100 s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ..inputs import RandomAmplitudeSine, SmoothedStep
from ..model import Trajectory, simulate
from .style import COLORS, use_style

__all__ = ["Figure1Parameters", "compute", "plot", "oscillation_summary"]


@dataclass(frozen=True)
class Figure1Parameters:
    """Parameters of Figure 1, as in the authors' released simulation."""

    eta1: float = 0.01
    eta2_values: dict = field(
        default_factory=lambda: {"single": 0.0, "slow": 0.0003, "fast": 1.0}
    )
    w_star: float = 0.1
    t_end: float = 15000.0
    switch_on_fraction: float = 0.02
    filter_tau: float = 0.01
    max_amplitude: float = 0.004
    perturbation_omega: float = 0.1
    redraw_period: float = 100.0
    seed: int = 1
    n_samples: int = 6001


TITLES = {
    "single": "A  single stage ($\\eta_2 = 0$)",
    "slow": "B  slow consolidation ($\\eta_2 = 0.0003$)",
    "fast": "B  fast consolidation ($\\eta_2 = 1$)",
}


def compute(parameters: Figure1Parameters | None = None) -> dict[str, Trajectory]:
    """Run the three simulations of Figure 1 and return them by case name.

    All three cases share one input and one realisation of the perturbation,
    so they differ only in eta2.
    """
    p = parameters or Figure1Parameters()
    step = SmoothedStep(p.switch_on_fraction * p.t_end, 1.0, p.filter_tau)
    perturbation = RandomAmplitudeSine(
        p.max_amplitude, p.perturbation_omega, p.redraw_period, p.t_end, seed=p.seed
    )
    return {
        case: simulate(
            p.eta1,
            eta2,
            p.t_end,
            w_star=p.w_star,
            r_in=step,
            perturbation=perturbation,
            n_samples=p.n_samples,
        )
        for case, eta2 in p.eta2_values.items()
    }


def oscillation_summary(trajectory: Trajectory, window: float = 5000.0) -> dict:
    """Measure the oscillation of w2 over the last ``window`` seconds.

    Returns the half peak-to-peak amplitude of w2, its standard deviation, and
    the angular frequency (rad/s) of the largest peak of its spectrum, found
    on the mean-removed, Hann-windowed samples.
    """
    late = trajectory.t >= trajectory.t[-1] - window
    t, w2 = trajectory.t[late], trajectory.w2[late]
    dt = float(np.mean(np.diff(t)))
    centred = (w2 - w2.mean()) * np.hanning(w2.size)
    spectrum = np.abs(np.fft.rfft(centred))
    frequencies = 2 * np.pi * np.fft.rfftfreq(w2.size, dt)
    return {
        "amplitude": float(0.5 * np.ptp(w2)),
        "std": float(np.std(w2)),
        "peak_frequency": float(frequencies[np.argmax(spectrum[1:]) + 1]),
    }


def plot(runs: dict[str, Trajectory]) -> Figure:
    """Draw Figure 1: columns are the cases, rows are signals, w1 and w2.

    The top row shows the output r_o and the desired output r_o*; the weight
    rows show each weight with its desired final value dashed (w1 -> w* and w2
    fixed at 0 for one stage; w1 -> 0 and w2 -> w* for two stages).
    """
    with use_style():
        figure, axes = plt.subplots(
            3, len(runs), figsize=(3.2 * len(runs), 5.4), sharex=True, squeeze=False
        )
        for column, (case, run) in enumerate(runs.items()):
            t = run.t / 1000.0
            two_stage = run.eta2 > 0
            top, middle, bottom = axes[:, column]

            top.plot(t, run.output, color=COLORS["output"], label="$r_o$")
            top.plot(
                t, run.target_output, "--", color=COLORS["target"], label="$r_o^*$"
            )
            top.set_title(TITLES.get(case, case), loc="left")

            middle.plot(t, run.w1, color=COLORS["w1"])
            middle.axhline(
                0.0 if two_stage else run.w_star, ls="--", color=COLORS["target"]
            )

            bottom.plot(t, run.w2, color=COLORS["w2"])
            bottom.axhline(
                run.w_star if two_stage else 0.0, ls="--", color=COLORS["target"]
            )
            bottom.set_xlabel("time (1000 s)")

        axes[0, 0].set_ylabel("signals")
        axes[1, 0].set_ylabel("$w_1$")
        axes[2, 0].set_ylabel("$w_2$")
        axes[0, 0].legend(loc="lower right")
        for row in axes:
            low = min(ax.get_ylim()[0] for ax in row)
            high = max(ax.get_ylim()[1] for ax in row)
            for ax in row:
                ax.set_ylim(low, high)
    return figure
