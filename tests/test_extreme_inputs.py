"""Extreme but valid inputs return finite limits; out-of-range ones raise ValueError.

The pytest configuration turns warnings into errors, so each call here also
checks that no overflow warning is printed.
"""

import math

import numpy as np
import pytest

import consolidation


def test_peak_amplification_for_huge_ratio():
    # 2 alpha / sqrt(4 alpha - 1) -> sqrt(alpha) as alpha -> infinity.
    assert consolidation.peak_amplification(1e308) == pytest.approx(1e154, rel=1e-12)
    assert consolidation.peak_amplification(1.0) == pytest.approx(2 / math.sqrt(3))


def test_amplification_vanishes_at_huge_frequency():
    assert consolidation.amplification(1e200, 3.0) == 0.0
    assert consolidation.amplification(1e308, 3.0) == 0.0
    values = consolidation.amplification(np.array([1.0, 1e300]), 4.0)
    np.testing.assert_allclose(values, [2.0, 0.0])


def test_weighted_critical_ratio_for_extreme_weights():
    # 4 b / (1 + b)^2 behaves as 4 / b for large b and as 4 b for small b.
    assert consolidation.weighted_critical_ratio(1e160) == pytest.approx(4e-160)
    assert consolidation.weighted_critical_ratio(1e-300) == pytest.approx(4e-300)
    assert consolidation.weighted_critical_ratio(2.0) == pytest.approx(8 / 9)


def test_huge_python_integer_is_rejected():
    with pytest.raises(ValueError, match=r"mu must be a finite number in \[0, 1\]"):
        consolidation.critical_ratio(10**400)
    with pytest.raises(ValueError, match=r"alpha must be finite and > 0"):
        consolidation.damping_ratio(10**400)


@pytest.mark.parametrize("eta2, omega", [(1e9, 0.2 * math.pi), (1.0, 1e-300)])
def test_floquet_rejects_rates_beyond_step_ladder(eta2, omega):
    # Rates far above the modulation frequency would need millions of steps.
    with pytest.raises(ValueError, match=r"steps per period, more than the"):
        consolidation.floquet_multipliers(eta2, eta_bar=0.1, depth=0.5, omega=omega)
