"""Tests of the figure export command, ``python -m consolidation.figures``.

Most tests replace the figure registry with a small fake figure module, so they
check the command itself and do not depend on the paper's figure modules. The
last test exports every figure of the real registry and skips the figures
whose module is not in the package.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import types

import matplotlib
import matplotlib.image
import matplotlib.pyplot as plt
import pytest

from consolidation import figures
from consolidation.figures import __main__ as cli

FAKE_SIZE = (4.0, 3.0)  # inches


def _make_fake_module(name, calls):
    """Return a figure module whose compute() and plot() record their calls."""
    module = types.ModuleType(name)

    def compute():
        calls.append(("compute",))
        return {"x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 4.0]}

    def plot(data):
        calls.append(("plot", data, matplotlib.rcParams["font.size"]))
        figure = plt.figure(figsize=FAKE_SIZE)
        axes = figure.add_subplot()
        axes.plot(data["x"], data["y"])
        axes.set_xlabel("time (s)")
        return figure

    module.compute = compute
    module.plot = plot
    return module


@pytest.fixture
def fake_registry(monkeypatch):
    """Register two fake figures, ``alpha`` and ``beta``, and return their call log."""
    calls = []
    registry = {}
    for figure_name, module_name in (("alpha", "_fake_alpha"), ("beta", "_fake_beta")):
        full_name = f"consolidation.figures.{module_name}"
        monkeypatch.setitem(
            sys.modules, full_name, _make_fake_module(full_name, calls)
        )
        registry[figure_name] = module_name
    monkeypatch.setattr(figures, "FIGURE_MODULES", registry)
    return calls


def test_export_writes_every_figure(fake_registry, tmp_path, capsys):
    status = cli.main(["--out", str(tmp_path / "out")])

    assert status == 0
    assert (tmp_path / "out" / "alpha.png").is_file()
    assert (tmp_path / "out" / "beta.png").is_file()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"alpha: {tmp_path / 'out' / 'alpha.png'} (")
    assert lines[0].endswith(" s)")
    assert lines[1].startswith("beta: ")


def test_export_png_has_requested_resolution(fake_registry, tmp_path):
    cli.main(["--out", str(tmp_path), "--only", "alpha", "--dpi", "150"])

    # The style uses constrained layout and the export does not crop, so the
    # image is exactly the figure size times the resolution.
    image = matplotlib.image.imread(tmp_path / "alpha.png")
    assert image.shape[1] == round(FAKE_SIZE[0] * 150)
    assert image.shape[0] == round(FAKE_SIZE[1] * 150)


@pytest.mark.parametrize(
    ("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF"), ("svg", b"<?xml")]
)
def test_export_format_writes_that_format(fake_registry, tmp_path, fmt, magic):
    cli.main(["--out", str(tmp_path), "--format", fmt])

    for name in ("alpha", "beta"):
        assert (tmp_path / f"{name}.{fmt}").read_bytes().startswith(magic)


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_export_is_byte_identical_on_repeat(fake_registry, tmp_path, fmt):
    cli.main(["--out", str(tmp_path / "first"), "--format", fmt, "--only", "alpha"])
    cli.main(["--out", str(tmp_path / "second"), "--format", fmt, "--only", "alpha"])

    first = (tmp_path / "first" / f"alpha.{fmt}").read_bytes()
    second = (tmp_path / "second" / f"alpha.{fmt}").read_bytes()
    assert first == second


def test_only_exports_named_figures(fake_registry, tmp_path):
    status = cli.main(["--out", str(tmp_path), "--only", "beta"])

    assert status == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["beta.png"]


def test_plot_draws_compute_output_in_book_style(fake_registry, tmp_path):
    cli.main(["--out", str(tmp_path), "--only", "alpha"])

    assert [call[0] for call in fake_registry] == ["compute", "plot"]
    plot_call = fake_registry[1]
    assert plot_call[1] == {"x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 4.0]}
    assert plot_call[2] == figures.style.RC_PARAMS["font.size"]


def test_export_closes_its_figures(fake_registry, tmp_path):
    open_before = len(plt.get_fignums())
    cli.main(["--out", str(tmp_path)])

    assert len(plt.get_fignums()) == open_before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "gif"], "invalid choice: 'gif'"),
        (["--only", "figure99"], "invalid choice: 'figure99'"),
        (["--dpi", "0"], "--dpi: must be a positive integer"),
        (["--dpi", "high"], "invalid int value: 'high'"),
    ],
)
def test_invalid_argument_is_rejected(fake_registry, tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--out", str(tmp_path), *argv])

    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_missing_out_is_rejected(fake_registry, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([])

    assert exit_info.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_out_that_is_a_file_is_rejected(fake_registry, tmp_path, capsys):
    target = tmp_path / "not-a-directory"
    target.write_text("")

    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--out", str(target)])

    assert exit_info.value.code == 2
    assert "is not a directory" in capsys.readouterr().err


def test_missing_module_fails_that_figure_only(
    fake_registry, monkeypatch, tmp_path, capsys
):
    registry = {"alpha": "_fake_alpha", "ghost": "_no_such_module"}
    monkeypatch.setattr(figures, "FIGURE_MODULES", registry)

    status = cli.main(["--out", str(tmp_path)])

    assert status == 1
    assert (tmp_path / "alpha.png").is_file()
    assert not (tmp_path / "ghost.png").exists()
    err = capsys.readouterr().err
    expected = "ghost: failed: module consolidation.figures._no_such_module not found"
    assert expected in err
    assert "not exported: ghost" in err


def test_module_without_plot_fails(fake_registry, monkeypatch, tmp_path, capsys):
    incomplete = types.ModuleType("consolidation.figures._fake_incomplete")
    incomplete.compute = lambda: None
    monkeypatch.setitem(sys.modules, incomplete.__name__, incomplete)
    monkeypatch.setattr(figures, "FIGURE_MODULES", {"partial": "_fake_incomplete"})

    status = cli.main(["--out", str(tmp_path)])

    assert status == 1
    assert "has no function plot()" in capsys.readouterr().err


def test_error_inside_figure_module_propagates(fake_registry, tmp_path):
    def failing_compute():
        raise RuntimeError("solver failed")

    sys.modules["consolidation.figures._fake_alpha"].compute = failing_compute

    with pytest.raises(RuntimeError, match="solver failed"):
        cli.main(["--out", str(tmp_path), "--only", "alpha"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"fmt": "jpg"}, "fmt must be one of"), ({"dpi": -5}, "dpi must be a positive")],
)
def test_export_figure_rejects_bad_values(fake_registry, tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cli.export_figure("alpha", tmp_path, **kwargs)


def test_module_entry_point_runs():
    # Runs the real entry point, so the `raise SystemExit(main())` wiring and
    # the parser built from the real registry are both exercised.
    result = subprocess.run(
        [sys.executable, "-m", "consolidation.figures", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0
    assert "--format {png,pdf,svg}" in result.stdout
    for name in figures.FIGURE_MODULES:
        assert name in result.stdout


def test_module_entry_point_exit_status_on_error():
    result = subprocess.run(
        [sys.executable, "-m", "consolidation.figures", "--out", "x"]
        + ["--format", "bmp"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2
    assert "invalid choice: 'bmp'" in result.stderr


@pytest.mark.parametrize("name", list(figures.FIGURE_MODULES))
def test_real_figure_exports(name, tmp_path):
    module_name = f"consolidation.figures.{figures.FIGURE_MODULES[name]}"
    if importlib.util.find_spec(module_name) is None:
        pytest.skip(f"{module_name} is not in the package, so {name} has no export")

    status = cli.main(["--out", str(tmp_path), "--only", name, "--dpi", "100"])

    assert status == 0
    assert (tmp_path / f"{name}.png").read_bytes().startswith(b"\x89PNG")
