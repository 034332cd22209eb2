"""Local-only state of this laptop's database: never synced, never in ``dump``."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vlot_desktop.db.models.base import Base


class LocalMeta(Base):
    """Key/value facts about this database (e.g. the hash of the loaded reference data)."""

    __tablename__ = "local_meta"
    __local__ = True

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
