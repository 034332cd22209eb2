"""coordination: contact authors and links, meeting series, agenda kinds, actions, flits freeze

Revision ID: 0009_coordination
Revises: 0008_helpdesk
Create Date: 2026-12-09 09:00:00

- ``contact_moment`` gets ``author_id`` (who logged it: only they change or delete it),
  ``link_table`` and ``link_id`` (the location, prospect, case or question it was about); its
  indexes become (municipality, time), (municipality, team, time) and (staff, time), for the
  last contact per municipality (of all teams or of one) and a staff member's day, plus one
  on the person (erasure, subject access).
- New synced tables: ``meeting_series``, ``meeting_series_participant``, ``meeting_action``.
  They start empty: the seven fixed series of the seed are defined in code (a row only once
  a user changes one), so ``meeting.series_id`` is not a foreign key.
- ``meeting`` gets ``series_id`` and ``status``; ``meeting_item`` its ``kind``;
  ``newsletter_edition`` ``sent_at`` and ``sent_by_id``; ``newsletter_item`` its ``kind`` and
  ``article_id``. All plain ADD COLUMN, no rebuild.
- Existing rows: a contact's author is its staff member; an edition published before is sent
  (at midnight of its publication date). Written with capture off, like 0008's derived values:
  every laptop derives the same from the same rows, so nothing is sent. Meetings, points and
  items keep NULL in their new columns, which the services read as "held", "typed point" and
  "article when it names a question, else a notice".

The capture triggers are made again for the new columns and tables.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from vlot_desktop.sync.capture import install_triggers, sqlalchemy_runner, suppressed

revision: str = "0009_coordination"
down_revision: str | None = "0008_helpdesk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


_MEETING_KIND = _enum(
    "meetingkind",
    "teamoverleg",
    "sectorcoordinatoren",
    "herhuisvesting",
    "kwetsbare_profielen",
    "fedasil_plaatsen",
    "gouverneurs",
    "centrumsteden",
)
_RHYTHM = _enum(
    "rhythm", "tweemaal_per_week", "wekelijks", "tweewekelijks", "maandelijks", "ad_hoc"
)
_MEETING_STATUS = _enum("meetingstatus", "gepland", "gehouden", "geannuleerd")
_AGENDA_ITEM_KIND = _enum(
    "agendaitemkind",
    "punt",
    "open_actiepunt",
    "vraag_over_termijn",
    "doorverwijzing_zonder_antwoord",
    "dossier",
    "nieuwe_prospectie",
    "locatie_stopt",
)
_EDITION_ITEM_KIND = _enum("editionitemkind", "artikel", "bericht")


def _synced_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _add_reference(table: str, column: str, length: int, target: str, key: str) -> None:
    """Plain ADD COLUMN with its (named) reference: alembic would want a table rebuild."""
    op.execute(
        f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR({length}) "
        f"CONSTRAINT fk_{table}_{column}_{target} REFERENCES {target} ({key})"
    )


def _add_columns() -> None:
    _add_reference("contact_moment", "author_id", 36, "staff_user", "id")
    op.add_column("contact_moment", sa.Column("link_table", sa.String(length=64)))
    op.add_column("contact_moment", sa.Column("link_id", sa.String(length=36)))
    op.drop_index("ix_contact_moment_municipality", table_name="contact_moment")
    op.drop_index("ix_contact_moment_staff", table_name="contact_moment")
    op.create_index(
        "ix_contact_moment_municipality_time",
        "contact_moment",
        ["municipality_nis", "occurred_at"],
    )
    op.create_index(
        "ix_contact_moment_municipality_team_time",
        "contact_moment",
        ["municipality_nis", "team_code", "occurred_at"],
    )
    op.create_index("ix_contact_moment_staff_time", "contact_moment", ["staff_id", "occurred_at"])
    op.create_index("ix_contact_moment_person", "contact_moment", ["contact_person_id"])

    op.add_column("meeting", sa.Column("series_id", sa.String(length=36), nullable=True))
    op.add_column("meeting", sa.Column("status", _MEETING_STATUS, nullable=True))
    op.create_index("ix_meeting_series_date", "meeting", ["series_id", "held_on"])
    op.add_column("meeting_item", sa.Column("kind", _AGENDA_ITEM_KIND, nullable=True))

    op.add_column("newsletter_edition", sa.Column("sent_at", sa.DateTime(), nullable=True))
    _add_reference("newsletter_edition", "sent_by_id", 36, "staff_user", "id")
    op.add_column("newsletter_item", sa.Column("kind", _EDITION_ITEM_KIND, nullable=True))
    _add_reference("newsletter_item", "article_id", 36, "kb_article", "id")
    op.create_index(op.f("ix_newsletter_item_article_id"), "newsletter_item", ["article_id"])


def _create_tables() -> None:
    op.create_table(
        "meeting_series",
        sa.Column("kind", _MEETING_KIND, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("team_code", sa.String(length=32), nullable=True),
        sa.Column("rhythm", _RHYTHM, nullable=False),
        sa.Column("weekdays", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["team_code"], ["team.code"], name=op.f("fk_meeting_series_team_code_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_series")),
    )
    op.create_index("ix_meeting_series_kind", "meeting_series", ["kind"])
    op.create_table(
        "meeting_series_participant",
        sa.Column("series_id", sa.String(length=36), nullable=False),
        sa.Column("team_code", sa.String(length=32), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["meeting_series.id"],
            name=op.f("fk_meeting_series_participant_series_id_meeting_series"),
        ),
        sa.ForeignKeyConstraint(
            ["team_code"],
            ["team.code"],
            name=op.f("fk_meeting_series_participant_team_code_team"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_series_participant")),
    )
    op.create_index(
        "ix_meeting_series_participant_series", "meeting_series_participant", ["series_id"]
    )
    op.create_table(
        "meeting_action",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("link_table", sa.String(length=64), nullable=True),
        sa.Column("link_id", sa.String(length=36), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_action_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["meeting_item.id"], name=op.f("fk_meeting_action_item_id_meeting_item")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["staff_user.id"], name=op.f("fk_meeting_action_owner_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["done_by_id"],
            ["staff_user.id"],
            name=op.f("fk_meeting_action_done_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_action")),
    )
    op.create_index("ix_meeting_action_meeting", "meeting_action", ["meeting_id"])
    op.create_index("ix_meeting_action_owner_done", "meeting_action", ["owner_id", "done_on"])
    op.create_index("ix_meeting_action_item", "meeting_action", ["item_id"])


def _derive_existing(bind: sa.Connection) -> None:
    bind.exec_driver_sql(
        "UPDATE contact_moment SET author_id = staff_id "
        "WHERE author_id IS NULL AND staff_id IS NOT NULL"
    )
    bind.exec_driver_sql(
        "UPDATE newsletter_edition SET sent_at = publication_date || ' 00:00:00.000000' "
        "WHERE status = 'gepubliceerd' AND sent_at IS NULL"
    )


def upgrade() -> None:
    bind = op.get_bind()
    _create_tables()
    _add_columns()
    run = sqlalchemy_runner(bind)
    with suppressed(run):
        _derive_existing(bind)
    install_triggers(run)


def downgrade() -> None:
    bind = op.get_bind()
    for table in ("meeting_action", "meeting_series_participant"):
        op.drop_table(table)
    op.drop_index(op.f("ix_newsletter_item_article_id"), table_name="newsletter_item")
    op.drop_index("ix_meeting_series_date", table_name="meeting")
    op.drop_index("ix_contact_moment_person", table_name="contact_moment")
    op.drop_index("ix_contact_moment_staff_time", table_name="contact_moment")
    op.drop_index("ix_contact_moment_municipality_team_time", table_name="contact_moment")
    op.drop_index("ix_contact_moment_municipality_time", table_name="contact_moment")
    op.create_index("ix_contact_moment_municipality", "contact_moment", ["municipality_nis"])
    op.create_index("ix_contact_moment_staff", "contact_moment", ["staff_id"])
    for table, columns in (
        ("newsletter_item", ("article_id", "kind")),
        ("newsletter_edition", ("sent_by_id", "sent_at")),
        ("meeting_item", ("kind",)),
        ("meeting", ("status", "series_id")),
        ("contact_moment", ("link_id", "link_table", "author_id")),
    ):
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
    op.drop_table("meeting_series")
    install_triggers(sqlalchemy_runner(bind))
