"""Tests of the oscillator picture (Eqs. 8-9): closed forms, SymPy, simulate()."""

import math

import numpy as np
import pytest
import sympy as sp

from consolidation import (
    amplification,
    damping_ratio,
    decay_rate,
    derive_oscillator_equation,
    derive_steady_state,
    measure_probe_response,
    natural_frequency,
    peak_amplification,
    peak_frequency_ratio,
    phase_lag,
    probe_response,
    simulate,
    steady_state_response,
)

# Closed forms evaluated two ways in double precision agree to a few ulps of
# numbers of order 1 to 1e3; 1e-12 leaves room without hiding a wrong formula.
EXACT_TOL = 1e-12

# measure_probe_response waits until the transient is below 1e-5 of the steady
# amplitude and integrates at rtol = 1e-10, so its amplitude is good to about
# 1e-5 relative and its phase to about 1e-5 rad. The checks allow 1e-4: a
# hundred times tighter than the 1 % the book claims, and a wrong amplitude or
# phase formula misses by the order of the value itself.
MEASURE_TOL = 1e-4

# Probe frequencies for the check of Eq. 9: 15 per alpha, log-spaced around
# omega_n from a fifth to five times it.
FREQ_RATIOS = np.geomspace(0.2, 5.0, 15)


def transfer_function(omega, eta1, eta2):
    """w2~ / xi_p as a complex gain, straight from the Laplace transform of Eq. 8."""
    s = 1j * omega
    return -eta1 * eta2 / (s * s + eta1 * s + eta1 * eta2)


def wrap(angle):
    """Angle mapped to (-pi, pi]."""
    return float(np.angle(np.exp(1j * angle)))


# Closed forms of the API.


@pytest.mark.parametrize(
    "alpha, zeta", [(0.25, 1.0), (1.0, 0.5), (4.0, 0.25), (0.01, 5.0)]
)
def test_damping_ratio_values(alpha, zeta):
    assert damping_ratio(alpha) == pytest.approx(zeta, rel=EXACT_TOL)


def test_damping_ratio_is_mass_spring_damper_ratio():
    # zeta = c / (2 sqrt(k m)) with m = 1, c = eta1, k = eta1 eta2.
    eta1, eta2 = 0.01, 0.0533
    expected = eta1 / (2.0 * math.sqrt(eta1 * eta2))
    assert damping_ratio(eta2 / eta1) == pytest.approx(expected, rel=EXACT_TOL)


def test_damping_ratio_vectorised():
    zeta = damping_ratio(np.array([0.25, 1.0, 4.0]))
    np.testing.assert_allclose(zeta, [1.0, 0.5, 0.25], rtol=EXACT_TOL)


def test_damping_ratio_returns_float_for_scalar():
    assert isinstance(damping_ratio(3), float)


def test_natural_frequency_of_figure1_rates():
    # eta1 = 0.01, eta2 = 1: omega_n = 0.1 rad/s, the perturbation frequency of Fig. 1.
    assert natural_frequency(0.01, 1.0) == pytest.approx(0.1, rel=EXACT_TOL)


def test_natural_frequency_is_eigenvalue_modulus():
    # The eigenvalues of [[-eta1, -eta1], [eta2, 0]] have product eta1 eta2.
    eta1, eta2 = 0.3, 2.0
    eigenvalues = np.linalg.eigvals(np.array([[-eta1, -eta1], [eta2, 0.0]]))
    assert natural_frequency(eta1, eta2) == pytest.approx(
        math.sqrt(abs(np.prod(eigenvalues))), rel=EXACT_TOL
    )


@pytest.mark.parametrize("alpha", [0.1, 0.25, 0.5, 1.0, 3.0, 16.0 / 3.0, 100.0])
def test_amplification_matches_transfer_function(alpha):
    eta1 = 0.7
    eta2 = alpha * eta1
    omega_n = math.sqrt(eta1 * eta2)
    ratios = np.geomspace(0.01, 100.0, 41)
    expected = np.abs(transfer_function(ratios * omega_n, eta1, eta2))
    np.testing.assert_allclose(amplification(ratios, alpha), expected, rtol=EXACT_TOL)


@pytest.mark.parametrize("alpha", [0.1, 1.0, 3.0, 16.0 / 3.0])
def test_amplification_at_natural_frequency_is_sqrt_alpha(alpha):
    assert amplification(1.0, alpha) == pytest.approx(math.sqrt(alpha), rel=EXACT_TOL)


def test_text_ratio_attenuates_at_natural_frequency():
    # The text of Section II C 2 calls alpha = 0.33 an amplification at omega_n.
    # Its gain there is sqrt(0.33) ~ 0.574 < 1, while alpha = 3 (the caption of
    # Figure 3A) amplifies. The transfer function of Eq. 8 and a simulation
    # check both sides independently of the closed form in the package.
    omega_text = math.sqrt(0.33)
    gain_text = abs(transfer_function(omega_text, 1.0, 0.33))
    assert gain_text == pytest.approx(0.574, abs=1e-3)
    assert amplification(1.0, 0.33) == pytest.approx(gain_text, rel=EXACT_TOL)
    assert amplification(1.0, 0.33) < 1.0
    assert amplification(1.0, 3.0) > 1.0
    simulated = measure_probe_response(1.0, 0.33, omega_text)
    assert simulated.amplitude == pytest.approx(gain_text, rel=MEASURE_TOL)
    assert simulated.amplitude < 1.0


def test_amplification_limits():
    assert amplification(0.0, 3.0) == 1.0
    # For r >> 1 the response falls off as 1 / r^2.
    assert amplification(1e4, 3.0) * 1e8 == pytest.approx(1.0, rel=1e-6)


def test_amplification_broadcasts():
    ratios = np.array([0.5, 1.0, 2.0, 4.0])
    alphas = np.array([[0.5], [3.0], [10.0]])
    table = amplification(ratios, alphas)
    assert table.shape == (3, 4)
    for i, alpha in enumerate(alphas[:, 0]):
        for j, ratio in enumerate(ratios):
            expected = amplification(ratio, alpha)
            assert table[i, j] == pytest.approx(expected, rel=EXACT_TOL)


@pytest.mark.parametrize("alpha", [0.1, 0.5, 3.0, 100.0])
def test_phase_lag_matches_transfer_function(alpha):
    # w2~_ss = -eps sin(omega t - phi) / D means w2~ / xi_p = -exp(-i phi) / D,
    # so phi = -arg(-H).
    eta1, eta2 = 1.0, alpha
    omega_n = math.sqrt(eta2)
    ratios = np.geomspace(0.01, 100.0, 41)
    expected = -np.angle(-transfer_function(ratios * omega_n, eta1, eta2))
    np.testing.assert_allclose(phase_lag(ratios, alpha), expected, rtol=0, atol=1e-12)


def test_phase_lag_range_and_branch():
    assert phase_lag(0.0, 3.0) == 0.0
    assert phase_lag(1.0, 3.0) == pytest.approx(math.pi / 2, abs=1e-15)
    # Above omega_n the lag exceeds pi/2; plain arctan would return a negative angle.
    above = phase_lag(2.0, 3.0)
    zeta = damping_ratio(3.0)
    assert above > math.pi / 2
    assert math.atan(2 * zeta * 2.0 / (1 - 4.0)) < 0
    branch = math.pi + math.atan(2 * zeta * 2.0 / (1 - 4.0))
    assert above == pytest.approx(branch, abs=1e-14)


@pytest.mark.parametrize("alpha", [0.05, 0.25, 0.5, 0.6, 1.0, 3.0, 16.0 / 3.0, 30.0])
def test_peak_amplification_is_grid_maximum(alpha):
    # A dense grid finds the maximum to within the curvature of |H| times the
    # grid step squared; 1e-6 relative is well above that for 2e5 points.
    ratios = np.concatenate([[0.0], np.geomspace(1e-4, 10.0, 200_000)])
    grid_max = np.max(amplification(ratios, alpha))
    assert peak_amplification(alpha) == pytest.approx(grid_max, rel=1e-6)
    assert peak_amplification(alpha) >= grid_max * (1 - 1e-12)


def test_peak_amplification_closed_forms():
    # 1 up to alpha = 1/2, then 2 alpha / sqrt(4 alpha - 1),
    # which equals 1 / (2 zeta sqrt(1 - zeta^2)).
    assert peak_amplification(0.1) == 1.0
    assert peak_amplification(0.5) == 1.0
    assert peak_amplification(1.0) == pytest.approx(2.0 / math.sqrt(3.0), rel=EXACT_TOL)
    zeta = damping_ratio(3.0)
    assert peak_amplification(3.0) == pytest.approx(
        1.0 / (2 * zeta * math.sqrt(1 - zeta**2)), rel=EXACT_TOL
    )


def test_peak_amplification_continuous_at_half():
    assert peak_amplification(0.5 + 1e-9) == pytest.approx(1.0, abs=1e-8)


def test_peak_amplification_vectorised():
    alphas = np.array([0.2, 0.5, 1.0, 3.0])
    expected = [peak_amplification(float(a)) for a in alphas]
    np.testing.assert_allclose(peak_amplification(alphas), expected, rtol=EXACT_TOL)


def test_peak_derivation_with_sympy():
    # Minimise D^2 = (1 - u)^2 + 4 zeta^2 u over u = r^2 symbolically.
    u, zeta = sp.symbols("u zeta", positive=True)
    squared = (1 - u) ** 2 + 4 * zeta**2 * u
    critical = sp.solve(sp.diff(squared, u), u)
    assert critical == [1 - 2 * zeta**2]
    minimum = sp.factor(squared.subs(u, critical[0]))
    assert sp.simplify(minimum - 4 * zeta**2 * (1 - zeta**2)) == 0
    alpha = sp.Symbol("alpha", positive=True)
    peak = 1 / sp.sqrt(minimum.subs(zeta, 1 / (2 * sp.sqrt(alpha))))
    assert sp.simplify(peak - 2 * alpha / sp.sqrt(4 * alpha - 1)) == 0
    for value in [0.6, 1.0, 3.0, 30.0]:
        assert peak_amplification(value) == pytest.approx(
            float(peak.subs(alpha, value)), rel=EXACT_TOL
        )


@pytest.mark.parametrize("alpha", [0.6, 1.0, 3.0, 30.0])
def test_peak_frequency_ratio_attains_peak(alpha):
    ratio = peak_frequency_ratio(alpha)
    assert ratio == pytest.approx(math.sqrt(1 - 1 / (2 * alpha)), rel=EXACT_TOL)
    assert amplification(ratio, alpha) == pytest.approx(
        peak_amplification(alpha), rel=EXACT_TOL
    )


def test_peak_frequency_ratio_zero_without_resonance():
    assert peak_frequency_ratio(0.5) == 0.0
    assert peak_frequency_ratio(0.1) == 0.0


@pytest.mark.parametrize("alpha", [0.01, 0.1, 0.2, 0.25, 0.3, 1.0, 100.0])
def test_decay_rate_is_slowest_eigenvalue(alpha):
    eta1 = 0.4
    matrix = np.array([[-eta1, -eta1], [alpha * eta1, 0.0]])
    slowest = -np.max(np.linalg.eigvals(matrix).real)
    # Near critical damping the eigenvalues of the defective matrix are only
    # good to about sqrt(machine epsilon).
    assert decay_rate(eta1, alpha * eta1) == pytest.approx(slowest, rel=1e-7)


# The SymPy derivations.


def test_derived_equation_is_eq8():
    equation, symbols = derive_oscillator_equation()
    t, eta1, eta2 = symbols["t"], symbols["eta1"], symbols["eta2"]
    eps, omega, w2 = symbols["eps"], symbols["omega"], symbols["w2"]
    # Eq. 8 as printed by Alemi, Aksay and Goldman.
    lhs = sp.diff(w2, t, 2) + eta1 * sp.diff(w2, t) + eta1 * eta2 * w2
    rhs = -eta1 * eta2 * eps * sp.sin(omega * t)
    assert sp.simplify(equation.lhs - lhs) == 0
    assert sp.simplify(equation.rhs - rhs) == 0


def test_derived_steady_state_is_eq9():
    result = derive_steady_state()
    symbols = result["symbols"]
    eta1, eta2, eps, omega = (symbols[k] for k in ("eta1", "eta2", "eps", "omega"))
    r, zeta = omega / sp.sqrt(eta1 * eta2), 1 / (2 * sp.sqrt(eta2 / eta1))
    denominator_squared = (1 - r**2) ** 2 + (2 * zeta * r) ** 2
    assert sp.simplify(result["amplitude_squared"] * denominator_squared - 1) == 0
    # -eps sin(omega t - phi) / D = a sin + b cos with a = -eps cos(phi) / D and
    # b = eps sin(phi) / D, where cos(phi) = (1 - r^2) / D, sin(phi) = 2 zeta r / D.
    assert sp.simplify(result["a"] + eps * (1 - r**2) / denominator_squared) == 0
    assert sp.simplify(result["b"] - eps * 2 * zeta * r / denominator_squared) == 0


# The exact probe response against independent integration.


@pytest.mark.parametrize("alpha", [0.01, 0.1, 0.25, 0.6, 3.0, 30.0])
def test_probe_response_matches_simulate(alpha):
    eta1, eps = 0.5, 1e-3
    eta2 = alpha * eta1
    omega = 0.7 * math.sqrt(eta1 * eta2)
    times = np.linspace(0.0, 40.0, 401)
    start = (3e-4, -2e-4)
    w1, w2_error = probe_response(times, eta1, eta2, omega, eps, w0=start)
    trajectory = simulate(
        eta1,
        eta2,
        40.0,
        w_star=0.5,
        w0=(start[0], 0.5 + start[1]),
        perturbation=lambda t, e: eps * math.sin(omega * t),
        t_eval=times,
        rtol=1e-11,
        atol=1e-14,
    )
    # DOP853 at rtol 1e-11 on weights of order 0.5: the step error is about
    # 1e-11, but the dense output that fills in the sample times errs by up to
    # about 2e-10 (2e-7 eps) on the fastest oscillation (alpha = 30). 1e-6 eps
    # leaves room, and a wrong solution misses by the order of eps.
    np.testing.assert_allclose(w1, trajectory.w1, rtol=0, atol=1e-6 * eps)
    np.testing.assert_allclose(
        w2_error, trajectory.consolidation_error, rtol=0, atol=1e-6 * eps
    )


def test_probe_response_stays_finite_on_long_overdamped_runs():
    w1, w2_error = probe_response(np.array([0.0, 1e6]), 1.0, 0.01, 0.05, 1.0)
    assert np.all(np.isfinite(w1))
    assert np.all(np.isfinite(w2_error))


def test_probe_response_keeps_shape_of_times():
    w1, w2_error = probe_response(np.zeros((2, 3)), 1.0, 3.0, 1.0, 1e-3, w0=(0.1, 0.2))
    assert w1.shape == (2, 3)
    np.testing.assert_allclose(w1, 0.1, rtol=EXACT_TOL)
    np.testing.assert_allclose(w2_error, 0.2, rtol=EXACT_TOL)


@pytest.mark.parametrize("alpha", [0.05, 0.6, 3.0])
def test_steady_state_response_is_late_probe_response(alpha):
    eta1, eps = 1.0, 1e-3
    omega = 1.3 * math.sqrt(alpha)
    late = 60.0 / decay_rate(eta1, alpha) + np.linspace(0.0, 20.0, 101)
    _, w2_error = probe_response(late, eta1, alpha, omega, eps)
    expected = steady_state_response(late, eta1, alpha, omega, eps)
    np.testing.assert_allclose(w2_error, expected, rtol=0, atol=1e-12 * eps)


@pytest.mark.parametrize("alpha", [0.01, 0.1, 0.2, 0.25, 0.5, 1.0, 3.0, 100.0, 1000.0])
def test_transient_bound_used_for_run_length(alpha):
    # measure_probe_response assumes the switch-on transient is at most
    # 2 max(1, r) exp(-sigma t) times the steady amplitude, with an extra
    # factor sigma t at critical damping; check that on a grid of r.
    sigma = decay_rate(1.0, alpha)
    times = np.linspace(0.0, 4.0 / sigma, 4001)
    for ratio in np.geomspace(0.01, 100.0, 41):
        omega = ratio * math.sqrt(alpha)
        _, w2_error = probe_response(times, 1.0, alpha, omega, 1.0)
        transient = w2_error - steady_state_response(times, 1.0, alpha, omega, 1.0)
        relative = np.abs(transient) / amplification(ratio, alpha) / max(1.0, ratio)
        allowed = 2.0 * np.exp(-sigma * times) * np.maximum(1.0, sigma * times)
        assert np.all(relative <= allowed), (alpha, ratio)


# Eq. 9 against the simulated model.


@pytest.mark.parametrize("alpha", [0.2, 1.0, 16.0 / 3.0])
def test_eq9_matches_simulation(alpha):
    # Measured w2~ / eps = A sin(omega t + theta). The corrected Eq. 9,
    # -sin(omega t - phi) / D = sin(omega t + pi - phi) / D, predicts A = 1 / D
    # and theta = pi - phi: the response lags the force.
    eta1 = 1.0
    eta2 = alpha * eta1
    omega_n = natural_frequency(eta1, eta2)
    for ratio in FREQ_RATIOS:
        measured = measure_probe_response(eta1, eta2, ratio * omega_n)
        predicted_phase = wrap(math.pi - phase_lag(ratio, alpha))
        assert measured.amplitude == pytest.approx(
            amplification(ratio, alpha), rel=MEASURE_TOL
        ), ratio
        assert wrap(measured.phase - predicted_phase) == pytest.approx(
            0.0, abs=MEASURE_TOL
        ), ratio


def test_eq9_as_printed_has_wrong_phase_sign():
    # The paper writes -eps sin(omega t + phi) with phi = arctan(2 zeta r / (1 - r^2)),
    # that is theta = pi + phi. At omega_n that is opposite to the simulated response.
    alpha = 3.0
    measured = measure_probe_response(1.0, alpha, math.sqrt(alpha))
    printed = wrap(math.pi + math.pi / 2)
    difference = abs(wrap(measured.phase - printed))
    assert difference == pytest.approx(math.pi, abs=MEASURE_TOL)


@pytest.mark.parametrize("alpha", [0.33, 3.0, 16.0 / 3.0])
def test_w1_oscillates_with_probe_amplitude_at_resonance(alpha):
    # w1 = w2~' / eta2 has amplitude r eps / (sqrt(alpha) D), equal to eps at r = 1:
    # in the steady state w1 does not approach zero, only its mean does.
    measured = measure_probe_response(1.0, alpha, math.sqrt(alpha))
    assert measured.w1_amplitude == pytest.approx(1.0, rel=MEASURE_TOL)


def test_measurement_independent_of_eps_and_eta1():
    # The rules are linear at r_in = 1 and Eq. 9 depends only on r and alpha.
    small = measure_probe_response(1.0, 3.0, 2.0 * math.sqrt(3.0), eps=1e-6)
    slow = measure_probe_response(0.01, 0.03, 2.0 * 0.01 * math.sqrt(3.0), eps=0.1)
    assert small.amplitude == pytest.approx(slow.amplitude, rel=MEASURE_TOL)


# Invalid arguments.


@pytest.mark.parametrize(
    "alpha", [0.0, -1.0, math.nan, math.inf, "3", True, [1.0, 0.0]]
)
@pytest.mark.parametrize(
    "function",
    [
        damping_ratio,
        peak_amplification,
        peak_frequency_ratio,
        lambda alpha: amplification(1.0, alpha),
        lambda alpha: phase_lag(1.0, alpha),
    ],
)
def test_invalid_alpha_rejected(function, alpha):
    with pytest.raises(ValueError, match="alpha"):
        function(alpha)


@pytest.mark.parametrize("ratio", [-0.1, math.nan, math.inf, [0.5, -1.0], "x"])
@pytest.mark.parametrize("function", [amplification, phase_lag])
def test_invalid_freq_ratio_rejected(function, ratio):
    with pytest.raises(ValueError, match="freq_ratio"):
        function(ratio, 3.0)


@pytest.mark.parametrize(
    "eta1, eta2, name",
    [(0.0, 1.0, "eta1"), (-0.1, 1.0, "eta1"), (math.nan, 1.0, "eta1"),
     (0.1, 0.0, "eta2"), (0.1, -1.0, "eta2"), (0.1, math.inf, "eta2")],
)
@pytest.mark.parametrize(
    "function",
    [
        natural_frequency,
        decay_rate,
        lambda eta1, eta2: steady_state_response(0.0, eta1, eta2, 1.0, 1e-3),
        lambda eta1, eta2: probe_response([0.0], eta1, eta2, 1.0, 1e-3),
        lambda eta1, eta2: measure_probe_response(eta1, eta2, 1.0),
    ],
)
def test_invalid_rates_rejected(function, eta1, eta2, name):
    with pytest.raises(ValueError, match=name):
        function(eta1, eta2)


@pytest.mark.parametrize("omega", [-1.0, math.nan])
def test_invalid_omega_rejected(omega):
    with pytest.raises(ValueError, match="omega"):
        steady_state_response(0.0, 1.0, 3.0, omega, 1e-3)
    with pytest.raises(ValueError, match="omega"):
        probe_response([0.0], 1.0, 3.0, omega, 1e-3)
    with pytest.raises(ValueError, match="omega"):
        measure_probe_response(1.0, 3.0, omega)


def test_invalid_eps_rejected():
    with pytest.raises(ValueError, match="eps"):
        steady_state_response(0.0, 1.0, 3.0, 1.0, math.inf)
    with pytest.raises(ValueError, match="eps"):
        probe_response([0.0], 1.0, 3.0, 1.0, math.nan)
    with pytest.raises(ValueError, match="eps"):
        measure_probe_response(1.0, 3.0, 1.0, eps=0.0)


def test_invalid_probe_response_inputs_rejected():
    with pytest.raises(ValueError, match="t must"):
        probe_response([0.0, math.inf], 1.0, 3.0, 1.0, 1e-3)
    with pytest.raises(ValueError, match="w0"):
        probe_response([0.0], 1.0, 3.0, 1.0, 1e-3, w0=(math.nan, 0.0))


@pytest.mark.parametrize(
    "keyword, value",
    [("residual", 0.0), ("residual", 1.0), ("n_periods", 0), ("n_periods", 1.5),
     ("n_samples", 5), ("n_samples", True)],
)
def test_invalid_measurement_settings_rejected(keyword, value):
    with pytest.raises(ValueError, match=keyword):
        measure_probe_response(1.0, 3.0, 1.0, **{keyword: value})
