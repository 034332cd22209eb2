"""Helpdesk questions from municipalities and field workers, their dispatch and answers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base, SyncedMixin, enum_column, personal
from vlot_desktop.domain.enums import ContactChannel, QuestionStatus


class Question(SyncedMixin, Base):
    """A question received by a team; the central team may dispatch it to a policy domain."""

    __tablename__ = "question"
    __table_args__ = (
        Index("ix_question_team_status", "team_code", "status"),
        Index("ix_question_received", "received_on"),
        Index("ix_question_theme", "theme_code"),
        Index("ix_question_municipality", "municipality_nis"),
    )

    received_on: Mapped[dt.date] = mapped_column(Date)
    team_code: Mapped[str] = mapped_column(ForeignKey("team.code"))
    municipality_nis: Mapped[str | None] = mapped_column(ForeignKey("municipality.nis_code"))
    asker_contact_id: Mapped[str | None] = mapped_column(ForeignKey("contact_person.id"))
    channel: Mapped[ContactChannel] = enum_column(ContactChannel)
    theme_code: Mapped[str | None] = mapped_column(ForeignKey("theme.code"))
    subject: Mapped[str] = mapped_column(String(300))
    question_text: Mapped[str | None] = mapped_column(Text)
    status: Mapped[QuestionStatus] = enum_column(QuestionStatus)
    handled_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    # Coordination by the central team: to which policy domain, and when.
    dispatched_to_domain: Mapped[str | None] = mapped_column(ForeignKey("policy_domain.code"))
    dispatched_on: Mapped[dt.date | None] = mapped_column(Date)
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    answer_text: Mapped[str | None] = mapped_column(Text)
    # Published answers form the searchable helpdesk knowledge base.
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    published_title: Mapped[str | None] = mapped_column(String(300))
    asker_name: Mapped[str | None] = personal(mapped_column(String(200)))
