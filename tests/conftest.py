"""Shared fixtures: a database built for real from the project's seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """A SQLite file built from seeds/, once per test session; tests must not write to it."""
    from tracker.build import build

    path = tmp_path_factory.mktemp("built") / "data.db"
    engine = make_engine(path)
    build(engine, SEEDS)
    engine.dispose()
    return path


@pytest.fixture()
def built_copy(built_db, tmp_path) -> Path:
    """A private copy of the built database that a test may change."""
    path = tmp_path / "data.db"
    shutil.copy(built_db, path)
    return path


@pytest.fixture()
def conn(built_db):
    engine = make_engine(built_db)
    with engine.connect() as connection:
        yield connection
    engine.dispose()
