"""Photos made on the fly for upload tests: small, fictional, with the metadata a phone adds."""

import io

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
