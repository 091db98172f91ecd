"""Photo uploads that are safe to publish: real JPEG/PNG/WebP only, bounded, re-encoded, renamed.

Pillow's own checks are not enough: Django's ImageField accepts any format Pillow reads and only
*warns* about decompression bombs below twice Pillow's limit. Here a file must decode fully as
one of three formats within 5 MB and 40 megapixels, and is then re-encoded, which drops EXIF and
GPS data and anything smuggled after the image data, and stored under a random name.

The size a file declares in its header is checked before a single pixel is decoded: a 39 KB PNG
of 40,000,000 × 1 pixels is within 40 megapixels, yet decoding, re-encoding and resizing it took
a worker 69 s and 2.2 GB, and 1 × 40,000,000 broke WebP's 16,383-pixel limit. So neither side may
exceed 12,000 pixels (a 48-megapixel camera gives 8,000) nor be more than ten times the other (a
wide banner or a tall poster fits; a strip does not). The stored copy is at most 3,200 pixels on
its longer side: pages use 640 at most and preview cards 1,200, and making the renditions from a
full 40-megapixel original took seconds each. Together these keep the worst accepted photo to a
few seconds and a few hundred megabytes.
"""

import io
import math
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 12_000
MAX_ASPECT_RATIO = 10
STORED_MAX_SIDE = 3_200
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Palette PNGs need their transparency entry; nothing else read from an upload is written back.
KEPT_INFO = frozenset({"transparency"})


def _open_checked(file):
    """Decode the whole image, refusing anything that is not a bounded JPEG, PNG or WebP."""
    size = getattr(file, "size", None)
    if size is None:
        size = file.seek(0, io.SEEK_END)
    if size > MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size)s MB; the limit is 5 MB."),
            code="too_large",
            # Rounded up, so a file just over the limit never reads as "5.0 MB".
            params={"size": number_format(math.ceil(size / 2**20 * 10) / 10, decimal_pos=1)},
        )
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow warns above MAX_IMAGE_PIXELS (set to MAX_PIXELS in PortalConfig.ready); the
        # checks below say more than the warning would, and bigger bombs still raise.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(file, formats=list(FORMATS))
            _check_declared_size(*image.size)
            image.load()
            file.seek(0)
            if _has_trailing_data(file.read(), image.format):
                raise ValidationError(
                    _(
                        "This file carries extra data after the picture, which may hide another file. "
                        "Export the photo again as JPEG, PNG or WebP and upload that copy."
                    ),
                    code="trailing_data",
                )
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ValidationError(
                _("The photo has too many pixels; the limit is 40 megapixels."), code="bomb"
            ) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
            raise ValidationError(
                _("This file is not a complete JPEG, PNG or WebP photo."), code="not_an_image"
            ) from error
    return image


def _check_declared_size(width, height):
    """Refuse a size from the file's header, before anything is decoded."""
    size = {
        "width": number_format(width, force_grouping=True),
        "height": number_format(height, force_grouping=True),
    }
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("The photo has %(mp)s megapixels; the limit is 40."),
            code="too_many_pixels",
            params={"mp": number_format(math.ceil(width * height / 1e6))},
        )
    if max(width, height) > MAX_SIDE:
        raise ValidationError(
            _(
                "The photo is %(width)s × %(height)s pixels; neither side may be longer than "
                "%(limit)s pixels. Make it smaller and upload it again."
            ),
            code="too_long_a_side",
            params={**size, "limit": number_format(MAX_SIDE, force_grouping=True)},
        )
    if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        raise ValidationError(
            _(
                "The photo is %(width)s × %(height)s pixels: one side is more than ten times the "
                "other. Crop it to a ratio of at most 10:1 and upload it again."
            ),
            code="too_narrow",
            params=size,
        )


def _has_trailing_data(data, image_format):
    """True when bytes other than zero padding follow the end of the image (a polyglot file)."""
    end = {"JPEG": _jpeg_end, "PNG": _png_end, "WEBP": _webp_end}[image_format](data)
    return end is None or data[end:].strip(b"\0") != b""


def _jpeg_end(data):
    """Offset just after the EOI marker, walking the segments and the entropy-coded scans."""
    position, size = 2, len(data)
    while position < size:
        if data[position] != 0xFF:
            return None
        while position < size and data[position] == 0xFF:
            position += 1
        if position >= size:
            return None
        marker = data[position]
        position += 1
        if marker == 0xD9:
            return position
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2:
            return None
        position += length
        if marker == 0xDA:
            # Scan data: a 0xFF is followed by 0x00 (stuffing) or a restart marker, else a new marker.
            # Jump from one 0xFF to the next (bytes.find runs in C): stepping through every byte
            # in Python took seconds for a phone photo.
            position = data.find(b"\xff", position)
            while position != -1 and position < size - 1 and not _is_marker(0xFF, data[position + 1]):
                position = data.find(b"\xff", position + 1)
            if position == -1:
                position = size
    return None


def _is_marker(byte, following):
    return byte == 0xFF and following != 0x00 and not 0xD0 <= following <= 0xD7


def _png_end(data):
    """Offset just after the IEND chunk."""
    position = 8
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        position += 12 + length
        if kind == b"IEND":
            return position
    return None


def _webp_end(data):
    """The end of the RIFF container, which states its own size."""
    return 8 + int.from_bytes(data[4:8], "little")


def validate_photo(file):
    """Field validator: the admin form shows a clear message and nothing is stored."""
    if not file or getattr(file, "_committed", False):
        # A stored file was checked and re-encoded when it was uploaded.
        return
    _open_checked(file)
    file.seek(0)


def reencode(file):
    """A clean copy of the photo: upright, without metadata, same format, random file name."""
    image = _open_checked(file)
    fmt = image.format
    image = ImageOps.exif_transpose(image)
    # Shrinks only; a smaller photo keeps its size.
    image.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE))
    # Pillow writes some metadata it read back into the copy (a JPEG comment, for one): keep only
    # what the picture needs to look the same.
    image.info = {key: value for key, value in image.info.items() if key in KEPT_INFO}
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=88, optimize=True, progressive=True)
    elif fmt == "WEBP":
        image.save(buffer, "WEBP", quality=85)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        # No optimize=True: it took four times as long as plain compression for 1% smaller files.
        image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[fmt]}")


class PhotoField(models.ImageField):
    """An ImageField whose new uploads are validated and re-encoded before they are stored."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_photo])
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean = reencode(file.file)
            file.save(clean.name, clean, save=False)
            # Read by RenditionsField: if this save fails after this point, the file goes too.
            # (save() put the bare name back on the instance, which wraps it in a new FieldFile.)
            getattr(model_instance, self.attname).stored_by_this_save = True
        elif file:
            file.stored_by_this_save = False
        return super().pre_save(model_instance, add)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("validators") == [validate_photo]:
            del kwargs["validators"]
        return name, "core.images.PhotoField", args, kwargs
