"""Time the vectorised Floquet chart and compare it with a per-point solve_ivp loop.

Prints, in one run:

- the wall-clock time of :func:`consolidation.stability_chart` on the book's
  200 x 200 grid (alpha in [0, 20], depth in [0, 0.99], eta_bar = 0.1 1/s,
  Omega = 0.2 pi rad/s), best and median of several repeats;
- the time per point of a loop that integrates each point's monodromy matrix
  with ``scipy.integrate.solve_ivp`` (DOP853) at matched accuracy, measured on
  a seeded random sample of grid points, and the resulting speed-up for the
  whole grid;
- the largest difference in spectral radius between the chart and the loop on
  the sample, and the error of each against a reference at rtol = 1e-13;
- the largest difference in spectral radius over the whole grid between the
  default tolerance and a 1e-12 tolerance;
- the time of one update of the parametric explorer at its default settings.

Run with ``python benchmarks/bench_floquet.py``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
from scipy.integrate import solve_ivp

from consolidation import spectral_radius, stability_chart

ETA_BAR = 0.1
OMEGA = 0.2 * np.pi
ALPHAS = np.linspace(0.0, 20.0, 200)
DEPTHS = np.linspace(0.0, 0.99, 200)
N_SAMPLE = 60
REPEATS = 7
# Tolerances of the per-point loop. With rtol = 1e-8 its error in rho on the
# sample is of the same order as the chart's at its default tolerance (both
# are printed), so the comparison is at matched accuracy.
LOOP_RTOL = 1e-8
LOOP_ATOL = 1e-10


def monodromy_solve_ivp(eta2: float, depth: float, rtol: float, atol: float):
    """Integrate the fundamental matrix over one period with solve_ivp."""
    period = 2.0 * np.pi / OMEGA

    def rhs(t, y):
        eta1 = ETA_BAR * (1.0 + depth * np.sin(OMEGA * t))
        w11, w12, w21, w22 = y
        return [
            (eta2 - eta1) * w11 - eta2 * w21,
            (eta2 - eta1) * w12 - eta2 * w22,
            eta2 * (w11 - w21),
            eta2 * (w12 - w22),
        ]

    solution = solve_ivp(
        rhs, (0.0, period), [1.0, 0.0, 0.0, 1.0], method="DOP853", rtol=rtol, atol=atol
    )
    return solution.y[:, -1]


def main() -> int:
    # Chart timing.
    stability_chart(ALPHAS, DEPTHS, eta_bar=ETA_BAR, omega=OMEGA)  # warm-up
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        chart = stability_chart(ALPHAS, DEPTHS, eta_bar=ETA_BAR, omega=OMEGA)
        times.append(time.perf_counter() - start)
    chart_time = min(times)
    print(
        f"200 x 200 chart: best {chart_time * 1e3:.1f} ms, "
        f"median {statistics.median(times) * 1e3:.1f} ms over {REPEATS} runs"
    )

    # Per-point loop on a seeded sample of grid points.
    rng = np.random.default_rng(20240501)
    rows = rng.integers(0, DEPTHS.size, N_SAMPLE)
    columns = rng.integers(0, ALPHAS.size, N_SAMPLE)
    loop_radius = np.empty(N_SAMPLE)
    reference = np.empty(N_SAMPLE)
    start = time.perf_counter()
    for k, (i, j) in enumerate(zip(rows, columns)):
        m = monodromy_solve_ivp(ALPHAS[j] * ETA_BAR, DEPTHS[i], LOOP_RTOL, LOOP_ATOL)
        loop_radius[k] = spectral_radius(*m)
    loop_per_point = (time.perf_counter() - start) / N_SAMPLE
    for k, (i, j) in enumerate(zip(rows, columns)):
        m = monodromy_solve_ivp(ALPHAS[j] * ETA_BAR, DEPTHS[i], 1e-13, 1e-15)
        reference[k] = spectral_radius(*m)
    loop_total = loop_per_point * ALPHAS.size * DEPTHS.size
    print(
        f"solve_ivp loop (DOP853, rtol {LOOP_RTOL:g}): {loop_per_point * 1e3:.2f} ms "
        f"per point, {loop_total:.0f} s for the grid (estimated from "
        f"{N_SAMPLE} points)"
    )
    print(f"speed-up of the chart over the loop: {loop_total / chart_time:.0f}x")

    sampled = chart[rows, columns]
    print(
        "largest |rho(chart) - rho(loop)| on the sample: "
        f"{np.max(np.abs(sampled - loop_radius)):.1e}"
    )
    print(
        "largest error against rtol 1e-13 on the sample: "
        f"chart {np.max(np.abs(sampled - reference)):.1e}, "
        f"loop {np.max(np.abs(loop_radius - reference)):.1e}"
    )

    # Whole grid against a much tighter tolerance of the same method.
    tight = stability_chart(
        ALPHAS, DEPTHS, eta_bar=ETA_BAR, omega=OMEGA, tolerance=1e-12
    )
    print(
        "largest |rho(default) - rho(tolerance 1e-12)| over the grid: "
        f"{np.max(np.abs(chart - tight)):.1e}"
    )

    # One explorer update at the default settings.
    from consolidation.explorers.parametric import make_explorer

    explorer = make_explorer()
    explorer.update(**explorer.defaults)
    updates = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        explorer.update(**explorer.defaults)
        updates.append(time.perf_counter() - start)
    print(
        f"parametric explorer update: best {min(updates) * 1e3:.0f} ms, "
        f"median {statistics.median(updates) * 1e3:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
