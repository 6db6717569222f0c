"""Avatar upload processing: a square crop of :func:`core.images.process_image`'s rules.

The safety rules (content sniffing, byte and pixel bounds before decoding,
full decode, redraw, re-encode without metadata) live in :mod:`core.images`
and are shared with plugins' photos; this module only adds the avatar
shape: a centred square of :data:`AVATAR_SIZE` pixels.
"""

from __future__ import annotations

from core.i18n import N_
from core.images import IMAGE_EXT, IMAGE_MEDIA_TYPE, ImageRejected, decode_errors, open_image, oriented_rgb, square

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

AVATAR_MEDIA_TYPE = IMAGE_MEDIA_TYPE
"""Media type of what :func:`process_avatar` returns on this installation."""

AVATAR_SUFFIX = f".{IMAGE_EXT}"
"""File-name suffix matching :data:`AVATAR_MEDIA_TYPE`."""


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
    image = open_image(data, max_bytes=max_bytes, max_pixels=max_pixels)
    try:
        with image:
            return square(oriented_rgb(image, size, cover=True), size)
    except ImageRejected:
        raise
    except decode_errors as exc:
        raise ImageRejected(N_("This picture could not be read.")) from exc
