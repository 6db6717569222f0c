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

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError, features

from core.i18n import N_

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
# EXIF orientation -> transpose that displays the image upright (as Pillow's
# ImageOps.exif_transpose, applied here after shrinking to save memory).
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
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected(N_("This picture has too many pixels.")) from exc
    except _DECODE_ERRORS as exc:
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


def _small_rgb(image: Image.Image, size: int) -> Image.Image:
    """Return an RGB copy no smaller than ``size``, transparency over white.

    Shrinking by an integer factor first keeps every later full-size copy
    (colour conversion, alpha compositing, rotation) off a 40 Mpx image.
    """
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        # 16-bit and float greyscale: scale to 8 bits before colour conversion.
        image = image.point(lambda v: v / 256).convert("L")
    target = "RGBA" if has_alpha else "RGB"
    if image.mode != target:
        image = image.convert(target)
    factor = min(image.size) // size
    if factor >= 2:  # reduce(1) would only copy
        image = image.reduce(factor)
    if has_alpha:
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image).convert("RGB")
    return image


def _render(image: Image.Image, size: int) -> Image.Image:
    """Decode fully, shrink, flatten, orient and crop; return a metadata-free copy."""
    if image.format == "JPEG":
        # Let libjpeg decode at 1/2..1/8 scale: same checks, far less RAM.
        image.draft("RGB", (size, size))
    orientation = _orientation(image)
    image.load()
    small = _small_rgb(image, size)
    if orientation != 1:
        small = small.transpose(_ORIENT[orientation])
    square = ImageOps.fit(small, (size, size), method=Image.Resampling.LANCZOS)
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
        raise ImageRejected(N_("The file is empty."))
    if len(data) > max_bytes:
        raise ImageRejected(N_("This picture is too large."))
    image = _open(data, max_pixels)
    try:
        with image:
            return _encode(_render(image, size))
    except ImageRejected:
        raise
    except _DECODE_ERRORS as exc:
        raise ImageRejected(N_("This picture could not be read.")) from exc
