"""Figure 4: a modulated early-stage rate, stable (A) and unbounded growth (B).

Two runs of Eqs. 1-3 with ``eta1(t) = 0.1 (1 + 0.7 sin(0.2 pi t))`` 1/s and
``eta2 = 0.02`` (A) or ``1`` 1/s (B), the values Alemi, Aksay and Goldman give
for their Figure 4. They do not give the input, the target or the initial
weights. We take ``r_in = 1``, ``w* = 1``
and ``w(0) = (0, 0)``: the errors then start at ``(W~, w2~) = (-1, -1)``, the
dynamics of the errors is exactly the linear periodic system analysed in
:mod:`consolidation.floquet`, and any other target only rescales the plot,
because the errors are linear in ``w*``.

Each column shows the output and the target output, w1, w2 (the format of
Figure 1), the Lyapunov function ``L = (W~^2 + w2~^2) / 2`` of Eq. 6 and the
ratio ``alpha(t) = eta2 / eta1(t)`` against the line ``alpha = 1``, below which
``dL/dt <= 0`` at every instant.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ..inputs import ModulatedRate
from ..model import DEFAULT_BOUND, Trajectory, simulate
from .style import COLORS, use_style

__all__ = ["Figure4Parameters", "compute", "plot", "envelope_growth_rate"]


@dataclass(frozen=True)
class Figure4Parameters:
    """Parameters of Figure 4.

    The rate modulation and the two values of eta2 are those stated for
    Figure 4 of Alemi, Aksay and Goldman. The run lengths are ours. In A, L
    falls from 1 to about 3.5e-10 within 400 s. B runs until |w1| or |w2|
    passes ``bound`` (the default of :func:`simulate`), which happens near
    2660 s, before ``t_end``.
    """

    eta_bar: float = 0.1
    depth: float = 0.7
    omega: float = 0.2 * np.pi
    eta2_values: dict = field(default_factory=lambda: {"A": 0.02, "B": 1.0})
    t_end_values: dict = field(default_factory=lambda: {"A": 400.0, "B": 4000.0})
    w_star: float = 1.0
    w0: tuple = (0.0, 0.0)
    bound: float = DEFAULT_BOUND
    sample_step: float = 0.5


TITLES = {
    "A": r"A  $\eta_2 = 0.02$: max $\alpha(t) < 1$",
    "B": r"B  $\eta_2 = 1$: $\alpha(t) > 1$",
}


def compute(parameters: Figure4Parameters | None = None) -> dict[str, Trajectory]:
    """Run the two simulations of Figure 4 and return them by panel name."""
    p = parameters or Figure4Parameters()
    rate = ModulatedRate(p.eta_bar, p.depth, p.omega)
    runs = {}
    for case, eta2 in p.eta2_values.items():
        t_end = p.t_end_values[case]
        runs[case] = simulate(
            rate,
            eta2,
            t_end,
            w_star=p.w_star,
            r_in=1.0,
            w0=p.w0,
            n_samples=int(round(t_end / p.sample_step)) + 1,
            bound=p.bound,
        )
    return runs


def envelope_growth_rate(
    run: Trajectory, window: float, t_start: float, t_stop: float | None = None
) -> float:
    """Fit the growth rate (1/s) of the errors' envelope of a simulation.

    The function takes the maximum of L in consecutive windows of ``window``
    seconds. With one period of the oscillation per window, these maxima
    sample the envelope. It fits a line to their logarithm between ``t_start``
    and ``t_stop`` (default: end of the run) and returns half its slope,
    because L is quadratic in the errors.
    """
    if not window > 0:
        raise ValueError(f"window must be > 0 seconds; got {window!r}")
    t_stop = run.t_end if t_stop is None else t_stop
    edges = np.arange(t_start, t_stop - window + 1e-9, window)
    if edges.size < 3:
        raise ValueError(
            f"the fit interval [{t_start}, {t_stop}] s contains fewer than 3 "
            f"windows of {window} s; widen the interval or shorten the window"
        )
    lyapunov = run.lyapunov
    maxima = np.array(
        [lyapunov[(run.t >= e) & (run.t < e + window)].max() for e in edges]
    )
    slope = np.polyfit(edges + 0.5 * window, np.log(maxima), 1)[0]
    return float(0.5 * slope)


def plot(runs: dict[str, Trajectory]) -> Figure:
    """Draw Figure 4: columns are the runs; rows are signals, w1, w2, L, alpha.

    L is drawn on a logarithmic axis. A run that diverged ends where
    :func:`simulate` stopped it, marked by a vertical dotted line.
    """
    with use_style():
        figure, axes = plt.subplots(
            5, len(runs), figsize=(3.6 * len(runs), 8.0), sharex="col", squeeze=False
        )
        for column, (case, run) in enumerate(runs.items()):
            t = run.t
            signals, w1_axis, w2_axis, lyapunov_axis, alpha_axis = axes[:, column]

            signals.plot(t, run.output, color=COLORS["output"], label="$r_o$")
            signals.plot(
                t, run.target_output, "--", color=COLORS["target"], label="$r_o^*$"
            )
            # The padding leaves room for an axis offset label such as 1e6.
            signals.set_title(TITLES.get(case, case), loc="left", pad=12)

            w1_axis.plot(t, run.w1, color=COLORS["w1"])
            w1_axis.axhline(0.0, ls="--", color=COLORS["target"])

            w2_axis.plot(t, run.w2, color=COLORS["w2"])
            w2_axis.axhline(run.w_star, ls="--", color=COLORS["target"])

            lyapunov_axis.semilogy(t, run.lyapunov, color=COLORS["lyapunov"])

            alpha_axis.plot(t, run.alpha, color=COLORS["alpha"], lw=0.6)
            alpha_axis.set_ylim(0.0, 1.25 * max(1.0, float(run.alpha.max())))
            alpha_axis.axhline(
                1.0, ls="--", color=COLORS["target"], label=r"$\alpha = 1$"
            )
            alpha_axis.set_xlabel("time (s)")
            if t[-1] > 500.0:
                # Over a long run the 10 s modulation fills the panel, so an
                # inset shows its first 40 s.
                # The panel's upper half is left free for it.
                alpha_axis.set_ylim(0.0, 2.3 * float(run.alpha.max()))
                inset = alpha_axis.inset_axes([0.45, 0.56, 0.5, 0.38])
                first = t <= 40.0
                inset.plot(t[first], run.alpha[first], color=COLORS["alpha"], lw=0.8)
                inset.axhline(1.0, ls="--", color=COLORS["target"], lw=0.8)
                inset.set_ylim(0.0, 1.1 * float(run.alpha.max()))
                inset.tick_params(labelsize=6)
                inset.set_title("first 40 s", fontsize=6)

            if run.diverged:
                # One scientific format for the three linear panels.
                for ax in (signals, w1_axis, w2_axis):
                    ax.ticklabel_format(
                        axis="y", style="sci", scilimits=(0, 0), useMathText=True
                    )
                for ax in axes[:, column]:
                    ax.axvline(run.t_end, ls=":", color=COLORS["guarantee"])
                lyapunov_axis.annotate(
                    f"stopped at {run.t_end:.0f} s", (run.t_end, 0.1),
                    xycoords=("data", "axes fraction"), xytext=(-4, 0),
                    textcoords="offset points", ha="right", fontsize=7,
                )

        axes[0, 0].set_ylabel("signals")
        axes[1, 0].set_ylabel("$w_1$")
        axes[2, 0].set_ylabel("$w_2$")
        axes[3, 0].set_ylabel("$L$")
        axes[4, 0].set_ylabel(r"$\alpha(t) = \eta_2 / \eta_1(t)$")
        axes[0, 0].legend(loc="lower right")
        axes[4, 0].legend(loc="upper right", bbox_to_anchor=(1.0, 0.98))
    return figure
