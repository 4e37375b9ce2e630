"""Tests of the parametric-resonance explorer (consolidation.explorers.parametric)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from consolidation import ModulatedRate, floquet_growth_rate  # noqa: E402
from consolidation.explorers import parametric  # noqa: E402
from consolidation.model import simulate  # noqa: E402

# Corners and the default of the sliders: (depth, eta2, omega).
SETTINGS = [
    (0.7, 1.0, 0.2 * math.pi),
    (0.95, 10**0.5, 1.5),
    (0.95, 10**0.5, 0.1),
    (0.0, 0.01, 0.1),
    (0.95, 0.01, 1.5),
]


@pytest.mark.parametrize("depth, eta2, omega", SETTINGS)
def test_loose_tolerances_stay_close_to_reference(depth, eta2, omega):
    data = parametric.simulate_parametric(depth, eta2, omega)
    reference = simulate(
        ModulatedRate(parametric.ETA_BAR, depth, omega),
        eta2,
        parametric.T_END,
        w_star=parametric.W_STAR,
        n_samples=601,
    )
    # Compare log L where L is above 1e-6 of L(0). Further down, the
    # absolute tolerance on the weights (1e-8) dominates. 2e-3 in log L is far
    # below what the explorer's logarithmic axis resolves.
    visible = reference.lyapunov > 1e-6 * reference.lyapunov[0]
    difference = np.log(data["trajectory"].lyapunov[visible]) - np.log(
        reference.lyapunov[visible]
    )
    assert np.max(np.abs(difference)) < 2e-3


@pytest.mark.parametrize("depth, eta2, omega", SETTINGS)
def test_reported_rate_is_floquet_rate(depth, eta2, omega):
    data = parametric.simulate_parametric(depth, eta2, omega)
    expected = floquet_growth_rate(eta2, eta_bar=0.1, depth=depth, omega=omega)
    assert data["growth_rate"] == pytest.approx(expected, rel=1e-12, abs=1e-15)
    assert data["period"] == pytest.approx(2 * math.pi / omega)


def test_guarantee_flag_follows_lyapunov_condition():
    # eta2 <= eta_bar (1 - depth) = 0.1 * 0.3 = 0.03.
    assert parametric.simulate_parametric(0.7, 0.02, 1.0)["guaranteed"]
    assert not parametric.simulate_parametric(0.7, 0.04, 1.0)["guaranteed"]


def test_default_view_is_figure4b():
    explorer = parametric.make_explorer()
    assert explorer.defaults["depth"] == pytest.approx(0.7)
    assert explorer.defaults["eta2"] == pytest.approx(1.0)
    assert explorer.defaults["omega"] == pytest.approx(0.2 * math.pi, abs=1e-4)
    figure = explorer.static_figure()
    assert len(figure.axes) == 2
    assert "not guaranteed" in figure.axes[0].get_title(loc="left")
    plt.close(figure)


def test_explorer_update_redraws():
    explorer = parametric.make_explorer()
    figure = explorer.update(eta2=0.02)
    assert len(figure.axes) == 2
    assert "; guaranteed" in figure.axes[0].get_title(loc="left")
    with pytest.raises(ValueError, match="unknown control"):
        explorer.update(alpha=1.0)


@pytest.mark.parametrize(
    "args, name",
    [
        ((1.0, 1.0, 1.0), "depth"),
        ((0.5, -1.0, 1.0), "eta2"),
        ((0.5, 1.0, 0.0), "omega"),
    ],
)
def test_simulate_parametric_rejects_invalid_input(args, name):
    with pytest.raises(ValueError, match=name):
        parametric.simulate_parametric(*args)
