"""Reading photos safely and making the downscaled JPEG copies shown on screen and in reports.

Originals (often 3-5 MB phone photos) are kept untouched in the attachment store; the screen and
the PDF reports use copies cached under ``<data folder>/cache/images/<sha256>-<size>.jpg``. The
copies have the EXIF orientation applied and carry no EXIF at all (no double rotation in a
viewer, no GPS position in a report). A cached copy is named by the original's hash, so it is
never stale, and it can be deleted at any time: it is made again when needed.

Pillow's JPEG ``draft()`` mode decodes a large JPEG directly at 1/2, 1/4 or 1/8 of its size,
which makes a thumbnail of a 12-megapixel photo several times cheaper than a full decode.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from vlot_desktop import paths

THUMBNAIL_PX = 320
# Photos print two per row, about 84 mm wide: 1000 px is 300 dpi there. It is also what a JPEG
# decodes to directly at 1/4 scale from a 4032 px phone photo, which keeps a report with a
# dozen photos fast (at 1600 px the decode and resize took ~3x longer, the PDF ~3x larger).
REPORT_PX = 1000
JPEG_QUALITY = {THUMBNAIL_PX: 80, REPORT_PX: 82}
DEFAULT_QUALITY = 82

# Larger than any camera makes (a 108 MP phone photo is 12000 x 9000); refusing above it keeps
# a crafted "decompression bomb" from taking all memory.
MAX_PIXELS = 120_000_000

# Formats a visitor may bring from a phone, a camera or a scanner.
ACCEPTED_FORMATS = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "TIFF": "image/tiff",
    "BMP": "image/bmp",
}

_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 36867
_DATE_TIME = 306
_ORIENTATION = 274
_SWAPPING_ORIENTATIONS = {5, 6, 7, 8}


class ImageRefusedError(Exception):
    """A file that cannot be used as a photo; ``message_nl`` is what the user reads."""

    def __init__(self, file_name: str, message_nl: str, message_en: str) -> None:
        super().__init__(message_en)
        self.file_name = file_name
        self.message_nl = message_nl
        self.message_en = message_en


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What the attachment row records about a photo (sizes as it is meant to be seen)."""

    media_type: str
    width: int
    height: int
    taken_at: dt.datetime | None


def _refuse(path: Path, reason_nl: str, reason_en: str) -> ImageRefusedError:
    return ImageRefusedError(
        path.name,
        f"‘{path.name}’ is geweigerd: {reason_nl}",
        f"'{path.name}' was refused: {reason_en}",
    )


def _looks_like_heic(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError:
        return False
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc")


def _open(path: Path) -> Image.Image:
    """Open ``path`` as an image or raise :class:`ImageRefusedError` with the reason."""
    try:
        image = Image.open(path)
    except FileNotFoundError:
        raise _refuse(
            path, "het bestand bestaat niet (meer).", "the file does not exist."
        ) from None
    except PermissionError:
        raise _refuse(
            path, "het bestand kan niet gelezen worden (geen toegang).", "no permission to read it."
        ) from None
    except (UnidentifiedImageError, Image.DecompressionBombError, ValueError, OSError):
        if _looks_like_heic(path):
            raise _refuse(
                path,
                "HEIC-foto's worden niet ondersteund. "
                "Bewaar de foto als JPEG en voeg hem opnieuw toe.",
                "HEIC photos are not supported; save the photo as JPEG and add it again.",
            ) from None
        raise _refuse(
            path,
            "dit is geen foto of afbeelding die gelezen kan worden (JPEG, PNG, WebP, ...).",
            "this is not a readable photo or image (JPEG, PNG, WebP, ...).",
        ) from None
    if image.format not in ACCEPTED_FORMATS:
        image.close()
        raise _refuse(
            path,
            f"het bestandstype {image.format or 'onbekend'} wordt niet ondersteund "
            "(wel JPEG, PNG, WebP, GIF, TIFF, BMP).",
            f"the format {image.format or 'unknown'} is not supported.",
        )
    width, height = image.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        image.close()
        raise _refuse(
            path,
            "de afbeelding is te groot om te verwerken.",
            "the image is too large to process.",
        )
    return image


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(_ORIENTATION, 1)
    except Exception:  # a broken EXIF block must not make a good photo unusable
        return 1
    return value if isinstance(value, int) else 1


def _taken_at(image: Image.Image) -> dt.datetime | None:
    """The camera's 'date taken' (local time of the camera, no time zone), if it is readable."""
    try:
        exif = image.getexif()
        raw = exif.get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL) or exif.get(_DATE_TIME)
    except Exception:
        return None
    if not isinstance(raw, str):
        return None
    try:
        return dt.datetime.strptime(raw.strip().rstrip("\x00"), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _scaled_size(width: int, height: int, max_px: int) -> tuple[int, int]:
    factor = min(1.0, max_px / max(width, height))
    return max(1, round(width * factor)), max(1, round(height * factor))


def _decode_for(image: Image.Image, max_px: int) -> Image.Image:
    """Decode ``image`` (reduced by draft() where possible), oriented, at most ``max_px``."""
    width, height = image.size
    factor = min(1.0, max_px / max(width, height))
    if image.format == "JPEG" and factor < 1.0:
        # draft() keeps both sides at least this large; ceil so it never drops below the target.
        image.draft("RGB", (math.ceil(width * factor), math.ceil(height * factor)))
    image.load()
    oriented = ImageOps.exif_transpose(image)
    if oriented.mode not in ("RGB", "L"):
        rgba = oriented.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        oriented = flat
    target = _scaled_size(oriented.width, oriented.height, max_px)
    if target != oriented.size:
        oriented = oriented.resize(target, Image.Resampling.LANCZOS, reducing_gap=2.0)
    return oriented


def read_image_info(path: Path, *, decode: bool = True) -> ImageInfo:
    """Check that ``path`` is a usable photo and read its type, size and date taken.

    With ``decode`` the pixels are decoded (at a reduced size, cheaply), so a truncated or
    damaged file is refused here; without it only the header is read, for callers that decode
    the file next anyway (making the scaled copies refuses a damaged file just the same).
    """
    with _open(path) as image:
        media_type = ACCEPTED_FORMATS[str(image.format)]
        width, height = image.size
        orientation = _orientation(image)
        taken_at = _taken_at(image)
        try:
            if decode:
                _decode_for(image, THUMBNAIL_PX)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            raise _refuse(
                path,
                "het bestand is beschadigd of onvolledig en kan niet gelezen worden.",
                "the file is damaged or incomplete.",
            ) from None
    if orientation in _SWAPPING_ORIENTATIONS:
        width, height = height, width
    return ImageInfo(media_type=media_type, width=width, height=height, taken_at=taken_at)


def cache_dir(data_dir: Path) -> Path:
    """Where downscaled copies live (safe to delete: they are made again when needed)."""
    return paths.cache_dir(data_dir) / "images"


def cached_copy_path(data_dir: Path, sha256: str, max_px: int) -> Path:
    return cache_dir(data_dir) / f"{sha256}-{max_px}.jpg"


def _save_jpeg(image: Image.Image, target: Path, max_px: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".scaling-", suffix=".jpg", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            image.save(
                out,
                "JPEG",
                quality=JPEG_QUALITY.get(max_px, DEFAULT_QUALITY),
                optimize=max_px <= THUMBNAIL_PX,
            )
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def write_scaled_copies(source: Path, targets: dict[int, Path]) -> dict[int, Path]:
    """Write oriented JPEGs of at most ``max_px`` (the keys) on their long side, no EXIF.

    The original is decoded once, at the size the largest copy needs; smaller copies are made
    from that. Each file is written atomically.
    """
    if not targets:
        return {}
    with _open(source) as image:
        try:
            largest = _decode_for(image, max(targets))
        except (OSError, ValueError, SyntaxError):
            raise _refuse(
                source,
                "het bestand is beschadigd of onvolledig en kan niet gelezen worden.",
                "the file is damaged or incomplete.",
            ) from None
    for max_px in sorted(targets, reverse=True):
        size = _scaled_size(largest.width, largest.height, max_px)
        scaled = largest if size == largest.size else largest.resize(size, Image.Resampling.LANCZOS)
        _save_jpeg(scaled, targets[max_px], max_px)
    return dict(targets)


def write_scaled_copy(source: Path, target: Path, max_px: int) -> Path:
    """Write an oriented JPEG of at most ``max_px`` on its long side, atomically, no EXIF."""
    return write_scaled_copies(source, {max_px: target})[max_px]


def scaled_copies(
    data_dir: Path, sha256: str, source: Path, sizes: tuple[int, ...] = ()
) -> dict[int, Path]:
    """The cached copies of ``source`` (content hash ``sha256``) in these sizes, made if missing."""
    wanted = {px: cached_copy_path(data_dir, sha256, px) for px in sizes}
    missing = {px: p for px, p in wanted.items() if not (p.is_file() and p.stat().st_size > 0)}
    write_scaled_copies(source, missing)
    return wanted


def scaled_copy(data_dir: Path, sha256: str, source: Path, max_px: int) -> Path:
    """The cached copy of ``source`` (whose content hash is ``sha256``), made if missing."""
    return scaled_copies(data_dir, sha256, source, (max_px,))[max_px]
