"""Ad photos: validated and re-encoded by ``core.api.process_image``, stored as media.

Every upload of a submission is processed before anything is written, so
one bad file (or a sixth photo) leaves nothing behind. Files live in the
plugin's media folder (0600) and are served by our own route after the
ad's visibility check.
"""

from __future__ import annotations

import asyncio
from typing import Any

from litestar.datastructures import UploadFile

from core.api import N_, ImageRejected, ProcessedImage, delete_media, process_image, save_media
from plugins.classifieds.forms import MAX_PHOTOS
from plugins.classifieds.tables import Photo

__all__ = ["MAX_PHOTO_BYTES", "delete_files", "read_uploads", "remove", "store"]

MAX_PHOTO_BYTES = 8 * 1024 * 1024
SLUG = "classifieds"


def _files(form: Any) -> list[UploadFile]:
    values = form.getall("photos", []) if hasattr(form, "getall") else []
    return [v for v in values if isinstance(v, UploadFile) and v.filename]


async def read_uploads(form: Any, kept: int) -> tuple[list[ProcessedImage], str | None]:
    """Process the submitted photos; (pictures, error msgid). ``kept`` photos already stay."""
    files = _files(form)
    if kept + len(files) > MAX_PHOTOS:
        return [], N_("An ad can have at most 5 photos.")
    pictures = []
    for upload in files:
        data = await upload.read(MAX_PHOTO_BYTES + 1)
        if len(data) > MAX_PHOTO_BYTES:
            return [], N_("Each photo must be smaller than 8 MB.")
        try:
            pictures.append(await asyncio.to_thread(process_image, data, max_bytes=MAX_PHOTO_BYTES, max_side=1600))
        except ImageRejected as exc:
            return [], exc.message
    return pictures, None


async def store(ad_id: int, pictures: list[ProcessedImage], start: int) -> None:
    for offset, picture in enumerate(pictures):
        file = save_media(SLUG, picture.data, picture.ext)
        thumb = save_media(SLUG, picture.thumb, picture.ext)
        await Photo.insert(
            Photo(ad=ad_id, file=file, thumb=thumb, position=start + offset, width=picture.width, height=picture.height)
        )


def delete_files(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        delete_media(SLUG, row["file"])
        delete_media(SLUG, row["thumb"])


async def remove(ad_id: int, photo_ids: list[int]) -> None:
    """Delete chosen photos of an ad (rows and files)."""
    if not photo_ids:
        return
    rows = await Photo.select().where((Photo.ad == ad_id) & Photo.id.is_in(photo_ids))
    await Photo.delete().where((Photo.ad == ad_id) & Photo.id.is_in(photo_ids))
    delete_files(rows)
