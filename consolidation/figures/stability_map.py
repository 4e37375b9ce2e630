"""Exact stability maps of the two-stage model with a modulated early-stage rate.

For ``r_in = 1``, no additive perturbation and ``eta1(t) = eta_bar (1 + depth
sin(Omega t))``, the errors obey a linear periodic system whose monodromy
matrix M decides stability (:mod:`consolidation.floquet`). Two maps:

- A: the spectral radius ``rho(M)`` over ``alpha = eta2 / eta_bar`` and the
  depth at ``eta_bar = 0.1`` 1/s and ``Omega = 0.2 pi`` rad/s, the values of
  Figure 4, with the Lyapunov guarantee drawn on top. The Lyapunov function
  ``L = (W~^2 + w2~^2) / 2`` of Eq. 6 has ``dL/dt = -(eta1(t) - eta2) W~^2 -
  eta2 w2~^2``, which is never positive when ``eta2 <= min eta1 = eta_bar (1 -
  depth)``, that is ``alpha <= 1 - depth``.
- B: the growth rate ``log(rho) Omega / (2 pi)`` per second over ``Omega /
  omega_n`` and the depth at ``eta_bar = 0.1`` and ``eta2 = 1`` 1/s, where
  ``omega_n = sqrt(eta_bar eta2)``: the tongues of parametric resonance at
  ``Omega / omega_n = 2 / k``.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from ..floquet import resonance_chart, stability_chart
from .style import COLORS, use_style

__all__ = [
    "StabilityMaps",
    "compute",
    "plot",
    "guarantee_summary",
    "UNSTABLE_MARGIN",
]

# A point counts as unstable when rho exceeds 1 by more than this margin: 100
# times the default tolerance of the monodromy entries, which bounds the error
# of rho away from the points where the two multipliers meet.
UNSTABLE_MARGIN = 1e-6


@dataclass(frozen=True)
class StabilityMaps:
    """Spectral radii over the two parameter planes.

    Attributes
    ----------
    alphas, depths : ndarray
        Axes of map A; ``radius`` has shape ``(len(depths), len(alphas))``.
    radius : ndarray
        ``rho(M)`` on map A.
    eta_bar, omega : float
        Mean early-stage rate (1/s) and modulation frequency (rad/s) of map A.
    ratios, resonance_depths : ndarray
        Axes of map B: ``Omega / omega_n`` and the depth.
    resonance_radius : ndarray
        ``rho(M)`` on map B, shape ``(len(resonance_depths), len(ratios))``.
    resonance_eta_bar, resonance_eta2 : float
        Rates of map B in 1/s.
    """

    alphas: np.ndarray
    depths: np.ndarray
    radius: np.ndarray
    eta_bar: float
    omega: float
    ratios: np.ndarray
    resonance_depths: np.ndarray
    resonance_radius: np.ndarray
    resonance_eta_bar: float
    resonance_eta2: float

    @property
    def natural_frequency(self) -> float:
        """``omega_n = sqrt(eta_bar eta2)`` of map B in rad/s."""
        return float(np.sqrt(self.resonance_eta_bar * self.resonance_eta2))

    @property
    def resonance_growth_rate(self) -> np.ndarray:
        """Growth rate ``log(rho) Omega / (2 pi)`` in 1/s on map B."""
        omega = self.ratios * self.natural_frequency
        return np.log(self.resonance_radius) * omega / (2.0 * np.pi)


def compute(
    alphas=None,
    depths=None,
    *,
    eta_bar: float = 0.1,
    omega: float = 0.2 * np.pi,
    ratios=None,
    resonance_depths=None,
    resonance_eta2: float = 1.0,
) -> StabilityMaps:
    """Compute both maps; the defaults are the book's 200 x 200 and 200 x 150 grids.

    Map A covers alpha in [0, 20]: the guaranteed region (alpha <= 1) and the
    whole first resonance tongue, whose tip lies near alpha = 10.
    """
    alphas = np.linspace(0.0, 20.0, 200) if alphas is None else np.asarray(alphas)
    depths = np.linspace(0.0, 0.99, 200) if depths is None else np.asarray(depths)
    ratios = np.linspace(0.25, 4.0, 200) if ratios is None else np.asarray(ratios)
    if resonance_depths is None:
        resonance_depths = np.linspace(0.0, 0.99, 150)
    resonance_depths = np.asarray(resonance_depths)
    return StabilityMaps(
        alphas=alphas,
        depths=depths,
        radius=stability_chart(alphas, depths, eta_bar=eta_bar, omega=omega),
        eta_bar=float(eta_bar),
        omega=float(omega),
        ratios=ratios,
        resonance_depths=resonance_depths,
        resonance_radius=resonance_chart(
            ratios, resonance_depths, eta_bar=eta_bar, eta2=resonance_eta2
        ),
        resonance_eta_bar=float(eta_bar),
        resonance_eta2=float(resonance_eta2),
    )


def guarantee_summary(maps: StabilityMaps, margin: float = UNSTABLE_MARGIN) -> dict:
    """Compare map A with the Lyapunov guarantee ``alpha <= 1 - depth``.

    Returns
    -------
    dict
        With these keys:

        - ``max_radius_guaranteed``: the largest rho inside the guarantee.
        - ``unstable_guaranteed``: the number of points inside it with
          ``rho > 1 + margin``.
        - ``stable_share``: the share of the points outside it with ``rho < 1``.
        - ``unstable_share``: the share of all points with ``rho > 1 + margin``.
        - ``n_guaranteed``, ``n_outside``: the point counts.
    """
    alpha_grid, depth_grid = np.meshgrid(maps.alphas, maps.depths)
    guaranteed = alpha_grid <= 1.0 - depth_grid
    outside = ~guaranteed
    return {
        "max_radius_guaranteed": float(maps.radius[guaranteed].max()),
        "unstable_guaranteed": int(np.sum(maps.radius[guaranteed] > 1.0 + margin)),
        "stable_share": float(np.mean(maps.radius[outside] < 1.0)),
        "unstable_share": float(np.mean(maps.radius > 1.0 + margin)),
        "n_guaranteed": int(guaranteed.sum()),
        "n_outside": int(outside.sum()),
    }


def plot(maps: StabilityMaps, marks: dict | None = None) -> Figure:
    """Draw map A (rho over alpha and depth) and map B (growth rate, tongues).

    ``marks`` maps a label to ``(alpha, depth)`` points drawn on map A and,
    converted to ``Omega / omega_n`` when eta_bar matches, on map B; by default
    the two runs of Figure 4.
    """
    if marks is None:
        marks = {"Fig. 4A": (0.2, 0.7), "Fig. 4B": (10.0, 0.7)}
    with use_style():
        figure, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.8))

        # Map A: log(rho), centred on the stability boundary rho = 1.
        log_radius = np.log(maps.radius)
        norm = TwoSlopeNorm(vcenter=0.0, vmin=min(log_radius.min(), -1e-3),
                            vmax=max(log_radius.max(), 1e-3))
        image = left.pcolormesh(maps.alphas, maps.depths, log_radius, cmap="RdBu_r",
                                norm=norm, shading="auto", rasterized=True)
        left.contour(maps.alphas, maps.depths, maps.radius, [1.0], colors="k",
                     linewidths=1.0)
        edge = np.clip(1.0 - maps.depths, 0.0, None)
        left.fill_betweenx(
            maps.depths, 0.0, edge, color=COLORS["guarantee"], alpha=0.45,
            label=r"guarantee $\alpha \leq 1 - $depth",
        )
        left.plot(edge, maps.depths, color=COLORS["guarantee"])
        for label, (alpha, depth) in marks.items():
            left.plot(alpha, depth, "o", color="k", ms=4)
            left.annotate(
                label, (alpha, depth), xytext=(6, -12), textcoords="offset points",
                color="w" if label.endswith("A") else "k",
            )
        left.set_xlabel(r"$\alpha = \eta_2 / \bar\eta$")
        left.set_ylabel("modulation depth")
        left.set_title(
            rf"A  $\bar\eta = {maps.eta_bar:g}$ 1/s, "
            rf"$\Omega = {maps.omega / np.pi:g}\pi$ rad/s",
            loc="left",
        )
        left.legend(loc="lower right", frameon=True, framealpha=0.9)
        figure.colorbar(image, ax=left, label=r"$\log \rho(M)$ per period")

        # Map B: growth rate per second, zero contour = stability boundary.
        rate = maps.resonance_growth_rate
        norm = TwoSlopeNorm(vcenter=0.0, vmin=min(rate.min(), -1e-4),
                            vmax=max(rate.max(), 1e-4))
        image = right.pcolormesh(
            maps.ratios, maps.resonance_depths, rate, cmap="RdBu_r", norm=norm,
            shading="auto", rasterized=True,
        )
        right.contour(maps.ratios, maps.resonance_depths, rate, [0.0], colors="k",
                      linewidths=1.0)
        for k, label in enumerate(("2", "1", "2/3", "1/2"), start=1):
            if maps.ratios.min() <= 2.0 / k <= maps.ratios.max():
                right.axvline(2.0 / k, color="k", ls=":", lw=0.8)
                # Alternate heights so that neighbouring labels (2/3, 1/2) do
                # not run into each other on the log axis.
                height = 0.02 if k % 2 else 0.09
                right.text(2.0 / k, height, label, ha="center", va="bottom",
                           transform=right.get_xaxis_transform(), color="w")
        for label, (alpha, depth) in marks.items():
            eta2 = alpha * maps.eta_bar
            if np.isclose(eta2, maps.resonance_eta2):
                ratio = maps.omega / maps.natural_frequency
                right.plot(ratio, depth, "o", color="k", ms=4)
                right.annotate(label, (ratio, depth), xytext=(4, -10),
                               textcoords="offset points")
        right.set_xlabel(r"$\Omega / \omega_n$")
        right.set_ylabel("modulation depth")
        right.set_title(
            rf"B  $\bar\eta = {maps.resonance_eta_bar:g}$ 1/s, "
            rf"$\eta_2 = {maps.resonance_eta2:g}$ 1/s",
            loc="left",
        )
        figure.colorbar(image, ax=right, label="growth rate (1/s)")
    return figure
