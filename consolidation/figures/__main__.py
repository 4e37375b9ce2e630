"""Export the paper's figures: ``python -m consolidation.figures --out DIR``.

For each figure named in :data:`consolidation.figures.FIGURE_MODULES` this runs
the figure module's ``compute()`` with its default arguments, which reproduce
the paper's figure, draws the result with ``plot(data)`` and saves it as
``DIR/<name>.<format>``. The book calls the same two functions, so an exported
file shows what the book shows. One line per figure reports its name, path and
wall-clock time.

Examples
--------
Every figure as 300 dpi PNG::

    python -m consolidation.figures --out figures

Figures 1 and 4 as PDF::

    python -m consolidation.figures --out figures --format pdf --only figure1 figure4
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path
from typing import Sequence

import matplotlib
import matplotlib.pyplot as plt

from .. import figures as _figures
from .style import use_style

__all__ = [
    "FORMATS",
    "FigureModuleError",
    "build_parser",
    "export_figure",
    "load_figure_module",
    "main",
]

FORMATS = ("png", "pdf", "svg")

# Creation dates and random SVG ids would make two exports of the same figure
# differ byte for byte. These settings keep repeated exports identical.
_METADATA = {
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "Producer": None},
    "svg": {"Date": None},
}
_SVG_HASH_SALT = "consolidation"


class FigureModuleError(LookupError):
    """A registered figure module is missing or lacks compute() or plot()."""


def build_parser() -> argparse.ArgumentParser:
    """Build the command-line parser, with the figure names of the registry."""
    names = list(_figures.FIGURE_MODULES)
    parser = argparse.ArgumentParser(
        prog="python -m consolidation.figures",
        description=(
            "Write every figure of the paper as a publication-quality file, "
            "computed by the same functions the book uses."
        ),
    )
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="output directory, created if missing",
    )
    parser.add_argument(
        "--format",
        default="png",
        choices=FORMATS,
        help="file format (default: %(default)s). pdf and svg are vector formats",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=names,
        metavar="NAME",
        help=f"export only these figures (choose from: {', '.join(names)})",
    )
    parser.add_argument(
        "--dpi",
        type=int,
        default=300,
        help="resolution of png files in dots per inch (default: %(default)s)",
    )
    return parser


def load_figure_module(name: str):
    """Import the module registered for figure ``name``.

    Raises
    ------
    FigureModuleError
        If the registered module does not exist or lacks ``compute`` or
        ``plot``. An import error raised inside an existing module is not
        caught, because it is a bug in that module.
    """
    module_name = f"{_figures.__name__}.{_figures.FIGURE_MODULES[name]}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        raise FigureModuleError(f"module {module_name} not found") from error
    for function in ("compute", "plot"):
        if not callable(getattr(module, function, None)):
            raise FigureModuleError(
                f"figure module {module_name} has no function {function}(); "
                "every figure module must define compute() and plot(data)"
            )
    return module


def export_figure(name: str, out_dir: Path, fmt: str = "png", dpi: int = 300) -> Path:
    """Compute, draw and save figure ``name``, and return the path of the file.

    Parameters
    ----------
    name : str
        A key of :data:`consolidation.figures.FIGURE_MODULES`, e.g. ``"figure1"``.
    out_dir : Path
        Existing directory that receives ``<name>.<fmt>``.
    fmt : {"png", "pdf", "svg"}
        File format.
    dpi : int
        Resolution of raster output in dots per inch; vector formats keep the
        figure's own resolution for embedded images.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, got {fmt!r}")
    if dpi <= 0:
        raise ValueError(f"dpi must be a positive integer, got {dpi!r}")
    module = load_figure_module(name)

    # The figure is drawn and saved inside the book's style, so that saving
    # uses the same fonts and line widths as the book.
    path = Path(out_dir) / f"{name}.{fmt}"
    data = module.compute()
    with use_style(), matplotlib.rc_context({"svg.hashsalt": _SVG_HASH_SALT}):
        figure = module.plot(data)
        try:
            figure.savefig(path, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
        finally:
            # plot() may have created the figure with pyplot, which keeps a
            # reference until the figure is closed.
            plt.close(figure)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status, 0 if all were written."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.dpi <= 0:
        parser.error(f"argument --dpi: must be a positive integer, got {args.dpi}")
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"argument --out: {args.out} exists and is not a directory")
    args.out.mkdir(parents=True, exist_ok=True)

    names = args.only if args.only else list(_figures.FIGURE_MODULES)
    failed = []
    for name in names:
        start = time.perf_counter()
        try:
            path = export_figure(name, args.out, args.format, args.dpi)
        except FigureModuleError as error:
            # A missing or incomplete figure module skips that figure only.
            # Any other error is a bug and stops the export with a traceback.
            print(f"{name}: failed: {error}", file=sys.stderr, flush=True)
            failed.append(name)
            continue
        seconds = time.perf_counter() - start
        print(f"{name}: {path} ({seconds:.1f} s)", flush=True)

    if failed:
        print(f"not exported: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
