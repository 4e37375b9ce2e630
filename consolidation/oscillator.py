"""The two-stage model as a damped driven oscillator (Eqs. 8-9).

With a constant input ``r_in = 1``, no signal-dependent perturbation
(``mu -> 0``) and an additive probe ``xi_p = eps sin(omega t)`` in the teaching
signal, the learning rules

    dw1/dt  = -eta1 (w1 + w2~ + xi_p),     dw2~/dt = eta2 w1,

with the consolidation error ``w2~ = w2 - w*``, combine into one second-order
equation (Eq. 8, :func:`derive_oscillator_equation`):

    w2~'' + eta1 w2~' + eta1 eta2 w2~ = -eta1 eta2 eps sin(omega t).

This is a mass-spring-damper with mass 1, damping coefficient ``eta1`` and
stiffness ``eta1 eta2``, driven by the force ``-eta1 eta2 xi_p``. Its undamped
natural frequency is ``omega_n = sqrt(eta1 eta2)`` and its damping ratio is
``zeta = 1 / (2 sqrt(alpha))`` with ``alpha = eta2 / eta1``. With
``r = omega / omega_n`` the steady state is (Eq. 9, with the phase corrected to
the lag of a forced oscillator)

    w2~_ss(t) = -eps sin(omega t - phi) / D,
    D = sqrt((1 - r^2)^2 + (2 zeta r)^2),   phi = atan2(2 zeta r, 1 - r^2),

so the amplitude ratio is ``|w2~_ss| / eps = 1 / D`` (:func:`amplification`).
Its maximum over frequency (:func:`peak_amplification`) is 1, at ``r -> 0``, for
``alpha <= 1/2``, and ``2 alpha / sqrt(4 alpha - 1)`` at
``r = sqrt(1 - 2 zeta^2)`` for ``alpha > 1/2``.

:func:`probe_response` is the exact solution of the linear learning rules
under the probe from any initial weights, transient included, and
:func:`measure_probe_response` measures the steady state from a simulation of
the full model with :func:`consolidation.model.simulate`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import _validate
from .model import simulate

__all__ = [
    "damping_ratio",
    "natural_frequency",
    "amplification",
    "phase_lag",
    "peak_amplification",
    "peak_frequency_ratio",
    "decay_rate",
    "steady_state_response",
    "probe_response",
    "ProbeMeasurement",
    "measure_probe_response",
    "derive_oscillator_equation",
    "derive_steady_state",
]


def _checked_values(name: str, value, allowed: str, check, scalar_check):
    """Return ``value`` as a float (scalar input) or float array passing ``check``.

    ``check`` tests a float array elementwise; ``scalar_check`` validates a
    scalar and raises the package's usual ValueError.
    """
    if np.ndim(value) == 0:
        return scalar_check(name, value)
    try:
        values = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must be {allowed}; got {value!r}") from None
    bad = ~(np.isfinite(values) & check(values))
    if np.any(bad):
        first = float(values[bad].flat[0])
        raise ValueError(f"{name} must be {allowed}; got {first!r} in {name}")
    return values


def _positive_values(name: str, value):
    """Return ``value`` as a float or float array, all finite and > 0."""
    return _checked_values(
        name, value, "finite and > 0", lambda x: x > 0, _validate.positive
    )


def _non_negative_values(name: str, value):
    """Return ``value`` as a float or float array, all finite and >= 0."""
    return _checked_values(
        name, value, "finite and >= 0", lambda x: x >= 0, _validate.non_negative
    )


def _as_output(values):
    """Return a Python float for a 0-d result, the array otherwise."""
    return float(values) if np.ndim(values) == 0 else values


def damping_ratio(alpha):
    """Damping ratio ``zeta = 1 / (2 sqrt(alpha))`` of Eq. 8.

    Parameters
    ----------
    alpha : float or array_like
        Ratio of learning rates ``eta2 / eta1`` (finite, > 0).

    Returns
    -------
    float or ndarray
        ``zeta``: 1 at ``alpha = 1/4`` (critical damping), below 1 (underdamped)
        for larger ``alpha``.

    Raises
    ------
    ValueError
        If an ``alpha`` is not finite and > 0.
    """
    alpha = _positive_values("alpha", alpha)
    return _as_output(0.5 / np.sqrt(alpha))


def natural_frequency(eta1: float, eta2: float) -> float:
    """Undamped natural frequency ``omega_n = sqrt(eta1 eta2)`` of Eq. 8, in rad/s.

    Parameters
    ----------
    eta1, eta2 : float
        Early- and late-stage learning rates in 1/s (finite, > 0).

    Raises
    ------
    ValueError
        If a rate is not finite and > 0.
    """
    eta1 = _validate.positive("eta1", eta1)
    eta2 = _validate.positive("eta2", eta2)
    return math.sqrt(eta1 * eta2)


def _denominator(freq_ratio, alpha):
    """``D = sqrt((1 - r^2)^2 + (2 zeta r)^2)`` for validated arguments."""
    zeta = 0.5 / np.sqrt(alpha)
    ratio = np.asarray(freq_ratio, dtype=float)
    # For r beyond about 1e154, r^2 overflows to inf and D = inf, so the
    # amplitude 1 / D is 0, its correct limit; the overflow is not an error.
    with np.errstate(over="ignore"):
        return np.hypot(1.0 - ratio**2, 2.0 * zeta * ratio)


def amplification(freq_ratio, alpha):
    """Steady-state amplitude ratio ``|w2~_ss| / eps = 1 / D`` of Eq. 9.

    ``D = sqrt((1 - r^2)^2 + (2 zeta r)^2)`` with ``r = omega / omega_n`` and
    ``zeta = 1 / (2 sqrt(alpha))``. The arguments broadcast against each other.

    Parameters
    ----------
    freq_ratio : float or array_like
        Probe frequency over the natural frequency, ``omega / omega_n``
        (finite, >= 0).
    alpha : float or array_like
        Ratio of learning rates ``eta2 / eta1`` (finite, > 0).

    Returns
    -------
    float or ndarray
        The amplitude of ``w2~`` per unit probe amplitude: 1 at ``r = 0``,
        ``sqrt(alpha)`` at ``r = 1``, about ``1 / r^2`` for ``r >> 1``.

    Raises
    ------
    ValueError
        If a ``freq_ratio`` is negative or not finite, or an ``alpha`` is not
        finite and > 0.
    """
    freq_ratio = _non_negative_values("freq_ratio", freq_ratio)
    alpha = _positive_values("alpha", alpha)
    return _as_output(1.0 / _denominator(freq_ratio, alpha))


def phase_lag(freq_ratio, alpha):
    """Phase lag ``phi = atan2(2 zeta r, 1 - r^2)`` of Eq. 9, in radians.

    The steady state is ``w2~_ss = -eps sin(omega t - phi) / D``: the response
    lags the force ``-eta1 eta2 xi_p`` by ``phi``, which rises from 0 at
    ``r = 0`` through ``pi/2`` at ``r = 1`` towards ``pi`` as ``r -> inf``.
    Using ``arctan`` in place of ``atan2`` gives the wrong branch for ``r > 1``.

    Parameters
    ----------
    freq_ratio : float or array_like
        ``r = omega / omega_n`` (finite, >= 0).
    alpha : float or array_like
        ``eta2 / eta1`` (finite, > 0).

    Returns
    -------
    float or ndarray
        ``phi`` in ``[0, pi)``.

    Raises
    ------
    ValueError
        As :func:`amplification`.
    """
    freq_ratio = _non_negative_values("freq_ratio", freq_ratio)
    alpha = _positive_values("alpha", alpha)
    zeta = 0.5 / np.sqrt(alpha)
    return _as_output(np.arctan2(2.0 * zeta * freq_ratio, 1.0 - freq_ratio**2))


def peak_amplification(alpha):
    """Maximum of :func:`amplification` over all probe frequencies.

    Minimising ``D^2 = (1 - u)^2 + 4 zeta^2 u`` over ``u = r^2 >= 0`` gives
    ``u = 1 - 2 zeta^2`` when ``zeta^2 < 1/2`` (``alpha > 1/2``), where
    ``D^2 = 4 zeta^2 (1 - zeta^2)``; otherwise ``D^2`` increases with ``u`` and
    the maximum is 1, reached as ``r -> 0``.

    Parameters
    ----------
    alpha : float or array_like
        ``eta2 / eta1`` (finite, > 0).

    Returns
    -------
    float or ndarray
        1 for ``alpha <= 1/2``, ``1 / (2 zeta sqrt(1 - zeta^2))
        = 2 alpha / sqrt(4 alpha - 1)`` for ``alpha > 1/2``.

    Raises
    ------
    ValueError
        If an ``alpha`` is not finite and > 0.
    """
    alpha = _positive_values("alpha", alpha)
    resonant = alpha > 0.5
    peak = np.ones_like(np.asarray(alpha, dtype=float))
    safe = np.where(resonant, alpha, 1.0)
    # 2 alpha / sqrt(4 alpha - 1), written so that 4 alpha cannot overflow.
    peak = np.where(resonant, np.sqrt(safe) / np.sqrt(1.0 - 0.25 / safe), peak)
    return _as_output(peak)


def peak_frequency_ratio(alpha):
    """Frequency ratio ``omega / omega_n`` of :func:`peak_amplification`.

    Parameters
    ----------
    alpha : float or array_like
        ``eta2 / eta1`` (finite, > 0).

    Returns
    -------
    float or ndarray
        ``sqrt(1 - 2 zeta^2) = sqrt(1 - 1 / (2 alpha))`` for ``alpha > 1/2``,
        else 0 (the supremum is approached as the frequency goes to zero).

    Raises
    ------
    ValueError
        If an ``alpha`` is not finite and > 0.
    """
    alpha = _positive_values("alpha", alpha)
    return _as_output(np.sqrt(np.maximum(0.0, 1.0 - 0.5 / alpha)))


def decay_rate(eta1: float, eta2: float) -> float:
    """Decay rate in 1/s of the slowest free mode of Eq. 8.

    The characteristic roots are ``-eta1/2 (1 +- sqrt(1 - 4 alpha))``. For
    ``alpha >= 1/4`` both decay at ``eta1 / 2`` (the underdamped envelope); for
    ``alpha < 1/4`` the slower root decays at ``eta1/2 (1 - sqrt(1 - 4 alpha))``,
    which is below ``eta1 / 2``.

    Raises
    ------
    ValueError
        If a rate is not finite and > 0.
    """
    eta1 = _validate.positive("eta1", eta1)
    eta2 = _validate.positive("eta2", eta2)
    discriminant = 1.0 - 4.0 * eta2 / eta1
    if discriminant <= 0.0:
        return 0.5 * eta1
    # Written as 2 alpha / (1 + sqrt(.)) to avoid cancellation at small alpha.
    return 0.5 * eta1 * (4.0 * eta2 / eta1) / (1.0 + math.sqrt(discriminant))


def steady_state_response(t, eta1: float, eta2: float, omega: float, eps: float):
    """Steady-state consolidation error ``w2~_ss(t) = -eps sin(omega t - phi) / D``.

    Parameters
    ----------
    t : float or array_like
        Times in seconds.
    eta1, eta2 : float
        Learning rates in 1/s (finite, > 0).
    omega : float
        Probe frequency in rad/s (finite, >= 0).
    eps : float
        Probe amplitude (finite).

    Returns
    -------
    float or ndarray
        ``w2 - w*`` once the transient has decayed.

    Raises
    ------
    ValueError
        For a rate that is not finite and > 0, a negative or non-finite
        ``omega``, or a non-finite ``eps``.
    """
    omega_n = natural_frequency(eta1, eta2)
    omega = _validate.non_negative("omega", omega)
    eps = _validate.finite("eps", eps)
    ratio = omega / omega_n
    alpha = eta2 / eta1
    times = np.asarray(t, dtype=float)
    response = (
        -eps
        * amplification(ratio, alpha)
        * np.sin(omega * times - phase_lag(ratio, alpha))
    )
    return _as_output(response)


def probe_response(
    t,
    eta1: float,
    eta2: float,
    omega: float,
    eps: float,
    w0: tuple[float, float] = (0.0, 0.0),
):
    """Compute the exact ``(w1, w2~)`` under the probe, transient included.

    With ``r_in = 1`` the rules are linear, ``x' = A x + b sin(omega t)`` for
    ``x = (w1, w2~)``, ``A = [[-eta1, -eta1], [eta2, 0]]`` and
    ``b = (-eta1 eps, 0)``. The solution is the steady state ``x_p(t)``
    (from the complex frequency response ``(i omega - A)^{-1} b``) plus the
    free response ``exp(A t) (x(0) - x_p(0))``. The 2x2 exponential is written
    in closed form, ``exp(A t) = exp(-eta1 t / 2) (cosh(d t) I + sinh(d t) / d
    (A + eta1 I / 2))`` with ``d^2 = eta1^2 / 4 - eta1 eta2``: ``cosh`` and
    ``sinh`` become ``cos`` and ``sin`` when underdamped, and
    ``sinh(d t) / d -> t`` at critical damping.

    Parameters
    ----------
    t : array_like
        Times in seconds (finite).
    eta1, eta2 : float
        Learning rates in 1/s (finite, > 0).
    omega : float
        Probe frequency in rad/s (finite, >= 0).
    eps : float
        Probe amplitude (finite).
    w0 : pair of float
        Initial ``(w1(0), w2~(0))``; the default is the fixed point.

    Returns
    -------
    w1, w2_error : ndarray
        Early-stage weight and consolidation error ``w2 - w*`` at ``t``.

    Raises
    ------
    ValueError
        For invalid rates, frequency, amplitude, initial state or times.
    """
    eta1 = _validate.positive("eta1", eta1)
    eta2 = _validate.positive("eta2", eta2)
    omega = _validate.non_negative("omega", omega)
    eps = _validate.finite("eps", eps)
    start = np.array(
        [_validate.finite("w0[0]", w0[0]), _validate.finite("w0[1]", w0[1])]
    )
    times = np.asarray(t, dtype=float)
    if not np.all(np.isfinite(times)):
        raise ValueError("t must contain finite times in seconds")

    # Steady state: x_p(t) = Im(H exp(i omega t)) with H = (i omega I - A)^-1 b.
    matrix = np.array([[-eta1, -eta1], [eta2, 0.0]])
    forcing = np.array([-eta1 * eps, 0.0])
    response = np.linalg.solve(1j * omega * np.eye(2) - matrix, forcing)
    phasor = np.exp(1j * omega * times)
    steady = np.imag(response[:, None] * phasor.ravel()[None, :])
    steady_start = np.imag(response)

    # Free response exp(A t) (x(0) - x_p(0)) with the closed-form exponential,
    # exp(A t) = c(t) I + s(t) (A + eta1 I / 2), written so that no factor
    # overflows on long runs of the overdamped case.
    decay = 0.5 * eta1
    discriminant = 0.25 * eta1 * eta1 - eta1 * eta2
    if discriminant > 0.0:
        # Real roots -decay +- d: c = e^{(d - decay) t} (1 + e^{-2 d t}) / 2 and
        # s = e^{(d - decay) t} (1 - e^{-2 d t}) / (2 d), with d < decay.
        d = math.sqrt(discriminant)
        slow = np.exp((d - decay) * times)
        cosine_part = slow * 0.5 * (1.0 + np.exp(-2.0 * d * times))
        sine_part = slow * (-np.expm1(-2.0 * d * times)) / (2.0 * d)
    else:
        # Complex roots -decay +- i nu: c = e^{-decay t} cos(nu t), s = e^{-decay t}
        # sin(nu t) / nu, and s = t e^{-decay t} at critical damping (nu = 0).
        nu = math.sqrt(-discriminant)
        envelope = np.exp(-decay * times)
        cosine_part = envelope * np.cos(nu * times)
        sine_part = envelope * (times if nu == 0.0 else np.sin(nu * times) / nu)
    offset = start - steady_start
    shifted = matrix + decay * np.eye(2)
    free = (
        offset[:, None] * cosine_part.ravel()[None, :]
        + (shifted @ offset)[:, None] * sine_part.ravel()[None, :]
    )

    solution = steady + free
    return solution[0].reshape(times.shape), solution[1].reshape(times.shape)


@dataclass(frozen=True)
class ProbeMeasurement:
    """Steady state of the simulated model under the probe ``eps sin(omega t)``.

    Attributes
    ----------
    amplitude : float
        Measured ``|w2~| / eps``, the amplitude of ``w2 - w*`` per unit probe.
    phase : float
        ``theta`` in ``(-pi, pi]`` with ``w2~ / eps ~ amplitude sin(omega t + theta)``.
    w1_amplitude : float
        Measured ``|w1| / eps``.
    t_transient : float
        Time in seconds after which the fit window starts.
    t_end : float
        Length of the run in seconds.
    """

    amplitude: float
    phase: float
    w1_amplitude: float
    t_transient: float
    t_end: float


def measure_probe_response(
    eta1: float,
    eta2: float,
    omega: float,
    *,
    eps: float = 1e-3,
    w_star: float = 1.0,
    residual: float = 1e-5,
    n_periods: int = 2,
    n_samples: int = 400,
    rtol: float = 1e-10,
    atol: float = 1e-13,
    max_step: float = np.inf,
) -> ProbeMeasurement:
    """Simulate the model under ``xi_p = eps sin(omega t)`` and fit its steady state.

    The run starts at the fixed point ``(w1, w2) = (0, w*)`` with ``r_in = 1``,
    so only the response to the probe is present. Every free mode decays at
    least as fast as ``exp(-sigma t)`` with ``sigma = decay_rate(eta1, eta2)``
    (``eta1 / 2`` when ``alpha >= 1/4``). The transient that the probe's
    switch-on excites is at most about ``2 max(1, r) exp(-sigma t)`` times the
    steady amplitude, with ``r = omega / omega_n``. At critical damping it
    carries an extra factor ``sigma t``. tests/test_oscillator.py checks this
    bound on a grid of ``alpha`` and ``r``. The fit window therefore opens at
    ``t_transient = ln(2 max(1, r) / residual) / sigma`` and spans
    ``n_periods`` probe periods. A least-squares fit of
    ``a sin(omega t) + b cos(omega t) + c`` on that window gives the amplitude
    and phase.

    Parameters
    ----------
    eta1, eta2 : float
        Learning rates in 1/s (finite, > 0).
    omega : float
        Probe frequency in rad/s (finite, > 0).
    eps : float
        Probe amplitude (finite, > 0). The rules are linear at ``r_in = 1``,
        so the ratios measured do not depend on it.
    w_star : float
        Target gain w*.
    residual : float
        Allowed size of the transient at ``t_transient`` relative to the steady
        amplitude (in (0, 1)).
    n_periods : int
        Probe periods in the fit window (>= 1).
    n_samples : int
        Samples in the fit window (>= 10).
    rtol, atol : float
        Integrator tolerances passed to :func:`consolidation.model.simulate`.
    max_step : float
        Largest integration step in seconds. The default leaves the step to
        the error control: the solution oscillates throughout, so no step can
        skip over a feature, and slow runs (small ``eta1``) stay cheap.

    Returns
    -------
    ProbeMeasurement

    Raises
    ------
    ValueError
        For invalid arguments, or if the run diverged.
    """
    sigma = decay_rate(eta1, eta2)
    omega_n = natural_frequency(eta1, eta2)
    omega = _validate.positive("omega", omega)
    eps = _validate.positive("eps", eps)
    residual = _validate.real("residual", residual, "in (0, 1)", lambda x: 0 < x < 1)
    if isinstance(n_periods, bool) or not isinstance(n_periods, (int, np.integer)):
        raise ValueError(f"n_periods must be an integer >= 1; got {n_periods!r}")
    if n_periods < 1:
        raise ValueError(f"n_periods must be an integer >= 1; got {n_periods!r}")
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)):
        raise ValueError(f"n_samples must be an integer >= 10; got {n_samples!r}")
    if n_samples < 10:
        raise ValueError(f"n_samples must be an integer >= 10; got {n_samples!r}")

    # Run past the transient, then sample a whole number of probe periods.
    t_transient = math.log(2.0 * max(1.0, omega / omega_n) / residual) / sigma
    t_end = t_transient + n_periods * 2.0 * math.pi / omega
    window = np.linspace(t_transient, t_end, int(n_samples))
    trajectory = simulate(
        eta1,
        eta2,
        t_end,
        w_star=w_star,
        w0=(0.0, w_star),
        perturbation=lambda t, e: eps * math.sin(omega * t),
        t_eval=window,
        rtol=rtol,
        atol=atol,
        max_step=max_step,
    )
    if trajectory.diverged:
        raise ValueError(f"the probe run diverged: {trajectory.message}")

    # Fit a sin + b cos + c; the constant absorbs any drift of the mean.
    phases = omega * trajectory.t
    design = np.column_stack([np.sin(phases), np.cos(phases), np.ones(window.size)])
    w2_error = trajectory.consolidation_error / eps
    w2_fit = np.linalg.lstsq(design, w2_error, rcond=None)[0]
    w1_fit = np.linalg.lstsq(design, trajectory.w1 / eps, rcond=None)[0]
    return ProbeMeasurement(
        amplitude=float(np.hypot(w2_fit[0], w2_fit[1])),
        phase=float(np.arctan2(w2_fit[1], w2_fit[0])),
        w1_amplitude=float(np.hypot(w1_fit[0], w1_fit[1])),
        t_transient=t_transient,
        t_end=t_end,
    )


def derive_oscillator_equation():
    """Derive Eq. 8 from the two learning rules with SymPy.

    With ``r_in = 1``, ``mu -> 0`` and ``xi_p = eps sin(omega t)``, the rules
    are ``w1' = -eta1 (w1 + w2~ + xi_p)`` and ``w2~' = eta2 w1``. Differentiating
    the second, substituting the first for ``w1'`` and then ``w1 = w2~' / eta2``
    eliminates ``w1``.

    Returns
    -------
    sympy.Eq
        ``w2~'' + eta1 w2~' + eta1 eta2 w2~ = -eta1 eta2 eps sin(omega t)`` as
        derived, with the free-response terms on the left and the force on
        the right.
    symbols : dict
        The SymPy objects used: ``t``, ``eta1``, ``eta2``, ``eps``, ``omega``
        and the function ``w2`` (standing for ``w2~``).
    """
    import sympy as sp

    t = sp.Symbol("t", real=True)
    eta1, eta2, eps, omega = sp.symbols("eta1 eta2 epsilon omega", positive=True)
    w1 = sp.Function("w1")(t)
    w2 = sp.Function("w2")(t)
    probe = eps * sp.sin(omega * t)

    # The learning rules with r_in = 1 (Eqs. 2-3 in error coordinates).
    rate_w1 = -eta1 * (w1 + w2 + probe)
    rate_w2 = eta2 * w1

    # w2'' = eta2 w1'; replace w1' by its rule, then w1 by w2' / eta2.
    second = sp.diff(rate_w2, t).subs(sp.Derivative(w1, t), rate_w1)
    second = sp.expand(second.subs(w1, sp.diff(w2, t) / eta2))

    # Move the free-response terms to the left; the probe terms are the force.
    force = sp.expand(second - second.subs(eps, 0))
    left = sp.expand(sp.diff(w2, t, 2) - second.subs(eps, 0))
    equation = sp.Eq(left, force)
    symbols = {"t": t, "eta1": eta1, "eta2": eta2, "eps": eps, "omega": omega, "w2": w2}
    return equation, symbols


def derive_steady_state():
    """Solve Eq. 8 for its sinusoidal steady state with SymPy.

    Substitutes ``w2~ = a sin(omega t) + b cos(omega t)`` into Eq. 8 (as
    derived by :func:`derive_oscillator_equation`) and solves the two linear
    equations from the ``sin`` and ``cos`` coefficients.

    Returns
    -------
    dict
        ``"a"`` and ``"b"``: the coefficients in terms of ``eps``, ``eta1``,
        ``eta2`` and ``omega``; ``"amplitude_squared"``: ``(a^2 + b^2) / eps^2``;
        ``"symbols"``: as from :func:`derive_oscillator_equation`.
    """
    import sympy as sp

    equation, symbols = derive_oscillator_equation()
    t, omega, eps = symbols["t"], symbols["omega"], symbols["eps"]
    a, b = sp.symbols("a b", real=True)
    trial = a * sp.sin(omega * t) + b * sp.cos(omega * t)

    # The residual vanishes for all t iff its sin and cos coefficients vanish.
    residual = sp.expand(
        (equation.lhs - equation.rhs).subs(symbols["w2"], trial).doit()
    )
    sin_part = residual.coeff(sp.sin(omega * t))
    cos_part = residual.coeff(sp.cos(omega * t))
    solution = sp.solve([sin_part, cos_part], [a, b], dict=True)[0]
    amplitude_squared = sp.simplify((solution[a] ** 2 + solution[b] ** 2) / eps**2)
    return {
        "a": sp.simplify(solution[a]),
        "b": sp.simplify(solution[b]),
        "amplitude_squared": amplitude_squared,
        "symbols": symbols,
    }
