"""Responsive renditions of uploaded photos, made by sorl-thumbnail when the photo is saved.

A public page never makes an image: on election day a cold cache would turn page views into
image work. A ``RenditionsField`` next to a photo field therefore keeps the names and sizes of
the WebP and JPEG renditions sorl-thumbnail wrote when that photo was saved, and pages read only
that record (``Picture`` and ``templates/includes/_picture.html``), never the files.

Usage on a model (declare it after the photo field, whose file must be stored first)::

    photo = PhotoField(...)
    photo_renditions = RenditionsField(source="photo")

    @property
    def picture(self):
        return Picture(self.photo_renditions)
"""

from operator import itemgetter

from django.db import models
from django.db.models.fields.files import FieldFile
from sorl.thumbnail import default, get_thumbnail

WIDTHS = (160, 320, 640)
FORMATS = {"webp": "WEBP", "jpeg": "JPEG"}
QUALITY = 80


def make_renditions(photo, widths=WIDTHS, *, discard_on_failure=False):
    """Write the renditions of a stored photo; return the record a RenditionsField keeps.

    With ``discard_on_failure``, a failure removes the renditions already written and the photo
    itself before it is raised: a photo just uploaded that cannot be shown is of no use, and its
    files would otherwise stay in MEDIA_ROOT, unreferenced, and go into every backup.
    """
    record = {"source": photo.name}
    written = []
    try:
        for key, image_format in FORMATS.items():
            by_width = {}
            for width in widths:
                # No upscaling: a small photo yields fewer, never blurrier, renditions.
                thumbnail = get_thumbnail(
                    photo, str(width), format=image_format, quality=QUALITY, upscale=False
                )
                written.append(thumbnail.name)
                by_width.setdefault(
                    thumbnail.width,
                    {"name": thumbnail.name, "width": thumbnail.width, "height": thumbnail.height},
                )
            record[key] = sorted(by_width.values(), key=itemgetter("width"))
    except BaseException:
        # BaseException too: gunicorn ends a worker past its timeout with SystemExit.
        if discard_on_failure:
            for name in written:
                default.storage.delete(name)
            photo.storage.delete(photo.name)
        raise
    return record


class RenditionsField(models.JSONField):
    """The renditions of the photo in ``source``, remade whenever a different photo is saved."""

    def __init__(self, *args, source, **kwargs):
        self.source = source
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, "core.renditions.RenditionsField", args, kwargs

    def pre_save(self, model_instance, add):
        photo = getattr(model_instance, self.source)
        record = getattr(model_instance, self.attname) or {}
        # Historical copies (simple_history) hold the photo as a plain name: keep their record.
        if isinstance(photo, FieldFile):
            if not photo:
                record = {}
            elif record.get("source") != photo.name:
                # Only a photo this same save stored (PhotoField marks it) may be removed: an
                # older one is still what the saved row points to.
                record = make_renditions(
                    photo, discard_on_failure=getattr(photo, "stored_by_this_save", False)
                )
            setattr(model_instance, self.attname, record)
        return record


class Picture:
    """What ``includes/_picture.html`` shows, read from a rendition record without opening files."""

    def __init__(self, record, fallback_width=320):
        self.webp = (record or {}).get("webp", [])
        self.jpeg = (record or {}).get("jpeg", [])
        fitting = [r for r in self.jpeg if r["width"] <= fallback_width]
        self._fallback = (fitting or self.jpeg[:1] or [None])[-1]

    def __bool__(self):
        return bool(self.jpeg)

    @staticmethod
    def _srcset(renditions):
        return ", ".join(f"{default.storage.url(r['name'])} {r['width']}w" for r in renditions)

    @property
    def webp_srcset(self):
        return self._srcset(self.webp)

    @property
    def jpeg_srcset(self):
        return self._srcset(self.jpeg)

    @property
    def src(self):
        return default.storage.url(self._fallback["name"]) if self else ""

    @property
    def width(self):
        return self._fallback["width"] if self else None

    @property
    def height(self):
        return self._fallback["height"] if self else None

    @property
    def largest(self):
        """The biggest JPEG rendition (for Open Graph previews), as a dict with name/width/height/url."""
        if not self:
            return None
        biggest = self.jpeg[-1]
        return {**biggest, "url": default.storage.url(biggest["name"])}
