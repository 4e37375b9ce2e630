"""Tests of consolidation.lyapunov against independent evaluations.

The reference values never reuse the closed forms under test. Derivatives come
from the chain rule applied to the learning rules in the weights (w1, w2), or
from finite differences along an integrated trajectory. Critical ratios come
from a bisection on sampled directions of the plane.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

import consolidation
from consolidation import lyapunov
from consolidation.model import simulate

W_STAR = 1.0


def rules(w1, w2, eta1, eta2, r_in=1.0, xi=0.0):
    """Right-hand sides of Eqs. 2-3, written out here independently of the package."""
    error = (w1 + w2 - W_STAR) * r_in
    return -eta1 * r_in * (error + xi), eta2 * r_in**2 * w1


def chain_rule_derivative(w1, w2, eta1, eta2, r_in=1.0, xi=0.0, b=1.0):
    """dL_b/dt = grad L_b . (dw1/dt, dw2/dt) in the weight coordinates."""
    dw1, dw2 = rules(w1, w2, eta1, eta2, r_in, xi)
    gain = w1 + w2 - W_STAR
    consolidation_error = w2 - W_STAR
    # dL_b/dw1 = W~, dL_b/dw2 = W~ + b w2~.
    return gain * dw1 + (gain + b * consolidation_error) * dw2


def max_worst_case_derivative(alpha, mu, b=1.0, n_angles=20001):
    """Largest dL_b/dt on the unit circle of (W~, w2~) with xi = -mu e, eta1 = 1."""
    angles = np.linspace(0.0, np.pi, n_angles)
    gain, consolidation_error = np.cos(angles), np.sin(angles)
    w2 = consolidation_error + W_STAR
    w1 = gain - consolidation_error
    xi = -mu * gain
    return np.max(chain_rule_derivative(w1, w2, 1.0, alpha, 1.0, xi, b))


def bisect_critical_ratio(mu, b=1.0):
    """Largest alpha in [0, 2] with max dL_b/dt <= 0 on the circle, by bisection."""
    low, high = 0.0, 2.0
    # 50 halvings of [0, 2] resolve alpha to 2e-15, below the sampling error.
    for _ in range(50):
        middle = 0.5 * (low + high)
        # A tiny tolerance absorbs rounding of the sampled maximum at zero.
        if max_worst_case_derivative(middle, mu, b) <= 1e-13:
            low = middle
        else:
            high = middle
    return low


# ---------------------------------------------------------------------------
# critical_ratio and weighted_critical_ratio
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("mu", [0.0, 0.1, 0.25, 0.5, 0.9, 1.0])
def test_critical_ratio_matches_bisection(mu):
    # The sampled circle has 20001 angles, so its maximum misses the true one
    # by O((pi / 20000)^2) relative; 1e-6 covers that with a wide margin.
    assert consolidation.critical_ratio(mu) == pytest.approx(
        bisect_critical_ratio(mu), abs=1e-6
    )


@pytest.mark.parametrize("mu", [-0.1, 1.1, math.nan, math.inf, "0.5", True, None])
def test_critical_ratio_rejects_invalid_mu(mu):
    with pytest.raises(ValueError, match="mu"):
        consolidation.critical_ratio(mu)


@pytest.mark.parametrize("b", [0.1, 0.5, 1.0, 2.0, 4.0, 10.0])
def test_weighted_critical_ratio_matches_bisection(b):
    # Same sampling argument as for critical_ratio.
    assert consolidation.weighted_critical_ratio(b) == pytest.approx(
        bisect_critical_ratio(0.0, b), abs=1e-6
    )


@pytest.mark.parametrize("b, mu", [(0.5, 0.3), (2.0, 0.3), (1.0, 0.6), (3.0, 0.9)])
def test_weighted_critical_ratio_with_mu(b, mu):
    assert consolidation.weighted_critical_ratio(b, mu) == pytest.approx(
        bisect_critical_ratio(mu, b), abs=1e-6
    )


def test_weighted_critical_ratio_peak_at_b_one():
    assert consolidation.weighted_critical_ratio(1.0) == 1.0
    for b in [0.2, 0.9, 1.1, 5.0]:
        assert consolidation.weighted_critical_ratio(b) < 1.0


@pytest.mark.parametrize("b", [0.0, -1.0, math.nan, math.inf, -math.inf, "1"])
def test_weighted_critical_ratio_rejects_invalid_b(b):
    with pytest.raises(ValueError, match="b"):
        consolidation.weighted_critical_ratio(b)


@pytest.mark.parametrize("mu", [-0.5, 1.5, math.nan])
def test_weighted_critical_ratio_rejects_invalid_mu(mu):
    with pytest.raises(ValueError, match="mu"):
        consolidation.weighted_critical_ratio(2.0, mu)


def test_weighted_claim_counterexample():
    # b = 2, alpha = 0.95 <= 1: Alemi, Aksay and Goldman state dL_b/dt <= 0
    # everywhere, but at (W~, w2~) = (1, 0.25) it is +0.06875 eta1 r_in^2.
    gain, consolidation_error = 1.0, 0.25
    w2 = consolidation_error + W_STAR
    w1 = gain - consolidation_error
    derivative = chain_rule_derivative(w1, w2, 1.0, 0.95, b=2.0)
    assert derivative == pytest.approx(0.06875, rel=1e-12)
    assert derivative > 0
    assert consolidation.weighted_critical_ratio(2.0) < 0.95


# ---------------------------------------------------------------------------
# Derivatives and bounds
# ---------------------------------------------------------------------------


def random_states(seed=1, n=500):
    rng = np.random.default_rng(seed)
    return rng.uniform(-3, 3, n), rng.uniform(-3, 3, n), rng.uniform(0.2, 2.0, n)


@pytest.mark.parametrize("alpha, b", [(0.0, 1.0), (0.5, 1.0), (3.0, 1.0), (0.95, 2.0)])
def test_two_stage_derivative_matches_chain_rule(alpha, b):
    w1, w2, r_in = random_states()
    xi = np.linspace(-1.0, 1.0, w1.size)
    eta1 = 0.7
    expected = chain_rule_derivative(w1, w2, eta1, alpha * eta1, r_in, xi, b)
    actual = lyapunov.two_stage_derivative(
        w1 + w2 - W_STAR, w2 - W_STAR, eta1, alpha, r_in, xi, b
    )
    # Both are sums of a few products of O(10) numbers: agreement to 1e-12.
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-12)


def test_single_stage_derivative_matches_chain_rule():
    w1, w2, r_in = random_states(seed=2)
    xi = np.linspace(-2.0, 2.0, w1.size)
    expected = chain_rule_derivative(w1, w2, 0.3, 0.0, r_in, xi, b=0.0)
    actual = lyapunov.single_stage_derivative(w1 + w2 - W_STAR, 0.3, r_in, xi)
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-12)


def test_derivative_matches_finite_differences_on_trajectory():
    # Independent check by integration: central differences of L(t) along a
    # simulated run with a signal-dependent perturbation xi = delta(t) e.
    def perturbation(t, e):
        return 0.4 * math.sin(0.05 * t) * e

    eta1, eta2 = 0.1, 0.3
    run = simulate(eta1, eta2, 200.0, perturbation=perturbation, n_samples=20001)
    step = run.t[1] - run.t[0]
    central = (run.lyapunov[2:] - run.lyapunov[:-2]) / (2 * step)
    derivative = lyapunov.two_stage_derivative(
        run.gain_error, run.consolidation_error, eta1, eta2 / eta1, run.r_in, run.xi
    )[1:-1]
    # Central differences with h = 0.01 s err by h^2 L''' / 6 ~ 1e-5 of the
    # derivative's scale here (rates <= 0.5 1/s); allow 1e-4 of its maximum.
    scale = np.max(np.abs(derivative))
    np.testing.assert_allclose(central, derivative, atol=1e-4 * scale)


@pytest.mark.parametrize("mu", [0.0, 0.3, 0.8, 1.5])
def test_single_stage_bound_dominates_and_is_attained(mu):
    gain, _, r_in = random_states(seed=3)
    delta = np.random.default_rng(4).uniform(-mu, mu, gain.size)
    eta1 = 0.5
    bound = lyapunov.single_stage_bound(gain, eta1, mu, r_in)
    derivative = lyapunov.single_stage_derivative(gain, eta1, r_in, delta * gain * r_in)
    # The slack eta1 r^2 (mu + delta) W~^2 is >= 0; 1e-12 absorbs rounding.
    assert np.all(derivative <= bound + 1e-12)
    worst = lyapunov.single_stage_derivative(gain, eta1, r_in, -mu * gain * r_in)
    np.testing.assert_allclose(worst, bound, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("mu", [1.5, 3.0])
def test_single_stage_lyapunov_grows_beyond_mu_one(mu):
    # For mu > 1 the bound of Eq. 5 is eta1 r^2 (mu - 1) W~^2 > 0 wherever W~ != 0.
    gain, _, r_in = random_states(seed=8)
    eta1 = 0.5
    bound = lyapunov.single_stage_bound(gain, eta1, mu, r_in)
    assert np.all(gain != 0.0)
    assert np.all(bound > 0.0)

    # The admissible xi = -mu e attains it, so L1 grows. With eta2 = 0 and
    # r_in = 1, dW~/dt = eta1 (mu - 1) W~ and L1(t) = L1(0) exp(2 eta1 (mu - 1) t).
    eta1 = 0.01
    run = simulate(
        eta1, 0.0, 500.0, perturbation=lambda t, e: -mu * e, n_samples=501
    )
    growth = lyapunov.single_stage_lyapunov(run.gain_error)
    assert not run.diverged
    assert np.all(np.diff(growth) > 0.0)
    expected = 0.5 * W_STAR**2 * np.exp(2.0 * eta1 * (mu - 1.0) * run.t)
    # The integrator's rtol of 1e-8 per step, over at most 20 e-foldings of L1,
    # leaves a relative error far below 1e-6; a wrong exponent misses by far more.
    np.testing.assert_allclose(growth, expected, rtol=1e-6)


@pytest.mark.parametrize("alpha, mu", [(0.3, 0.5), (1.0, 0.0), (2.0, 0.2), (0.0, 0.9)])
def test_two_stage_bound_dominates_and_is_attained(alpha, mu):
    gain, consolidation_error, r_in = random_states(seed=5)
    delta = np.random.default_rng(6).uniform(-mu, mu, gain.size)
    eta1 = 0.5
    bound = lyapunov.two_stage_bound(gain, consolidation_error, eta1, alpha, mu, r_in)
    derivative = lyapunov.two_stage_derivative(
        gain, consolidation_error, eta1, alpha, r_in, delta * gain * r_in
    )
    assert np.all(derivative <= bound + 1e-12)
    worst = lyapunov.two_stage_derivative(
        gain, consolidation_error, eta1, alpha, r_in, -mu * gain * r_in
    )
    np.testing.assert_allclose(worst, bound, rtol=1e-12, atol=1e-12)


def test_lyapunov_functions():
    assert lyapunov.single_stage_lyapunov(3.0) == 4.5
    assert lyapunov.two_stage_lyapunov(3.0, 4.0) == 12.5
    assert lyapunov.two_stage_lyapunov(3.0, 4.0, b=2.0) == 20.5


# ---------------------------------------------------------------------------
# Region where dL/dt > 0
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("alpha", [1.2, 2.0, 5.0, 50.0])
def test_rising_region_matches_direct_evaluation(alpha):
    rng = np.random.default_rng(7)
    w1 = rng.uniform(-2, 2, 20000)
    w2 = rng.uniform(-1, 3, 20000)
    direct = chain_rule_derivative(w1, w2, 1.0, alpha) > 0
    region = lyapunov.in_rising_region(w1 + w2 - W_STAR, w2 - W_STAR, alpha)
    np.testing.assert_array_equal(region, direct)
    assert np.any(region)


@pytest.mark.parametrize("alpha, mu", [(0.8, 0.5), (2.0, 0.3)])
def test_rising_region_with_mu_matches_worst_case(alpha, mu):
    rng = np.random.default_rng(8)
    w1 = rng.uniform(-2, 2, 20000)
    w2 = rng.uniform(-1, 3, 20000)
    gain = w1 + w2 - W_STAR
    worst = chain_rule_derivative(w1, w2, 1.0, alpha, xi=-mu * gain) > 0
    region = lyapunov.in_rising_region(gain, w2 - W_STAR, alpha, mu)
    np.testing.assert_array_equal(region, worst)


def test_rising_region_empty_when_guaranteed():
    rng = np.random.default_rng(9)
    gain, consolidation_error = rng.normal(size=(2, 5000))
    for alpha, mu in [(0.5, 0.0), (1.0, 0.0), (0.7, 0.3)]:
        assert lyapunov.rising_region_slope(alpha, mu) == 0.0
        assert not np.any(
            lyapunov.in_rising_region(gain, consolidation_error, alpha, mu)
        )


@pytest.mark.parametrize("alpha", [1.5, 2.0, 10.0])
def test_rising_region_boundary_has_zero_derivative(alpha):
    k = lyapunov.rising_region_slope(alpha)
    gain = np.linspace(-2, 2, 9)
    for sign in (1.0, -1.0):
        consolidation_error = sign * k * gain
        derivative = chain_rule_derivative(
            gain - consolidation_error, consolidation_error + W_STAR, 1.0, alpha
        )
        np.testing.assert_allclose(derivative, 0.0, atol=1e-12)


def test_rising_region_slope_values():
    # The slope sqrt((alpha - 1) / alpha) at alpha = 2 is 1 / sqrt(2).
    assert lyapunov.rising_region_slope(2.0) == pytest.approx(1 / math.sqrt(2))
    # It tends to 1 as alpha grows: the region approaches |w2~| < |W~|.
    assert lyapunov.rising_region_slope(1e6) == pytest.approx(1.0, abs=1e-6)


# ---------------------------------------------------------------------------
# Linear system for constant inputs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("alpha", [0.05, 0.25, 1.0, 3.0, 100.0])
def test_state_matrix_matches_rules_and_is_stable(alpha):
    eta1, r_in, delta = 0.01, 1.3, -0.2
    matrix = lyapunov.state_matrix(eta1, alpha, r_in, delta)
    rng = np.random.default_rng(10)
    for w1, w2 in rng.normal(size=(5, 2)):
        dw1, dw2 = rules(w1, w2, eta1, alpha * eta1, r_in, delta * (w1 + w2 - 1) * r_in)
        expected = np.array([dw1 + dw2, dw2])
        actual = matrix @ np.array([w1 + w2 - W_STAR, w2 - W_STAR])
        np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-15)

    # Nominal system: s^2 + eta1 s + eta1 eta2, stable for every alpha > 0.
    nominal = lyapunov.state_matrix(eta1, alpha)
    np.testing.assert_allclose(
        np.poly(nominal), [1.0, eta1, eta1 * alpha * eta1], rtol=1e-10
    )
    assert np.max(np.linalg.eigvals(nominal).real) < 0


def test_state_matrix_rejects_invalid_arguments():
    with pytest.raises(ValueError, match="eta1"):
        lyapunov.state_matrix(0.0, 1.0)
    with pytest.raises(ValueError, match="alpha"):
        lyapunov.state_matrix(0.01, -1.0)
    with pytest.raises(ValueError, match="r_in"):
        lyapunov.state_matrix(0.01, 1.0, r_in=math.nan)
    with pytest.raises(ValueError, match="delta"):
        lyapunov.state_matrix(0.01, 1.0, delta=math.inf)


# ---------------------------------------------------------------------------
# Argument checks of the numerical functions
# ---------------------------------------------------------------------------


def test_numerical_functions_reject_invalid_arguments():
    with pytest.raises(ValueError, match="eta1"):
        lyapunov.single_stage_derivative(1.0, 0.0)
    with pytest.raises(ValueError, match="eta1"):
        lyapunov.two_stage_derivative(1.0, 1.0, np.array([0.1, -0.1]), 1.0)
    with pytest.raises(ValueError, match="alpha"):
        lyapunov.two_stage_derivative(1.0, 1.0, 0.1, -1.0)
    with pytest.raises(ValueError, match="b"):
        lyapunov.two_stage_derivative(1.0, 1.0, 0.1, 1.0, b=0.0)
    with pytest.raises(ValueError, match="mu"):
        lyapunov.single_stage_bound(1.0, 0.1, -0.5)
    with pytest.raises(ValueError, match="mu"):
        lyapunov.two_stage_bound(1.0, 1.0, 0.1, 1.0, math.nan)
    with pytest.raises(ValueError, match="gain_error"):
        lyapunov.single_stage_lyapunov(math.inf)
    with pytest.raises(ValueError, match="consolidation_error"):
        lyapunov.two_stage_lyapunov(1.0, math.nan)
    with pytest.raises(ValueError, match="alpha"):
        lyapunov.rising_region_slope(-1.0)
    with pytest.raises(ValueError, match="mu"):
        lyapunov.in_rising_region(1.0, 1.0, 2.0, mu=-1.0)
    with pytest.raises(ValueError, match="xi"):
        lyapunov.single_stage_derivative(1.0, 0.1, xi=math.nan)


# ---------------------------------------------------------------------------
# Symbolic identities
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [
        lyapunov.single_stage_identities,
        lyapunov.two_stage_identities,
        lyapunov.weighted_identities,
        lyapunov.linear_system_identities,
    ],
)
def test_symbolic_identities_hold(build):
    identities = build()
    assert identities
    for identity in identities:
        assert identity.holds, str(identity)
        assert "[verified]" in str(identity)


def test_symbolic_identity_detects_false_statement():
    x = sp.Symbol("x")
    wrong = lyapunov.SymbolicIdentity("wrong", (x + 1) ** 2, x**2 + 1)
    assert not wrong.holds
    assert "FAILED" in str(wrong)


@pytest.mark.parametrize("b_value, mu_value", [(0.5, 0.0), (2.0, 0.0), (3.0, 0.4)])
def test_symbolic_weighted_root_matches_function(b_value, mu_value):
    root = next(
        identity.lhs
        for identity in lyapunov.weighted_identities()
        if identity.name.startswith("nonzero root")
    )
    symbols = {symbol.name: symbol for symbol in root.free_symbols}
    value = float(root.subs({symbols["b"]: b_value, symbols["mu"]: mu_value}))
    assert value == pytest.approx(
        consolidation.weighted_critical_ratio(b_value, mu_value), rel=1e-14
    )


def test_public_names_exported():
    for name in ["critical_ratio", "weighted_critical_ratio"]:
        assert name in consolidation.__all__
        assert callable(getattr(consolidation, name))


# ---------------------------------------------------------------------------
# Quadratic certificates with a cross term
# ---------------------------------------------------------------------------


def vertex_margin(matrix, alpha, mu):
    """Largest eigenvalue of A^T P + P A over delta = +-mu, in floating point."""
    return max(
        np.linalg.eigvalsh(
            lyapunov.state_matrix(1.0, alpha, delta=d).T @ matrix
            + matrix @ lyapunov.state_matrix(1.0, alpha, delta=d)
        )[-1]
        for d in (-mu, mu)
    )


@pytest.mark.parametrize("alpha, mu", [(2.0, 0.2), (3.0, 0.3), (1.5, 0.1)])
def test_certificate_found_beyond_critical_ratio(alpha, mu):
    assert alpha > consolidation.critical_ratio(mu)
    matrix = lyapunov.find_quadratic_certificate(alpha, mu)
    assert matrix is not None
    assert np.all(np.linalg.eigvalsh(matrix) > 0)
    assert vertex_margin(matrix, alpha, mu) < 0


def test_certificate_decreases_along_switching_run():
    # V = x^T P x must fall along a run whose delta(t) jumps between -mu and
    # +mu, a perturbation for which L = (W~^2 + w2~^2) / 2 is not monotone.
    alpha, mu, eta1 = 2.0, 0.2, 0.05
    matrix = lyapunov.find_quadratic_certificate(alpha, mu)

    def perturbation(t, e):
        return (-mu if math.sin(0.03 * t) > 0 else mu) * e

    run = simulate(
        eta1,
        alpha * eta1,
        600.0,
        perturbation=perturbation,
        w0=(0.3, 0.2),
        n_samples=3001,
        max_step=0.5,
    )
    state = np.vstack([run.gain_error, run.consolidation_error])
    certificate = np.einsum("it,ij,jt->t", state, matrix, state)
    # Relative rounding of the integrator (rtol 1e-8) bounds any spurious rise.
    assert np.all(np.diff(certificate) <= 1e-8 * certificate[:-1])
    assert np.any(np.diff(run.lyapunov) > 0)


def test_is_quadratic_certificate_rejects_bad_matrices():
    assert not lyapunov.is_quadratic_certificate(np.eye(2), 2.0, 0.2)
    assert not lyapunov.is_quadratic_certificate(-np.eye(2), 0.5, 0.0)
    # The identity certifies alpha <= 1 - mu at the boundary only up to
    # semi-definiteness, which the strict test rejects.
    assert not lyapunov.is_quadratic_certificate(np.eye(2), 0.8, 0.2)
    assert lyapunov.is_quadratic_certificate(np.eye(2), 0.5, 0.2)
    with pytest.raises(ValueError, match="symmetric"):
        lyapunov.is_quadratic_certificate([[1.0, 0.1], [0.0, 1.0]], 1.0, 0.0)
    with pytest.raises(ValueError, match="2 x 2"):
        lyapunov.is_quadratic_certificate(np.eye(3), 1.0, 0.0)
    with pytest.raises(ValueError, match="mu"):
        lyapunov.find_quadratic_certificate(1.0, -0.1)
