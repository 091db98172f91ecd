"""Link-preview images (Open Graph) for WhatsApp and other apps: 1200×630 JPEG, under 300 KB.

A card is described by a few texts and photos; its digest names the file, so a card is drawn
once per content and language, kept on disk, and a changed card gets a new address (which also
makes WhatsApp, which caches previews per address, fetch the new one).
"""

import dataclasses
import functools
import hashlib
import io
import json
import unicodedata
from dataclasses import asdict, dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont, ImageOps

from core import training

WIDTH, HEIGHT = 1200, 630
QUALITY = 82
# Bump when the drawing changes, so every card is redrawn.
STYLE_VERSION = 2

BRAND = (13, 74, 107)
INK = (26, 29, 33)
MUTED = (74, 85, 99)
WASH = (242, 245, 248)
WHITE = (255, 255, 255)
TRAINING = (156, 42, 0)


@dataclass
class Card:
    label: str
    title: str
    subtitle: str = ""
    badge: str = ""
    footer: str = "Portal Pilkada Kota Balikpapan"
    photos: list = field(default_factory=list)  # storage names; None draws the initials instead
    initials: list = field(default_factory=list)
    alt: str = ""
    # Every card drawn while training carries the mark, whichever page asked for it.
    mark: str = field(default_factory=training.mark)

    def digest(self):
        payload = {k: v for k, v in asdict(self).items() if k != "alt"}
        if not self.mark:
            del payload["mark"]  # unmarked cards keep the addresses they had before the mark existed
        payload["style"] = STYLE_VERSION
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]

    @property
    def storage_name(self):
        return f"og/{self.digest()}.jpg"


def ensure(card):
    """The stored JPEG for the card, drawn now only if this exact card was never drawn."""
    name = card.storage_name
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(render(card)))
    return name


def font(size):
    # Pillow ships a scalable font, so the cards look the same on every server, fonts or not.
    return ImageFont.load_default(size=size)


# That font has no dashes, accented letters or "×": they would be drawn as empty boxes.
STAND_INS = {"–": "-", "—": "-", "‑": "-", "×": "x", "\u00a0": " "}


def _glyph(character):
    mask = font(40).getmask(character)
    return mask.size, bytes(mask)


@functools.cache
def _has_glyph(character):
    # A character the font lacks is drawn as its "no glyph" box, like any unassigned code point.
    return _glyph(character) != _glyph("\U0010ffff")


def drawable(text):
    """The text with each character the font lacks replaced by its nearest plain form (é → e)."""
    out = []
    for character in text:
        if character.isspace() or _has_glyph(character):
            out.append(character)
            continue
        stand_in = STAND_INS.get(character) or unicodedata.normalize("NFKD", character)[0]
        out.append(stand_in if _has_glyph(stand_in) else "?")
    return "".join(out)


def _wrap(draw, text, typeface, width, max_lines):
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        if len(lines) == max_lines:
            break
    if line and len(lines) < max_lines:
        lines.append(line)
    if len(lines) == max_lines and " ".join(lines) != " ".join(words):
        while lines[-1] and draw.textlength(lines[-1] + "…", font=typeface) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] = lines[-1].rstrip() + "…"
    return lines


def _portrait(name, initials, box):
    width, height = box
    if name:
        try:
            with default_storage.open(name) as handle:
                photo = Image.open(handle)
                photo.load()
            return ImageOps.fit(photo.convert("RGB"), box, centering=(0.5, 0.3))
        except (OSError, ValueError):
            pass
    tile = Image.new("RGB", box, WASH)
    draw = ImageDraw.Draw(tile)
    draw.text((width / 2, height / 2), initials or "?", font=font(96), fill=BRAND, anchor="mm")
    return tile


def render(card):
    texts = ("label", "title", "subtitle", "badge", "footer", "mark")
    card = dataclasses.replace(card, **{name: drawable(getattr(card, name)) for name in texts})
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    if card.mark:
        image = _watermark(image, card.mark)
    draw = ImageDraw.Draw(image)
    band = TRAINING if card.mark else BRAND
    draw.rectangle((0, 0, 24, HEIGHT), fill=band)
    draw.rectangle((0, HEIGHT - 90, WIDTH, HEIGHT), fill=band)
    if card.mark:
        draw.text(
            (64, HEIGHT - 45), card.mark.upper(), font=font(40), fill=WHITE, anchor="lm", stroke_width=1
        )
    else:
        draw.text((64, HEIGHT - 45), card.footer, font=font(30), fill=WHITE, anchor="lm")

    text_right = WIDTH - 64
    if card.photos or card.initials:
        count = max(len(card.photos), len(card.initials))
        box = (230, 290)
        x = WIDTH - 64 - count * box[0] - (count - 1) * 20
        for index in range(count):
            name = card.photos[index] if index < len(card.photos) else None
            initials = card.initials[index] if index < len(card.initials) else ""
            image.paste(_portrait(name, initials, box), (x + index * (box[0] + 20), 150))
        text_right = x - 40

    y = 60
    draw.text((64, y), card.label.upper(), font=font(30), fill=MUTED)
    y += 60
    if card.badge:
        badge_font = font(64)
        badge_width = max(110, draw.textlength(card.badge, font=badge_font) + 56)
        draw.rounded_rectangle((64, y, 64 + badge_width, y + 110), radius=24, fill=BRAND)
        draw.text((64 + badge_width / 2, y + 55), card.badge, font=badge_font, fill=WHITE, anchor="mm")
        y += 140
    title_font = font(60 if len(card.title) < 60 else 50)
    for line in _wrap(draw, card.title, title_font, text_right - 64, 3):
        draw.text((64, y), line, font=title_font, fill=INK, stroke_width=1, stroke_fill=INK)
        y += title_font.size + 14
    if card.subtitle:
        y += 10
        subtitle_font = font(34)
        for line in _wrap(draw, card.subtitle, subtitle_font, text_right - 64, 2):
            draw.text((64, y), line, font=subtitle_font, fill=MUTED)
            y += subtitle_font.size + 10

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def _watermark(image, mark):
    """The mark across the middle at a slant, under everything else drawn, where apps that crop
    a preview to a square still show it."""
    layer = Image.new("RGBA", (WIDTH * 2, HEIGHT * 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    text = mark.split(",")[0].upper()
    typeface = font(110)
    step = int(draw.textlength(text, font=typeface)) + 120
    for row, y in enumerate(range(0, HEIGHT * 2, 260)):
        for x in range(-(row % 2) * step // 2, WIDTH * 2, step):
            draw.text((x, y), text, font=typeface, fill=(*TRAINING, 70))
    layer = layer.rotate(20, resample=Image.Resampling.BICUBIC)
    layer = layer.crop((WIDTH // 2, HEIGHT // 2, WIDTH // 2 + WIDTH, HEIGHT // 2 + HEIGHT))
    return Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
