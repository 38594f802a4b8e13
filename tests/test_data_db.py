"""The committed data.db holds what a fresh build of seeds/ gives."""

from __future__ import annotations

import sqlite3

from .conftest import ROOT


def _tables(path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [n for (n,) in con.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' "
            "and name not like '%_fts%' order by name")]
        return {n: con.execute(f'select * from "{n}" order by 1').fetchall() for n in names}
    finally:
        con.close()


def test_committed_data_db_is_fresh(built_db):
    committed = ROOT / "data.db"
    assert committed.is_file(), "data.db is missing: run `tracker build` and commit it"
    fresh, stored = _tables(built_db), _tables(committed)
    assert sorted(stored) == sorted(fresh)
    stale = [name for name in fresh if stored[name] != fresh[name]]
    assert not stale, f"data.db is stale in {stale}: run `tracker build` and commit it"
