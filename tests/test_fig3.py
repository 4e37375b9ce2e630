"""Tests of Figure 3: probe responses and percent amplification."""

import inspect
import math

import matplotlib
import numpy as np
import pytest

from consolidation.figures import fig3


def percent_amplification(ratio, alpha):
    """100 |H| from the complex gain of Eq. 8 with eta1 = 1, eta2 = alpha."""
    omega = ratio * math.sqrt(alpha)
    s = 1j * omega
    return 100.0 * np.abs(-alpha / (s * s + s + alpha))


@pytest.fixture(scope="module")
def data():
    # A reduced figure: two curves, five points each, short panel A runs.
    return fig3.compute(curve_alphas=(0.5, 3.0), n_points=5, n_periods=10.0)


def test_defaults_are_caption_ratios():
    parameters = inspect.signature(fig3.compute).parameters
    assert parameters["panel_alphas"].default == (3.0, 16.0 / 3.0)
    assert 16.0 / 3.0 in parameters["curve_alphas"].default


def test_panel_a_reaches_sqrt_alpha(data):
    for panel in data.panels:
        # After 10 natural periods the transient has decayed by
        # exp(-eta1 t / 2) = exp(-10 pi / sqrt(alpha)) < 1e-5 for alpha <= 16/3,
        # and 2001 samples over 10 periods resolve each peak to within
        # 1 - cos(pi / 200) ~ 1.2e-4 of its height: 1e-3 covers both.
        last_period = panel.t >= panel.t[-1] - 2.0 * math.pi / panel.omega_n
        peak = np.max(np.abs(panel.w2_error[last_period]))
        assert peak == pytest.approx(math.sqrt(panel.alpha), rel=1e-3)
        expected = math.sqrt(panel.alpha)
        assert panel.steady_amplitude == pytest.approx(expected, rel=1e-12)


def test_panel_a_probe_at_natural_frequency(data):
    for panel in data.panels:
        expected = np.sin(panel.omega_n * panel.t)
        np.testing.assert_allclose(panel.probe, expected, rtol=0, atol=1e-12)


def test_panel_a_starts_at_fixed_point(data):
    for panel in data.panels:
        assert panel.w2_error[0] == 0.0


def test_curves_match_transfer_function(data):
    for alpha, curve in zip(data.alphas, data.curves):
        expected = percent_amplification(data.freq_ratio, alpha)
        np.testing.assert_allclose(curve, expected, rtol=1e-12)


def test_simulated_points_within_one_percent(data):
    # The points come from simulations; the predictions from the complex gain.
    for alpha, points in zip(data.alphas, data.measured):
        expected = percent_amplification(data.sample_ratio, alpha)
        np.testing.assert_allclose(points, expected, rtol=1e-2)
    # The figure's settings resolve each point to about 1e-4 relative.
    assert data.max_relative_error < 1e-3


def test_plot_draws_three_panels(data):
    figure = fig3.plot(data)
    assert isinstance(figure, matplotlib.figure.Figure)
    axes = figure.axes
    assert len(axes) == 3
    assert axes[2].get_xscale() == "log"
    # Panel B has one line and one set of points per ratio, plus two guides.
    assert len(axes[2].lines) == 2 * data.alphas.size + 2
    matplotlib.pyplot.close(figure)


def test_plot_does_not_simulate(data, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("plot() must not simulate")

    monkeypatch.setattr(fig3, "simulate", fail)
    monkeypatch.setattr(fig3, "measure_probe_response", fail)
    matplotlib.pyplot.close(fig3.plot(data))
