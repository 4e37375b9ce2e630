"""Time one update of each explorer at its default settings.

    python benchmarks/bench_explorers.py [--repeats N]

For each explorer of ``consolidation.explorers`` it prints the median and the
maximum over ``N`` updates of two times, in milliseconds:

- ``update``: ``Explorer.update(**defaults)``, the recomputation and the
  redraw of the figure's artists (the goal is under 100 ms);
- ``update + png``: the same followed by rendering the figure to PNG, which
  is what the inline backend sends to the browser after each slider move.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import statistics
import time

import matplotlib

matplotlib.use("Agg")

EXPLORER_MODULES = ("two_stage", "oscillator", "parametric")


def _milliseconds(function, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(1000.0 * (time.perf_counter() - start))
    return statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description="Time one update of each explorer.")
    parser.add_argument("--repeats", type=int, default=20, help="updates per measurement")
    arguments = parser.parse_args()
    if arguments.repeats < 1:
        parser.error(f"--repeats must be >= 1; got {arguments.repeats}")

    print(f"machine: {os.cpu_count()} cores; {arguments.repeats} updates per figure")
    for name in EXPLORER_MODULES:
        module = importlib.import_module(f"consolidation.explorers.{name}")
        explorer = module.make_explorer()
        defaults = dict(explorer.defaults)
        explorer.update(**defaults)  # warm-up: first draw builds the artists

        def update_and_render():
            figure = explorer.update(**defaults)
            figure.savefig(io.BytesIO(), format="png")

        median, worst = _milliseconds(lambda: explorer.update(**defaults), arguments.repeats)
        print(f"{name:>10}: update {median:6.1f} ms median, {worst:6.1f} ms max")
        median, worst = _milliseconds(update_and_render, arguments.repeats)
        print(f"{name:>10}: update + png {median:6.1f} ms median, {worst:6.1f} ms max")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
