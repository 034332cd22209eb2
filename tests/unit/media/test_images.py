"""Reading photos safely: orientation, date taken, refusals, downscaled copies without EXIF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from vlot_desktop.media import images


def make_jpeg(
    path: Path,
    size: tuple[int, int] = (400, 300),
    orientation: int | None = None,
    taken: str | None = None,
    color: tuple[int, int, int] = (200, 40, 40),
) -> Path:
    image = Image.new("RGB", size, color)
    # A marker in the top-left corner, to see where it ends up after rotation.
    image.paste((0, 0, 255), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    if orientation is not None:
        exif[274] = orientation
    if taken is not None:
        exif.get_ifd(0x8769)[36867] = taken
    image.save(path, "JPEG", exif=exif.tobytes(), quality=90)
    return path


def test_exif_rotated_photo_reports_swapped_size_and_date_taken(tmp_path: Path) -> None:
    photo = make_jpeg(
        tmp_path / "gevel.jpg", (400, 300), orientation=6, taken="2026:11:20 10:15:30"
    )

    info = images.read_image_info(photo)

    assert (info.width, info.height) == (300, 400)
    assert info.media_type == "image/jpeg"
    assert info.taken_at == dt.datetime(2026, 11, 20, 10, 15, 30)


def test_scaled_copy_is_upright_small_and_without_exif(tmp_path: Path) -> None:
    photo = make_jpeg(tmp_path / "gevel.jpg", (4000, 3000), orientation=6)
    original = photo.read_bytes()

    copy = images.scaled_copy(tmp_path / "data", "a" * 64, photo, images.THUMBNAIL_PX)

    assert copy == tmp_path / "data" / "cache" / "images" / f"{'a' * 64}-320.jpg"
    with Image.open(copy) as scaled:
        assert scaled.size == (240, 320)  # portrait after applying orientation 6
        assert scaled.getexif().get(274) is None
        # Orientation 6 turns the top-left marker into the top-right corner.
        assert scaled.getpixel((230, 5))[2] > 200
        assert scaled.getpixel((5, 5))[2] < 100
    assert photo.read_bytes() == original  # the original is untouched


def test_a_text_file_named_jpg_is_refused_in_dutch(tmp_path: Path) -> None:
    fake = tmp_path / "notities.jpg"
    fake.write_text("dit is geen foto", encoding="utf-8")

    with pytest.raises(images.ImageRefusedError) as refused:
        images.read_image_info(fake)

    assert refused.value.message_nl == (
        "‘notities.jpg’ is geweigerd: dit is geen foto of afbeelding die gelezen kan worden "
        "(JPEG, PNG, WebP, ...)."
    )
    assert "refused" in refused.value.message_en


def test_a_truncated_jpeg_is_refused_as_damaged(tmp_path: Path) -> None:
    photo = make_jpeg(tmp_path / "half.jpg", (1200, 900))
    data = photo.read_bytes()
    photo.write_bytes(data[: len(data) // 3])

    with pytest.raises(images.ImageRefusedError) as refused:
        images.read_image_info(photo)

    assert "beschadigd of onvolledig" in refused.value.message_nl


def test_a_png_with_transparency_gets_a_white_background(tmp_path: Path) -> None:
    png = tmp_path / "plan.png"
    Image.new("RGBA", (100, 50), (0, 0, 0, 0)).save(png)

    info = images.read_image_info(png)
    copy = images.scaled_copy(tmp_path / "data", "b" * 64, png, images.REPORT_PX)

    assert (info.media_type, info.width, info.height) == ("image/png", 100, 50)
    with Image.open(copy) as scaled:
        assert scaled.size == (100, 50)  # never enlarged
        assert scaled.getpixel((10, 10)) == (255, 255, 255)


def test_heic_gets_its_own_explanation(tmp_path: Path) -> None:
    heic = tmp_path / "IMG_0001.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100)

    with pytest.raises(images.ImageRefusedError) as refused:
        images.read_image_info(heic)

    assert "HEIC" in refused.value.message_nl and "JPEG" in refused.value.message_nl
