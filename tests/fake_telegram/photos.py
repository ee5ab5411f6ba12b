"""Photos as Telegram checks them: an uploaded PNG or JPEG within the size and dimension limits."""

from __future__ import annotations

import struct

from tests.fake_telegram.params import ApiError, bad_request

# Telegram's documented limits for sendPhoto: at most 10 MB; width and height together at most 10,000 pixels;
# neither side more than 20 times the other.
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_SIDES = 10_000
MAX_PHOTO_RATIO = 20
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
# JPEG start-of-frame markers, which carry the image's dimensions.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return int(width), int(height)
        i += 2 + length
    return None


def photo_size(data: bytes) -> tuple[int, int]:
    """The (width, height) of an uploaded photo; an ApiError when Telegram would refuse it."""
    if len(data) > MAX_PHOTO_BYTES:
        raise ApiError(413, "Request Entity Too Large")
    size = None
    if data.startswith(PNG_SIGNATURE):
        size = _png_size(data)
    elif data.startswith(JPEG_SIGNATURE):
        size = _jpeg_size(data)
    if size is None or min(size) <= 0:
        raise bad_request("IMAGE_PROCESS_FAILED")
    width, height = size
    if width + height > MAX_PHOTO_SIDES or max(size) > MAX_PHOTO_RATIO * min(size):
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return size
