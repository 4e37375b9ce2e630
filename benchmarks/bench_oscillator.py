"""Time one update of the oscillator explorer and the computation of Figure 3.

Run from the repository root with the project's environment active:

    MPLBACKEND=Agg python benchmarks/bench_oscillator.py

A slider move costs ``Explorer.update`` (compute and render the artists),
then Matplotlib's drawing of the figure to an image when the live widget
displays it. Both are timed apart, the drawing on an Agg canvas. Each line
prints the median and the maximum over repeats, in milliseconds of wall-clock
time. The goal is an update under 100 ms at the default settings.
"""

from __future__ import annotations

import statistics
import time

from matplotlib.backends.backend_agg import FigureCanvasAgg

from consolidation.explorers.oscillator import make_explorer
from consolidation.figures import fig3

# Slider settings timed: the default view and the corners of the sliders.
SETTINGS = [
    {"alpha": 3.0, "freq_ratio": 1.0},
    {"alpha": 100.0, "freq_ratio": 10.0},
    {"alpha": 0.05, "freq_ratio": 0.1},
    {"alpha": 0.25, "freq_ratio": 1.0},
]
REPEATS = 10


def time_update(explorer, values: dict) -> tuple[list[float], list[float]]:
    """Return the seconds of REPEATS updates with ``values`` and of their drawing."""
    update_seconds, draw_seconds = [], []
    for _ in range(REPEATS):
        start = time.perf_counter()
        figure = explorer.update(**values)
        middle = time.perf_counter()
        FigureCanvasAgg(figure).draw()
        update_seconds.append(middle - start)
        draw_seconds.append(time.perf_counter() - middle)
    return update_seconds, draw_seconds


def _summary(seconds: list[float]) -> str:
    return (
        f"median {1e3 * statistics.median(seconds):.0f} ms, "
        f"max {1e3 * max(seconds):.0f} ms"
    )


def main() -> int:
    explorer = make_explorer()
    # The first update imports and builds fonts and caches; time it apart.
    start = time.perf_counter()
    FigureCanvasAgg(explorer.update(**SETTINGS[0])).draw()
    print(f"first update: {1e3 * (time.perf_counter() - start):.0f} ms")
    for values in SETTINGS:
        update_seconds, draw_seconds = time_update(explorer, values)
        print(f"update {values}: {_summary(update_seconds)}")
        print(f"  drawing the figure: {_summary(draw_seconds)}")

    start = time.perf_counter()
    data = fig3.compute()
    print(f"fig3.compute(): {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    FigureCanvasAgg(fig3.plot(data)).draw()
    print(f"fig3.plot() and draw: {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
