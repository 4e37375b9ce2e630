"""Tests of the oscillator explorer (consolidation.explorers.oscillator)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from consolidation.explorers import oscillator  # noqa: E402
from consolidation.model import simulate  # noqa: E402


@pytest.mark.parametrize(
    "alpha, freq_ratio", [(3.0, 1.0), (100.0, 10.0), (0.05, 0.1), (0.25, 2.0)]
)
def test_response_matches_simulation(alpha, freq_ratio):
    # The explorer draws the closed-form solution; a simulation of the model
    # from the fixed point with eta1 = 1, eta2 = alpha, w* = 1 and a probe of
    # amplitude eps must give the same (w2 - w*) / eps.
    data = oscillator.response_to_probe(alpha, freq_ratio)
    omega_n = math.sqrt(alpha)
    times = data["periods"] * 2.0 * math.pi / omega_n
    eps = 1e-3
    trajectory = simulate(
        1.0,
        alpha,
        float(times[-1]),
        w_star=1.0,
        w0=(0.0, 1.0),
        perturbation=lambda t, e: eps * math.sin(freq_ratio * omega_n * t),
        t_eval=times,
        rtol=1e-11,
        atol=1e-14,
        max_step=np.inf,
    )
    # DOP853 at rtol 1e-11 on w2 ~ 1: step and dense-output errors stay below
    # about 1e-9, that is 1e-6 in units of eps. The check allows 1e-5, and a
    # wrong response misses by order 1.
    np.testing.assert_allclose(
        data["w2_error"], trajectory.consolidation_error / eps, rtol=0, atol=1e-5
    )
    np.testing.assert_allclose(data["w1"], trajectory.w1 / eps, rtol=0, atol=1e-5)


@pytest.mark.parametrize("alpha, freq_ratio", [(3.0, 1.0), (0.5, 0.3), (30.0, 3.0)])
def test_window_ends_in_steady_state(alpha, freq_ratio):
    # The window lasts at least 6 decay times, so the last probe period shows
    # the steady amplitude 1 / D up to the remaining transient exp(-6) ~ 2.5e-3
    # times 2 max(1, r), and up to the sampling of each peak.
    data = oscillator.response_to_probe(alpha, freq_ratio)
    period = 1.0 / freq_ratio
    last = data["periods"] >= data["periods"][-1] - period
    peak = np.max(np.abs(data["w2_error"][last]))
    zeta = 1.0 / (2.0 * math.sqrt(alpha))
    expected = 1.0 / math.hypot(1.0 - freq_ratio**2, 2.0 * zeta * freq_ratio)
    assert data["steady_amplitude"] == pytest.approx(expected, rel=1e-12)
    assert peak == pytest.approx(expected, rel=2e-2)


def test_default_view_is_caption_ratio_at_resonance():
    explorer = oscillator.make_explorer()
    assert explorer.defaults["alpha"] == pytest.approx(3.0)
    assert explorer.defaults["freq_ratio"] == pytest.approx(1.0)


def test_static_figure_has_two_panels():
    figure = oscillator.make_explorer().static_figure()
    assert len(figure.axes) == 2
    assert figure.axes[1].get_xscale() == "log"
    plt.close(figure)


def test_update_redraws_with_new_values():
    explorer = oscillator.make_explorer()
    figure = explorer.update(alpha=0.1, freq_ratio=5.0)
    assert explorer.values["alpha"] == pytest.approx(0.1)
    assert "no resonant peak" in figure.axes[1].get_title(loc="left")
    figure = explorer.update(alpha=10.0)
    assert "peak" in figure.axes[1].get_title(loc="left")
    assert len(figure.axes) == 2


def test_unknown_control_rejected():
    with pytest.raises(ValueError, match="unknown control"):
        oscillator.make_explorer().update(damping=1.0)


@pytest.mark.parametrize(
    "alpha, freq_ratio, name",
    [(0.0, 1.0, "alpha"), (math.nan, 1.0, "alpha"), (3.0, 0.0, "freq_ratio"),
     (3.0, -1.0, "freq_ratio"), (3.0, math.inf, "freq_ratio")],
)
def test_invalid_values_rejected(alpha, freq_ratio, name):
    with pytest.raises(ValueError, match=name):
        oscillator.response_to_probe(alpha, freq_ratio)
