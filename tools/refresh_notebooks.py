"""Re-execute the book's notebooks in fresh kernels and store their outputs.

    python tools/refresh_notebooks.py [NOTEBOOK ...]

Without arguments it refreshes every notebook in book/. Each one runs top to
bottom in a new kernel from its own folder, as nbval and the book build run
it. Widget state is not stored: the explorers' sliders are built but never
shown in the static book, and their state would only bloat the notebook.
Cells tagged ``skip-execution`` (the live explorers) are left unexecuted.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def refresh(path: Path) -> float:
    """Execute one notebook in place and return the seconds it took."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return time.perf_counter() - start


def main(arguments: list[str]) -> int:
    # The kernel must choose its inline backend; an inherited Agg backend
    # would leave every figure cell without output.
    os.environ.pop("MPLBACKEND", None)
    paths = [Path(name) for name in arguments] or sorted((ROOT / "book").glob("*.ipynb"))
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            print(f"not a notebook: {path}", file=sys.stderr)
            return 2
        print(f"{path.name}: {refresh(path):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
