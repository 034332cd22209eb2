"""helpdesk: receiving and handling team, dispatches per policy domain, status history,
knowledge base, word indexes

Revision ID: 0008_helpdesk
Revises: 0007_tombstone_base
Create Date: 2026-12-08 09:00:00

- ``question`` gets ``received_team_code`` (the team that received it; ``team_code`` is the
  team handling it now), ``reference``, ``closed_on``, the asker's ``asker_email`` and
  ``asker_phone`` and ``personal_data_erased_on``: plain ADD COLUMN, no rebuild.
- New synced tables: ``question_dispatch``, ``question_status_change``,
  ``policy_domain_contact``, ``kb_article``, ``question_article``.
- Existing questions: ``received_team_code`` = ``team_code``, a reference, ``closed_on`` for
  the answered and closed ones, and one ``question_dispatch`` row for each
  ``dispatched_to_domain``. The regional origin of a question dispatched before this version
  was overwritten then ("centraal") and cannot be recovered.

These derived values are written with capture off, like data written before the sync existed:
every laptop derives the same values from the same rows (the reference and the dispatch's id
are hashes of the question's id, computed here by a frozen copy of the rule), so nothing is
sent, and demo data (on no share) never gets into an outbox. The derived rows have the
baseline clock: any later real edit wins.

Word indexes (``db.helpdesk_search``: local tables and triggers, never synced) are made and
filled; without FTS5 nothing is made. The capture triggers are made again for the new columns
and tables.
"""

import hashlib
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from vlot_desktop.db import helpdesk_search
from vlot_desktop.sync.capture import install_triggers, sqlalchemy_runner, suppressed

revision: str = "0008_helpdesk"
down_revision: str | None = "0007_tombstone_base"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the rules as they were when this migration was written: a later change of
# the rules must not make laptops that migrate later derive other values.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_DISPATCH_NAMESPACE = uuid.UUID("5b2f6a4e-3c1d-4f0a-9a57-0c8e1d7b2f10")

_QUESTION_STATUS = sa.Enum(
    "nieuw",
    "in_behandeling",
    "doorverwezen",
    "beantwoord",
    "gesloten",
    name="questionstatus",
    native_enum=False,
    length=32,
)
_DISPATCH_STATUS = sa.Enum(
    "gevraagd",
    "herinnerd",
    "beantwoord",
    "geen_antwoord",
    name="dispatchstatus",
    native_enum=False,
    length=32,
)
_ARTICLE_KIND = sa.Enum(
    "vraag_antwoord",
    "good_practice",
    "kader",
    name="articlekind",
    native_enum=False,
    length=32,
)


def _reference(question_id: str, received_on: str) -> str:
    value = int.from_bytes(hashlib.sha256(question_id.strip().lower().encode()).digest(), "big")
    symbols = []
    for _ in range(6):
        value, rest = divmod(value, len(_ALPHABET))
        symbols.append(_ALPHABET[rest])
    return f"VR-{str(received_on)[:4]}-{''.join(symbols)}"


def _dispatch_id(question_id: str, domain: str) -> str:
    return str(uuid.uuid5(_DISPATCH_NAMESPACE, f"{question_id}/{domain}"))


def _synced_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _add_question_columns() -> None:
    # Plain ADD COLUMN with its (named) reference: alembic would want a table rebuild for it.
    op.execute(
        "ALTER TABLE question ADD COLUMN received_team_code VARCHAR(32) "
        "CONSTRAINT fk_question_received_team_code_team REFERENCES team (code)"
    )
    op.add_column("question", sa.Column("reference", sa.String(length=20), nullable=True))
    op.add_column("question", sa.Column("closed_on", sa.Date(), nullable=True))
    op.add_column("question", sa.Column("asker_email", sa.String(length=200), nullable=True))
    op.add_column("question", sa.Column("asker_phone", sa.String(length=50), nullable=True))
    op.add_column("question", sa.Column("personal_data_erased_on", sa.Date(), nullable=True))
    op.create_index(
        "ix_question_received_team_status", "question", ["received_team_code", "status"]
    )
    op.create_index("ix_question_status_received", "question", ["status", "received_on"])
    op.create_index(op.f("ix_question_reference"), "question", ["reference"])
    op.create_index(op.f("ix_question_asker_contact_id"), "question", ["asker_contact_id"])


def _create_tables() -> None:
    op.create_table(
        "question_dispatch",
        sa.Column("question_id", sa.String(length=36), nullable=False),
        sa.Column("domain_code", sa.String(length=64), nullable=False),
        sa.Column("coordinator_contact_id", sa.String(length=36), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("reminded_on", sa.Date(), nullable=True),
        sa.Column("reminders", sa.Integer(), nullable=False),
        sa.Column("status", _DISPATCH_STATUS, nullable=False),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("sent_by_id", sa.String(length=36), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["coordinator_contact_id"],
            ["contact_person.id"],
            name=op.f("fk_question_dispatch_coordinator_contact_id_contact_person"),
        ),
        sa.ForeignKeyConstraint(
            ["domain_code"],
            ["policy_domain.code"],
            name=op.f("fk_question_dispatch_domain_code_policy_domain"),
        ),
        sa.ForeignKeyConstraint(
            ["question_id"], ["question.id"], name=op.f("fk_question_dispatch_question_id_question")
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"],
            ["staff_user.id"],
            name=op.f("fk_question_dispatch_sent_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_dispatch")),
    )
    op.create_index("ix_question_dispatch_question", "question_dispatch", ["question_id"])
    op.create_index("ix_question_dispatch_status_due", "question_dispatch", ["status", "due_on"])
    op.create_index("ix_question_dispatch_domain", "question_dispatch", ["domain_code"])

    op.create_table(
        "question_status_change",
        sa.Column("question_id", sa.String(length=36), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by_id", sa.String(length=36), nullable=True),
        sa.Column("from_status", _QUESTION_STATUS, nullable=True),
        sa.Column("to_status", _QUESTION_STATUS, nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["staff_user.id"],
            name=op.f("fk_question_status_change_changed_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["question.id"],
            name=op.f("fk_question_status_change_question_id_question"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_status_change")),
    )
    op.create_index(
        "ix_question_status_change_question",
        "question_status_change",
        ["question_id", "changed_at"],
    )

    op.create_table(
        "policy_domain_contact",
        sa.Column("domain_code", sa.String(length=64), nullable=False),
        sa.Column("contact_person_id", sa.String(length=36), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["contact_person_id"],
            ["contact_person.id"],
            name=op.f("fk_policy_domain_contact_contact_person_id_contact_person"),
        ),
        sa.ForeignKeyConstraint(
            ["domain_code"],
            ["policy_domain.code"],
            name=op.f("fk_policy_domain_contact_domain_code_policy_domain"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_domain_contact")),
    )
    op.create_index(
        "ix_policy_domain_contact_domain",
        "policy_domain_contact",
        ["domain_code", "contact_person_id"],
    )

    op.create_table(
        "kb_article",
        sa.Column("kind", _ARTICLE_KIND, nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("general_question", sa.Text(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("domain_code", sa.String(length=64), nullable=True),
        sa.Column("theme_code", sa.String(length=64), nullable=True),
        sa.Column("municipality_nis", sa.String(length=5), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("replaced_by_id", sa.String(length=36), nullable=True),
        sa.Column("source_question_id", sa.String(length=36), nullable=True),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["author_id"], ["staff_user.id"], name=op.f("fk_kb_article_author_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["domain_code"],
            ["policy_domain.code"],
            name=op.f("fk_kb_article_domain_code_policy_domain"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_nis"],
            ["municipality.nis_code"],
            name=op.f("fk_kb_article_municipality_nis_municipality"),
        ),
        sa.ForeignKeyConstraint(
            ["replaced_by_id"],
            ["kb_article.id"],
            name=op.f("fk_kb_article_replaced_by_id_kb_article"),
        ),
        sa.ForeignKeyConstraint(
            ["source_question_id"],
            ["question.id"],
            name=op.f("fk_kb_article_source_question_id_question"),
        ),
        sa.ForeignKeyConstraint(
            ["theme_code"], ["theme.code"], name=op.f("fk_kb_article_theme_code_theme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_article")),
    )
    op.create_index("ix_kb_article_domain_theme", "kb_article", ["domain_code", "theme_code"])
    op.create_index("ix_kb_article_source_question", "kb_article", ["source_question_id"])
    op.create_index("ix_kb_article_replaced_by", "kb_article", ["replaced_by_id"])

    op.create_table(
        "question_article",
        sa.Column("question_id", sa.String(length=36), nullable=False),
        sa.Column("article_id", sa.String(length=36), nullable=False),
        sa.Column("used_on", sa.Date(), nullable=False),
        sa.Column("used_by_id", sa.String(length=36), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["kb_article.id"],
            name=op.f("fk_question_article_article_id_kb_article"),
        ),
        sa.ForeignKeyConstraint(
            ["question_id"], ["question.id"], name=op.f("fk_question_article_question_id_question")
        ),
        sa.ForeignKeyConstraint(
            ["used_by_id"],
            ["staff_user.id"],
            name=op.f("fk_question_article_used_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_article")),
    )
    op.create_index("ix_question_article_article", "question_article", ["article_id"])
    op.create_index("ix_question_article_question", "question_article", ["question_id"])


def _derive_existing(bind: sa.Connection) -> None:
    """Receiving team, reference, closing date and dispatch rows of the existing questions."""
    bind.exec_driver_sql(
        "UPDATE question SET received_team_code = team_code WHERE received_team_code IS NULL"
    )
    bind.exec_driver_sql(
        "UPDATE question SET closed_on = coalesce(answered_on, received_on) "
        "WHERE status IN ('beantwoord', 'gesloten') AND closed_on IS NULL"
    )
    rows = bind.exec_driver_sql(
        "SELECT id, received_on FROM question WHERE reference IS NULL"
    ).fetchall()
    raw = bind.connection.driver_connection
    assert raw is not None
    raw.executemany(
        "UPDATE question SET reference = ? WHERE id = ?",
        [(_reference(str(qid), str(received)), qid) for qid, received in rows],
    )
    dispatched = bind.exec_driver_sql(
        "SELECT id, dispatched_to_domain, coalesce(dispatched_on, received_on), status, "
        "answered_on, created_at FROM question WHERE dispatched_to_domain IS NOT NULL"
    ).fetchall()
    values = []
    for qid, domain, sent_on, status, answered_on, created_at in dispatched:
        if status in ("beantwoord", "gesloten") and answered_on is not None:
            dispatch_status, answered = "beantwoord", answered_on
        elif status == "gesloten":
            dispatch_status, answered = "geen_antwoord", None
        else:
            dispatch_status, answered = "gevraagd", None
        values.append(
            (
                _dispatch_id(str(qid), str(domain)),
                created_at,
                created_at,
                qid,
                domain,
                sent_on,
                dispatch_status,
                answered,
            )
        )
    raw.executemany(
        "INSERT OR IGNORE INTO question_dispatch (id, created_at, updated_at, question_id, "
        "domain_code, coordinator_contact_id, sent_on, due_on, reminded_on, reminders, status, "
        "answer_text, answered_on, sent_by_id) "
        "VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, NULL, 0, ?, NULL, ?, NULL)",
        values,
    )


def upgrade() -> None:
    bind = op.get_bind()
    _add_question_columns()
    _create_tables()
    run = sqlalchemy_runner(bind)
    with suppressed(run):
        _derive_existing(bind)
    helpdesk_search.install(bind)
    install_triggers(run)


def downgrade() -> None:
    bind = op.get_bind()
    helpdesk_search.uninstall(bind)
    for table in (
        "question_article",
        "kb_article",
        "policy_domain_contact",
        "question_status_change",
        "question_dispatch",
    ):
        op.drop_table(table)
    op.drop_index(op.f("ix_question_asker_contact_id"), table_name="question")
    op.drop_index(op.f("ix_question_reference"), table_name="question")
    op.drop_index("ix_question_status_received", table_name="question")
    op.drop_index("ix_question_received_team_status", table_name="question")
    with op.batch_alter_table("question") as batch:
        for column in (
            "personal_data_erased_on",
            "asker_phone",
            "asker_email",
            "closed_on",
            "reference",
            "received_team_code",
        ):
            batch.drop_column(column)
    install_triggers(sqlalchemy_runner(bind))
