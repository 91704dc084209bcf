"""Fixtures shared by the whole suite: where the shared test data lives.

The shared folder (real documents written by others, read-only) sits beside the
repository as ``../shared``. Two environment variables move it:

- ``DIPLOBLOG_SHARED``: the shared folder (holds ``seed/`` and ``corpus/``);
- ``DIPLOBLOG_CORPUS``: the corpus alone (default ``<shared>/corpus``).

Tests that need a missing folder are skipped with the path they looked at, never failed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _shared_path() -> Path:
    return Path(os.environ.get("DIPLOBLOG_SHARED") or REPO.parent / "shared")


def _corpus_path() -> Path:
    return Path(os.environ.get("DIPLOBLOG_CORPUS") or _shared_path() / "corpus")


def _require_dir(path: Path, what: str, variable: str) -> Path:
    if not path.is_dir():
        pytest.skip(f"{what} not found at {path}; set {variable} to its location")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder: ``$DIPLOBLOG_SHARED`` or ``<repo>/../shared``."""
    return _require_dir(_shared_path(), "shared folder", "DIPLOBLOG_SHARED")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The test corpus: ``$DIPLOBLOG_CORPUS``, else ``<shared>/corpus``."""
    return _require_dir(_corpus_path(), "test corpus", "DIPLOBLOG_CORPUS")


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The text of the page the project started from (``<shared>/seed/*.txt``, joined)."""
    seed = _require_dir(_shared_path() / "seed", "seed folder", "DIPLOBLOG_SHARED")
    files = sorted(seed.glob("*.txt"))
    if not files:
        pytest.skip(f"no seed text (*.txt) in {seed}; set DIPLOBLOG_SHARED to the shared folder")
    return "\n".join(path.read_text(encoding="utf-8") for path in files)
