"""The helpdesk: questions from the field, their dispatch to the policy domains, their status
history, and the knowledge base (docs/helpdesk.md).

A question keeps the team that **received** it (``received_team_code``, never changed by a
dispatch) and the team that **handles** it now (``team_code``, also reachable as
``handling_team_code``; the central team once it dispatches). Each policy domain asked is a
``question_dispatch`` row of its own, so two laptops that dispatch the same question at once
end with both. Every status change is a ``question_status_change`` row. Published answers,
good practices and frameworks are ``kb_article`` rows, in versions; ``question_article`` says
which questions used which article.

Columns ``dispatched_to_domain`` and ``dispatched_on`` are of the first release (one domain per
question); migration 0008 turned them into ``question_dispatch`` rows and nothing writes them
any more. ``published`` and ``published_title`` are still set when a question is published.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, synonym

from vlot_desktop.db.models.base import Base, SyncedMixin, enum_column, personal
from vlot_desktop.domain.enums import ContactChannel, QuestionStatus
from vlot_desktop.domain.question_rules import ArticleKind, DispatchStatus


class Question(SyncedMixin, Base):
    """A question received by a team; the central team may dispatch it to policy domains."""

    __tablename__ = "question"
    __table_args__ = (
        Index("ix_question_team_status", "team_code", "status"),
        Index("ix_question_received_team_status", "received_team_code", "status"),
        Index("ix_question_received", "received_on"),
        Index("ix_question_theme", "theme_code"),
        Index("ix_question_municipality", "municipality_nis"),
        Index("ix_question_status_received", "status", "received_on"),
    )

    received_on: Mapped[dt.date] = mapped_column(Date)
    # The team handling the question now (the first release called it just "the team").
    team_code: Mapped[str] = mapped_column(ForeignKey("team.code"))
    handling_team_code = synonym("team_code")
    # The team that received the question; a dispatch never changes it. NULL only for rows
    # written by a laptop of the first release after the update (read it as ``team_code``).
    received_team_code: Mapped[str | None] = mapped_column(ForeignKey("team.code"))
    # "VR-2026-K7MX4Q" (domain.question_rules.question_reference), made from the id.
    reference: Mapped[str | None] = mapped_column(String(20), index=True)
    municipality_nis: Mapped[str | None] = mapped_column(ForeignKey("municipality.nis_code"))
    # Who asked: a known contact person, or a name with contact details typed at intake.
    asker_contact_id: Mapped[str | None] = personal(
        mapped_column(ForeignKey("contact_person.id"), index=True)
    )
    channel: Mapped[ContactChannel] = enum_column(ContactChannel)
    theme_code: Mapped[str | None] = mapped_column(ForeignKey("theme.code"))
    subject: Mapped[str] = mapped_column(String(300))
    question_text: Mapped[str | None] = mapped_column(Text)
    status: Mapped[QuestionStatus] = enum_column(QuestionStatus)
    handled_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    # First release: the one policy domain a question went to. Kept for the records written
    # then; the dispatches are in ``question_dispatch`` (migration 0008).
    dispatched_to_domain: Mapped[str | None] = mapped_column(ForeignKey("policy_domain.code"))
    dispatched_on: Mapped[dt.date | None] = mapped_column(Date)
    # VLOT's answer to the asker.
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    answer_text: Mapped[str | None] = mapped_column(Text)
    # Set when the question was answered or closed; cleared when it is reopened.
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    # Published as a knowledge-base article (``kb_article.source_question_id``).
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    published_title: Mapped[str | None] = mapped_column(String(300))
    asker_name: Mapped[str | None] = personal(mapped_column(String(200)))
    asker_email: Mapped[str | None] = personal(mapped_column(String(200)))
    asker_phone: Mapped[str | None] = personal(mapped_column(String(50)))
    # Retention erased the asker's data on this day (services.privacy).
    personal_data_erased_on: Mapped[dt.date | None] = mapped_column(Date)


class QuestionDispatch(SyncedMixin, Base):
    """One policy domain asked about one question (doorverwijzing), and its answer."""

    __tablename__ = "question_dispatch"
    __table_args__ = (
        Index("ix_question_dispatch_question", "question_id"),
        Index("ix_question_dispatch_status_due", "status", "due_on"),
        Index("ix_question_dispatch_domain", "domain_code"),
    )

    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"))
    domain_code: Mapped[str] = mapped_column(ForeignKey("policy_domain.code"))
    # The sector coordinator asked: a contact person of that domain (policy_domain_contact).
    coordinator_contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact_person.id"))
    sent_on: Mapped[dt.date] = mapped_column(Date)
    # NULL only for the dispatches of the first release (they had no due date).
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    reminded_on: Mapped[dt.date | None] = mapped_column(Date)
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[DispatchStatus] = enum_column(DispatchStatus)
    answer_text: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    sent_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))


class QuestionStatusChange(SyncedMixin, Base):
    """One status change of a question: who, when, from, to (``from_status`` NULL at intake)."""

    __tablename__ = "question_status_change"
    __table_args__ = (Index("ix_question_status_change_question", "question_id", "changed_at"),)

    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"))
    changed_at: Mapped[dt.datetime] = mapped_column()
    changed_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
    from_status: Mapped[QuestionStatus | None] = enum_column(QuestionStatus, nullable=True)
    to_status: Mapped[QuestionStatus] = enum_column(QuestionStatus)


class PolicyDomainContact(SyncedMixin, Base):
    """A sector coordinator of a policy domain: whom a dispatch to that domain goes to.

    The id is derived from (domain, contact person), so two laptops naming the same person
    make one row; ``active`` switches it off (rows are never deleted).
    """

    __tablename__ = "policy_domain_contact"
    __table_args__ = (Index("ix_policy_domain_contact_domain", "domain_code", "contact_person_id"),)

    domain_code: Mapped[str] = mapped_column(ForeignKey("policy_domain.code"))
    contact_person_id: Mapped[str] = mapped_column(ForeignKey("contact_person.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class KbArticle(SyncedMixin, Base):
    """A knowledge-base article (Kennisbank): a published question and answer, a good practice
    of a municipality, or a framework (kader) with its document as an ``attachment``.

    Versions: a new version is a new row; the old one gets ``valid_until`` (the day before the
    new one starts) and ``replaced_by_id``, and stays readable as "vervangen door".
    Holds no personal data: what is published is checked for it first.
    """

    __tablename__ = "kb_article"
    __table_args__ = (
        Index("ix_kb_article_domain_theme", "domain_code", "theme_code"),
        Index("ix_kb_article_source_question", "source_question_id"),
        Index("ix_kb_article_replaced_by", "replaced_by_id"),
    )

    kind: Mapped[ArticleKind] = enum_column(ArticleKind)
    title: Mapped[str] = mapped_column(String(300))
    general_question: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    domain_code: Mapped[str | None] = mapped_column(ForeignKey("policy_domain.code"))
    theme_code: Mapped[str | None] = mapped_column(ForeignKey("theme.code"))
    # The municipality of a good practice.
    municipality_nis: Mapped[str | None] = mapped_column(ForeignKey("municipality.nis_code"))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    replaced_by_id: Mapped[str | None] = mapped_column(ForeignKey("kb_article.id"))
    source_question_id: Mapped[str | None] = mapped_column(ForeignKey("question.id"))
    author_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))


class QuestionArticle(SyncedMixin, Base):
    """A question whose answer used a knowledge-base article (listed on the article).

    The id is derived from (question, article): two laptops noting the same use make one row.
    """

    __tablename__ = "question_article"
    __table_args__ = (
        Index("ix_question_article_article", "article_id"),
        Index("ix_question_article_question", "question_id"),
    )

    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"))
    article_id: Mapped[str] = mapped_column(ForeignKey("kb_article.id"))
    used_on: Mapped[dt.date] = mapped_column(Date)
    used_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"))
