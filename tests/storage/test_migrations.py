"""The schema is made and changed only by Alembic migrations, which agree with the models on every database."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel, select

from storage import migrate
from storage.db import make_engine, session_factory
from storage.models import Team

ROOT = Path(__file__).resolve().parents[2]


def test_an_empty_database_is_upgraded_to_the_newest_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.at_head(engine)
    assert set(SQLModel.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_migrations_and_the_models_agree(database_url: str) -> None:
    """Autogenerate finds nothing to do: a model change without its migration fails here."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_upgrading_twice_changes_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    migrate.upgrade(engine)
    assert migrate.at_head(engine)
    engine.dispose()


def test_a_database_made_before_migrations_is_adopted_with_its_data(database_url: str) -> None:
    """The bot's first releases made their tables with create_all and no alembic_version: stamp the baseline,
    then upgrade."""
    engine = make_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), migrate.BASELINE)
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(
            text(
                "INSERT INTO team (channel_id, workspace_id, created_by, status, days, prompt_time, quote_time,"
                " reminder_time, timezone, created_at) VALUES ('COLD', '', 'ULEAD', 'active', '0,1,2,3,4', '09:30',"
                " '09:00', '15:00', 'UTC', :now)"
            ),
            {"now": datetime(2026, 11, 1, tzinfo=UTC)},
        )
    migrate.upgrade(engine)
    assert migrate.at_head(engine)
    with session_factory(engine)() as session:
        team = session.exec(select(Team)).one()
    assert (team.channel_id, team.summary_time, team.pairing_enabled) == ("COLD", "08:30", False)
    engine.dispose()


def test_replicas_starting_together_migrate_once_without_errors(database_url: str) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        engine = make_engine(database_url)
        try:
            migrate.upgrade(engine)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = make_engine(database_url)
    assert migrate.at_head(engine)
    engine.dispose()


def test_bot_migrate_applies_the_migrations_and_says_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-x", "SLACK_SIGNING_SECRET": "s"}
    result = subprocess.run(
        [sys.executable, "bot.py", "migrate"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"Database at revision {migrate.head_revision()}" in result.stdout
    engine = make_engine(url)
    assert migrate.at_head(engine)
    engine.dispose()
