"""Argument checks shared by the package: each raises ValueError naming the
parameter, its value and what is allowed."""

from __future__ import annotations

import math
from numbers import Real

__all__: list[str] = []


def real(name: str, value, allowed: str = "a finite real number", check=None) -> float:
    """Return ``value`` as a float, or raise ValueError naming ``name``.

    ``check`` is a predicate on the float; ``allowed`` describes it for the
    message. Booleans, strings and non-finite numbers are rejected.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        try:
            import numpy as np

            if isinstance(value, np.ndarray) and value.shape == ():
                value = value.item()
            else:
                raise TypeError
        except TypeError:
            raise ValueError(f"{name} must be {allowed}; got {value!r}") from None
    try:
        number = float(value)
    except OverflowError:
        # A Python int too large for a float, such as 10**400.
        raise ValueError(f"{name} must be {allowed}; got {value!r}") from None
    if not math.isfinite(number) or (check is not None and not check(number)):
        raise ValueError(f"{name} must be {allowed}; got {value!r}")
    return number


def finite(name: str, value) -> float:
    return real(name, value, "a finite real number")


def positive(name: str, value) -> float:
    return real(name, value, "finite and > 0", lambda x: x > 0)


def non_negative(name: str, value) -> float:
    return real(name, value, "finite and >= 0", lambda x: x >= 0)
