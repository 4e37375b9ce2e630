"""Lyapunov functions, their derivatives and the stability bounds (Eqs. 4-7).

Equation numbers follow Alemi, Aksay and Goldman, "A Lyapunov theory
demonstrating a fundamental limit on the speed of systems consolidation".

All quantities are written in the error coordinates of the model: the gain
error ``W~ = w1 + w2 - w*`` and the consolidation error ``w2~ = w2 - w*``, with
``w1 = W~ - w2~``. Along the learning rules (Eqs. 2-3),

    dW~/dt  = -eta1 r_in^2 W~ - eta1 r_in xi + eta2 r_in^2 (W~ - w2~)
    dw2~/dt =  eta2 r_in^2 (W~ - w2~),

and with ``alpha = eta2 / eta1`` and ``|xi| <= mu |e|``, ``e = W~ r_in``:

- single stage (eta2 = 0), Eq. 4 and Eq. 5:
  ``L1 = W~^2 / 2``, ``dL1/dt = -eta1 r_in^2 W~^2 - eta1 r_in W~ xi``
  ``<= -eta1 r_in^2 (1 - mu) W~^2``;
- two stages, Eq. 6 and Eq. 7:
  ``L = (W~^2 + w2~^2) / 2``,
  ``dL/dt = -eta1 r_in^2 ((1 - alpha) W~^2 + alpha w2~^2) - eta1 r_in W~ xi``
  ``<= -eta1 r_in^2 ((1 - alpha - mu) W~^2 + alpha w2~^2)``,
  which is <= 0 on the whole plane iff ``alpha <= 1 - mu`` (:func:`critical_ratio`);
- the weighted function ``L_b = (W~^2 + b w2~^2) / 2``, whose derivative is
  ``-eta1 r_in^2 ((1 - alpha) W~^2 + alpha (1 - b) W~ w2~ + alpha b w2~^2)``
  ``- eta1 r_in W~ xi``; it is <= 0 on the whole plane for every admissible
  perturbation iff ``alpha <= 4 b (1 - mu) / (1 + b)^2``
  (:func:`weighted_critical_ratio`), which equals ``1 - mu`` only at ``b = 1``.

With constant rates and ``xi = 0`` the model is linear in ``(W~, w2~)``:
:func:`state_matrix` returns its matrix, whose characteristic polynomial is
``s^2 + eta1 r_in^2 s + eta1 eta2 r_in^4``. A signal-dependent perturbation
``xi = delta e`` is the same as an early-stage rate ``eta1 (1 + delta)``.
:func:`find_quadratic_certificate` searches for a quadratic function
``V = x^T P x`` with a cross term that decreases for every ``|delta(t)| <= mu``,
and :func:`is_quadratic_certificate` checks one in exact rational arithmetic:
such a ``V`` proves robust stability beyond ``alpha <= 1 - mu``.

The functions named ``*_identities`` build the SymPy derivations of these
statements and return them as :class:`SymbolicIdentity` objects, so that the
book and the tests verify every identity when they run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp
from scipy.optimize import minimize

from . import _validate

__all__ = [
    "SymbolicIdentity",
    "critical_ratio",
    "weighted_critical_ratio",
    "single_stage_lyapunov",
    "single_stage_derivative",
    "single_stage_bound",
    "two_stage_lyapunov",
    "two_stage_derivative",
    "two_stage_bound",
    "rising_region_slope",
    "in_rising_region",
    "state_matrix",
    "is_quadratic_certificate",
    "find_quadratic_certificate",
    "single_stage_identities",
    "two_stage_identities",
    "weighted_identities",
    "linear_system_identities",
]


# ---------------------------------------------------------------------------
# Critical ratios
# ---------------------------------------------------------------------------


def critical_ratio(mu: float) -> float:
    """Return the largest ratio ``alpha = eta2 / eta1`` that Eq. 7 guarantees.

    The bound of Eq. 7 is <= 0 on the whole plane iff ``alpha <= 1 - mu``, and
    the perturbation ``xi = -mu e`` attains the bound, so ``1 - mu`` is also the
    largest alpha for which ``L`` of Eq. 6 never rises.

    Parameters
    ----------
    mu : float
        Perturbation level, the largest ratio ``|xi| / |e|``, in ``[0, 1]``.

    Returns
    -------
    float
        ``alpha_c = 1 - mu``.

    Raises
    ------
    ValueError
        If ``mu`` is not a finite number in ``[0, 1]``.
    """
    mu = _validate.real("mu", mu, "a finite number in [0, 1]", lambda x: 0 <= x <= 1)
    return 1.0 - mu


def weighted_critical_ratio(b: float, mu: float = 0.0) -> float:
    """Return the exact largest alpha for which ``dL_b/dt <= 0`` on the whole plane.

    For ``L_b = (W~^2 + b w2~^2) / 2`` and the worst admissible perturbation
    ``xi = -mu e``, ``dL_b/dt = -eta1 r_in^2 x^T M x`` with ``x = (W~, w2~)`` and
    ``M = [[1 - alpha - mu, alpha (1 - b) / 2], [alpha (1 - b) / 2, alpha b]]``.
    ``M`` is positive semidefinite iff ``alpha (1 + b)^2 <= 4 b (1 - mu)``.

    Parameters
    ----------
    b : float
        Weight of the squared consolidation error (finite, > 0).
    mu : float
        Perturbation level in ``[0, 1]``. The default 0 is the only case for
        which Alemi, Aksay and Goldman discuss the weighted function.

    Returns
    -------
    float
        ``4 b (1 - mu) / (1 + b)^2``. It is at most ``1 - mu``, with equality
        only at ``b = 1``.

    Raises
    ------
    ValueError
        If ``b`` is not finite and > 0, or ``mu`` is not in ``[0, 1]``.
    """
    b = _validate.positive("b", b)
    mu = _validate.real("mu", mu, "a finite number in [0, 1]", lambda x: 0 <= x <= 1)
    # 4 b / (1 + b)^2 = 4 / (b + 2 + 1/b), which cannot overflow for large b.
    return 4.0 * (1.0 - mu) / (b + 2.0 + 1.0 / b)


# ---------------------------------------------------------------------------
# Numerical Lyapunov functions and bounds
# ---------------------------------------------------------------------------


def _positive_values(name: str, value) -> np.ndarray | float:
    """Return ``value`` (number or array) after checking every entry is finite, > 0."""
    array = np.asarray(value, dtype=float)
    if array.size == 0 or not np.all(np.isfinite(array)) or np.any(array <= 0):
        raise ValueError(f"{name} must be finite and > 0 everywhere; got {value!r}")
    return array if array.ndim else float(array)


def _finite_values(name: str, value) -> np.ndarray | float:
    """Return ``value`` (a number or array) after checking every entry is finite."""
    array = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite everywhere; got {value!r}")
    return array if array.ndim else float(array)


def _check_mu(mu) -> float:
    return _validate.non_negative("mu", mu)


def single_stage_lyapunov(gain_error):
    """Lyapunov function of the single-stage model, ``L1 = W~^2 / 2`` (Eq. 4)."""
    gain_error = _finite_values("gain_error", gain_error)
    return 0.5 * np.square(gain_error)


def single_stage_derivative(gain_error, eta1, r_in=1.0, xi=0.0):
    """Return ``dL1/dt = -eta1 r_in^2 W~^2 - eta1 r_in W~ xi`` along Eq. 2.

    Parameters
    ----------
    gain_error : float or ndarray
        Gain error W~.
    eta1 : float or ndarray
        Early-stage learning rate in 1/s (> 0).
    r_in : float or ndarray
        Input command.
    xi : float or ndarray
        Perturbation of the teaching signal.

    Returns
    -------
    float or ndarray
        ``dL1/dt`` in 1/s, evaluated from the right-hand side of the rule.
    """
    gain_error = _finite_values("gain_error", gain_error)
    eta1 = _positive_values("eta1", eta1)
    r_in = _finite_values("r_in", r_in)
    xi = _finite_values("xi", xi)
    return -eta1 * r_in**2 * gain_error**2 - eta1 * r_in * gain_error * xi


def single_stage_bound(gain_error, eta1, mu, r_in=1.0):
    """Return the bound of Eq. 5, ``-eta1 r_in^2 (1 - mu) W~^2``.

    ``dL1/dt`` never exceeds it when ``|xi| <= mu |e|``, and equals it when
    ``xi = -mu e``. The bound is <= 0 iff ``mu <= 1``.

    Parameters
    ----------
    gain_error : float or ndarray
        Gain error W~.
    eta1 : float or ndarray
        Early-stage learning rate in 1/s (> 0).
    mu : float
        Perturbation level, the largest ``|xi| / |e|`` (finite, >= 0).
    r_in : float or ndarray
        Input command.
    """
    gain_error = _finite_values("gain_error", gain_error)
    eta1 = _positive_values("eta1", eta1)
    r_in = _finite_values("r_in", r_in)
    return -eta1 * r_in**2 * (1.0 - _check_mu(mu)) * gain_error**2


def two_stage_lyapunov(gain_error, consolidation_error, b: float = 1.0):
    """Lyapunov function ``L_b = (W~^2 + b w2~^2) / 2``; ``b = 1`` is Eq. 6."""
    gain_error = _finite_values("gain_error", gain_error)
    consolidation_error = _finite_values("consolidation_error", consolidation_error)
    b = _validate.positive("b", b)
    return 0.5 * (np.square(gain_error) + b * np.square(consolidation_error))


def two_stage_derivative(
    gain_error, consolidation_error, eta1, alpha, r_in=1.0, xi=0.0, b: float = 1.0
):
    """Return ``dL_b/dt`` along the learning rules (Eqs. 2-3).

    ``dL_b/dt = -eta1 r_in^2 ((1 - alpha) W~^2 + alpha (1 - b) W~ w2~
    + alpha b w2~^2) - eta1 r_in W~ xi``; ``b = 1`` gives the first line of Eq. 7.

    Parameters
    ----------
    gain_error, consolidation_error : float or ndarray
        W~ and w2~.
    eta1 : float or ndarray
        Early-stage learning rate in 1/s (> 0).
    alpha : float or ndarray
        Ratio of learning rates ``eta2 / eta1`` (>= 0).
    r_in : float or ndarray
        Input command.
    xi : float or ndarray
        Perturbation of the teaching signal.
    b : float
        Weight of the squared consolidation error (> 0).

    Returns
    -------
    float or ndarray
        ``dL_b/dt`` in 1/s.
    """
    gain = _finite_values("gain_error", gain_error)
    consolidation = _finite_values("consolidation_error", consolidation_error)
    eta1 = _positive_values("eta1", eta1)
    alpha = _finite_values("alpha", alpha)
    if np.any(np.asarray(alpha) < 0):
        raise ValueError(f"alpha must be >= 0 everywhere; got {alpha!r}")
    r_in = _finite_values("r_in", r_in)
    xi = _finite_values("xi", xi)
    b = _validate.positive("b", b)
    form = (
        (1.0 - alpha) * gain**2
        + alpha * (1.0 - b) * gain * consolidation
        + alpha * b * consolidation**2
    )
    return -eta1 * r_in**2 * form - eta1 * r_in * gain * xi


def two_stage_bound(gain_error, consolidation_error, eta1, alpha, mu, r_in=1.0):
    """Return the bound of Eq. 7, ``-eta1 r_in^2 ((1-alpha-mu) W~^2 + alpha w2~^2)``.

    ``dL/dt`` never exceeds it when ``|xi| <= mu |e|``, and equals it when
    ``xi = -mu e``.

    Parameters
    ----------
    gain_error, consolidation_error : float or ndarray
        W~ and w2~.
    eta1 : float or ndarray
        Early-stage learning rate in 1/s (> 0).
    alpha : float
        Ratio of learning rates ``eta2 / eta1`` (finite, >= 0).
    mu : float
        Perturbation level (finite, >= 0).
    r_in : float or ndarray
        Input command.
    """
    gain = _finite_values("gain_error", gain_error)
    consolidation = _finite_values("consolidation_error", consolidation_error)
    eta1 = _positive_values("eta1", eta1)
    alpha = _validate.non_negative("alpha", alpha)
    r_in = _finite_values("r_in", r_in)
    form = (1.0 - alpha - _check_mu(mu)) * gain**2 + alpha * consolidation**2
    return -eta1 * r_in**2 * form


def rising_region_slope(alpha: float, mu: float = 0.0) -> float:
    """Return ``k`` such that the bound of Eq. 7 is > 0 exactly where |w2~| < k |W~|.

    ``k = sqrt((alpha + mu - 1) / alpha)`` when ``alpha + mu > 1`` and 0
    otherwise (the region is then empty). With ``mu = 0`` this is the region
    where ``dL/dt > 0``; with ``mu > 0`` it is the region where some admissible
    perturbation (``xi = -mu e``) makes ``dL/dt > 0``.

    Raises
    ------
    ValueError
        If ``alpha`` or ``mu`` is not finite and >= 0.
    """
    alpha = _validate.non_negative("alpha", alpha)
    mu = _check_mu(mu)
    if alpha + mu <= 1.0:
        return 0.0
    return math.sqrt((alpha + mu - 1.0) / alpha)


def in_rising_region(gain_error, consolidation_error, alpha: float, mu: float = 0.0):
    """Test where the bound of Eq. 7 is > 0: ``alpha w2~^2 < (alpha + mu - 1) W~^2``.

    Returns a boolean (array) that is True inside the double cone
    ``|w2~| < rising_region_slope(alpha, mu) |W~|``. The test uses the
    quadratic form itself, not the slope, so it has no square-root rounding.
    """
    gain = _finite_values("gain_error", gain_error)
    consolidation = _finite_values("consolidation_error", consolidation_error)
    alpha = _validate.non_negative("alpha", alpha)
    mu = _check_mu(mu)
    return alpha * np.square(consolidation) < (alpha + mu - 1.0) * np.square(gain)


def state_matrix(eta1: float, alpha: float, r_in: float = 1.0, delta: float = 0.0):
    """Return the matrix ``A`` of ``d/dt (W~, w2~) = A (W~, w2~)`` for constant inputs.

    With ``xi = delta e`` and constant ``eta1``, ``eta2 = alpha eta1`` and
    ``r_in``, the learning rules are linear:
    ``A = r_in^2 [[eta2 - eta1 (1 + delta), -eta2], [eta2, -eta2]]``.

    Parameters
    ----------
    eta1 : float
        Early-stage learning rate in 1/s (> 0).
    alpha : float
        Ratio of learning rates (>= 0).
    r_in : float
        Constant input command.
    delta : float
        Constant signal-dependent perturbation gain, ``xi = delta e``.

    Returns
    -------
    ndarray, shape (2, 2)
        ``A`` in 1/s.
    """
    eta1 = _validate.positive("eta1", eta1)
    alpha = _validate.non_negative("alpha", alpha)
    r_in = _validate.finite("r_in", r_in)
    delta = _validate.finite("delta", delta)
    eta2 = alpha * eta1
    return r_in**2 * np.array(
        [[eta2 - eta1 * (1.0 + delta), -eta2], [eta2, -eta2]], dtype=float
    )


# ---------------------------------------------------------------------------
# Symbolic derivations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SymbolicIdentity:
    """A statement ``lhs = rhs`` that SymPy checks by simplifying ``lhs - rhs``.

    Attributes
    ----------
    name : str
        What the identity states, in words.
    lhs, rhs : sympy.Expr
        The two sides; ``lhs`` is usually computed (by the chain rule, a
        determinant, ...) and ``rhs`` is the closed form the book states.
    """

    name: str
    lhs: sp.Expr
    rhs: sp.Expr

    @property
    def holds(self) -> bool:
        """True when ``lhs - rhs`` simplifies to zero."""
        return sp.simplify(sp.expand(self.lhs - self.rhs)) == 0

    def __str__(self) -> str:
        status = "verified" if self.holds else "FAILED"
        return f"{self.name}: {sp.sstr(self.rhs)}  [{status}]"


# Symbols shared by the derivations: real weights and errors, positive rates.
_w1, _w2, _w_star = sp.symbols("w1 w2 w_star", real=True)
_W, _v = sp.symbols("W w2t", real=True)  # W~ and w2~
_eta1, _alpha, _b = sp.symbols("eta1 alpha b", positive=True)
_r, _xi, _delta, _mu = sp.symbols("r_in xi delta mu", real=True)
_s = sp.Symbol("s")


def _rules(eta2, xi):
    """Right-hand sides of Eqs. 2-3 in the weights ``(w1, w2)``."""
    error = (_w1 + _w2 - _w_star) * _r
    return -_eta1 * _r * (error + xi), eta2 * _r**2 * _w1


def _to_errors(expression):
    """Substitute ``w1 = W~ - w2~`` and ``w2 = w2~ + w*``."""
    return expression.subs({_w1: _W - _v, _w2: _v + _w_star}, simultaneous=True)


def single_stage_identities() -> list[SymbolicIdentity]:
    """Derive ``dL1/dt`` (Eq. 4 along Eq. 2 with eta2 = 0) and the slack of Eq. 5.

    Returns
    -------
    list of SymbolicIdentity
        1. the chain rule ``dL1/dt = W~ dW~/dt`` equals
           ``-eta1 r_in^2 W~^2 - eta1 r_in W~ xi``;
        2. with ``xi = delta e`` it equals ``-eta1 r_in^2 (1 + delta) W~^2``;
        3. the bound of Eq. 5 minus ``dL1/dt`` equals
           ``eta1 r_in^2 (mu + delta) W~^2``, which is >= 0 for ``delta >= -mu``
           and 0 for ``delta = -mu``.
    """
    dw1, dw2 = _rules(0, _xi)
    lyapunov = (_w1 + _w2 - _w_star) ** 2 / 2
    derivative = _to_errors(sp.diff(lyapunov, _w1) * dw1 + sp.diff(lyapunov, _w2) * dw2)
    with_delta = derivative.subs(_xi, _delta * _W * _r)
    bound = -_eta1 * _r**2 * (1 - _mu) * _W**2
    return [
        SymbolicIdentity(
            "dL1/dt along Eq. 2",
            derivative,
            -_eta1 * _r**2 * _W**2 - _eta1 * _r * _W * _xi,
        ),
        SymbolicIdentity(
            "dL1/dt with xi = delta e",
            with_delta,
            -_eta1 * _r**2 * (1 + _delta) * _W**2,
        ),
        SymbolicIdentity(
            "bound of Eq. 5 minus dL1/dt",
            bound - with_delta,
            _eta1 * _r**2 * (_mu + _delta) * _W**2,
        ),
    ]


def two_stage_identities() -> list[SymbolicIdentity]:
    """Derive ``dL/dt`` for Eq. 6 along Eqs. 2-3, the slack of Eq. 7 and its zero set.

    Returns
    -------
    list of SymbolicIdentity
        1. the chain rule gives the first line of Eq. 7;
        2. with ``xi = delta e`` the bound of Eq. 7 minus ``dL/dt`` equals
           ``eta1 r_in^2 (mu + delta) W~^2`` (>= 0 for ``delta >= -mu``);
        3. on the lines ``w2~ = +-k W~``, ``k^2 = (alpha + mu - 1) / alpha``,
           the bound of Eq. 7 is 0, so they bound the region where it is > 0.
    """
    dw1, dw2 = _rules(_alpha * _eta1, _xi)
    lyapunov = ((_w1 + _w2 - _w_star) ** 2 + (_w2 - _w_star) ** 2) / 2
    derivative = _to_errors(sp.diff(lyapunov, _w1) * dw1 + sp.diff(lyapunov, _w2) * dw2)
    first_line = -_eta1 * _r**2 * (
        (1 - _alpha) * _W**2 + _alpha * _v**2
    ) - _eta1 * _W * _r * _xi
    bound = -_eta1 * _r**2 * ((1 - _alpha - _mu) * _W**2 + _alpha * _v**2)
    slope_squared = (_alpha + _mu - 1) / _alpha
    return [
        SymbolicIdentity("dL/dt along Eqs. 2-3", derivative, first_line),
        SymbolicIdentity(
            "bound of Eq. 7 minus dL/dt with xi = delta e",
            bound - derivative.subs(_xi, _delta * _W * _r),
            _eta1 * _r**2 * (_mu + _delta) * _W**2,
        ),
        SymbolicIdentity(
            "bound of Eq. 7 on |w2~| = k |W~|, k^2 = (alpha + mu - 1)/alpha",
            bound.subs(_v**2, slope_squared * _W**2),
            sp.Integer(0),
        ),
    ]


def weighted_identities() -> list[SymbolicIdentity]:
    """Derive ``dL_b/dt`` and the exact critical ratio of ``L_b = (W~^2 + b w2~^2)/2``.

    Returns
    -------
    list of SymbolicIdentity
        1. the chain rule gives ``dL_b/dt = -eta1 r_in^2 ((1 - alpha) W~^2
           + alpha (1 - b) W~ w2~ + alpha b w2~^2) - eta1 r_in W~ xi``;
        2. with ``xi = -mu e`` it is ``-eta1 r_in^2 ((1 - alpha - mu) W~^2
           + alpha (1 - b) W~ w2~ + alpha b w2~^2)``;
        3. that form is ``x^T M x``, ``x = (W~, w2~)``, for the symmetric matrix
           ``M`` of :func:`weighted_critical_ratio`;
        4. ``det M = alpha (4 b (1 - mu) - alpha (1 + b)^2) / 4``;
        5. the nonzero root in alpha of ``det M`` is ``4 b (1 - mu) / (1 + b)^2``;
        6. ``1 - mu`` minus that root is ``(1 - mu) (1 - b)^2 / (1 + b)^2``, so the
           root is below ``1 - mu`` for every ``b != 1``.
    """
    dw1, dw2 = _rules(_alpha * _eta1, _xi)
    lyapunov = ((_w1 + _w2 - _w_star) ** 2 + _b * (_w2 - _w_star) ** 2) / 2
    derivative = _to_errors(sp.diff(lyapunov, _w1) * dw1 + sp.diff(lyapunov, _w2) * dw2)
    stated = -_eta1 * _r**2 * (
        (1 - _alpha) * _W**2 + _alpha * (1 - _b) * _W * _v + _alpha * _b * _v**2
    ) - _eta1 * _r * _W * _xi
    matrix = sp.Matrix(
        [
            [1 - _alpha - _mu, _alpha * (1 - _b) / 2],
            [_alpha * (1 - _b) / 2, _alpha * _b],
        ]
    )
    state = sp.Matrix([_W, _v])
    quadratic = (state.T * matrix * state)[0, 0]
    worst_case = -_eta1 * _r**2 * (
        (1 - _alpha - _mu) * _W**2 + _alpha * (1 - _b) * _W * _v + _alpha * _b * _v**2
    )
    roots = sp.solve(sp.Eq(matrix.det(), 0), _alpha)
    nonzero_roots = [root for root in roots if sp.simplify(root) != 0]
    if len(nonzero_roots) != 1:
        raise RuntimeError(f"expected one nonzero root of det M in alpha; got {roots}")
    critical = nonzero_roots[0]
    stated_critical = 4 * _b * (1 - _mu) / (1 + _b) ** 2
    return [
        SymbolicIdentity("dL_b/dt along Eqs. 2-3", derivative, stated),
        SymbolicIdentity(
            "dL_b/dt with xi = -mu e", derivative.subs(_xi, -_mu * _W * _r), worst_case
        ),
        SymbolicIdentity(
            "x^T M x for x = (W~, w2~)",
            quadratic,
            worst_case / (-_eta1 * _r**2),
        ),
        SymbolicIdentity(
            "det M",
            matrix.det(),
            _alpha * (4 * _b * (1 - _mu) - _alpha * (1 + _b) ** 2) / 4,
        ),
        SymbolicIdentity("nonzero root of det M in alpha", critical, stated_critical),
        SymbolicIdentity(
            "(1 - mu) minus the weighted critical ratio",
            (1 - _mu) - critical,
            (1 - _mu) * (1 - _b) ** 2 / (1 + _b) ** 2,
        ),
    ]


def linear_system_identities() -> list[SymbolicIdentity]:
    """Derive the linear form of the rules for constant inputs and its spectrum.

    Returns
    -------
    list of SymbolicIdentity
        1-2. the two rows of ``A (W~, w2~)``, with ``A`` of
           :func:`state_matrix`, equal the right-hand sides of the rules for
           ``W~`` and ``w2~`` with ``xi = delta e``;
        3. ``det(s I - A) = s^2 + eta1 (1 + delta) r_in^2 s
           + eta1^2 alpha (1 + delta) r_in^4``; with ``delta = 0`` and
           ``r_in = 1`` this is ``s^2 + eta1 s + eta1 eta2``;
        4. the same polynomial equals that of the unperturbed system with
           the early-stage rate ``eta1 (1 + delta)``: a signal-dependent
           perturbation is a change of the early-stage rate.
    """
    eta2 = _alpha * _eta1
    dw1, dw2 = _rules(eta2, _delta * (_w1 + _w2 - _w_star) * _r)
    rates = sp.Matrix([_to_errors(dw1 + dw2), _to_errors(dw2)])
    matrix = _r**2 * sp.Matrix(
        [[eta2 - _eta1 * (1 + _delta), -eta2], [eta2, -eta2]]
    )
    state = sp.Matrix([_W, _v])
    polynomial = (_s * sp.eye(2) - matrix).det()
    rescaled_rate = sp.Symbol("eta1_eff", positive=True)
    rescaled = _r**2 * sp.Matrix(
        [[eta2 - rescaled_rate, -eta2], [eta2, -eta2]]
    )
    rescaled_polynomial = (_s * sp.eye(2) - rescaled).det()
    return [
        SymbolicIdentity(
            "dW~/dt as the first row of A (W~, w2~)", rates[0], (matrix * state)[0]
        ),
        SymbolicIdentity(
            "dw2~/dt as the second row of A (W~, w2~)", rates[1], (matrix * state)[1]
        ),
        SymbolicIdentity(
            "det(s I - A)",
            polynomial,
            _s**2
            + _eta1 * (1 + _delta) * _r**2 * _s
            + _eta1 * (1 + _delta) * eta2 * _r**4,
        ),
        SymbolicIdentity(
            "det(s I - A) with eta1 replaced by eta1 (1 + delta) and xi = 0",
            rescaled_polynomial.subs(rescaled_rate, _eta1 * (1 + _delta)),
            polynomial,
        ),
    ]


# ---------------------------------------------------------------------------
# Quadratic Lyapunov functions with a cross term
# ---------------------------------------------------------------------------


def _vertex_matrices(alpha: float, mu: float) -> list[np.ndarray]:
    """State matrices (eta1 = r_in = 1) at the extreme perturbations delta = +-mu."""
    return [state_matrix(1.0, alpha, delta=delta) for delta in (-mu, mu)]


def is_quadratic_certificate(matrix, alpha: float, mu: float) -> bool:
    """Check exactly that ``V = x^T P x`` decreases for every ``|delta(t)| <= mu``.

    ``P`` certifies robust stability when it is positive definite and
    ``A(delta)^T P + P A(delta)`` is negative definite at ``delta = -mu`` and
    ``delta = +mu``. That matrix is affine in ``delta``, so the two vertices
    cover every ``delta`` in between, and any time variation of ``delta(t)``,
    ``eta1 > 0`` or ``r_in(t) != 0``: they scale ``A`` by positive numbers.
    The check converts the floats to exact rationals (:class:`fractions.Fraction`)
    and tests the leading principal minors, so rounding cannot fake a pass.

    Parameters
    ----------
    matrix : array_like, shape (2, 2)
        Candidate symmetric ``P`` in the coordinates ``x = (W~, w2~)``.
    alpha : float
        Ratio of learning rates (finite, >= 0).
    mu : float
        Perturbation level (finite, >= 0).

    Returns
    -------
    bool
    """
    alpha = _validate.non_negative("alpha", alpha)
    mu = _check_mu(mu)
    array = np.asarray(matrix, dtype=float)
    if array.shape != (2, 2) or not np.all(np.isfinite(array)):
        raise ValueError(f"matrix must be a finite 2 x 2 array; got {matrix!r}")
    if array[0, 1] != array[1, 0]:
        raise ValueError(f"matrix must be symmetric; got {matrix!r}")
    p11, p12, p22 = (
        Fraction(float(x)) for x in (array[0, 0], array[0, 1], array[1, 1])
    )
    if not (p11 > 0 and p11 * p22 - p12 * p12 > 0):
        return False
    a, m = Fraction(alpha), Fraction(mu)
    for delta in (-m, m):
        # A(delta) with eta1 = r_in = 1, entries as in state_matrix.
        a11, a12, a21, a22 = a - 1 - delta, -a, a, -a
        q11 = 2 * (a11 * p11 + a21 * p12)
        q12 = a11 * p12 + a21 * p22 + p11 * a12 + p12 * a22
        q22 = 2 * (a12 * p12 + a22 * p22)
        if not (q11 < 0 and q11 * q22 - q12 * q12 > 0):
            return False
    return True


def find_quadratic_certificate(alpha: float, mu: float) -> np.ndarray | None:
    """Search for ``P`` that passes :func:`is_quadratic_certificate`.

    ``P = [[1, p], [p, p^2 + exp(s)]]`` is positive definite for every
    ``(p, s)``. A grid over ``p`` in [-3, 3] and ``s`` in [-6, 6] picks the
    start that minimises the largest eigenvalue of the two vertex matrices
    (relative to the trace of ``P``), and Nelder-Mead refines it.

    Parameters
    ----------
    alpha : float
        Ratio of learning rates (finite, >= 0).
    mu : float
        Perturbation level (finite, >= 0).

    Returns
    -------
    ndarray, shape (2, 2), or None
        A verified certificate, or None when the search finds none. None does
        not prove that no certificate exists, nor that the model is unstable.
    """
    alpha = _validate.non_negative("alpha", alpha)
    mu = _check_mu(mu)
    vertices = _vertex_matrices(alpha, mu)

    def candidate(parameters):
        p, s = parameters
        return np.array([[1.0, p], [p, p * p + math.exp(s)]])

    def worst_eigenvalue(parameters):
        matrix = candidate(parameters)
        largest = max(
            np.linalg.eigvalsh(vertex.T @ matrix + matrix @ vertex)[-1]
            for vertex in vertices
        )
        return largest / np.trace(matrix)

    grid = [
        (p, s) for p in np.linspace(-3.0, 3.0, 61) for s in np.linspace(-6.0, 6.0, 49)
    ]
    start = min(grid, key=worst_eigenvalue)
    result = minimize(
        worst_eigenvalue,
        start,
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 2000},
    )
    for parameters in (result.x, start):
        matrix = candidate(parameters)
        if is_quadratic_certificate(matrix, alpha, mu):
            return matrix
    return None
