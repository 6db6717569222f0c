"""Avatar uploads: content sniffing, bounds, bombs, re-encoding (ASVS V12.1-12.2)."""

from __future__ import annotations

import io
import resource
import struct
import tracemalloc
import zlib

import pytest
from PIL import ExifTags, Image, ImageFile, ImageOps

from core.identity.images import (
    AVATAR_MEDIA_TYPE,
    AVATAR_SIZE,
    MAX_AVATAR_BYTES,
    ImageRejected,
    process_avatar,
)

NOT_AN_IMAGE = "Upload a JPEG, PNG or WebP picture."
TOO_MANY_PIXELS = "This picture has too many pixels."
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def _encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def _photo(width: int = 120, height: int = 80) -> Image.Image:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    return image


def _jpeg_with_gps(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 24.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 21.0, 3.0)
    return _encode(_photo(), "JPEG", exif=exif, icc_profile=b"fake-icc-profile", comment=b"secret comment")


def _chunks(data: bytes) -> list[bytes]:
    """RIFF chunk ids of a WebP file, or PNG chunk types of a PNG file."""
    ids: list[bytes] = []
    if data[:4] == b"RIFF":
        pos = 12
        while pos + 8 <= len(data):
            ids.append(data[pos : pos + 4])
            size = struct.unpack("<I", data[pos + 4 : pos + 8])[0]
            pos += 8 + size + (size & 1)
    else:
        pos = 8
        while pos + 8 <= len(data):
            size = struct.unpack(">I", data[pos : pos + 4])[0]
            ids.append(data[pos + 4 : pos + 8])
            pos += 12 + size
    return ids


def _assert_clean_avatar(data: bytes, size: int = AVATAR_SIZE) -> Image.Image:
    if AVATAR_MEDIA_TYPE == "image/webp":
        assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
        assert set(_chunks(data)) <= {b"VP8 ", b"VP8L"}  # no VP8X, so no EXIF/ICCP/XMP chunk
    else:
        assert set(_chunks(data)) <= {b"IHDR", b"IDAT", b"IEND"}
    image = Image.open(io.BytesIO(data))
    assert image.size == (size, size)
    assert image.mode == "RGB"
    assert not image.getexif()
    assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info)
    return image


def _assert_rejected(message: str, data: bytes, **limits: int) -> None:
    with pytest.raises(ImageRejected) as info:
        process_avatar(data, **limits)
    assert str(info.value) == message


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose IHDR (with a valid CRC) declares ``width`` x ``height`` RGB."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_jpeg_with_exif_gps_comes_out_without_any_metadata() -> None:
    data = _jpeg_with_gps()
    source = Image.open(io.BytesIO(data))
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the input really carries GPS
    assert "icc_profile" in source.info
    out = process_avatar(data)
    _assert_clean_avatar(out)
    for leaked in (b"Exif", b"PhoneMaker", b"fake-icc-profile", b"secret comment"):
        assert leaked not in out


def test_exif_orientation_is_applied_before_cropping() -> None:
    # Stored landscape: red left, blue right. Orientation 6 = rotate 90 degrees
    # clockwise to display, so red ends up on top and blue at the bottom.
    out = _assert_clean_avatar(process_avatar(_jpeg_with_gps(orientation=6)))
    top = out.getpixel((AVATAR_SIZE // 2, AVATAR_SIZE // 8))
    bottom = out.getpixel((AVATAR_SIZE // 2, AVATAR_SIZE * 7 // 8))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_matches_pillows_exif_transpose(orientation: int) -> None:
    quadrants = Image.new("RGB", (80, 80), (220, 20, 20))
    quadrants.paste((20, 200, 20), (40, 0, 80, 40))
    quadrants.paste((20, 20, 220), (0, 40, 40, 80))
    quadrants.paste((240, 240, 20), (40, 40, 80, 80))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    data = _encode(quadrants, "PNG", exif=exif)
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    out = _assert_clean_avatar(process_avatar(data, size=80), size=80)
    for x, y in ((20, 20), (60, 20), (20, 60), (60, 60)):
        got, want = out.getpixel((x, y)), expected.getpixel((x, y))
        assert isinstance(got, tuple) and isinstance(want, tuple)
        assert max(abs(a - b) for a, b in zip(got, want, strict=True)) < 40, (x, y)


def test_large_images_are_shrunk_before_conversion() -> None:
    big = Image.new("RGBA", (4000, 3000), (0, 128, 0, 255))
    out = _assert_clean_avatar(process_avatar(_encode(big, "PNG")))
    pixel = out.getpixel((128, 128))
    assert isinstance(pixel, tuple) and pixel[1] > 100 > pixel[0]


def test_png_and_webp_are_accepted_and_cropped_to_a_square() -> None:
    for fmt in ("PNG", "WEBP"):
        out = _assert_clean_avatar(process_avatar(_encode(_photo(300, 100), fmt)))
        assert out.size == (AVATAR_SIZE, AVATAR_SIZE)
    small = process_avatar(_encode(_photo(), "PNG"), size=64)
    assert Image.open(io.BytesIO(small)).size == (64, 64)


def test_transparency_is_flattened_onto_white() -> None:
    out = _assert_clean_avatar(process_avatar(_encode(Image.new("RGBA", (50, 50), (0, 0, 0, 0)), "PNG")))
    pixel = out.getpixel((10, 10))
    assert isinstance(pixel, tuple) and min(pixel) > 240


def test_sixteen_bit_greyscale_png_is_scaled_not_clipped() -> None:
    out = _assert_clean_avatar(process_avatar(_encode(Image.new("I;16", (40, 40), 65535), "PNG")))
    pixel = out.getpixel((5, 5))
    assert isinstance(pixel, tuple) and min(pixel) > 240


def test_text_file_named_jpg_is_rejected() -> None:
    _assert_rejected(NOT_AN_IMAGE, b"Dear team,\nthis is my holiday.jpg, enjoy!\n" * 10)


def test_gif_is_rejected_even_though_pillow_can_read_it() -> None:
    _assert_rejected(NOT_AN_IMAGE, _encode(_photo(), "GIF"))


def test_svg_and_html_are_rejected() -> None:
    for data in (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', HTML):
        _assert_rejected(NOT_AN_IMAGE, data)


def test_jpeg_header_followed_by_html_is_rejected() -> None:
    _assert_rejected(NOT_AN_IMAGE, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + HTML)


def test_real_jpeg_carrying_html_is_re_encoded_without_it() -> None:
    polyglot = _encode(_photo(), "JPEG", comment=HTML) + HTML
    assert polyglot.count(b"<script>") == 2
    out = process_avatar(polyglot)
    _assert_clean_avatar(out)
    assert b"<script" not in out and b"<html" not in out


def test_truncated_jpeg_is_rejected() -> None:
    data = _encode(_photo(400, 400), "JPEG")
    _assert_rejected("This picture could not be read.", data[: len(data) // 2])


def test_oversized_upload_is_rejected_before_parsing() -> None:
    _assert_rejected("This picture is too large.", b"\x00" * (MAX_AVATAR_BYTES + 1))
    png = _encode(_photo(), "PNG")
    _assert_rejected("This picture is too large.", png, max_bytes=len(png) - 1)
    assert process_avatar(png, max_bytes=len(png))


def test_empty_upload_is_rejected() -> None:
    _assert_rejected("The file is empty.", b"")


def test_png_declaring_50000_squared_pixels_is_rejected_without_allocating(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = _png_header(50_000, 50_000)
    assert len(bomb) < 200

    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    try:
        _assert_rejected(TOO_MANY_PIXELS, bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # decoding would need 7.5 GB
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 * 1024  # KiB on Linux


def test_pixel_limit_is_ours_not_only_pillows() -> None:
    # 7,000 x 7,000 = 49 Mpx: under Pillow's own bomb threshold, over our 40 Mpx.
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _assert_rejected(TOO_MANY_PIXELS, _png_header(7_000, 7_000))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 * 1024
    _assert_rejected(TOO_MANY_PIXELS, _encode(_photo(100, 100), "PNG"), max_pixels=9_999)


def test_rejection_is_a_value_error_with_a_user_message() -> None:
    with pytest.raises(ValueError, match=NOT_AN_IMAGE) as info:
        process_avatar(b"GIF89a")
    assert isinstance(info.value, ImageRejected)
    assert info.value.message == str(info.value) == NOT_AN_IMAGE
