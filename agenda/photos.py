"""People's photos: recognised by decoding them, never by their name, and resized.

Only JPEG and PNG are accepted (no SVG: it can carry script). The upload is decoded
with Pillow, its size and pixel count bounded, turned upright, stripped of metadata
(EXIF can carry a location) and resized to a thumbnail; only the thumbnail is stored.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
THUMBNAIL_SIZE = (480, 480)
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class ProcessedPhoto:
    content: bytes
    content_type: str
    width: int
    height: int
    sha256: str


def _wrong_type() -> ValidationError:
    return ValidationError(
        _("This file is not a JPEG or PNG photo. Save the photo as JPEG or PNG and retry."),
        code="wrong_type",
    )


def process_photo(fileobj) -> ProcessedPhoto:
    """Check an uploaded photo and return its thumbnail, or raise ValidationError."""
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
    if not size:
        raise ValidationError(_("The file is empty. Choose the photo again."), code="empty")
    if size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The photo is %(size)s; the limit is %(limit)s. Reduce its size and retry."),
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_PHOTO_BYTES)},
            code="too_large",
        )
    fileobj.seek(0)
    data = fileobj.read(MAX_PHOTO_BYTES + 1)
    fileobj.seek(0)
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused below, not merely warned about.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as probe:
                image_format = probe.format
                width, height = probe.size
                if width * height > MAX_PHOTO_PIXELS:
                    raise ValidationError(
                        _("The photo is %(w)s × %(h)s pixels, too large. Resize it and retry."),
                        params={"w": width, "h": height},
                        code="too_many_pixels",
                    )
                probe.verify()
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise _wrong_type() from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("This photo could not be read (%(error)s). Save it again as JPEG or PNG."),
            params={"error": str(exc)[:200]},
            code="unreadable",
        ) from exc
    if image_format not in FORMATS:
        raise _wrong_type()

    image.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if image_format == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        image.save(buffer, format="PNG", optimize=True)
    else:
        if image.mode != "RGB":
            image = image.convert("RGB")
        image.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    content = buffer.getvalue()
    return ProcessedPhoto(
        content=content,
        content_type=FORMATS[image_format],
        width=image.width,
        height=image.height,
        sha256=hashlib.sha256(content).hexdigest(),
    )
