"""Tests of the two-stage explorer (consolidation.explorers.two_stage)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from consolidation.explorers import two_stage  # noqa: E402
from consolidation.model import simulate  # noqa: E402


def reference_run(alpha, amplitude, frequency_ratio):
    """The same run with tight tolerances and 1 s steps."""
    eta2 = alpha * two_stage.ETA1
    omega = frequency_ratio * math.sqrt(two_stage.ETA1 * eta2)
    return simulate(
        two_stage.ETA1,
        eta2,
        two_stage.T_END,
        w_star=two_stage.W_STAR,
        perturbation=lambda t, e: amplitude * math.sin(omega * t),
        n_samples=1001,
        rtol=1e-10,
        atol=1e-13,
        max_step=1.0,
    )


@pytest.mark.parametrize(
    "alpha, amplitude, frequency_ratio",
    [(3.0, 0.002, 1.0), (100.0, 0.01, 3.0), (0.01, 0.005, 0.1)],
)
def test_loose_tolerances_stay_close_to_reference(alpha, amplitude, frequency_ratio):
    data = two_stage.simulate_two_stage(alpha, amplitude, frequency_ratio)
    reference = reference_run(alpha, amplitude, frequency_ratio)
    # 1e-5 is 1e-4 of w* = 0.1, below a pixel of the explorer's plots.
    np.testing.assert_allclose(data["trajectory"].w1, reference.w1, atol=1e-5)
    np.testing.assert_allclose(data["trajectory"].w2, reference.w2, atol=1e-5)


@pytest.mark.parametrize(
    "alpha, frequency_ratio", [(3.0, 1.0), (10.0, 0.5), (1.0, 2.0)]
)
def test_steady_amplitude_matches_simulation(alpha, frequency_ratio):
    data = two_stage.simulate_two_stage(alpha, 0.002, frequency_ratio)
    trajectory = data["trajectory"]
    # Transients decay at least as fast as exp(-eta1 t / 2): after 2000 s they
    # are below exp(-10) ~ 5e-5 of their start, so the last 2000 s show the
    # steady oscillation. Sampling every 4 s of a period >= 60 s catches the
    # peak to within 1 - cos(pi * 4 / 60) ~ 2 %.
    late = trajectory.t >= two_stage.T_END - 2000.0
    peak = np.max(np.abs(trajectory.w2[late] - two_stage.W_STAR))
    assert peak == pytest.approx(data["steady_amplitude"], rel=0.03)


def test_explorer_default_view():
    explorer = two_stage.make_explorer()
    expected = {"alpha": 3.0, "amplitude": 0.002, "frequency_ratio": 1.0}
    assert explorer.defaults == expected
    figure = explorer.static_figure()
    assert len(figure.axes) == 2
    plt.close(figure)


def test_explorer_update_redraws():
    explorer = two_stage.make_explorer()
    figure = explorer.update(alpha=0.5, amplitude=0.0)
    assert len(figure.axes) == 2
    assert "(inside alpha <= 1" in figure.axes[0].get_title()
    figure = explorer.update(alpha=4.0)
    assert "(outside alpha <= 1" in figure.axes[0].get_title()
    with pytest.raises(ValueError, match="unknown control"):
        explorer.update(beta=1.0)


@pytest.mark.parametrize(
    "arguments, name",
    [
        ((0.0, 0.002, 1.0), "alpha"),
        ((math.inf, 0.002, 1.0), "alpha"),
        ((1.0, -0.001, 1.0), "amplitude"),
        ((1.0, 0.002, 0.0), "frequency_ratio"),
        ((1.0, 0.002, math.nan), "frequency_ratio"),
    ],
)
def test_simulate_two_stage_rejects_invalid_arguments(arguments, name):
    with pytest.raises(ValueError, match=name):
        two_stage.simulate_two_stage(*arguments)


def test_update_after_widget_computes_once():
    # widget() makes every control redraw on change; update() of several
    # controls must still recompute once, and a second widget() must not
    # register the observers twice.
    explorer = two_stage.make_explorer()
    calls = []
    compute = explorer.compute
    explorer.compute = lambda **values: calls.append(values) or compute(**values)
    explorer.widget()
    explorer.widget()
    calls.clear()
    explorer.update(alpha=0.5, amplitude=0.001, frequency_ratio=2.0)
    assert len(calls) == 1
    calls.clear()
    explorer.controls["alpha"].value = 2.0
    assert len(calls) == 1
