"""Tests of simulate() and its inputs against closed forms and invariants."""

import math

import numpy as np
import pytest
from scipy.linalg import expm

from consolidation import (
    DEFAULT_ATOL,
    DEFAULT_RTOL,
    ModulatedRate,
    RandomAmplitudeSine,
    SmoothedStep,
    simulate,
)

# DOP853 at rtol = 1e-8 controls the error relative to the weights, so the
# global error of these linear runs stays within a few times 1e-8 of the
# weights' scale. The checks allow 1e-7 of that scale: room for accumulation,
# while a wrong equation would miss by the order of the solution itself.
CLOSED_FORM_TOL = 1e-7


@pytest.mark.parametrize("eta1, r", [(0.01, 1.0), (0.05, 0.3), (1.0, 2.0)])
def test_single_stage_converges_exponentially(eta1, r):
    # With eta2 = 0 and constant input r, W~(t) = W~(0) exp(-eta1 r^2 t).
    w_star = 0.7
    t_end = 5.0 / (eta1 * r * r)
    trajectory = simulate(eta1, 0.0, t_end, w_star=w_star, r_in=r, w0=(0.2, 0.1))
    expected = (0.2 + 0.1 - w_star) * np.exp(-eta1 * r * r * trajectory.t)
    scale = abs(0.2 + 0.1 - w_star)
    np.testing.assert_allclose(
        trajectory.gain_error, expected, rtol=0, atol=CLOSED_FORM_TOL * scale
    )
    np.testing.assert_allclose(trajectory.w2, 0.1, rtol=0, atol=0)


@pytest.mark.parametrize(
    "eta1, eta2, r", [(0.01, 0.0003, 1.0), (0.01, 1.0, 1.0), (0.1, 0.3, 0.5)]
)
def test_two_stage_matches_linear_solution(eta1, eta2, r):
    # Without perturbation the rules are the affine system
    # d/dt (w1, w2) = M (w1, w2) + (eta1 r^2 w*, 0), M = r^2 [[-eta1, -eta1], [eta2, 0]],
    # whose fixed point is (0, w*); its exact solution uses the matrix exponential.
    w_star = 0.1
    t_end = 3000.0 if eta2 < 0.01 else 400.0
    trajectory = simulate(
        eta1, eta2, t_end, w_star=w_star, r_in=r, w0=(0.05, -0.02), n_samples=201
    )
    matrix = r * r * np.array([[-eta1, -eta1], [eta2, 0.0]])
    fixed_point = np.array([0.0, w_star])
    start = np.array([0.05, -0.02]) - fixed_point
    exact = np.array([expm(matrix * t) @ start + fixed_point for t in trajectory.t])
    scale = np.max(np.abs(exact))
    np.testing.assert_allclose(trajectory.w1, exact[:, 0], rtol=0, atol=CLOSED_FORM_TOL * scale)
    np.testing.assert_allclose(trajectory.w2, exact[:, 1], rtol=0, atol=CLOSED_FORM_TOL * scale)


def test_switch_on_of_smoothed_step_is_resolved():
    # Single stage with r_in a smoothed unit step at t_on: W~ decays as
    # exp(-eta1 * integral of r^2), and for r = 1 - exp(-s / tau), s = t - t_on,
    # the integral is s - 2 tau (1 - e^{-s/tau}) + (tau / 2)(1 - e^{-2 s/tau}).
    eta1, tau, t_on, t_end = 0.01, 0.01, 300.0, 15000.0
    step = SmoothedStep(t_on, 1.0, tau)
    samples = np.concatenate(
        [np.linspace(0, t_on, 5), t_on + np.geomspace(1e-4, t_end - t_on, 400)]
    )
    trajectory = simulate(
        eta1, 0.0, t_end, w_star=0.1, r_in=step, t_eval=np.unique(samples)
    )
    s = np.maximum(trajectory.t - t_on, 0.0)
    integral = (
        s - 2 * tau * -np.expm1(-s / tau) + 0.5 * tau * -np.expm1(-2 * s / tau)
    )
    expected = -0.1 * np.exp(-eta1 * integral)
    # Measured error is below 1e-12; a step over the 0.01 s switch-on would
    # shift the whole decay by about eta1 * tau * 0.1 = 1e-5 or more.
    np.testing.assert_allclose(trajectory.gain_error, expected, rtol=0, atol=1e-9)


def figure1_runs(rtol, atol):
    t_end = 15000.0
    step = SmoothedStep(0.02 * t_end, 1.0, 0.01)
    xi = RandomAmplitudeSine(0.004, 0.1, 100.0, t_end, seed=1)
    return [
        simulate(
            0.01,
            eta2,
            t_end,
            w_star=0.1,
            r_in=step,
            perturbation=xi,
            n_samples=3001,
            rtol=rtol,
            atol=atol,
        )
        for eta2 in (0.0, 0.0003, 1.0)
    ]


def test_tighter_tolerances_change_nothing_printed():
    # The book prints weights to 4 decimals. Tightening both tolerances
    # tenfold on the longest runs (15000 s) must move no sample by more than
    # 1e-6, two orders below the last printed digit.
    default = figure1_runs(DEFAULT_RTOL, DEFAULT_ATOL)
    tight = figure1_runs(DEFAULT_RTOL / 10, DEFAULT_ATOL / 10)
    for coarse, fine in zip(default, tight):
        assert np.max(np.abs(coarse.w1 - fine.w1)) < 1e-6
        assert np.max(np.abs(coarse.w2 - fine.w2)) < 1e-6
        assert round(float(coarse.w2[-1]), 4) == round(float(fine.w2[-1]), 4)


def test_parametric_instability_stops_as_diverged():
    # Figure 4B's early-stage rate with eta2 = 1 grows without bound: the run
    # must stop at the bound, flagged, with finite arrays and no warnings.
    rate = ModulatedRate(0.1, 0.7, 0.2 * math.pi)
    trajectory = simulate(rate, 1.0, 2000.0, w0=(0.0, 0.0), bound=1e3)
    assert trajectory.diverged
    assert trajectory.t_end < 2000.0
    assert np.all(np.isfinite(trajectory.w1))
    assert np.all(np.isfinite(trajectory.w2))
    peak = max(abs(trajectory.w1[-1]), abs(trajectory.w2[-1]))
    assert peak == pytest.approx(1e3, rel=1e-6)
    assert "diverged" in trajectory.message


def test_converging_run_is_not_flagged():
    rate = ModulatedRate(0.1, 0.7, 0.2 * math.pi)
    trajectory = simulate(rate, 0.02, 500.0)
    assert not trajectory.diverged
    assert trajectory.t_end == 500.0
    assert trajectory.message == "completed"


def test_signal_dependent_perturbation_scales_rate():
    # xi = delta e is the same as eta1 (1 + delta) with no perturbation.
    delta = 0.5
    with_xi = simulate(0.02, 0.01, 300.0, perturbation=lambda t, e: delta * e)
    scaled = simulate(0.02 * (1 + delta), 0.01, 300.0)
    np.testing.assert_allclose(with_xi.w1, scaled.w1, rtol=0, atol=1e-9)
    np.testing.assert_allclose(with_xi.w2, scaled.w2, rtol=0, atol=1e-9)


def test_derived_quantities_follow_definitions():
    trajectory = simulate(0.01, 0.001, 100.0, w_star=0.3, r_in=2.0, w0=(0.1, 0.05))
    w1, w2 = trajectory.w1, trajectory.w2
    np.testing.assert_array_equal(trajectory.gain_error, w1 + w2 - 0.3)
    np.testing.assert_array_equal(trajectory.consolidation_error, w2 - 0.3)
    np.testing.assert_allclose(
        trajectory.lyapunov, 0.5 * ((w1 + w2 - 0.3) ** 2 + (w2 - 0.3) ** 2)
    )
    np.testing.assert_allclose(trajectory.output, 2.0 * (w1 + w2))
    np.testing.assert_allclose(trajectory.target_output, 0.6)
    np.testing.assert_allclose(trajectory.alpha, 0.1)


def test_samples_cover_the_run():
    trajectory = simulate(0.01, 0.0, 100.0, n_samples=11)
    np.testing.assert_allclose(trajectory.t, np.linspace(0, 100, 11))
    assert trajectory.r_in.shape == trajectory.t.shape
    assert trajectory.xi.shape == trajectory.t.shape


# --- inputs -------------------------------------------------------------------


def test_smoothed_step_closed_form():
    step = SmoothedStep(2.0, 3.0, 0.5)
    assert step(1.9) == 0.0
    assert step(2.0) == 0.0
    assert step(2.5) == pytest.approx(3.0 * (1 - math.exp(-1.0)), rel=1e-15)
    assert step(100.0) == pytest.approx(3.0, rel=1e-15)
    assert step.breakpoints == (2.0,)


def test_random_amplitude_is_seeded_and_piecewise_constant():
    first = RandomAmplitudeSine(0.004, 0.1, 100.0, 15000.0, seed=7)
    second = RandomAmplitudeSine(0.004, 0.1, 100.0, 15000.0, seed=7)
    other = RandomAmplitudeSine(0.004, 0.1, 100.0, 15000.0, seed=8)
    np.testing.assert_array_equal(first.amplitudes, second.amplitudes)
    assert not np.array_equal(first.amplitudes, other.amplitudes)
    assert np.all((first.amplitudes >= 0) & (first.amplitudes <= 0.004))
    assert first.amplitude(100.0) == first.amplitude(199.999)
    assert first.amplitude(99.999) != first.amplitude(100.0)
    assert first.breakpoints[:3] == (100.0, 200.0, 300.0)
    assert first.breakpoints[-1] == 14900.0
    t = 123.4
    assert first(t, 5.0) == pytest.approx(first.amplitude(t) * math.sin(0.1 * t))


def test_modulated_rate_range():
    rate = ModulatedRate(0.1, 0.7, 0.2 * math.pi)
    t = np.linspace(0, 10, 10001)
    values = rate(t)
    assert values.min() == pytest.approx(rate.minimum, rel=1e-6)
    assert values.max() == pytest.approx(rate.maximum, rel=1e-6)
    assert rate.minimum == pytest.approx(0.03)


# --- validation -----------------------------------------------------------------


@pytest.mark.parametrize("value", [0.0, -0.01, math.nan, math.inf, "fast", None, True])
def test_rejects_invalid_eta1(value):
    with pytest.raises(ValueError, match=r"eta1 must be finite and > 0; got"):
        simulate(value, 0.0, 10.0)


@pytest.mark.parametrize("value", [-1e-9, math.nan, -math.inf, math.inf])
def test_rejects_invalid_eta2(value):
    with pytest.raises(ValueError, match=r"eta2 must be finite and >= 0; got"):
        simulate(0.01, value, 10.0)


@pytest.mark.parametrize("value", [0.0, -5.0, math.inf, math.nan])
def test_rejects_invalid_t_end(value):
    with pytest.raises(ValueError, match=r"t_end must be finite and > 0; got"):
        simulate(0.01, 0.0, value)


@pytest.mark.parametrize("returned", [-0.1, 0.0, math.nan, math.inf])
def test_rejects_invalid_eta1_function_values(returned):
    with pytest.raises(ValueError, match=r"eta1 returned an invalid value: eta1\(0\)"):
        simulate(lambda t: returned, 0.0, 10.0)


def test_rejects_eta1_function_that_turns_negative():
    with pytest.raises(ValueError, match=r"eta1 returned an invalid value: eta1\(5"):
        simulate(lambda t: 0.01 * (5.0 - t), 0.1, 10.0)


@pytest.mark.parametrize(
    "w0, name",
    [
        ((math.nan, 0.0), r"w0\[0\]"),
        ((0.0, math.inf), r"w0\[1\]"),
        ((0.0,), r"w0 must be a pair"),
        ("ab", r"w0\[0\]"),
        (None, r"w0 must be a pair"),
    ],
)
def test_rejects_invalid_initial_weights(w0, name):
    with pytest.raises(ValueError, match=name):
        simulate(0.01, 0.0, 10.0, w0=w0)


def test_rejects_invalid_input_command():
    with pytest.raises(ValueError, match=r"r_in must be a finite real number; got nan"):
        simulate(0.01, 0.0, 10.0, r_in=math.nan)
    with pytest.raises(ValueError, match=r"r_in returned an invalid value"):
        simulate(0.01, 0.0, 10.0, r_in=lambda t: math.inf)


def test_rejects_invalid_perturbation():
    with pytest.raises(ValueError, match=r"perturbation must be a function"):
        simulate(0.01, 0.0, 10.0, perturbation=0.5)
    with pytest.raises(ValueError, match=r"perturbation\(0, e\) must be a finite"):
        simulate(0.01, 0.0, 10.0, perturbation=lambda t, e: math.nan)


@pytest.mark.parametrize("w_star", [math.nan, math.inf, "one"])
def test_rejects_invalid_target(w_star):
    with pytest.raises(ValueError, match=r"w_star must be a finite real number"):
        simulate(0.01, 0.0, 10.0, w_star=w_star)


def test_rejects_invalid_sampling():
    with pytest.raises(ValueError, match=r"n_samples must be an integer in \[2, 1e\+07\]; got 1"):
        simulate(0.01, 0.0, 10.0, n_samples=1)
    with pytest.raises(ValueError, match=r"n_samples must be an integer in \[2"):
        simulate(0.01, 0.0, 10.0, n_samples=2.5)
    with pytest.raises(ValueError, match=r"t_eval must be a strictly increasing"):
        simulate(0.01, 0.0, 10.0, t_eval=[0.0, 20.0])
    with pytest.raises(ValueError, match=r"t_eval must be a strictly increasing"):
        simulate(0.01, 0.0, 10.0, t_eval=[5.0, 1.0])


def test_rejects_invalid_solver_settings():
    with pytest.raises(ValueError, match=r"rtol must be finite and > 0; got 0"):
        simulate(0.01, 0.0, 10.0, rtol=0)
    with pytest.raises(ValueError, match=r"atol must be finite and > 0"):
        simulate(0.01, 0.0, 10.0, atol=-1)
    with pytest.raises(ValueError, match=r"max_step must be > 0 or inf; got -1"):
        simulate(0.01, 0.0, 10.0, max_step=-1)
    with pytest.raises(ValueError, match=r"bound must be in \(0, 1e100\]"):
        simulate(0.01, 0.0, 10.0, bound=1e300)
    with pytest.raises(ValueError, match=r"w0 must lie inside the divergence bound"):
        simulate(0.01, 0.0, 10.0, w0=(20.0, 0.0), bound=10.0)


def test_inputs_reject_invalid_parameters():
    with pytest.raises(ValueError, match=r"tau must be finite and > 0; got 0"):
        SmoothedStep(1.0, 1.0, 0.0)
    with pytest.raises(ValueError, match=r"t_on must be finite and >= 0; got -1"):
        SmoothedStep(-1.0)
    with pytest.raises(ValueError, match=r"period must be finite and > 0"):
        RandomAmplitudeSine(0.004, 0.1, 0.0, 100.0)
    with pytest.raises(ValueError, match=r"max_amplitude must be finite and >= 0"):
        RandomAmplitudeSine(-0.004, 0.1, 10.0, 100.0)
    with pytest.raises(ValueError, match=r"depth must be in \[0, 1\)"):
        ModulatedRate(0.1, 1.0, 1.0)
    with pytest.raises(ValueError, match=r"eta_bar must be finite and > 0"):
        ModulatedRate(0.0, 0.5, 1.0)


def test_rejects_runs_too_long_to_finish():
    # 1e308 s at the default 10 s step would never end; the check names both.
    with pytest.raises(ValueError, match=r"t_end / max_step must be at most 1e\+07"):
        simulate(0.1, 0.1, 1e308)
    with pytest.raises(ValueError, match=r"n_samples must be an integer in \[2"):
        simulate(0.1, 0.1, 10.0, n_samples=10**12)


def test_rejects_integers_beyond_float_range():
    with pytest.raises(ValueError, match=r"eta2 must be finite and >= 0; got 1000"):
        simulate(0.01, 10**400, 10.0)


@pytest.mark.parametrize("seed", [-1, 1.5, "7", None, True])
def test_rejects_invalid_seed(seed):
    with pytest.raises(ValueError, match=r"seed must be a non-negative integer"):
        RandomAmplitudeSine(0.004, 0.1, 10.0, 100.0, seed=seed)


def test_rejects_too_many_amplitude_draws():
    with pytest.raises(ValueError, match=r"t_end / period must be at most"):
        RandomAmplitudeSine(0.004, 0.1, 1e-3, 1e5)
