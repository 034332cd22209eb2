"""The photos of a prospect visit, as visit mode reads and writes them (in a worker).

``photos`` takes a connection (``Store.read`` gives one); the writes take the engine and run
one transaction each through ``services.photos``. A photo removed meanwhile (here, or by a
colleague through the sync) makes a caption or link change a no-op, not an error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from vlot_desktop.services import photos as photo_service
from vlot_desktop.services.photos import AddPhotosResult, Photo

PhotoList = list[tuple[Photo, Path | None]]
"""Each photo with its thumbnail on this laptop (None: not fetched yet)."""


def photos(conn: Connection, data_dir: Path, visit_id: str) -> PhotoList:
    """The visit's photos in their order, with their thumbnails."""
    with Session(bind=conn) as session:
        found = photo_service.photos_for(session, photo_service.PROSPECT_VISIT, visit_id)
    return [(p, photo_service.thumbnail_path(data_dir, p.sha256)) for p in found]


def add(
    engine: Engine,
    data_dir: Path,
    visit_id: str,
    files: Sequence[Path],
    link_key: str | None,
) -> tuple[AddPhotosResult, PhotoList]:
    """Add ``files`` (bad ones refused one by one), link the new ones to ``link_key`` if given,
    and return the result with the visit's photos as they are now."""
    with Session(engine, expire_on_commit=False) as session:
        result = photo_service.add_photos(
            session, data_dir, photo_service.PROSPECT_VISIT, visit_id, list(files)
        )
        if link_key:
            for photo in result.added:
                photo_service.link_item(session, photo.id, link_key)
    with engine.connect() as conn:
        return result, photos(conn, data_dir, visit_id)


def set_caption(engine: Engine, photo_id: str, text: str) -> None:
    """The caption under the photo (too long: ``ProspectError``, nothing changed)."""
    with (
        Session(engine, expire_on_commit=False) as session,
        contextlib.suppress(photo_service.PhotoNotFoundError),
    ):
        photo_service.set_caption(session, photo_id, text)


def link(engine: Engine, photo_id: str, item_key: str | None) -> None:
    """Link the photo to a checklist item (None: unlink)."""
    with (
        Session(engine, expire_on_commit=False) as session,
        contextlib.suppress(photo_service.PhotoNotFoundError),
    ):
        photo_service.link_item(session, photo_id, item_key)


def remove(engine: Engine, photo_id: str) -> None:
    with Session(engine, expire_on_commit=False) as session:
        photo_service.remove_photo(session, photo_id)
