"""Uploaded pictures made safe: sniff, bound, decode, redraw, re-encode (ASVS V12.1-12.2).

An uploaded picture is never stored as sent. It is identified by content
(not by name or declared type), bounded in bytes and in pixels before any
pixel is decoded, fully decoded, then redrawn into a fresh image and
re-encoded. The result holds only pixels we produced: no EXIF/GPS, ICC, XMP
or comments, none of the trailing bytes that let a file also be read as
HTML or script (polyglots), and never SVG (which can carry script).

Avatars (:mod:`core.identity.images`) and plugins' photos
(:func:`process_image`, exported by :mod:`core.api`) share these rules.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError, features

from core.i18n import N_

__all__ = [
    "IMAGE_EXT",
    "IMAGE_MEDIA_TYPE",
    "ImageRejected",
    "ProcessedImage",
    "decode_errors",
    "encode",
    "open_image",
    "oriented_rgb",
    "process_image",
    "square",
]

_ACCEPTED = ("JPEG", "PNG", "WEBP")
# EXIF orientation -> transpose that displays the image upright (as Pillow's
# ImageOps.exif_transpose, applied after shrinking to save memory).
_ORIENT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_WEBP = features.check("webp")

IMAGE_MEDIA_TYPE = "image/webp" if _WEBP else "image/png"
"""Media type of every re-encoded picture on this installation."""

IMAGE_EXT = "webp" if _WEBP else "png"
"""File extension matching :data:`IMAGE_MEDIA_TYPE` (no dot)."""

# Everything Pillow may raise on hostile input. DecompressionBombWarning is
# listed because test runners and hardened deployments turn warnings into
# errors; Pillow emits it for images between its own limit and twice that.
decode_errors: tuple[type[BaseException], ...] = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    MemoryError,
)


class ImageRejected(ValueError):
    """An upload that cannot become a picture; ``message`` is for the member.

    Args:
        message: Short English sentence, a gettext msgid (translate it with
            the page's ``gettext`` before showing it).
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ProcessedImage:
    """A clean re-encoded picture and its thumbnail.

    Attributes:
        data: The picture, at most ``max_side`` pixels on its longest side.
        thumb: The same picture at most ``thumb_side`` pixels on its longest side.
        width: Width of ``data`` in pixels.
        height: Height of ``data`` in pixels.
        media_type: ``image/webp`` (or ``image/png`` where Pillow lacks WebP).
        ext: File extension without the dot, for :func:`core.api.save_media`.
    """

    data: bytes
    thumb: bytes
    width: int
    height: int
    media_type: str = IMAGE_MEDIA_TYPE
    ext: str = IMAGE_EXT


def open_image(data: bytes, *, max_bytes: int, max_pixels: int) -> Image.Image:
    """Identify the format from the bytes and check sizes before decoding.

    Only headers are parsed: Pillow opens lazily, so a 50,000 x 50,000 PNG
    is refused before its pixel buffer would be allocated.
    """
    if not data:
        raise ImageRejected(N_("The file is empty."))
    if len(data) > max_bytes:
        raise ImageRejected(N_("This picture is too large."))
    try:
        image = Image.open(io.BytesIO(data), formats=_ACCEPTED)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected(N_("This picture has too many pixels.")) from exc
    except decode_errors as exc:
        raise ImageRejected(N_("Upload a JPEG, PNG or WebP picture.")) from exc
    if image.format not in _ACCEPTED:
        image.close()
        raise ImageRejected(N_("Upload a JPEG, PNG or WebP picture."))
    width, height = image.size
    if width < 1 or height < 1 or width * height > max_pixels:
        image.close()
        raise ImageRejected(N_("This picture has too many pixels."))
    return image


def _orientation(image: Image.Image) -> int:
    """EXIF orientation (1-8) as stored by cameras; 1 when absent or invalid."""
    value = image.getexif().get(ExifTags.Base.Orientation, 1)
    return value if isinstance(value, int) and value in _ORIENT else 1


def _flat_rgb(image: Image.Image, factor: int) -> Image.Image:
    """RGB copy shrunk by an integer ``factor``, transparency over white.

    Shrinking first keeps every later full-size copy (colour conversion,
    alpha compositing, rotation) off a 40 Mpx image.
    """
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        # 16-bit and float greyscale: scale to 8 bits before colour conversion.
        image = image.point(lambda v: v / 256).convert("L")
    target = "RGBA" if has_alpha else "RGB"
    if image.mode != target:
        image = image.convert(target)
    if factor >= 2:  # reduce(1) would only copy
        image = image.reduce(factor)
    if has_alpha:
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image).convert("RGB")
    return image


def oriented_rgb(image: Image.Image, side: int, *, cover: bool) -> Image.Image:
    """Decode fully, shrink towards ``side``, flatten and turn upright.

    Args:
        image: An image from :func:`open_image`.
        side: Target size in pixels.
        cover: Keep the *shorter* side at least ``side`` (square crops);
            otherwise keep the longer side at least ``side`` (fit in a box).
    """
    if image.format == "JPEG":
        # Let libjpeg decode at 1/2..1/8 scale: same checks, far less RAM.
        image.draft("RGB", (side, side))
    orientation = _orientation(image)
    image.load()
    small = _flat_rgb(image, (min(image.size) if cover else max(image.size)) // side)
    if orientation != 1:
        small = small.transpose(_ORIENT[orientation])
    return small


def _fresh(image: Image.Image) -> Image.Image:
    """A brand-new image with an empty ``info``: nothing can leak into the file."""
    return Image.frombytes("RGB", image.size, image.tobytes())


def encode(image: Image.Image) -> bytes:
    """Encode as WebP (PNG where Pillow lacks WebP)."""
    out = io.BytesIO()
    if _WEBP:
        image.save(out, format="WEBP", quality=85, method=4)
    else:
        image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def process_image(
    data: bytes,
    *,
    max_bytes: int = 10 * 1024 * 1024,
    max_pixels: int = 40_000_000,
    max_side: int = 2048,
    thumb_side: int = 400,
) -> ProcessedImage:
    """Turn an uploaded photo into a clean picture and a thumbnail.

    CPU-bound (tens of milliseconds for a phone photo): call it through
    ``anyio.to_thread.run_sync`` or ``asyncio.to_thread`` in a handler.

    Args:
        data: The uploaded bytes; the file name and declared type are ignored.
        max_bytes: Refuse larger uploads without parsing them.
        max_pixels: Refuse images whose width x height exceeds this
            (decompression bombs).
        max_side: Longest side of the stored picture.
        thumb_side: Longest side of the thumbnail.

    Returns:
        The re-encoded picture and thumbnail, without any metadata.

    Raises:
        ImageRejected: Empty, too large, not JPEG/PNG/WebP (SVG included),
            too many pixels, or undecodable; ``message`` is a msgid.
    """
    image = open_image(data, max_bytes=max_bytes, max_pixels=max_pixels)
    try:
        with image:
            picture = oriented_rgb(image, max_side, cover=False)
            picture.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            picture = _fresh(picture)
            thumb = picture.copy()
            thumb.thumbnail((thumb_side, thumb_side), Image.Resampling.LANCZOS)
            return ProcessedImage(encode(picture), encode(_fresh(thumb)), picture.width, picture.height)
    except ImageRejected:
        raise
    except decode_errors as exc:
        raise ImageRejected(N_("This picture could not be read.")) from exc


def square(image: Image.Image, size: int) -> bytes:
    """Centre-crop ``image`` (from :func:`oriented_rgb` with ``cover=True``) to a square, encoded."""
    return encode(_fresh(ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)))
