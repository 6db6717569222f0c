"""Avatar upload processing: sniff, bound, decode, re-encode (ASVS V12.1-12.2).

An uploaded picture is never stored as sent. It is identified by content
(not by name or declared type), bounded in bytes and in pixels before any
pixel is decoded, fully decoded, then redrawn into a fresh image and
re-encoded. The stored file therefore holds only pixels we produced: no
EXIF/GPS, ICC, XMP or comments, and none of the trailing bytes that let a
file also be read as HTML or script (polyglots).
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError, features

__all__ = [
    "AVATAR_MEDIA_TYPE",
    "AVATAR_SIZE",
    "AVATAR_SUFFIX",
    "MAX_AVATAR_BYTES",
    "MAX_AVATAR_PIXELS",
    "ImageRejected",
    "process_avatar",
]

MAX_AVATAR_BYTES = 5 * 1024 * 1024
"""Largest accepted upload; phone photos fit, abuse of storage does not."""

MAX_AVATAR_PIXELS = 40_000_000
"""Largest accepted width x height; stops decompression bombs (ASVS 12.1.1)."""

AVATAR_SIZE = 256
"""Side in pixels of the square output; enough for 2x displays at 128 px."""

_ACCEPTED = ("JPEG", "PNG", "WEBP")
_WEBP = features.check("webp")

AVATAR_MEDIA_TYPE = "image/webp" if _WEBP else "image/png"
"""Media type of what :func:`process_avatar` returns on this installation."""

AVATAR_SUFFIX = ".webp" if _WEBP else ".png"
"""File-name suffix matching :data:`AVATAR_MEDIA_TYPE`."""

# Everything Pillow may raise on hostile input. DecompressionBombWarning is
# listed because test runners and hardened deployments turn warnings into
# errors; Pillow emits it for images between its own limit and twice that.
_DECODE_ERRORS = (
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
    Image.ImageError if hasattr(Image, "ImageError") else OSError,
)


class ImageRejected(ValueError):
    """An upload that cannot become an avatar; ``str()`` is for the member.

    Args:
        message: Short English sentence, usable as a gettext msgid.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Identify the format from the bytes and check the declared size.

    Only headers are parsed here: Pillow opens lazily, so a 50,000 x 50,000
    PNG is refused before its pixel buffer would be allocated.
    """
    try:
        image = Image.open(io.BytesIO(data), formats=_ACCEPTED)
    except _DECODE_ERRORS as exc:
        raise ImageRejected("Upload a JPEG, PNG or WebP picture.") from exc
    if image.format not in _ACCEPTED:
        raise ImageRejected("Upload a JPEG, PNG or WebP picture.")
    width, height = image.size
    if width < 1 or height < 1 or width * height > max_pixels:
        raise ImageRejected("This picture has too many pixels.")
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """Return an RGB image, laying any transparency over white."""
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La")
    if has_alpha or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        # 16-bit and float greyscale: scale to 8 bits before colour conversion.
        return image.point(lambda v: v / 256).convert("L").convert("RGB")
    return image.convert("RGB")


def _render(image: Image.Image, size: int) -> Image.Image:
    """Decode fully, orient, flatten and crop; return a metadata-free copy."""
    if image.format == "JPEG":
        # Let libjpeg decode at 1/2..1/8 scale: same checks, far less RAM.
        image.draft("RGB", (size, size))
    image.load()
    oriented = ImageOps.exif_transpose(image)
    square = ImageOps.fit(
        _flatten(oriented), (size, size), method=Image.Resampling.LANCZOS
    )
    # A brand-new image has an empty ``info``: nothing can leak into the file.
    return Image.frombytes("RGB", square.size, square.tobytes())


def _encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    if _WEBP:
        image.save(out, format="WEBP", quality=85, method=4)
    else:
        image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def process_avatar(
    data: bytes,
    *,
    max_bytes: int = MAX_AVATAR_BYTES,
    max_pixels: int = MAX_AVATAR_PIXELS,
    size: int = AVATAR_SIZE,
) -> bytes:
    """Turn an uploaded picture into a clean square avatar.

    CPU-bound (tens of milliseconds for a phone photo): call it from a worker
    thread in async code.

    Args:
        data: The uploaded bytes; the file name and declared type are ignored.
        max_bytes: Refuse larger uploads without parsing them.
        max_pixels: Refuse images whose width x height exceeds this.
        size: Side in pixels of the square result.

    Returns:
        A ``size`` x ``size`` RGB image encoded as :data:`AVATAR_MEDIA_TYPE`
        (WebP, or PNG where Pillow lacks WebP), without any metadata.

    Raises:
        ImageRejected: The upload is empty, too large, not JPEG/PNG/WebP,
            has too many pixels, or cannot be decoded.
    """
    if not data:
        raise ImageRejected("The file is empty.")
    if len(data) > max_bytes:
        raise ImageRejected("This picture is too large.")
    image = _open(data, max_pixels)
    try:
        with image:
            return _encode(_render(image, size))
    except ImageRejected:
        raise
    except _DECODE_ERRORS as exc:
        raise ImageRejected("This picture could not be read.") from exc
