"""Figure 2: the Lyapunov theory of the two-stage model, and two companion panels.

Figure and equation numbers follow Alemi, Aksay and Goldman, "A Lyapunov theory
demonstrating a fundamental limit on the speed of systems consolidation".

- A, the weight plane ``(w1, w2)`` for ``w* = 1``, ``r_in = 1`` and no
  perturbation (``mu -> 0``): the vector field of Eqs. 2-3,
  ``dw1/dt = -eta1 (w1 + w2 - w*)``, ``dw2/dt = eta2 w1``, its nullclines
  ``w1 + w2 = w*`` (``dw1/dt = 0``) and ``w1 = 0`` (``dw2/dt = 0``), the fixed
  point ``(0, w*)`` and one learning trajectory from ``(0, 0)``;
- B, the Lyapunov function of Eq. 6 over the weight plane,
  ``L = (W~^2 + w2~^2) / 2``, with its two terms, the squared gain error
  ``W~^2 / 2`` and the squared consolidation error ``w2~^2 / 2``;
- C, the guaranteed region ``alpha <= alpha_c = 1 - mu`` in the ``(mu, alpha)``
  plane, from Eq. 7.

Two further panels belong to the same chapter. The first is the region of the
weight plane where ``dL/dt > 0`` for ``alpha > 1``,
``|w2~| < sqrt((alpha - 1) / alpha) |W~|``, checked against ``dL/dt`` evaluated
from the learning rules at sampled points. The second is the exact critical
ratio ``4 b / (1 + b)^2`` of the weighted function ``L_b = (W~^2 + b w2~^2) / 2``.

:func:`compute` returns the data, :func:`plot` draws panels A-C on one figure,
and the ``plot_*`` functions draw each panel on its own figure for the book.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import _validate
from ..lyapunov import (
    critical_ratio,
    in_rising_region,
    rising_region_slope,
    two_stage_lyapunov,
    weighted_critical_ratio,
)
from ..model import simulate
from .style import COLORS, use_style

__all__ = [
    "Figure2Data",
    "compute",
    "plot",
    "plot_weight_plane",
    "plot_lyapunov_surface",
    "plot_guarantee",
    "plot_rising_region",
    "plot_weighted_critical",
]


@dataclass(frozen=True)
class Figure2Data:
    """Everything the panels of Figure 2 draw.

    Attributes
    ----------
    w_star, eta1, alpha : float
        Target gain, early-stage rate (1/s) and ratio ``eta2 / eta1`` of panel A.
    w1_grid, w2_grid : ndarray
        Meshgrid of the weight plane for the vector field.
    dw1, dw2 : ndarray
        Vector field of Eqs. 2-3 on the grid (``r_in = 1``, ``xi = 0``), in 1/s.
    trajectory_t, trajectory_w1, trajectory_w2 : ndarray
        Learning trajectory from ``(0, 0)`` simulated with :func:`simulate`.
    surface_w1, surface_w2 : ndarray
        Meshgrid of the weight plane for panel B.
    gain_term, consolidation_term, lyapunov : ndarray
        ``W~^2 / 2``, ``w2~^2 / 2`` and their sum ``L`` on that grid.
    mu : ndarray
        Perturbation levels of panel C.
    alpha_critical : ndarray
        ``critical_ratio(mu)``.
    region_alpha : float
        Ratio ``alpha > 1`` of the rising-region panel.
    region_slope : float
        ``sqrt((alpha - 1) / alpha)``.
    sample_w1, sample_w2 : ndarray
        Random points of the weight plane (seeded).
    sample_derivative : ndarray
        ``dL/dt`` at the samples, from the chain rule applied to the rules.
    sample_in_region : ndarray of bool
        :func:`in_rising_region` at the samples.
    b : ndarray
        Weights of the consolidation term for the weighted-function panel.
    weighted_alpha_critical : ndarray
        ``weighted_critical_ratio(b)``.
    """

    w_star: float
    eta1: float
    alpha: float
    w1_grid: np.ndarray
    w2_grid: np.ndarray
    dw1: np.ndarray
    dw2: np.ndarray
    trajectory_t: np.ndarray
    trajectory_w1: np.ndarray
    trajectory_w2: np.ndarray
    surface_w1: np.ndarray
    surface_w2: np.ndarray
    gain_term: np.ndarray
    consolidation_term: np.ndarray
    lyapunov: np.ndarray
    mu: np.ndarray
    alpha_critical: np.ndarray
    region_alpha: float
    region_slope: float
    sample_w1: np.ndarray
    sample_w2: np.ndarray
    sample_derivative: np.ndarray
    sample_in_region: np.ndarray
    b: np.ndarray
    weighted_alpha_critical: np.ndarray

    @property
    def region_agreement(self) -> float:
        """Fraction of samples where ``dL/dt > 0`` agrees with the region test."""
        return float(np.mean((self.sample_derivative > 0) == self.sample_in_region))


# Extent of the weight plane drawn around the fixed point (0, w*), in units of w*.
_PLANE_W1 = (-1.0, 1.0)
_PLANE_W2 = (-0.2, 2.0)


def _rules(w1, w2, w_star, eta1, eta2):
    """Right-hand sides of Eqs. 2-3 with ``r_in = 1`` and ``xi = 0``."""
    return -eta1 * (w1 + w2 - w_star), eta2 * w1


def compute(
    alpha: float = 0.5,
    *,
    w_star: float = 1.0,
    eta1: float = 1.0,
    region_alpha: float = 2.0,
    n_samples: int = 4000,
    seed: int = 0,
) -> Figure2Data:
    """Compute the data of Figure 2 and of the two companion panels.

    Parameters
    ----------
    alpha : float
        Ratio ``eta2 / eta1`` of the vector field and trajectory in panel A
        (finite, >= 0). Alemi, Aksay and Goldman do not state the ratio of
        their Figure 2A, so the default is 0.5, a ratio inside the guaranteed
        region.
    w_star : float
        Target gain (finite, > 0); the paper draws ``w* = 1``.
    eta1 : float
        Early-stage rate in 1/s (> 0). It sets the time scale only: the
        directions of the field and the path of the trajectory depend on
        ``alpha`` alone.
    region_alpha : float
        Ratio (> 1) for the region where ``dL/dt > 0``.
    n_samples : int
        Number of random points that check the region test (>= 1).
    seed : int
        Seed of :func:`numpy.random.default_rng` for those points.

    Returns
    -------
    Figure2Data
    """
    alpha = _validate.non_negative("alpha", alpha)
    w_star = _validate.positive("w_star", w_star)
    eta1 = _validate.positive("eta1", eta1)
    region_alpha = _validate.real(
        "region_alpha", region_alpha, "finite and > 1", lambda x: x > 1
    )
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)):
        raise ValueError(f"n_samples must be an integer >= 1; got {n_samples!r}")
    if n_samples < 1:
        raise ValueError(f"n_samples must be an integer >= 1; got {n_samples!r}")
    eta2 = alpha * eta1

    # Panel A: vector field on a coarse grid and one learning trajectory.
    w1_axis = w_star * np.linspace(*_PLANE_W1, 17)
    w2_axis = w_star * np.linspace(*_PLANE_W2, 19)
    w1_grid, w2_grid = np.meshgrid(w1_axis, w2_axis)
    dw1, dw2 = _rules(w1_grid, w2_grid, w_star, eta1, eta2)
    # Eight time constants of the slower mode reach the fixed point to the
    # drawn precision; alpha = 0 has no late-stage learning, so w2 stays at 0.
    slow_rate = eta1 * min(0.5, alpha) if alpha > 0 else eta1
    trajectory = simulate(eta1, eta2, 8.0 / slow_rate, w_star=w_star, n_samples=801)

    # Panel B: the Lyapunov function and its two terms on a fine grid.
    surface_w1, surface_w2 = np.meshgrid(
        w_star * np.linspace(*_PLANE_W1, 61), w_star * np.linspace(*_PLANE_W2, 67)
    )
    gain_error = surface_w1 + surface_w2 - w_star
    consolidation_error = surface_w2 - w_star

    # Panel C: the guaranteed region in the (mu, alpha) plane.
    mu = np.linspace(0.0, 1.0, 101)
    alpha_critical = np.array([critical_ratio(m) for m in mu])

    # Rising region: dL/dt from the chain rule at random points of the plane,
    # independently of the quadratic form that in_rising_region tests.
    rng = np.random.default_rng(seed)
    sample_w1 = w_star * rng.uniform(*_PLANE_W1, n_samples)
    sample_w2 = w_star * rng.uniform(*_PLANE_W2, n_samples)
    sample_dw1, sample_dw2 = _rules(
        sample_w1, sample_w2, w_star, eta1, region_alpha * eta1
    )
    sample_gain = sample_w1 + sample_w2 - w_star
    sample_consolidation = sample_w2 - w_star
    sample_derivative = (
        sample_gain * (sample_dw1 + sample_dw2) + sample_consolidation * sample_dw2
    )

    # Weighted function L_b: exact critical ratio over four decades of b.
    b = np.logspace(-2.0, 2.0, 201)
    weighted = np.array([weighted_critical_ratio(value) for value in b])

    return Figure2Data(
        w_star=w_star,
        eta1=eta1,
        alpha=alpha,
        w1_grid=w1_grid,
        w2_grid=w2_grid,
        dw1=dw1,
        dw2=dw2,
        trajectory_t=trajectory.t,
        trajectory_w1=trajectory.w1,
        trajectory_w2=trajectory.w2,
        surface_w1=surface_w1,
        surface_w2=surface_w2,
        gain_term=0.5 * gain_error**2,
        consolidation_term=0.5 * consolidation_error**2,
        lyapunov=two_stage_lyapunov(gain_error, consolidation_error),
        mu=mu,
        alpha_critical=alpha_critical,
        region_alpha=region_alpha,
        region_slope=rising_region_slope(region_alpha),
        sample_w1=sample_w1,
        sample_w2=sample_w2,
        sample_derivative=sample_derivative,
        sample_in_region=in_rising_region(
            sample_gain, sample_consolidation, region_alpha
        ),
        b=b,
        weighted_alpha_critical=weighted,
    )


# ---------------------------------------------------------------------------
# Drawing on given axes
# ---------------------------------------------------------------------------


def _draw_nullclines(ax, data: Figure2Data) -> None:
    """Draw both nullclines and the fixed point on the weight plane."""
    w1_line = data.w_star * np.array(_PLANE_W1)
    ax.plot(
        w1_line,
        data.w_star - w1_line,
        color=COLORS["w1"],
        label=r"$\dot w_1 = 0$: $w_1 + w_2 = w^*$",
    )
    ax.axvline(0.0, color=COLORS["w2"], label=r"$\dot w_2 = 0$: $w_1 = 0$")
    ax.plot(
        [0.0],
        [data.w_star],
        "o",
        color=COLORS["target"],
        label="fixed point $(0, w^*)$",
    )
    ax.set_xlim(*(data.w_star * np.array(_PLANE_W1)))
    ax.set_ylim(*(data.w_star * np.array(_PLANE_W2)))
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")


def _draw_weight_plane(ax, data: Figure2Data) -> None:
    # Normalise the arrows so that the field shows directions; speeds differ
    # by orders of magnitude across the plane.
    speed = np.hypot(data.dw1, data.dw2)
    speed[speed == 0] = 1.0
    ax.quiver(
        data.w1_grid,
        data.w2_grid,
        data.dw1 / speed,
        data.dw2 / speed,
        color=COLORS["guarantee"],
        angles="xy",
        scale=28,
        width=0.004,
    )
    _draw_nullclines(ax, data)
    ax.plot(
        data.trajectory_w1,
        data.trajectory_w2,
        color=COLORS["lyapunov"],
        label="trajectory from $(0, 0)$",
    )
    ax.set_title(rf"A: weight plane, $\alpha = {data.alpha:g}$, $\mu \to 0$")
    ax.legend(loc="lower left", frameon=True, framealpha=0.9)


def _draw_surface(ax, data: Figure2Data, values, title: str) -> None:
    ax.plot_surface(
        data.surface_w1,
        data.surface_w2,
        values,
        cmap="viridis",
        linewidth=0,
        antialiased=True,
        alpha=0.9,
    )
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_title(title)
    ax.view_init(elev=28, azim=-125)


def _draw_guarantee(ax, data: Figure2Data) -> None:
    ax.fill_between(
        data.mu,
        0.0,
        data.alpha_critical,
        color=COLORS["guarantee"],
        alpha=0.35,
        label="stability guaranteed",
    )
    ax.plot(
        data.mu,
        data.alpha_critical,
        color=COLORS["alpha"],
        label=r"$\alpha_c = 1 - \mu$",
    )
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, 1.5)
    ax.set_xlabel(r"perturbation level $\mu = \max |\xi| / |e|$")
    ax.set_ylabel(r"$\alpha = \eta_2 / \eta_1$")
    ax.text(0.55, 1.0, "not guaranteed", ha="center")
    ax.set_title("C: guaranteed region")
    ax.legend(loc="upper right")


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


def plot(data: Figure2Data) -> Figure:
    """Draw panels A, B (the function ``L``) and C of Figure 2 side by side."""
    with use_style():
        figure = plt.figure(figsize=(12.0, 3.8))
        ax_plane = figure.add_subplot(1, 3, 1)
        ax_surface = figure.add_subplot(1, 3, 2, projection="3d")
        ax_guarantee = figure.add_subplot(1, 3, 3)
        _draw_weight_plane(ax_plane, data)
        _draw_surface(
            ax_surface, data, data.lyapunov, r"B: $L = (\tilde W^2 + \tilde w_2^2)/2$"
        )
        _draw_guarantee(ax_guarantee, data)
    return figure


def plot_weight_plane(data: Figure2Data) -> Figure:
    """Draw panel A: vector field, nullclines, fixed point and one trajectory."""
    with use_style():
        figure, ax = plt.subplots(figsize=(5.0, 4.2))
        _draw_weight_plane(ax, data)
    return figure


def plot_lyapunov_surface(data: Figure2Data) -> Figure:
    """Draw panel B: the two terms of Eq. 6 and their sum as surfaces."""
    with use_style():
        figure = plt.figure(figsize=(11.0, 3.8))
        panels = [
            (data.gain_term, r"squared gain error $\tilde W^2 / 2$"),
            (data.consolidation_term, r"squared consolidation error $\tilde w_2^2/2$"),
            (data.lyapunov, r"$L = (\tilde W^2 + \tilde w_2^2) / 2$"),
        ]
        for index, (values, title) in enumerate(panels, start=1):
            ax = figure.add_subplot(1, 3, index, projection="3d")
            _draw_surface(ax, data, values, title)
    return figure


def plot_guarantee(data: Figure2Data) -> Figure:
    """Draw panel C: the region ``alpha <= 1 - mu`` of the ``(mu, alpha)`` plane."""
    with use_style():
        figure, ax = plt.subplots(figsize=(5.0, 3.8))
        _draw_guarantee(ax, data)
    return figure


def plot_rising_region(data: Figure2Data) -> Figure:
    """Draw the region where ``dL/dt > 0`` on the weight plane, with the samples."""
    with use_style():
        figure, ax = plt.subplots(figsize=(5.0, 5.0))
        w_star = data.w_star
        positive = data.sample_derivative > 0
        ax.scatter(
            data.sample_w1[~positive],
            data.sample_w2[~positive],
            s=3,
            color=COLORS["guarantee"],
            alpha=0.5,
            label=r"sample with $\dot L \leq 0$",
        )
        ax.scatter(
            data.sample_w1[positive],
            data.sample_w2[positive],
            s=3,
            color=COLORS["alpha"],
            label=r"sample with $\dot L > 0$",
        )

        # Boundary lines w2~ = +-k W~, i.e. w2 - w* = +-k (w1 + w2 - w*),
        # solved for w2 as a function of w1.
        w1_line = w_star * np.linspace(*_PLANE_W1, 201)
        k = data.region_slope
        for sign in (1.0, -1.0):
            w2_line = w_star + sign * k * w1_line / (1.0 - sign * k)
            ax.plot(w1_line, w2_line, color=COLORS["target"], linestyle="--")
        ax.plot(
            [],
            [],
            color=COLORS["target"],
            linestyle="--",
            label=rf"$|\tilde w_2| = {k:.3f}\,|\tilde W|$",
        )
        _draw_nullclines(ax, data)
        ax.set_title(
            rf"where $\dot L > 0$, $\alpha = {data.region_alpha:g}$, $\mu = 0$"
        )
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
    return figure


def plot_weighted_critical(data: Figure2Data) -> Figure:
    """Draw the exact critical ratio of ``L_b`` against the weight ``b``."""
    with use_style():
        figure, ax = plt.subplots(figsize=(5.0, 3.4))
        ax.semilogx(
            data.b,
            data.weighted_alpha_critical,
            color=COLORS["alpha"],
            label=r"largest $\alpha$ with $\dot L_b \leq 0$: $4b/(1+b)^2$",
        )
        ax.axhline(
            1.0,
            color=COLORS["guarantee"],
            linestyle="--",
            label=r"paper: $\alpha \leq 1$",
        )
        ax.set_xlabel("weight $b$ of the consolidation term")
        ax.set_ylabel(r"critical ratio ($\mu = 0$)")
        ax.set_ylim(0.0, 1.1)
        ax.legend(loc="lower center")
    return figure
