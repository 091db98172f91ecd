"""Photos made on the fly for upload tests: small, fictional, with the metadata a phone adds."""

import functools
import io
import struct
import zlib

from PIL import Image

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'


def phone_exif(orientation=1):
    exif = Image.Exif()
    exif[MAKE] = "Contoh Phone"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "S", 2: (1.0, 16.0, 30.0), 3: "E", 4: (116.0, 50.0, 0.0)}
    return exif


def photo_bytes(image_format="JPEG", size=(400, 500), orientation=1, **options):
    """A photo as a phone would send it: EXIF with GPS position (and XMP where the format has it)."""
    image = Image.new("RGB", size, (180, 120, 90))
    buffer = io.BytesIO()
    extra = {"xmp": XMP} if image_format in ("JPEG", "WEBP") else {}
    image.save(buffer, image_format, exif=phone_exif(orientation).tobytes(), **extra, **options)
    return buffer.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def blank_png(width, height):
    """A complete, valid black-and-white PNG of any size, made without Pillow drawing every pixel
    (which takes seconds for 1 × 40,000,000): each row is a filter byte and zero bits."""
    rows = (b"\0" * (1 + (width + 7) // 8)) * height
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows, 9))
        + _png_chunk(b"IEND", b"")
    )
