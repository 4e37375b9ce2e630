"""Time the book: each notebook in a fresh kernel, a clean strict build, the tests.

Run from the repository root with the project's environment active, or as
``make benchmark``:

    python benchmarks/bench_book.py [--skip-build] [--skip-tests]

It prints one line per measurement, in seconds of wall-clock time. Goals on a
2-core machine: each notebook under 15 s and the clean build under 60 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _environment() -> dict:
    # The kernel must pick its own inline backend, so MPLBACKEND is dropped.
    environment = dict(os.environ)
    environment.pop("MPLBACKEND", None)
    return environment


def time_notebook(path: Path) -> float:
    """Execute one notebook in a fresh kernel and return the seconds it took."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def time_command(command: list[str]) -> float:
    """Run a command from the repository root and return its seconds; fail loudly."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=_environment(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="do not time the clean build")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test command")
    arguments = parser.parse_args()

    os.environ.pop("MPLBACKEND", None)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        print(f"notebook {path.name}: {time_notebook(path):.1f} s", flush=True)

    if not arguments.skip_build:
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        seconds = time_command(
            [str(BIN / "jupyter-book"), "build", ".", "--builder", "html", "-W", "-n",
             "--keep-going"]
        )
        print(f"clean strict build: {seconds:.1f} s", flush=True)

    if not arguments.skip_tests:
        seconds = time_command(["make", "test", f"VENV={BIN.parent}"])
        print(f"test command (make test): {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
