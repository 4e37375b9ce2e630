"""Keep the "Claims and checks" appendix true: every check it lists must exist.

``book/appendix_claims.md`` contains one Markdown pipe table with the header
``| claim | paper location | check |``. Each row maps a quantitative claim of
Alemi, Aksay and Goldman's paper to the checks that test it. The check column
holds one or more checks, each in backticks and separated by spaces, commas or
``<br>``:

- a pytest node id, ``tests/test_model.py::test_name``; a name without a
  parameter list also matches its parametrized cases (``test_name[...]``);
- a notebook output, ``book/03_two_stage.ipynb#glue_name``, naming a value the
  notebook stores with ``glue("glue_name", ...)``. The name must appear as a
  string literal in a ``glue`` call of a code cell, or as the name of a glued
  output stored in the notebook.

The tests below fail when a listed test is renamed or deleted, when a notebook
stops gluing a listed name, or when the table loses its format. Test ids are
checked by running ``pytest --collect-only`` on the listed files.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLAIMS_PAGE = ROOT / "book" / "appendix_claims.md"
HEADER = ("claim", "paper location", "check")

TEST_CHECK = re.compile(r"^(?P<file>tests/[\w/.-]+\.py)::(?P<name>[^\s`]+)$")
GLUE_CHECK = re.compile(r"^(?P<file>book/[\w/.-]+\.ipynb)#(?P<name>[A-Za-z_][\w.-]*)$")
GLUE_CALL = re.compile(r"""\bglue\(\s*(?P<quote>["'])(?P<name>[^"']+)(?P=quote)""")


@dataclass(frozen=True)
class ClaimRow:
    """One row of the claims table: its line number in the page and its cells."""

    line: int
    claim: str
    location: str
    checks: tuple[str, ...]


def _split_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def read_claims_table(text: str) -> list[ClaimRow]:
    """Parse the claims table out of a Markdown page.

    Raises
    ------
    ValueError
        If the page has no table with the expected header, or a row has the
        wrong number of cells, an empty cell, or a check in an unknown format.
    """
    lines = text.splitlines()

    # Find the header row; the next line must be the delimiter row.
    start = None
    for index, line in enumerate(lines):
        if line.lstrip().startswith("|") and tuple(_split_row(line)) == HEADER:
            start = index
            break
    if start is None:
        raise ValueError(f"no table with header {' | '.join(HEADER)} found")
    delimiter = _split_row(lines[start + 1]) if start + 1 < len(lines) else []
    if len(delimiter) != len(HEADER) or not all(
        re.fullmatch(r":?-{3,}:?", cell) for cell in delimiter
    ):
        raise ValueError(f"line {start + 2}: expected the table's delimiter row")

    # Read rows until the first line that is not part of the table.
    rows = []
    for index in range(start + 2, len(lines)):
        line = lines[index]
        if not line.lstrip().startswith("|"):
            break
        cells = _split_row(line)
        if len(cells) != len(HEADER):
            raise ValueError(
                f"line {index + 1}: expected {len(HEADER)} cells, got {len(cells)}"
            )
        claim, location, check_cell = cells
        if not claim or not location:
            raise ValueError(f"line {index + 1}: claim and paper location are required")
        checks = tuple(re.findall(r"`([^`]+)`", check_cell))
        if not checks:
            raise ValueError(f"line {index + 1}: no check in backticks")
        for check in checks:
            if not (TEST_CHECK.match(check) or GLUE_CHECK.match(check)):
                raise ValueError(
                    f"line {index + 1}: {check!r} is neither a test id "
                    "(tests/FILE.py::NAME) nor a notebook output (book/FILE.ipynb#NAME)"
                )
        rows.append(ClaimRow(index + 1, claim, location, checks))
    return rows


def collect_test_ids(files: set[str], root: Path) -> set[str]:
    """Return the node ids pytest collects from ``files`` (paths under ``root``)."""
    existing = sorted(name for name in files if (root / name).is_file())
    if not existing:
        return set()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q"]
        + ["-p", "no:cacheprovider", *existing],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"pytest --collect-only failed on {existing}:\n"
            f"{result.stdout}{result.stderr}"
        )
    return {line.strip() for line in result.stdout.splitlines() if "::" in line}


def glued_names(notebook: Path) -> set[str]:
    """Return the names a notebook glues, from its code and its stored outputs."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    names = set()
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        names.update(match["name"] for match in GLUE_CALL.finditer(source))
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook", {})
            if "name" in scrapbook:
                names.add(scrapbook["name"])
    return names


def find_missing_checks(rows: list[ClaimRow], root: Path) -> list[str]:
    """Return one message per listed check that does not exist under ``root``."""
    test_checks = [
        (row, TEST_CHECK.match(check)) for row in rows for check in row.checks
    ]
    test_checks = [(row, match) for row, match in test_checks if match]
    collected = collect_test_ids({match["file"] for _, match in test_checks}, root)

    missing = []
    for row in rows:
        for check in row.checks:
            test = TEST_CHECK.match(check)
            if test:
                node = check
                found = node in collected or any(
                    item.startswith(node + "[") for item in collected
                )
                if not found:
                    missing.append(f"line {row.line}: test {node} not collected")
                continue

            glue = GLUE_CHECK.match(check)
            notebook = root / glue["file"]
            if not notebook.is_file():
                missing.append(f"line {row.line}: notebook {glue['file']} not found")
            elif glue["name"] not in glued_names(notebook):
                missing.append(
                    f"line {row.line}: {glue['file']} glues no value named "
                    f"{glue['name']}"
                )
    return missing


# The appendix itself.


def test_claims_table_has_rows():
    rows = read_claims_table(CLAIMS_PAGE.read_text(encoding="utf-8"))
    assert rows, f"{CLAIMS_PAGE} lists no claims"


def test_every_listed_check_exists():
    rows = read_claims_table(CLAIMS_PAGE.read_text(encoding="utf-8"))
    missing = find_missing_checks(rows, ROOT)
    assert not missing, "\n".join(missing)


# The parser and the existence checks, on a small synthetic repository.

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["glue('in_prose', 1)"]},
        {
            "cell_type": "code",
            "metadata": {},
            "source": [
                "from myst_nb import glue\n",
                'glue("rate", "0.01", display=False)',
            ],
            "outputs": [],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "source": ["for name in names:\n", "    glue(name, 1.0)"],
            "outputs": [
                {
                    "output_type": "display_data",
                    "data": {"text/plain": ["1.0"]},
                    "metadata": {"scrapbook": {"name": "looped", "mime_prefix": ""}},
                }
            ],
        },
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}

TEST_MODULE = """
import pytest

def test_plain():
    pass

@pytest.mark.parametrize("x", [1, 2])
def test_cases(x):
    pass
"""


@pytest.fixture
def small_repository(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_small.py").write_text(TEST_MODULE)
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "small.ipynb").write_text(json.dumps(NOTEBOOK))
    return tmp_path


def _page(*check_cells):
    rows = "\n".join(
        f"| claim {index} | Eq. {index} | {cell} |"
        for index, cell in enumerate(check_cells)
    )
    return (
        "# Claims\n\nIntro.\n\n"
        "| claim | paper location | check |\n| --- | --- | --- |\n"
        f"{rows}\n\nAfter the table.\n"
    )


def test_reader_returns_rows_and_checks():
    page = _page("`tests/test_small.py::test_plain`", "`a.py` no")
    with pytest.raises(ValueError, match="neither a test id"):
        read_claims_table(page)

    rows = read_claims_table(
        _page(
            "`tests/test_small.py::test_plain`",
            "`tests/test_small.py::test_cases[1]`<br>`book/small.ipynb#rate`",
        )
    )
    assert len(rows) == 2
    assert rows[0].line == 7
    assert rows[0].location == "Eq. 0"
    assert rows[1].checks == (
        "tests/test_small.py::test_cases[1]",
        "book/small.ipynb#rate",
    )


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("# No table here\n", "no table with header"),
        ("| claim | paper location | check |\n| claim | x | y |\n", "delimiter row"),
        (_page("no backticks"), "no check in backticks"),
        (_page("`x` | extra"), "expected 3 cells, got 4"),
        (
            "| claim | paper location | check |\n| --- | --- | --- |\n"
            "|  | Eq. 1 | `tests/test_a.py::test_b` |\n",
            "claim and paper location are required",
        ),
    ],
)
def test_reader_rejects_malformed_table(page, message):
    with pytest.raises(ValueError, match=message):
        read_claims_table(page)


def test_existing_checks_are_found(small_repository):
    rows = read_claims_table(
        _page(
            "`tests/test_small.py::test_plain`",
            "`tests/test_small.py::test_cases`",
            "`tests/test_small.py::test_cases[2]`",
            "`book/small.ipynb#rate`, `book/small.ipynb#looped`",
        )
    )
    assert find_missing_checks(rows, small_repository) == []


def test_missing_checks_are_reported(small_repository):
    rows = read_claims_table(
        _page(
            "`tests/test_small.py::test_renamed`",
            "`tests/test_small.py::test_cases[3]`",
            "`tests/test_gone.py::test_plain`",
            "`book/small.ipynb#in_prose`",
            "`book/gone.ipynb#rate`",
        )
    )
    assert find_missing_checks(rows, small_repository) == [
        "line 7: test tests/test_small.py::test_renamed not collected",
        "line 8: test tests/test_small.py::test_cases[3] not collected",
        "line 9: test tests/test_gone.py::test_plain not collected",
        "line 10: book/small.ipynb glues no value named in_prose",
        "line 11: notebook book/gone.ipynb not found",
    ]
