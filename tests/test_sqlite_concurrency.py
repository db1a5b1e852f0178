"""An SQLite file shared by several processes: an editor's publish is not refused
while visitors' requests read (bench/soak.py found "database is locked")."""

import sqlite3

from django.db.backends.sqlite3.base import DatabaseWrapper

from config.settings.base import SQLITE_OPTIONS


def connect(path):
    options = {**SQLITE_OPTIONS, "timeout": 1}  # fail fast if it would wait
    wrapper = DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": options,
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TEST": {},
        },
        alias="sqlite-concurrency",
    )
    wrapper.ensure_connection()
    return wrapper


def test_a_write_goes_through_while_another_process_is_reading(tmp_path, django_db_blocker):
    path = tmp_path / "shared.sqlite3"
    with django_db_blocker.unblock():
        editor = connect(path)
        run_publish_while_reading(path, editor)


def run_publish_while_reading(path, editor):
    with editor.cursor() as cursor:
        cursor.execute("CREATE TABLE page (title TEXT)")
        cursor.execute("INSERT INTO page VALUES ('old')")

    # A visitor's request in the middle of reading (an open read transaction).
    visitor = sqlite3.connect(path, isolation_level=None)
    visitor.execute("BEGIN")
    assert visitor.execute("SELECT title FROM page").fetchone() == ("old",)

    with editor.cursor() as cursor:
        cursor.execute("UPDATE page SET title = 'new'")

    # The reader keeps its snapshot, then sees the publish.
    assert visitor.execute("SELECT title FROM page").fetchone() == ("old",)
    visitor.execute("COMMIT")
    assert visitor.execute("SELECT title FROM page").fetchone() == ("new",)
    visitor.close()
    editor.close()
