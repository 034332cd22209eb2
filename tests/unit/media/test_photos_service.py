"""Photos of a prospect visit: add several, refuse bad ones, no duplicates, caption/link/remove."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.unit.media.test_images import make_jpeg
from vlot_desktop.db import attachment_store
from vlot_desktop.db.models.prospects import Attachment
from vlot_desktop.services import photos

VISIT = photos.PROSPECT_VISIT


def test_good_photos_are_added_and_a_bad_file_is_refused(
    session: Session, prepared_dir: Path, visit_id: str, tmp_path: Path
) -> None:
    front = make_jpeg(
        tmp_path / "gevel.jpg", (800, 600), orientation=6, taken="2026:11:20 10:00:00"
    )
    kitchen = make_jpeg(tmp_path / "keuken.jpg", (640, 480), color=(10, 120, 10))
    fake = tmp_path / "verslag.jpg"
    fake.write_text("geen foto", encoding="utf-8")

    result = photos.add_photos(session, prepared_dir, VISIT, visit_id, [front, fake, kitchen])

    assert [p.file_name for p in result.added] == ["gevel.jpg", "keuken.jpg"]
    assert [r.file_name for r in result.refused] == ["verslag.jpg"]
    assert "is geweigerd" in result.refused[0].message_nl
    shown = photos.photos_for(session, VISIT, visit_id)
    assert [(p.file_name, p.width, p.height, p.position) for p in shown] == [
        ("gevel.jpg", 600, 800, 0),
        ("keuken.jpg", 640, 480, 1),
    ]
    assert shown[0].taken_at is not None and shown[0].taken_at.hour == 10
    assert shown[0].media_type == "image/jpeg"
    assert shown[0].size_bytes == front.stat().st_size
    # Originals stored by hash, byte for byte; thumbnails ready for the screen.
    stored = attachment_store.attachment_path(prepared_dir, shown[0].sha256)
    assert stored.read_bytes() == front.read_bytes()
    thumb = photos.thumbnail_path(prepared_dir, shown[0].sha256)
    assert thumb is not None
    with Image.open(thumb) as image:
        assert image.size == (240, 320)


def test_the_same_photo_twice_is_added_once(
    session: Session, prepared_dir: Path, visit_id: str, tmp_path: Path
) -> None:
    photo = make_jpeg(tmp_path / "gevel.jpg")
    copy = tmp_path / "gevel (kopie).jpg"
    copy.write_bytes(photo.read_bytes())

    first = photos.add_photos(session, prepared_dir, VISIT, visit_id, [photo])
    second = photos.add_photos(session, prepared_dir, VISIT, visit_id, [copy, photo])

    assert len(first.added) == 1
    assert second.added == []
    assert second.duplicates == ["gevel (kopie).jpg", "gevel.jpg"]
    assert len(photos.photos_for(session, VISIT, visit_id)) == 1


def test_caption_link_and_remove(
    session: Session, prepared_dir: Path, visit_id: str, tmp_path: Path
) -> None:
    added = photos.add_photos(
        session, prepared_dir, VISIT, visit_id, [make_jpeg(tmp_path / "a.jpg")]
    ).added[0]

    photos.set_caption(session, added.id, "  Gevel aan de straatkant  ")
    photos.link_item(session, added.id, "algemeen.foto_gevel")
    shown = photos.photos_for(session, VISIT, visit_id)[0]
    assert (shown.caption, shown.item_key) == ("Gevel aan de straatkant", "algemeen.foto_gevel")

    with pytest.raises(photos.UnknownChecklistItemError):
        photos.link_item(session, added.id, "algemeen.bestaat_niet")
    assert photos.photos_for(session, VISIT, visit_id)[0].item_key == "algemeen.foto_gevel"

    photos.link_item(session, added.id, None)
    photos.set_caption(session, added.id, "")
    shown = photos.photos_for(session, VISIT, visit_id)[0]
    assert (shown.caption, shown.item_key) == (None, None)

    photos.remove_photo(session, added.id)
    assert photos.photos_for(session, VISIT, visit_id) == []
    assert session.scalars(select(Attachment)).all() == []
    # The stored original stays: another record or the sync may still use it.
    assert attachment_store.has(prepared_dir, added.sha256)
    with pytest.raises(photos.PhotoNotFoundError):
        photos.set_caption(session, added.id, "weg")


def test_a_synced_photo_not_yet_downloaded_gives_no_path(
    session: Session, prepared_dir: Path, visit_id: str
) -> None:
    sha = "c" * 64
    session.add(
        Attachment(
            sha256=sha,
            file_name="van-collega.jpg",
            media_type="image/jpeg",
            size_bytes=123,
            owner_table=VISIT,
            owner_id=visit_id,
        )
    )
    session.commit()

    assert [p.file_name for p in photos.photos_for(session, VISIT, visit_id)] == ["van-collega.jpg"]
    assert not photos.is_available(prepared_dir, sha)
    assert photos.thumbnail_path(prepared_dir, sha) is None
    assert photos.report_image_path(prepared_dir, sha) is None


def test_a_damaged_photo_is_refused_and_not_stored(
    session: Session, prepared_dir: Path, visit_id: str, tmp_path: Path
) -> None:
    good = make_jpeg(tmp_path / "goed.jpg", (800, 600))
    damaged = make_jpeg(tmp_path / "half.jpg", (1600, 1200), color=(10, 10, 200))
    damaged.write_bytes(damaged.read_bytes()[:4000])

    result = photos.add_photos(session, prepared_dir, VISIT, visit_id, [damaged, good])

    assert [p.file_name for p in result.added] == ["goed.jpg"]
    assert [r.file_name for r in result.refused] == ["half.jpg"]
    assert "beschadigd of onvolledig" in result.refused[0].message_nl
    assert list(attachment_store.stored_hashes(prepared_dir)) == [result.added[0].sha256]
    cached = sorted(p.name for p in (prepared_dir / "cache" / "images").iterdir())
    assert cached == [f"{result.added[0].sha256}-{px}.jpg" for px in (1000, 320)]
