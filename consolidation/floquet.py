"""Floquet analysis of the two-stage model with a periodically modulated eta1.

With a constant input ``r_in = 1``, no additive perturbation and the early-stage
rate ``eta1(t) = eta_bar (1 + depth sin(omega t))``, the learning rules (Eqs.
2-3) written in the gain error ``W~ = w1 + w2 - w*`` and the consolidation
error ``w2~ = w2 - w*`` (so ``w1 = W~ - w2~``) are the linear periodic system

    dW~/dt  = -eta1(t) W~ + eta2 (W~ - w2~),
    dw2~/dt =  eta2 (W~ - w2~),

that is ``dx/dt = A(t) x`` with ``x = (W~, w2~)`` and

    A(t) = [[eta2 - eta1(t), -eta2],
            [eta2,           -eta2]].

Its monodromy matrix ``M = Phi(T)`` is the fundamental matrix after one period
``T = 2 pi / omega``; its eigenvalues are the Floquet multipliers. The
equilibrium is asymptotically stable when both lie inside the unit circle, so
the spectral radius ``rho(M)`` decides stability, and ``log(rho) / T`` is the
asymptotic growth rate of the errors per second. Liouville's formula gives the
product of the multipliers exactly: ``det M = exp(-int_0^T eta1) =
exp(-eta_bar T)``, whatever eta2 and the depth.

Only the (1, 1) entry of A depends on time. The integrator exploits this:

- Time is rescaled to ``tau = omega t``, so every point of a chart has the
  period 2 pi and all points share the same ``sin`` values at the same nodes.
- Each step is the fourth-order Magnus method with two Gauss nodes. Because
  ``A(t) = B + c(t) E11``, the commutator of A at the two nodes is
  ``(c1 - c2) [B, E11]`` with ``[B, E11] = [[0, eta2], [eta2, 0]]``, so the
  Magnus exponent has a closed form. The exponential of a 2 x 2 matrix is
  ``exp(m) (cosh(s) I + sinh(s) / s (Omega - m I))`` with ``m`` half its trace
  and ``s^2 = -det(Omega - m I)``, evaluated by the power series of ``cosh(sqrt
  z)`` and ``sinh(sqrt z) / sqrt z`` in ``z = s^2``.
- The method is time-symmetric, so its global error is a series in even powers
  of the step. Runs with ``N``, ``N / 2`` and ``N / 4`` steps give two
  sixth-order Richardson extrapolations, ``R_N`` and ``R_{N/2}``, and one
  eighth-order extrapolation from those two, which is returned. The error of
  ``R_N`` is estimated as ``|R_N - R_{N/2}| / 63``; the returned result is
  more accurate still (10 to 40 times on the book's charts). The step count
  ``N`` is chosen a priori from the tolerance (see :func:`step_count`), and
  doubled for any point whose estimate still exceeds the tolerance.

All grid points are integrated at once, as arrays, in chunks that fit the
processor cache.
"""

from __future__ import annotations

import math

import numpy as np

from . import _validate

__all__ = [
    "DEFAULT_TOLERANCE",
    "monodromy_matrix",
    "floquet_multipliers",
    "floquet_growth_rate",
    "spectral_radius",
    "step_count",
    "stability_chart",
    "resonance_chart",
]

# Target for the estimated absolute error of the monodromy entries (which are
# of order 1), before the last extrapolation step (see the module docstring).
# The spectral radius inherits the error of the entries times its sensitivity
# to them. That sensitivity is of order 1 except near parameters where the two
# multipliers meet on the real axis, where it grows like one over the square
# root of the distance to that curve. benchmarks/bench_floquet.py measures the
# error of rho on the book's 200 x 200 chart.
DEFAULT_TOLERANCE = 1e-6

# Error model of the sixth-order result R_N, from a convergence study over
# alpha = eta2 / eta_bar in [0, 40], depth in [0, 0.99] and eta_bar T = 1
# against 2048-step results: the largest entry error is below
# ERROR_CONSTANT * (Lambda h)^6, where h = 2 pi / N is the step in rescaled
# time and Lambda the fastest rate of the frozen system (see step_count). The
# measured constants ranged from 7e-4 to 8.4e-3.
ERROR_CONSTANT = 1e-2

# Points integrated together: 8192 points times the 20 work arrays of the
# Magnus step take 1.3 MB, which fits a second-level cache of 2 MB or more.
_CHUNK = 8192

# Step counts are rounded up to this ladder, so that a chart splits into a few
# groups of points that share a step count. Each is divisible by 4, as the
# three-level extrapolation needs. The ladder starts at 16, so the coarsest
# level N / 4 has at least 4 steps per period. Points that need fewer steps
# are cheap, and the extra steps make them far more accurate (at alpha = 0.2,
# depth = 0.7 the error of rho falls from 1.3e-7 with N = 8 to 1e-11).
_STEP_LADDER = tuple(sorted({16 * 2**k * f for k in range(12) for f in (1, 1.5)}))
_MAX_DOUBLINGS = 6


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _check_depth(value) -> float:
    return _validate.real(
        "depth", value, "finite and in [0, 1) so that eta1 stays positive",
        lambda x: 0.0 <= x < 1.0,
    )


def _check_grid(name: str, values, allowed: str, predicate) -> np.ndarray:
    """Return ``values`` as a 1-D float array, or raise ValueError naming it."""
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a 1-D array of numbers; got {values!r}"
        ) from None
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"{name} must be a non-empty 1-D array; got shape {array.shape}"
        )
    bad = ~np.isfinite(array) | ~predicate(array)
    if np.any(bad):
        first = array[np.argmax(bad)]
        raise ValueError(f"{name} must contain only values {allowed}; got {first!r}")
    return array


# ---------------------------------------------------------------------------
# The integrator in rescaled time tau = omega t (period 2 pi)
# ---------------------------------------------------------------------------
#
# With a = eta_bar / omega, b = eta2 / omega and g = a * depth, the system is
# dx/dtau = [[b - a - g sin(tau), -b], [b, -b]] x.


def _fastest_rate(a, b, d):
    """Return Lambda, the fastest rate of the frozen system, in rescaled time.

    The frozen matrix has eigenvalues ``-e/2 +- sqrt(e^2/4 - e b)`` with ``e``
    the rescaled eta1; their modulus is at most ``max(e, sqrt(e b))``. The
    largest ``e`` over the period is ``a (1 + d)``.
    """
    e_max = a * (1.0 + d)
    return np.maximum(e_max, np.sqrt(e_max * b))


def step_count(a, b, d, tolerance: float = DEFAULT_TOLERANCE) -> np.ndarray:
    """Return the number of Magnus steps per period for rescaled parameters.

    The sixth-order result has an error below ``ERROR_CONSTANT (Lambda h)^6``
    with ``h = 2 pi / N`` (see ``ERROR_CONSTANT``), so ``N = 2 pi Lambda
    (ERROR_CONSTANT / tolerance)^(1/6)``, rounded up to the step ladder (16,
    24, 32, 48, ...).

    Parameters
    ----------
    a, b, d : array_like
        ``eta_bar / omega``, ``eta2 / omega`` and the depth.
    tolerance : float
        Target for the estimated absolute error of the monodromy entries.
    """
    needed = _steps_needed(a, b, d, tolerance)
    ladder = np.asarray(_STEP_LADDER)
    index = np.searchsorted(ladder, np.ceil(needed))
    return ladder[np.minimum(index, ladder.size - 1)]


def _steps_needed(a, b, d, tolerance: float) -> np.ndarray:
    """Return the unrounded step count of :func:`step_count`."""
    a, b, d = (np.asarray(x, dtype=float) for x in (a, b, d))
    # Extreme rates overflow to an infinite step count, which the caller rejects.
    with np.errstate(over="ignore"):
        rate = _fastest_rate(a, b, d)
        return 2.0 * np.pi * rate * (ERROR_CONSTANT / tolerance) ** (1.0 / 6.0)


def _series_terms(z_bound: float, truncation: float) -> int:
    """Return K such that the series of cosh(sqrt z) stops below ``truncation``."""
    terms = 2
    while z_bound**terms / math.factorial(2 * terms) > truncation and terms < 60:
        terms += 1
    return terms


def _magnus(a, b, d, n_steps: int, truncation: float):
    """Integrate one period with ``n_steps`` Magnus steps; return (m11, m12, m21, m22).

    ``a``, ``b``, ``d`` are 1-D arrays of equal length (at most a few chunks);
    the work arrays are updated in place to limit memory traffic. Each step's
    exponential is truncated where the next series term is below
    ``truncation``.
    """
    h = 2.0 * np.pi / n_steps
    node = np.sqrt(3.0) / 6.0
    starts = h * np.arange(n_steps)
    s1 = np.sin(starts + (0.5 - node) * h)
    s2 = np.sin(starts + (0.5 + node) * h)
    kappa = np.sqrt(3.0) * h * h / 12.0

    # Per-step scalars: c1 + c2 = -g (s1 + s2) and c1 - c2 = -g (s1 - s2), so
    # delta = delta0 + g u_k and the commutator term is g v_k.
    u = -0.25 * h * (s1 + s2)
    v = -kappa * (s1 - s2)

    g = a * d
    delta0 = 0.5 * h * (2.0 * b - a)
    hb = h * b

    # z = s^2 = delta^2 + Omega12 Omega21; bound it to choose the series length.
    z_bound = (
        np.abs(0.25 * h * h * a * (a - 4.0 * b))
        + 2.0 * np.abs(delta0) * np.max(np.abs(u)) * g
        + (np.max(u * u) + b * b * np.max(v * v)) * g * g
    )
    terms = _series_terms(float(np.max(z_bound)), truncation)
    cosh_coefficients = [1.0 / math.factorial(2 * k) for k in range(terms + 1)]
    sinh_coefficients = [1.0 / math.factorial(2 * k + 1) for k in range(terms + 1)]

    shape = a.shape
    p11, p12 = np.ones(shape), np.zeros(shape)
    p21, p22 = np.zeros(shape), np.ones(shape)
    delta, w, o12, o21, z = (np.empty(shape) for _ in range(5))
    cosh_z, sinh_z, t1, t2, t3 = (np.empty(shape) for _ in range(5))

    for k in range(n_steps):
        # Magnus exponent Omega - m I = [[delta, o12], [o21, -delta]].
        np.multiply(g, u[k], out=delta)
        delta += delta0
        np.multiply(g, v[k], out=w)
        np.multiply(b, w, out=o12)
        np.subtract(o12, hb, out=o21)
        o12 -= hb
        o21 += 2.0 * hb
        np.multiply(delta, delta, out=z)
        np.multiply(o12, o21, out=t1)
        z += t1

        # cosh(sqrt z) and sinh(sqrt z) / sqrt z by Horner's rule.
        cosh_z.fill(cosh_coefficients[terms])
        sinh_z.fill(sinh_coefficients[terms])
        for j in range(terms - 1, -1, -1):
            cosh_z *= z
            cosh_z += cosh_coefficients[j]
            sinh_z *= z
            sinh_z += sinh_coefficients[j]

        # exp(Omega) / exp(m) = [[C + S delta, S o12], [S o21, C - S delta]];
        # the factors exp(m) are applied once, after the loop.
        delta *= sinh_z
        o12 *= sinh_z
        o21 *= sinh_z
        np.subtract(cosh_z, delta, out=sinh_z)  # now the (2, 2) entry
        cosh_z += delta  # now the (1, 1) entry

        # Phi <- exp(Omega) Phi.
        np.multiply(cosh_z, p11, out=t1)
        np.multiply(o12, p21, out=t3)
        t1 += t3
        np.multiply(cosh_z, p12, out=t2)
        np.multiply(o12, p22, out=t3)
        t2 += t3
        np.multiply(o21, p11, out=t3)
        p21 *= sinh_z
        p21 += t3
        np.multiply(o21, p12, out=t3)
        p22 *= sinh_z
        p22 += t3
        p11, t1 = t1, p11
        p12, t2 = t2, p12

    # The product of the exp(m) factors, m = tr(Omega) / 2 = -h a / 2 + g u_k.
    scale = np.exp(-np.pi * a + g * np.sum(u))
    return p11 * scale, p12 * scale, p21 * scale, p22 * scale


def _magnus_chunked(a, b, d, n_steps: int, truncation: float) -> np.ndarray:
    """Run :func:`_magnus` chunk by chunk; return entries as an array (4, n)."""
    out = np.empty((4, a.size))
    for start in range(0, a.size, _CHUNK):
        part = slice(start, start + _CHUNK)
        out[:, part] = _magnus(a[part], b[part], d[part], n_steps, truncation)
    return out


def _extrapolated(a, b, d, n_steps: int, tolerance: float):
    """Return the eighth-order entries (4, n) and error estimates (n,).

    The estimate is that of the sixth-order result, which bounds the error of
    the returned one. Each exponential's series stops at a term below ``1e-4
    tolerance / n_steps``, so the truncation adds at most about 1e-4 times the
    tolerance over a period.
    """
    truncation = max(1e-4 * tolerance / n_steps, 1e-17)
    full = _magnus_chunked(a, b, d, n_steps, truncation)
    half = _magnus_chunked(a, b, d, n_steps // 2, truncation)
    quarter = _magnus_chunked(a, b, d, n_steps // 4, truncation)
    fine = (16.0 * full - half) / 15.0
    coarse = (16.0 * half - quarter) / 15.0
    estimate = np.max(np.abs(fine - coarse), axis=0) / 63.0
    return (64.0 * fine - coarse) / 63.0, estimate


def _monodromy_entries(a, b, d, tolerance: float) -> tuple[np.ndarray, np.ndarray]:
    """Return monodromy entries (4, n) and error estimates (n,) for 1-D arrays.

    Points are grouped by their a priori step count; any point whose error
    estimate exceeds ``tolerance`` is recomputed with twice the steps.
    """
    # Beyond the ladder the step count would only grow by doubling, to
    # millions of steps per point; such rates belong to another time scale.
    needed = _steps_needed(a, b, d, tolerance)
    if np.max(needed) > _STEP_LADDER[-1]:
        worst = int(np.argmax(needed))
        raise ValueError(
            f"eta2 / omega = {b[worst]:.3g} with eta_bar / omega = {a[worst]:.3g} "
            f"needs about {needed[worst]:.3g} steps per period, more than the "
            f"{int(_STEP_LADDER[-1])} supported; use rates that are smaller relative "
            "to the modulation frequency omega"
        )
    entries = np.empty((4, a.size))
    estimates = np.empty(a.size)
    steps = step_count(a, b, d, tolerance)
    for n_steps in np.unique(steps):
        todo = np.flatnonzero(steps == n_steps)
        n = int(n_steps)
        for _ in range(_MAX_DOUBLINGS + 1):
            values, estimate = _extrapolated(a[todo], b[todo], d[todo], n, tolerance)
            entries[:, todo] = values
            estimates[todo] = estimate
            failed = estimate > tolerance
            if not np.any(failed):
                break
            todo = todo[failed]
            n *= 2
        else:
            raise RuntimeError(
                f"the monodromy matrix did not reach the tolerance {tolerance:g} "
                f"with {n // 2} steps per period at {todo.size} points"
            )
    return entries, estimates


def spectral_radius(m11, m12, m21, m22) -> np.ndarray:
    """Return the spectral radius of the 2 x 2 matrices [[m11, m12], [m21, m22]].

    The eigenvalues are ``tr/2 +- sqrt(tr^2/4 - det)``; the entries may be
    arrays of one shape.
    """
    trace = np.asarray(m11) + np.asarray(m22)
    det = np.asarray(m11) * np.asarray(m22) - np.asarray(m12) * np.asarray(m21)
    root = np.sqrt((0.25 * trace * trace - det).astype(complex))
    return np.maximum(np.abs(0.5 * trace + root), np.abs(0.5 * trace - root))


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


def _rescaled_point(eta2, eta_bar, depth, omega):
    eta_bar = _validate.positive("eta_bar", eta_bar)
    omega = _validate.positive("omega", omega)
    depth = _check_depth(depth)
    eta2 = _validate.non_negative("eta2", eta2)
    return (
        np.array([eta_bar / omega]),
        np.array([eta2 / omega]),
        np.array([depth]),
    )


def monodromy_matrix(
    eta2: float,
    *,
    eta_bar: float,
    depth: float,
    omega: float,
    tolerance: float = DEFAULT_TOLERANCE,
) -> np.ndarray:
    """Compute the monodromy matrix of the error dynamics over one period.

    Parameters
    ----------
    eta2 : float
        Late-stage learning rate in 1/s (finite, >= 0).
    eta_bar : float
        Mean early-stage rate in 1/s (finite, > 0).
    depth : float
        Relative modulation depth of eta1, in [0, 1).
    omega : float
        Modulation frequency Omega in rad/s (finite, > 0); the period is
        ``T = 2 pi / omega`` seconds.
    tolerance : float
        Target for the estimated absolute error of the entries (> 0); see
        ``DEFAULT_TOLERANCE``.

    Returns
    -------
    ndarray, shape (2, 2)
        ``Phi(T)`` in the coordinates ``x = (W~, w2~)``: column j is the state
        at ``t = T`` from the unit vector ``e_j`` at ``t = 0``.

    Raises
    ------
    ValueError
        For invalid parameters, naming the parameter and its value.
    """
    a, b, d = _rescaled_point(eta2, eta_bar, depth, omega)
    tolerance = _validate.positive("tolerance", tolerance)
    entries, _ = _monodromy_entries(a, b, d, tolerance)
    return entries[:, 0].reshape(2, 2)


def floquet_multipliers(
    eta2: float, *, eta_bar: float, depth: float, omega: float
) -> np.ndarray:
    """Compute the two Floquet multipliers of the nominal two-stage system.

    The system is Eqs. 2-3 with ``r_in = 1``, no additive perturbation and
    ``eta1(t) = eta_bar (1 + depth sin(omega t))``; the multipliers are the
    eigenvalues of :func:`monodromy_matrix`.

    Parameters
    ----------
    eta2 : float
        Late-stage learning rate in 1/s (finite, >= 0).
    eta_bar : float
        Mean early-stage rate in 1/s (finite, > 0).
    depth : float
        Relative modulation depth, in [0, 1).
    omega : float
        Modulation frequency in rad/s (finite, > 0).

    Returns
    -------
    ndarray of complex, shape (2,)
        The multipliers, largest modulus first. Their product is
        ``exp(-eta_bar 2 pi / omega)`` (Liouville's formula).

    Raises
    ------
    ValueError
        For invalid parameters, naming the parameter and its value.
    """
    matrix = monodromy_matrix(eta2, eta_bar=eta_bar, depth=depth, omega=omega)
    multipliers = np.linalg.eigvals(matrix).astype(complex)
    return multipliers[np.argsort(-np.abs(multipliers), kind="stable")]


def floquet_growth_rate(
    eta2: float, *, eta_bar: float, depth: float, omega: float
) -> float:
    """Compute the asymptotic growth rate ``log(rho(M)) omega / (2 pi)`` in 1/s.

    A solution of the error dynamics grows (rate > 0) or decays (rate < 0) on
    average like ``exp(rate t)``; the Lyapunov function L of Eq. 6, quadratic
    in the errors, like ``exp(2 rate t)``. Parameters as in
    :func:`floquet_multipliers`.
    """
    multipliers = floquet_multipliers(eta2, eta_bar=eta_bar, depth=depth, omega=omega)
    return float(np.log(np.abs(multipliers[0])) * omega / (2.0 * np.pi))


def stability_chart(
    alphas,
    depths,
    *,
    eta_bar: float,
    omega: float,
    tolerance: float = DEFAULT_TOLERANCE,
) -> np.ndarray:
    """Compute the spectral radius of the monodromy matrix over (alpha, depth).

    Each point has ``eta2 = alpha eta_bar`` and ``eta1(t) = eta_bar (1 + depth
    sin(omega t))``; the grid is integrated at once (see the module docstring).

    Parameters
    ----------
    alphas : array_like, 1-D
        Ratios ``alpha = eta2 / eta_bar`` (finite, >= 0).
    depths : array_like, 1-D
        Modulation depths, in [0, 1).
    eta_bar : float
        Mean early-stage rate in 1/s (finite, > 0).
    omega : float
        Modulation frequency in rad/s (finite, > 0).
    tolerance : float
        Target for the estimated absolute error of the monodromy entries
        (> 0); see ``DEFAULT_TOLERANCE``.

    Returns
    -------
    ndarray, shape (len(depths), len(alphas))
        ``rho(M)``; the point is asymptotically stable when it is below 1.

    Raises
    ------
    ValueError
        For invalid parameters, naming the parameter and its value.
    """
    alphas = _check_grid("alphas", alphas, "finite and >= 0", lambda x: x >= 0)
    depths = _check_grid("depths", depths, "in [0, 1)", lambda x: (x >= 0) & (x < 1))
    eta_bar = _validate.positive("eta_bar", eta_bar)
    omega = _validate.positive("omega", omega)
    tolerance = _validate.positive("tolerance", tolerance)

    alpha_grid, depth_grid = np.meshgrid(alphas, depths)
    a = np.full(alpha_grid.size, eta_bar / omega)
    b = (alpha_grid * (eta_bar / omega)).ravel()
    entries, _ = _monodromy_entries(a, b, depth_grid.ravel(), tolerance)
    return spectral_radius(*entries).reshape(alpha_grid.shape)


def resonance_chart(
    frequency_ratios,
    depths,
    *,
    eta_bar: float,
    eta2: float,
    tolerance: float = DEFAULT_TOLERANCE,
) -> np.ndarray:
    """Compute the spectral radius over (omega / omega_n, depth) at fixed rates.

    The modulation frequency of each column is ``omega = ratio omega_n`` with
    the natural frequency ``omega_n = sqrt(eta_bar eta2)`` of the unmodulated
    system (Eq. 8). Parametric resonance makes tongues of instability grow
    from ``omega / omega_n = 2 / k``, k = 1, 2, ...

    Parameters
    ----------
    frequency_ratios : array_like, 1-D
        ``omega / omega_n`` (finite, > 0).
    depths : array_like, 1-D
        Modulation depths, in [0, 1).
    eta_bar, eta2 : float
        Mean early-stage rate and late-stage rate in 1/s (finite, > 0).
    tolerance : float
        Target for the estimated absolute error of the monodromy entries
        (> 0); see ``DEFAULT_TOLERANCE``.

    Returns
    -------
    ndarray, shape (len(depths), len(frequency_ratios))
        ``rho(M)`` per period ``2 pi / omega``, which differs from column to
        column; ``log(rho) omega / (2 pi)`` is the growth rate per second.

    Raises
    ------
    ValueError
        For invalid parameters, naming the parameter and its value.
    """
    ratios = _check_grid("frequency_ratios", frequency_ratios, "finite and > 0",
                         lambda x: x > 0)
    depths = _check_grid("depths", depths, "in [0, 1)", lambda x: (x >= 0) & (x < 1))
    eta_bar = _validate.positive("eta_bar", eta_bar)
    eta2 = _validate.positive("eta2", eta2)
    tolerance = _validate.positive("tolerance", tolerance)

    ratio_grid, depth_grid = np.meshgrid(ratios, depths)
    omega = (ratio_grid * math.sqrt(eta_bar * eta2)).ravel()
    entries, _ = _monodromy_entries(
        eta_bar / omega, eta2 / omega, depth_grid.ravel(), tolerance
    )
    return spectral_radius(*entries).reshape(ratio_grid.shape)
