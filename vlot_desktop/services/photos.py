"""Photos of a record (a prospect visit): add, caption, link to a checklist item, remove.

The original bytes go to the attachment store (by sha256; the sync moves them as blobs), the
``attachment`` row says what they are and where they belong. Screens and reports use the
downscaled copies of :mod:`vlot_desktop.media.images`.

A synced row may arrive before its photo is downloaded: then :func:`thumbnail_path` and
:func:`report_image_path` return None and callers show a note instead of the picture.

Each function that writes commits its own transaction on the given session.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from vlot_desktop.db import attachment_store
from vlot_desktop.db.models.prospects import Attachment, ProspectVisit
from vlot_desktop.media import images
from vlot_desktop.media.images import ImageRefusedError
from vlot_desktop.services.prospects import check_free_text

log = logging.getLogger(__name__)

PROSPECT_VISIT = "prospect_visit"


@dataclass(frozen=True, slots=True)
class Photo:
    """One photo as screens and reports need it (a plain row, not an ORM object)."""

    id: str
    sha256: str
    file_name: str
    media_type: str
    size_bytes: int
    width: int | None
    height: int | None
    caption: str | None
    item_key: str | None
    taken_at: dt.datetime | None
    position: int


@dataclass(frozen=True, slots=True)
class RefusedFile:
    """A file that was not added, with the reason in Dutch (for the GUI) and English (CLI)."""

    file_name: str
    message_nl: str
    message_en: str


@dataclass
class AddPhotosResult:
    added: list[Photo] = field(default_factory=list)
    refused: list[RefusedFile] = field(default_factory=list)
    # File names whose photo was already on this record (not added a second time).
    duplicates: list[str] = field(default_factory=list)


class PhotoNotFoundError(LookupError):
    """The photo was removed in the meantime (e.g. on another laptop, then synced)."""


class UnknownChecklistItemError(ValueError):
    """The item key is not part of the checklist version the visit was filled with."""


def _photo(row: Attachment) -> Photo:
    return Photo(
        id=row.id,
        sha256=row.sha256,
        file_name=row.file_name,
        media_type=row.media_type,
        size_bytes=row.size_bytes,
        width=row.width,
        height=row.height,
        caption=row.caption,
        item_key=row.checklist_item_key,
        taken_at=row.taken_at,
        position=row.position,
    )


def _duplicate_message(file_name: str) -> tuple[str, str]:
    return (
        f"‘{file_name}’ staat al bij dit bezoek en is niet opnieuw toegevoegd.",
        f"'{file_name}' is already attached and was not added again.",
    )


def add_photos(
    session: Session,
    data_dir: Path,
    owner_table: str,
    owner_id: str,
    files: Sequence[Path],
) -> AddPhotosResult:
    """Add photo files to a record; bad files are refused one by one, good ones still added.

    The same content twice on the same record (by hash, whatever the file name) is added once.
    The thumbnail and the report copy are made here, so the visit screen and the first report
    do not decode the originals again.
    """
    result = AddPhotosResult()
    present = set(
        session.scalars(
            select(Attachment.sha256).where(
                Attachment.owner_table == owner_table, Attachment.owner_id == owner_id
            )
        )
    )
    last = session.scalar(
        select(func.max(Attachment.position)).where(
            Attachment.owner_table == owner_table, Attachment.owner_id == owner_id
        )
    )
    position = -1 if last is None else last
    rows: list[Attachment] = []
    for file in files:
        try:
            info = images.read_image_info(file, decode=False)
            sha256 = attachment_store.hash_file(file)
            if sha256 in present:
                result.duplicates.append(file.name)
                continue
            # One decode makes the thumbnail and the report copy, and proves that the file is
            # not damaged: only then is the original stored.
            images.scaled_copies(data_dir, sha256, file, (images.THUMBNAIL_PX, images.REPORT_PX))
            stored = attachment_store.store_file(data_dir, file)
        except ImageRefusedError as exc:
            result.refused.append(RefusedFile(file.name, exc.message_nl, exc.message_en))
            continue
        except (attachment_store.AttachmentStoreError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            result.refused.append(
                RefusedFile(
                    file.name,
                    f"‘{file.name}’ kon niet bewaard worden: {reason}",
                    f"'{file.name}' could not be stored: {reason}",
                )
            )
            continue
        if stored.sha256 in present:  # the file changed while it was being added
            result.duplicates.append(file.name)
            continue
        present.add(stored.sha256)
        position += 1
        row = Attachment(
            sha256=stored.sha256,
            file_name=file.name[:255],
            media_type=info.media_type,
            size_bytes=stored.size_bytes,
            width=info.width,
            height=info.height,
            owner_table=owner_table,
            owner_id=owner_id,
            taken_at=info.taken_at,
            position=position,
        )
        session.add(row)
        rows.append(row)
    session.commit()
    result.added = [_photo(row) for row in rows]
    return result


def _get(session: Session, attachment_id: str) -> Attachment:
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise PhotoNotFoundError(attachment_id)
    return row


def set_caption(session: Session, attachment_id: str, text: str | None) -> Photo:
    """Set (or with empty text clear) the caption printed under the photo.

    A caption too long to save raises ``ProspectError`` (field "caption") and changes nothing.
    """
    cleaned = (text or "").strip()
    check_free_text("caption", cleaned)
    row = _get(session, attachment_id)
    row.caption = cleaned or None
    session.commit()
    return _photo(row)


def _item_keys_of_visit(session: Session, visit_id: str) -> set[str] | None:
    from vlot_desktop.services.prospect_reports import template_of_visit

    visit = session.get(ProspectVisit, visit_id)
    if visit is None:
        return None
    template = template_of_visit(session, visit.template, visit.template_version)
    return {item.key for item in template.items()}


def link_item(session: Session, attachment_id: str, item_key: str | None) -> Photo:
    """Link the photo to a checklist item of its visit's template version (None: unlink)."""
    row = _get(session, attachment_id)
    if item_key is not None and row.owner_table == PROSPECT_VISIT:
        keys = _item_keys_of_visit(session, row.owner_id)
        if keys is not None and item_key not in keys:
            raise UnknownChecklistItemError(item_key)
    row.checklist_item_key = item_key
    session.commit()
    return _photo(row)


def remove_photo(session: Session, attachment_id: str) -> None:
    """Delete the attachment row; the stored file stays (other rows or the sync may use it)."""
    session.execute(delete(Attachment).where(Attachment.id == attachment_id))
    session.commit()


def photos_for(session: Session, owner_table: str, owner_id: str) -> list[Photo]:
    """The photos of a record in their order."""
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.owner_table == owner_table, Attachment.owner_id == owner_id)
        .order_by(Attachment.position, Attachment.created_at, Attachment.id)
    )
    return [_photo(row) for row in rows]


def _scaled(data_dir: Path, sha256: str, max_px: int) -> Path | None:
    cached = images.cached_copy_path(data_dir, sha256, max_px)
    if cached.is_file() and cached.stat().st_size > 0:
        return cached
    if not attachment_store.has(data_dir, sha256):
        return None  # synced row, photo not downloaded to this laptop yet
    try:
        return images.scaled_copy(
            data_dir, sha256, attachment_store.attachment_path(data_dir, sha256), max_px
        )
    except (ImageRefusedError, OSError):
        log.warning("no scaled copy for attachment %s", sha256[:12])
        return None


def is_available(data_dir: Path, sha256: str) -> bool:
    """True when the original is on this laptop (False: synced row, blob not downloaded yet)."""
    return attachment_store.has(data_dir, sha256)


def thumbnail_path(data_dir: Path, sha256: str) -> Path | None:
    """A small JPEG (320 px) for the screen, made if missing; None if the photo is not here."""
    return _scaled(data_dir, sha256, images.THUMBNAIL_PX)


def report_image_path(data_dir: Path, sha256: str) -> Path | None:
    """A print-size JPEG for reports, made if missing; None if the photo is not here."""
    return _scaled(data_dir, sha256, images.REPORT_PX)
