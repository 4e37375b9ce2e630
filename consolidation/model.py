"""The two-stage consolidation model (Eqs. 1-3) and its numerical integration.

The model tracks a command ``r_in(t)`` with output ``r_o = (w1 + w2) r_in``
(Eq. 1) towards the target ``r_o* = w* r_in``. With the tracking error
``e = (w1 + w2 - w*) r_in`` and a perturbation ``xi(t)`` of the teaching
signal, the weights learn by

    dw1/dt = -eta1(t) r_in(t) (e(t) + xi(t))          (Eq. 2, early stage)
    dw2/dt =  eta2 r_in(t) r1(t),  r1 = w1 r_in       (Eq. 3, late stage)

:func:`simulate` integrates these equations with :func:`scipy.integrate.solve_ivp`
and returns a :class:`Trajectory`, which also carries the gain error
``W~ = w1 + w2 - w*``, the consolidation error ``w2~ = w2 - w*`` and the
Lyapunov function ``L = (W~^2 + w2~^2) / 2`` of Eq. 6.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy.integrate import solve_ivp

from . import _validate

__all__ = [
    "Trajectory",
    "simulate",
    "DEFAULT_RTOL",
    "DEFAULT_ATOL",
    "DEFAULT_MAX_STEP",
    "DEFAULT_BOUND",
]

# Tolerances of the adaptive 8th-order Dormand-Prince method (DOP853). The book
# prints weights to 4 decimals and amplitudes to 3 significant digits. Runs last
# up to 15000 s, which is 150 time constants of the early stage (1 / eta1 =
# 100 s) and about 240 periods of the 0.1 rad/s perturbation. A relative
# tolerance of 1e-8 keeps the accumulated error far below the printed digits,
# and tests/test_model.py checks that tightening both tolerances tenfold leaves
# the printed values unchanged. The absolute tolerance is below the smallest
# weight changes that matter (about 1e-6 of w* = 0.1).
DEFAULT_RTOL = 1e-8
DEFAULT_ATOL = 1e-11

# Largest integration step in seconds. Where the solution is flat, the error
# control takes steps of thousands of seconds, and across them the solver's
# interpolant erred by up to 3e-8 on a 15000 s single-stage run (the run of
# test_switch_on_of_smoothed_step_is_resolved in tests/test_model.py, without a
# cap). A 10 s cap brought that error below 1e-12 at negligible cost. Faster features, such as
# 1 / eta1 >= 5.9 s in Figure 4, are resolved by the error control.
DEFAULT_MAX_STEP = 10.0

# Largest number of output samples and of forced steps (t_end / max_step) that
# a run accepts, because beyond them a run needs gigabytes or hours. 1e7 steps
# of 10 s cover 1e8 s, far longer than the longest run of the book (15000 s).
MAX_SAMPLES = 10_000_000
MAX_FORCED_STEPS = 10_000_000

# A run stops, flagged as diverged, once |w1| or |w2| exceeds this bound. It is
# far above any weight of a converging run (of order w*) and far below overflow.
DEFAULT_BOUND = 1e6


@dataclass(frozen=True)
class Trajectory:
    """Sampled solution of Eqs. 1-3.

    Attributes
    ----------
    t : ndarray
        Sample times in seconds.
    w1, w2 : ndarray
        Early- and late-stage weights at ``t``.
    w_star : float
        Target gain w*.
    r_in : ndarray
        Input command at ``t``.
    eta1 : ndarray
        Early-stage learning rate at ``t`` (constant unless a function was given).
    eta2 : float
        Late-stage learning rate.
    xi : ndarray
        Perturbation of the teaching signal at ``t`` (zeros without one).
    diverged : bool
        True if |w1| or |w2| passed ``bound``; the arrays then end at that time.
    message : str
        How the run ended.
    """

    t: np.ndarray
    w1: np.ndarray
    w2: np.ndarray
    w_star: float
    r_in: np.ndarray
    eta1: np.ndarray
    eta2: float
    xi: np.ndarray
    diverged: bool
    message: str

    @property
    def gain_error(self) -> np.ndarray:
        """Gain error ``W~ = w1 + w2 - w*``."""
        return self.w1 + self.w2 - self.w_star

    @property
    def consolidation_error(self) -> np.ndarray:
        """Consolidation error ``w2~ = w2 - w*``."""
        return self.w2 - self.w_star

    @property
    def lyapunov(self) -> np.ndarray:
        """Lyapunov function of Eq. 6, ``L = (W~^2 + w2~^2) / 2``."""
        return 0.5 * (self.gain_error**2 + self.consolidation_error**2)

    @property
    def error(self) -> np.ndarray:
        """Tracking error ``e = (w1 + w2 - w*) r_in``."""
        return self.gain_error * self.r_in

    @property
    def output(self) -> np.ndarray:
        """Model output ``r_o = (w1 + w2) r_in`` (Eq. 1)."""
        return (self.w1 + self.w2) * self.r_in

    @property
    def target_output(self) -> np.ndarray:
        """Desired output ``r_o* = w* r_in``."""
        return self.w_star * self.r_in

    @property
    def alpha(self) -> np.ndarray:
        """Ratio of learning rates ``alpha(t) = eta2 / eta1(t)``."""
        return self.eta2 / self.eta1

    @property
    def t_end(self) -> float:
        """Last sample time in seconds (the divergence time if the run diverged)."""
        return float(self.t[-1])


class _Diverged(Exception):
    """Raised inside the right-hand side when a derivative is not finite."""


def _as_function(name: str, value, check: Callable[[str, float], float]):
    """Return ``(function, breakpoints)`` for a number or a callable of time."""
    if callable(value):
        breakpoints = tuple(getattr(value, "breakpoints", ()))

        def function(t, _value=value):
            result = _value(t)
            try:
                return check(f"{name}({t:.6g})", result)
            except ValueError as error:
                raise ValueError(f"{name} returned an invalid value: {error}") from None

        return function, breakpoints
    number = check(name, value)
    return (lambda t: number), ()


def simulate(
    eta1,
    eta2: float,
    t_end: float,
    *,
    w_star: float = 1.0,
    r_in=1.0,
    perturbation: Callable[[float, float], float] | None = None,
    w0: tuple[float, float] = (0.0, 0.0),
    n_samples: int = 2001,
    t_eval=None,
    rtol: float = DEFAULT_RTOL,
    atol: float = DEFAULT_ATOL,
    max_step: float = DEFAULT_MAX_STEP,
    bound: float = DEFAULT_BOUND,
) -> Trajectory:
    """Integrate the two-stage learning rules (Eqs. 2-3) from ``t = 0`` to ``t_end``.

    Parameters
    ----------
    eta1 : float or callable
        Early-stage learning rate in 1/s, a number > 0 or a function of time
        whose values are finite and > 0.
    eta2 : float
        Late-stage learning rate in 1/s (finite, >= 0). ``eta2 = 0`` is the
        single-stage model.
    t_end : float
        Duration of the run in seconds (> 0).
    w_star : float
        Target gain w*.
    r_in : float or callable
        Input command, a number or a function of time with finite values.
    perturbation : callable or None
        ``xi = perturbation(t, e)``, the perturbation added to the error ``e``
        in the teaching signal. An additive perturbation ignores ``e``; a
        signal-dependent one scales with it (``|xi| <= mu |e|``).
    w0 : pair of float
        Initial weights ``(w1(0), w2(0))``.
    n_samples : int
        Number of evenly spaced output samples on ``[0, t_end]`` (>= 2),
        ignored when ``t_eval`` is given.
    t_eval : array_like or None
        Increasing output times in ``[0, t_end]``.
    rtol, atol : float
        Tolerances of the DOP853 integrator; see ``DEFAULT_RTOL``.
    max_step : float
        Largest step in seconds (> 0, or ``np.inf``); see ``DEFAULT_MAX_STEP``.
    bound : float
        The run stops with ``diverged = True`` once |w1| or |w2| exceeds it.

    Returns
    -------
    Trajectory

    Raises
    ------
    ValueError
        For invalid parameters, naming the parameter and its value.

    Notes
    -----
    Inputs with a ``breakpoints`` attribute (switch-on times, amplitude
    redraws) split the integration into segments that end exactly at those
    times, so an abrupt change never falls inside a step.
    """
    # Validate the arguments that do not depend on time.
    t_end = _validate.positive("t_end", t_end)
    eta2 = _validate.non_negative("eta2", eta2)
    w_star = _validate.finite("w_star", w_star)
    rtol = _validate.positive("rtol", rtol)
    atol = _validate.positive("atol", atol)
    if max_step != np.inf:
        max_step = _validate.real("max_step", max_step, "> 0 or inf", lambda x: x > 0)
    if t_end / max_step > MAX_FORCED_STEPS:
        raise ValueError(
            f"t_end / max_step must be at most {MAX_FORCED_STEPS:.0e} steps; got "
            f"t_end = {t_end:g} s with max_step = {max_step:g} s. Shorten the run "
            "or raise max_step."
        )
    bound = _validate.real("bound", bound, "in (0, 1e100]", lambda x: 0 < x <= 1e100)
    try:
        w1_0, w2_0 = w0
    except (TypeError, ValueError):
        raise ValueError(f"w0 must be a pair of finite numbers (w1(0), w2(0)); got {w0!r}")
    w1_0 = _validate.finite("w0[0] (initial w1)", w1_0)
    w2_0 = _validate.finite("w0[1] (initial w2)", w2_0)
    if max(abs(w1_0), abs(w2_0)) >= bound:
        raise ValueError(f"w0 must lie inside the divergence bound {bound}; got {w0!r}")
    if perturbation is not None and not callable(perturbation):
        raise ValueError(
            f"perturbation must be a function (t, e) -> xi or None; got {perturbation!r}"
        )

    # Turn numbers and functions of time into functions with checked values.
    eta1_of_t, eta1_breaks = _as_function("eta1", eta1, _validate.positive)
    r_in_of_t, r_in_breaks = _as_function("r_in", r_in, _validate.finite)
    xi_breaks = tuple(getattr(perturbation, "breakpoints", ()))

    def xi_of(t, e):
        if perturbation is None:
            return 0.0
        return _validate.finite(f"perturbation({t:.6g}, e)", perturbation(t, e))

    # Output times.
    if t_eval is None:
        is_integer = isinstance(n_samples, (int, np.integer)) and not isinstance(
            n_samples, bool
        )
        if not is_integer or not 2 <= n_samples <= MAX_SAMPLES:
            raise ValueError(
                f"n_samples must be an integer in [2, {MAX_SAMPLES:.0e}]; got {n_samples!r}"
            )
        samples = np.linspace(0.0, t_end, int(n_samples))
    else:
        samples = np.asarray(t_eval, dtype=float)
        if (
            samples.ndim != 1
            or not 1 <= samples.size <= MAX_SAMPLES
            or not np.all(np.isfinite(samples))
            or samples[0] < 0
            or samples[-1] > t_end
            or np.any(np.diff(samples) <= 0)
        ):
            raise ValueError(
                "t_eval must be a strictly increasing 1-D array of at most "
                f"{MAX_SAMPLES:.0e} times in [0, t_end={t_end:g}]"
            )

    def rhs(t, w):
        rate = eta1_of_t(t)
        command = r_in_of_t(t)
        error = (w[0] + w[1] - w_star) * command
        xi = xi_of(t, error)
        dw1 = -rate * command * (error + xi)
        dw2 = eta2 * command * command * w[0]
        if not (np.isfinite(dw1) and np.isfinite(dw2)):
            raise _Diverged(t)
        return [dw1, dw2]

    def escape(t, w):
        return bound - max(abs(w[0]), abs(w[1]))

    escape.terminal = True
    escape.direction = -1

    # Integrate segment by segment between the inputs' breakpoints.
    breaks = sorted({b for b in eta1_breaks + r_in_breaks + xi_breaks if 0 < b < t_end})
    edges = [0.0, *breaks, t_end]
    times, states = [], []
    state = np.array([w1_0, w2_0])
    diverged = False
    message = "completed"
    # A non-finite derivative ends the run as diverged, so numpy's overflow
    # warnings on the way there are silenced rather than printed.
    with np.errstate(over="ignore", invalid="ignore"):
        for k, (start, stop) in enumerate(zip(edges[:-1], edges[1:])):
            # Always evaluate at the segment end, the start of the next segment;
            # keep it in the output only if it is a requested sample.
            last = k == len(edges) - 2
            inside = (samples >= start) & ((samples <= stop) if last else (samples < stop))
            segment_eval = np.union1d(samples[inside], [stop])
            keep = np.isin(segment_eval, samples[inside])
            try:
                solution = solve_ivp(
                    rhs,
                    (start, stop),
                    state,
                    method="DOP853",
                    t_eval=segment_eval,
                    rtol=rtol,
                    atol=atol,
                    max_step=max_step,
                    events=escape,
                )
            except _Diverged as stopped:
                diverged = True
                message = f"diverged: derivative not finite at t = {float(stopped.args[0]):.6g} s"
                break
            if solution.status == -1:
                raise RuntimeError(
                    f"integration failed on [{start:g}, {stop:g}] s: {solution.message}"
                )
            n_done = solution.t.size
            times.append(solution.t[keep[:n_done]])
            states.append(solution.y[:, keep[:n_done]])
            if solution.status == 1:
                t_stop = float(solution.t_events[0][0])
                times.append(np.array([t_stop]))
                states.append(solution.y_events[0][0].reshape(2, 1))
                diverged = True
                message = f"diverged: |w1| or |w2| exceeded {bound:g} at t = {t_stop:.6g} s"
                break
            state = solution.y[:, -1]

    t = np.concatenate(times) if times else np.array([0.0])
    w = np.concatenate(states, axis=1) if states else np.array([[w1_0], [w2_0]])

    # Evaluate the inputs at the samples for plotting and derived quantities.
    r_values = np.array([r_in_of_t(s) for s in t])
    eta1_values = np.array([eta1_of_t(s) for s in t])
    e_values = (w[0] + w[1] - w_star) * r_values
    xi_values = np.array([xi_of(s, e) for s, e in zip(t, e_values)])
    return Trajectory(
        t=t,
        w1=w[0].copy(),
        w2=w[1].copy(),
        w_star=w_star,
        r_in=r_values,
        eta1=eta1_values,
        eta2=eta2,
        xi=xi_values,
        diverged=diverged,
        message=message,
    )
