"""Tests of Figure 2's data (consolidation.figures.fig2) and its drawing."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from consolidation.figures import fig2  # noqa: E402


@pytest.fixture(scope="module")
def data():
    return fig2.compute()


def test_vector_field_vanishes_only_on_both_nullclines(data):
    # dw1/dt = 0 exactly on w1 + w2 = w*; dw2/dt = 0 exactly on w1 = 0.
    on_first = np.isclose(data.w1_grid + data.w2_grid, data.w_star)
    on_second = np.isclose(data.w1_grid, 0.0)
    np.testing.assert_allclose(data.dw1[on_first], 0.0, atol=1e-12)
    np.testing.assert_allclose(data.dw2[on_second], 0.0, atol=1e-12)
    assert np.all(np.abs(data.dw1[~on_first]) > 0)
    assert np.all(np.abs(data.dw2[~on_second]) > 0)


def test_trajectory_reaches_fixed_point(data):
    # alpha = 0.5 gives eigenvalues eta1 (-1 +- i) / 2, so 16 s of eta1 = 1/s
    # leave |w - (0, w*)| below exp(-8) ~ 3e-4 of the start's distance.
    assert data.trajectory_w1[0] == 0.0
    assert data.trajectory_w2[0] == 0.0
    assert abs(data.trajectory_w1[-1]) < 2e-3
    assert abs(data.trajectory_w2[-1] - data.w_star) < 2e-3


def test_lyapunov_surface_is_sum_of_terms(data):
    np.testing.assert_allclose(
        data.lyapunov, data.gain_term + data.consolidation_term, rtol=1e-14
    )
    # The minimum is 0, at the grid point nearest the fixed point (0, w*).
    index = np.unravel_index(np.argmin(data.lyapunov), data.lyapunov.shape)
    assert abs(data.surface_w1[index]) < 0.05
    assert abs(data.surface_w2[index] - data.w_star) < 0.05


def test_guarantee_line(data):
    np.testing.assert_allclose(data.alpha_critical, 1.0 - data.mu, atol=1e-15)
    assert data.alpha_critical[0] == 1.0
    assert data.alpha_critical[-1] == 0.0


def test_rising_region_agrees_with_samples(data):
    assert data.region_agreement == 1.0
    assert data.region_slope == pytest.approx(math.sqrt(0.5))
    # Both signs occur, so the agreement is not trivial.
    assert 0 < np.count_nonzero(data.sample_in_region) < data.sample_w1.size


def test_weighted_critical_curve(data):
    peak = np.argmax(data.weighted_alpha_critical)
    assert data.b[peak] == pytest.approx(1.0)
    assert data.weighted_alpha_critical[peak] == pytest.approx(1.0)
    # Symmetric under b -> 1/b: 4b/(1+b)^2 = 4(1/b)/(1+1/b)^2.
    np.testing.assert_allclose(
        data.weighted_alpha_critical, data.weighted_alpha_critical[::-1], rtol=1e-12
    )


def test_plots_return_figures_without_simulating(data, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("plotting must not simulate")

    monkeypatch.setattr(fig2, "simulate", forbidden)
    expected_axes = {
        fig2.plot: 3,
        fig2.plot_weight_plane: 1,
        fig2.plot_lyapunov_surface: 3,
        fig2.plot_guarantee: 1,
        fig2.plot_rising_region: 1,
        fig2.plot_weighted_critical: 1,
    }
    for plot, n_axes in expected_axes.items():
        figure = plot(data)
        assert isinstance(figure, Figure)
        assert len(figure.axes) == n_axes
        plt.close(figure)


@pytest.mark.parametrize(
    "arguments, name",
    [
        ({"alpha": -0.1}, "alpha"),
        ({"alpha": math.nan}, "alpha"),
        ({"w_star": 0.0}, "w_star"),
        ({"eta1": -1.0}, "eta1"),
        ({"region_alpha": 1.0}, "region_alpha"),
        ({"n_samples": 0}, "n_samples"),
        ({"n_samples": 2.5}, "n_samples"),
        ({"n_samples": True}, "n_samples"),
    ],
)
def test_compute_rejects_invalid_arguments(arguments, name):
    with pytest.raises(ValueError, match=name):
        fig2.compute(**arguments)


def test_compute_alpha_zero_keeps_w2_fixed():
    data = fig2.compute(alpha=0.0, n_samples=10)
    np.testing.assert_array_equal(data.trajectory_w2, 0.0)
    assert data.trajectory_w1[-1] == pytest.approx(data.w_star, abs=1e-3)
