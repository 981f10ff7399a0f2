"""Small previews of uploaded pictures, made with Pillow.

A picture file can claim any size in a few bytes of header (a "decompression bomb": a tiny
PNG that decodes to gigabytes), so the claimed size is checked against a pixel limit before
anything is decoded; Pillow's own limit (`Image.MAX_IMAGE_PIXELS`) is the default, and its
bomb warning is turned into the same refusal rather than a warning nobody reads. A picture
that cannot be decoded is refused too: it would not display anywhere.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from cxmap.model.errors import InvalidInputError, Problem

THUMBNAIL_SIDE = 320


def thumbnail_of(path: Path, *, side: int = THUMBNAIL_SIDE, max_pixels: int | None = None) -> bytes:
    """A PNG (or, for photos, JPEG) at most `side` pixels wide and high."""
    limit = Image.MAX_IMAGE_PIXELS if max_pixels is None else max_pixels
    with warnings.catch_warnings():
        # Our own check below refuses what Pillow would only warn about, naming the size.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                _check_size(image.size, limit)
                return _encoded_thumbnail(image, side)
        except Image.DecompressionBombError as error:  # far over Pillow's limit: not opened
            message = f"the picture is too large to decode safely ({error})"
            raise InvalidInputError([Problem(("content",), message)]) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            reason = " ".join(str(error).split()) or type(error).__name__
            message = f"is not a picture that can be read ({reason})"
            raise InvalidInputError([Problem(("content",), message)]) from None


def _check_size(size: tuple[int, int], limit: int | None) -> None:
    width, height = size
    if limit is not None and width * height > limit:
        raise _too_many_pixels(size, limit)


def _too_many_pixels(size: tuple[int, int], limit: int) -> InvalidInputError:
    message = (
        f"the picture claims {size[0]}x{size[1]} pixels, more than the limit of {limit} "
        "(refused as a possible decompression bomb)"
    )
    return InvalidInputError([Problem(("content",), message)])


def _encoded_thumbnail(image: Image.Image, side: int) -> bytes:
    photo = image.format == "JPEG"
    if photo:
        image.draft("RGB", (side, side))  # decode JPEGs at a reduced scale: fast and small
    image.seek(0)
    image.thumbnail((side, side))
    wanted = "RGB" if photo else ("RGBA" if _has_alpha(image) else "RGB")
    converted = image if image.mode == wanted else image.convert(wanted)
    output = io.BytesIO()
    if photo:
        converted.save(output, format="JPEG", quality=85, optimize=True)
    else:
        converted.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
