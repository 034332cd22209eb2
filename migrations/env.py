"""Alembic environment: batch mode for SQLite, metadata from the models.

The app calls alembic programmatically and passes an open connection in
``config.attributes["connection"]``; the ``alembic`` command line (for developers) uses
``sqlalchemy.url`` from its ini or ``-x db=PATH``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from vlot_desktop.db import member_search
from vlot_desktop.db.models import Base

config = context.config
target_metadata = Base.metadata


def _include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # The name search index (FTS5 and its shadow tables) is made by hand, not from the models.
    return not (type_ == "table" and name.startswith(member_search.LOCAL_TABLE_PREFIXES))


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=_include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("db")
    if url:
        config.set_main_option("sqlalchemy.url", f"sqlite:///{url}")
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
