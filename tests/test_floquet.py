"""Floquet multipliers and stability charts against independent computations."""

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.linalg import expm

from consolidation import (
    floquet_growth_rate,
    floquet_multipliers,
    monodromy_matrix,
    resonance_chart,
    spectral_radius,
    stability_chart,
)
from consolidation.floquet import step_count

ETA_BAR = 0.1
OMEGA = 0.2 * math.pi


def reference_monodromy(eta2, eta_bar, depth, omega):
    """Integrate the error dynamics, derived from Eqs. 2-3, with DOP853 at rtol 1e-13.

    With r_in = 1 and xi = 0: dW~/dt = -eta1 W~ + eta2 w1 and dw2~/dt =
    eta2 w1 with w1 = W~ - w2~. This right-hand side is written out here,
    independently of the module under test.
    """

    def rhs(t, y):
        eta1 = eta_bar * (1.0 + depth * math.sin(omega * t))
        x = y.reshape(2, 2)
        w1 = x[0] - x[1]
        return np.concatenate([-eta1 * x[0] + eta2 * w1, eta2 * w1])

    solution = solve_ivp(
        rhs, (0.0, 2 * math.pi / omega), np.eye(2).ravel(), method="DOP853",
        rtol=1e-13, atol=1e-15,
    )
    return solution.y[:, -1].reshape(2, 2)


# (eta2, eta_bar, depth, omega): Figure 4A, Figure 4B, the released variant,
# a fast late stage, a deep modulation, and a slow modulation.
CASES = [
    (0.02, 0.1, 0.7, 0.2 * math.pi),
    (1.0, 0.1, 0.7, 0.2 * math.pi),
    (1.0, 0.01, 0.7, 0.2),
    (2.0, 0.1, 0.9, 0.2 * math.pi),
    (0.5, 0.1, 0.99, 0.2 * math.pi),
    (1.0, 0.1, 0.5, 0.1),
]


@pytest.mark.parametrize("eta2, eta_bar, depth, omega", CASES)
def test_monodromy_matches_solve_ivp(eta2, eta_bar, depth, omega):
    matrix = monodromy_matrix(eta2, eta_bar=eta_bar, depth=depth, omega=omega)
    reference = reference_monodromy(eta2, eta_bar, depth, omega)
    # The default tolerance (1e-6) bounds the estimated error of the
    # sixth-order result. The returned eighth-order result is more accurate,
    # and the reference at rtol 1e-13 is exact at this scale.
    assert np.max(np.abs(matrix - reference)) < 1e-6


@pytest.mark.parametrize("eta2, eta_bar, depth, omega", CASES)
def test_multipliers_match_solve_ivp(eta2, eta_bar, depth, omega):
    multipliers = floquet_multipliers(eta2, eta_bar=eta_bar, depth=depth, omega=omega)
    expected = np.linalg.eigvals(reference_monodromy(eta2, eta_bar, depth, omega))
    expected = expected[np.argsort(-np.abs(expected))]
    assert multipliers.dtype == complex
    assert multipliers.shape == (2,)
    # None of these points is near a collision of the multipliers, so an
    # entry error of 1e-6 moves the eigenvalues by about as much.
    np.testing.assert_allclose(multipliers, expected, atol=1e-5)


@pytest.mark.parametrize("eta2, eta_bar, depth, omega", CASES)
def test_determinant_obeys_liouville(eta2, eta_bar, depth, omega):
    # det M = exp(int_0^T tr A) with tr A = -eta1(t); sin integrates to 0.
    multipliers = floquet_multipliers(eta2, eta_bar=eta_bar, depth=depth, omega=omega)
    expected = math.exp(-eta_bar * 2 * math.pi / omega)
    assert np.prod(multipliers).real == pytest.approx(expected, abs=1e-6)
    assert abs(np.prod(multipliers).imag) < 1e-9


def test_unmodulated_monodromy_is_matrix_exponential():
    eta2, period = 0.7, 2 * math.pi / OMEGA
    system = np.array([[eta2 - ETA_BAR, -eta2], [eta2, -eta2]])
    matrix = monodromy_matrix(eta2, eta_bar=ETA_BAR, depth=0.0, omega=OMEGA)
    # The Magnus step is exact for a constant matrix, up to the truncated
    # exponential series (1e-4 of the tolerance per period).
    np.testing.assert_allclose(matrix, expm(system * period), atol=1e-10)


def test_frozen_late_stage_multipliers():
    # eta2 = 0: W~ decays by exp(-int eta1) = exp(-eta_bar T), w2~ is frozen.
    multipliers = floquet_multipliers(0.0, eta_bar=ETA_BAR, depth=0.8, omega=OMEGA)
    assert multipliers[0] == pytest.approx(1.0, abs=1e-12)
    assert multipliers[1] == pytest.approx(math.exp(-ETA_BAR * 10.0), abs=1e-9)


def test_figure4b_is_period_doubling():
    # Figure 4B: Omega / omega_n = 0.2 pi / sqrt(0.1) = 1.99, the first
    # tongue; the unstable multiplier is real and below -1.
    multipliers = floquet_multipliers(1.0, eta_bar=0.1, depth=0.7, omega=OMEGA)
    assert abs(multipliers[0].imag) < 1e-12
    assert multipliers[0].real < -1.0


def test_complex_pair_has_fixed_modulus():
    # A complex-conjugate pair has modulus sqrt(det M) = exp(-eta_bar T / 2).
    multipliers = floquet_multipliers(3.0, eta_bar=ETA_BAR, depth=0.3, omega=OMEGA)
    assert abs(multipliers[0].imag) > 0.1
    np.testing.assert_allclose(np.abs(multipliers), math.exp(-0.5), atol=1e-7)


def test_growth_rate_is_log_radius_per_second():
    rate = floquet_growth_rate(1.0, eta_bar=0.1, depth=0.7, omega=OMEGA)
    reference = reference_monodromy(1.0, 0.1, 0.7, OMEGA)
    radius = np.max(np.abs(np.linalg.eigvals(reference)))
    assert rate == pytest.approx(math.log(radius) / 10.0, rel=1e-5)


def test_stability_chart_matches_per_point_integration():
    alphas = np.array([0.0, 0.5, 5.0, 10.0, 12.5, 19.0])
    depths = np.array([0.0, 0.35, 0.7, 0.95])
    chart = stability_chart(alphas, depths, eta_bar=ETA_BAR, omega=OMEGA)
    assert chart.shape == (depths.size, alphas.size)
    for i, depth in enumerate(depths):
        for j, alpha in enumerate(alphas):
            reference = reference_monodromy(alpha * ETA_BAR, ETA_BAR, depth, OMEGA)
            expected = np.max(np.abs(np.linalg.eigvals(reference)))
            # 1e-6 in rho is the accuracy goal of the chart.
            assert chart[i, j] == pytest.approx(expected, abs=1e-6), (alpha, depth)


def test_stability_chart_matches_multipliers():
    alphas = np.linspace(0.0, 20.0, 7)
    depths = np.array([0.1, 0.65])
    chart = stability_chart(alphas, depths, eta_bar=ETA_BAR, omega=OMEGA)
    for i, depth in enumerate(depths):
        for j, alpha in enumerate(alphas):
            multipliers = floquet_multipliers(
                alpha * ETA_BAR, eta_bar=ETA_BAR, depth=depth, omega=OMEGA
            )
            assert chart[i, j] == pytest.approx(np.abs(multipliers[0]), abs=1e-6)


def test_no_instability_inside_guarantee():
    # Inside alpha <= 1 - depth, dL/dt <= 0 with L = |x|^2 / 2, so |M x| <= |x|:
    # both the spectral norm and the spectral radius are at most 1.
    alphas = np.linspace(0.0, 1.0, 41)
    depths = np.linspace(0.0, 0.99, 34)
    chart = stability_chart(alphas, depths, eta_bar=ETA_BAR, omega=OMEGA)
    inside = alphas[None, :] <= 1.0 - depths[:, None]
    assert inside.sum() > 500
    assert np.max(chart[inside]) <= 1.0 + 1e-6
    for alpha, depth in [(1.0, 0.0), (0.5, 0.5), (0.01, 0.99), (0.3, 0.7)]:
        matrix = monodromy_matrix(alpha * ETA_BAR, eta_bar=ETA_BAR, depth=depth,
                                  omega=OMEGA)
        assert np.linalg.norm(matrix, 2) <= 1.0 + 1e-6


def test_first_tongue_threshold_matches_averaging():
    # First-order averaging of w2~'' + eta1 w2~' + eta1 eta2 w2~ = 0 (Eq. 8 with
    # a modulated eta1): the tongue at Omega = 2 omega_0, omega_0^2 = eta_bar
    # eta2 - eta_bar^2 / 4, opens at depth 2 omega_0 / sqrt((eta2 -
    # eta_bar / 2)^2 + omega_0^2). At Omega = 0.2 pi that is eta2 = 1.0119.
    omega_0 = OMEGA / 2
    eta2 = (omega_0**2 + ETA_BAR**2 / 4) / ETA_BAR
    predicted = 2 * omega_0 / math.sqrt((eta2 - ETA_BAR / 2) ** 2 + omega_0**2)
    alphas = np.linspace(8.0, 13.0, 51)
    depths = np.linspace(0.5, 0.75, 126)
    chart = stability_chart(alphas, depths, eta_bar=ETA_BAR, omega=OMEGA)
    unstable_rows = np.flatnonzero(np.any(chart > 1.0, axis=1))
    threshold = depths[unstable_rows[0]]
    # The averaging is first order in the depth, and the depth is 0.6: allow 5 %.
    assert threshold == pytest.approx(predicted, rel=0.05)


def test_resonance_chart_tongue_at_twice_natural_frequency():
    ratios = np.linspace(0.5, 3.0, 101)
    depths = np.array([0.9])
    rate = np.log(resonance_chart(ratios, depths, eta_bar=0.1, eta2=1.0)[0])
    rate *= ratios * math.sqrt(0.1) / (2 * math.pi)
    # The principal tongue sits at Omega = 2 omega_d, omega_d^2 = omega_n^2 -
    # eta_bar^2 / 4, i.e. Omega / omega_n = 2 sqrt(1 - 0.025) = 1.975; its
    # peak is within one tongue half-width (about 0.2 at depth 0.9).
    assert ratios[np.argmax(rate)] == pytest.approx(1.975, abs=0.2)
    assert np.max(rate) > 0.0


def test_resonance_chart_matches_per_point_integration():
    ratios = np.array([0.8, 1.0, 1.99, 3.0])
    depths = np.array([0.3, 0.9])
    chart = resonance_chart(ratios, depths, eta_bar=0.1, eta2=1.0)
    for i, depth in enumerate(depths):
        for j, ratio in enumerate(ratios):
            reference = reference_monodromy(1.0, 0.1, depth, ratio * math.sqrt(0.1))
            expected = np.max(np.abs(np.linalg.eigvals(reference)))
            assert chart[i, j] == pytest.approx(expected, abs=1e-6), (ratio, depth)


def test_spectral_radius_of_known_matrices():
    assert spectral_radius(0.0, 1.0, -1.0, 0.0) == pytest.approx(1.0)
    assert spectral_radius(2.0, 0.0, 0.0, -3.0) == pytest.approx(3.0)
    assert spectral_radius(1.0, 1.0, 0.0, 1.0) == pytest.approx(1.0)


def test_step_count_meets_tolerance():
    # The a priori step count must reach the tolerance without doubling.
    from consolidation.floquet import _extrapolated

    for alpha, depth in [(20.0, 0.99), (10.0, 0.7), (1.0, 0.5), (40.0, 0.9)]:
        a = np.array([ETA_BAR / OMEGA])
        b = a * alpha
        d = np.array([depth])
        for tolerance in (1e-5, 1e-6, 1e-8):
            n = int(step_count(a, b, d, tolerance)[0])
            values, estimate = _extrapolated(a, b, d, n, tolerance)
            reference = reference_monodromy(alpha * ETA_BAR, ETA_BAR, depth, OMEGA)
            assert estimate[0] <= tolerance
            assert np.max(np.abs(values[:, 0] - reference.ravel())) <= tolerance


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(eta2=1.0, eta_bar=0.0, depth=0.5, omega=1.0), "eta_bar"),
        (dict(eta2=1.0, eta_bar=math.inf, depth=0.5, omega=1.0), "eta_bar"),
        (dict(eta2=1.0, eta_bar=0.1, depth=0.5, omega=0.0), "omega"),
        (dict(eta2=1.0, eta_bar=0.1, depth=0.5, omega=math.nan), "omega"),
        (dict(eta2=1.0, eta_bar=0.1, depth=1.0, omega=1.0), "depth"),
        (dict(eta2=1.0, eta_bar=0.1, depth=-0.1, omega=1.0), "depth"),
        (dict(eta2=-1.0, eta_bar=0.1, depth=0.5, omega=1.0), "eta2"),
        (dict(eta2=math.inf, eta_bar=0.1, depth=0.5, omega=1.0), "eta2"),
    ],
)
def test_multipliers_reject_invalid_input(kwargs, name):
    eta2 = kwargs.pop("eta2")
    with pytest.raises(ValueError, match=name):
        floquet_multipliers(eta2, **kwargs)
    with pytest.raises(ValueError, match=name):
        floquet_growth_rate(eta2, **kwargs)
    with pytest.raises(ValueError, match=name):
        monodromy_matrix(eta2, **kwargs)


def test_monodromy_rejects_invalid_tolerance():
    with pytest.raises(ValueError, match="tolerance"):
        monodromy_matrix(1.0, eta_bar=0.1, depth=0.5, omega=1.0, tolerance=0.0)


@pytest.mark.parametrize(
    "alphas, depths, name",
    [
        ([], [0.5], "alphas"),
        ([[1.0, 2.0]], [0.5], "alphas"),
        ([1.0, math.nan], [0.5], "alphas"),
        ([1.0, -2.0], [0.5], "alphas"),
        (["a"], [0.5], "alphas"),
        ([1.0], [], "depths"),
        ([1.0], [0.5, 1.0], "depths"),
        ([1.0], [-0.5], "depths"),
        ([1.0], [math.inf], "depths"),
    ],
)
def test_stability_chart_rejects_invalid_grid(alphas, depths, name):
    with pytest.raises(ValueError, match=name):
        stability_chart(alphas, depths, eta_bar=0.1, omega=1.0)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(eta_bar=-0.1, omega=1.0), "eta_bar"),
        (dict(eta_bar=0.1, omega=-1.0), "omega"),
        (dict(eta_bar=0.1, omega=1.0, tolerance=-1.0), "tolerance"),
    ],
)
def test_stability_chart_rejects_invalid_rates(kwargs, name):
    with pytest.raises(ValueError, match=name):
        stability_chart([1.0], [0.5], **kwargs)


@pytest.mark.parametrize(
    "ratios, kwargs, name",
    [
        ([0.0, 1.0], dict(eta_bar=0.1, eta2=1.0), "frequency_ratios"),
        ([1.0], dict(eta_bar=0.1, eta2=0.0), "eta2"),
        ([1.0], dict(eta_bar=0.0, eta2=1.0), "eta_bar"),
    ],
)
def test_resonance_chart_rejects_invalid_input(ratios, kwargs, name):
    with pytest.raises(ValueError, match=name):
        resonance_chart(ratios, [0.5], **kwargs)
