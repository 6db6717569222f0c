"""Pictures for the demo wall, drawn with Pillow (nothing is downloaded).

Simple scenes a member might share: a lake at sunrise, a walk in the hills,
a plate of vegetables, a cup of tea, a flower bed. Each is drawn at phone
photo proportions with a seeded generator, saved as JPEG, then goes through
``core.api.process_image`` like any upload.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFilter

__all__ = ["SCENES", "draw_scene"]

Size = tuple[int, int]


def _sky(draw: ImageDraw.ImageDraw, size: Size, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> None:
    width, height = size
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def _lake(rng: random.Random, size: Size) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    _sky(draw, (width, height), (250, 190, 140), (120, 160, 210))
    sun_x, horizon = rng.randint(width // 4, 3 * width // 4), int(height * 0.55)
    draw.ellipse([sun_x - 60, horizon - 140, sun_x + 60, horizon - 20], fill=(255, 236, 170))
    draw.polygon(
        [
            (0, horizon),
            (width * 0.3, horizon - 90),
            (width * 0.6, horizon - 30),
            (width, horizon - 110),
            (width, horizon),
        ],
        fill=(70, 90, 110),
    )
    draw.rectangle([0, horizon, width, height], fill=(60, 110, 160))
    for _ in range(40):
        y = rng.randint(horizon + 5, height - 5)
        x = rng.randint(0, width)
        draw.line([(x, y), (x + rng.randint(20, 90), y)], fill=(230, 200, 160), width=2)
    return image


def _hills(rng: random.Random, size: Size) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    _sky(draw, size, (150, 200, 240), (225, 240, 250))
    for layer, colour in enumerate([(120, 170, 110), (90, 145, 85), (60, 115, 65)]):
        base = int(height * (0.45 + 0.15 * layer))
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base + rng.randint(-50, 50)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    draw.line([(width * 0.45, height), (width * 0.55, height * 0.62)], fill=(200, 180, 140), width=28)
    return image


def _plate(rng: random.Random, size: Size) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, (180, 140, 100))
    draw = ImageDraw.Draw(image)
    cx, cy, r = width // 2, height // 2, min(width, height) // 2 - 40
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(245, 245, 240))
    draw.ellipse([cx - r + 40, cy - r + 40, cx + r - 40, cy + r - 40], fill=(235, 235, 228))
    palette = [(70, 150, 60), (220, 90, 50), (240, 190, 60), (120, 80, 50), (180, 40, 60)]
    for _ in range(70):
        angle_x, angle_y = rng.uniform(-0.6, 0.6), rng.uniform(-0.6, 0.6)
        x, y, s = cx + int(angle_x * r), cy + int(angle_y * r), rng.randint(12, 34)
        draw.ellipse([x - s, y - s // 2, x + s, y + s // 2], fill=rng.choice(palette))
    return image


def _tea(rng: random.Random, size: Size) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, (200, 170, 130))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 60):
        draw.line([(x, 0), (x + rng.randint(-10, 10), height)], fill=(185, 150, 110), width=3)
    cx, cy = width // 2, height // 2 + 40
    draw.ellipse([cx - 220, cy - 60, cx + 220, cy + 120], fill=(240, 240, 235))
    draw.rectangle([cx - 140, cy - 200, cx + 140, cy + 30], fill=(90, 130, 170))
    draw.ellipse([cx - 140, cy - 240, cx + 140, cy - 160], fill=(150, 90, 40))
    draw.arc([cx + 110, cy - 170, cx + 220, cy - 40], start=-90, end=90, fill=(90, 130, 170), width=22)
    return image.filter(ImageFilter.SMOOTH)


def _flowers(rng: random.Random, size: Size) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, (80, 130, 60))
    draw = ImageDraw.Draw(image)
    for _ in range(120):
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = rng.choice([(230, 80, 120), (250, 220, 80), (250, 250, 250), (160, 100, 220)])
        s = rng.randint(10, 26)
        for dx, dy in ((s, 0), (-s, 0), (0, s), (0, -s)):
            draw.ellipse([x + dx - s // 2, y + dy - s // 2, x + dx + s // 2, y + dy + s // 2], fill=colour)
        draw.ellipse([x - s // 3, y - s // 3, x + s // 3, y + s // 3], fill=(250, 200, 40))
    return image


SCENES: dict[str, Callable[[random.Random, Size], Image.Image]] = {
    "lake": _lake,
    "hills": _hills,
    "plate": _plate,
    "tea": _tea,
    "flowers": _flowers,
}


def draw_scene(name: str, rng: random.Random) -> bytes:
    """A JPEG of the scene, 1200 x 900, as a phone would send it."""
    size = (1200, 900)
    image = SCENES[name](rng, size)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)
    return out.getvalue()
