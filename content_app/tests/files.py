"""Files for upload tests, made in memory: honest ones and hostile ones."""

import io
import random
import re
import struct
import zlib

from PIL import Image
from reportlab.pdfgen import canvas


def png(size=(64, 48), color=(200, 30, 30), *, exif=None, mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format="PNG", exif=exif or b"")
    return out.getvalue()


def noisy_png(size=(200, 200)) -> bytes:
    """Incompressible, so a cut anywhere lands inside the pixel data."""
    rng = random.Random(7)
    image = Image.frombytes(
        "RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3))
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def jpeg(size=(64, 48), *, exif=None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 220)).save(out, format="JPEG", exif=exif or b"")
    return out.getvalue()


def exif_with_camera_and_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x0110] = "Model 7"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0)}  # GPS IFD
    return exif.tobytes()


def pixel_bomb(width=30_000, height=30_000) -> bytes:
    """A tiny PNG whose header claims an enormous canvas."""
    data = bytearray(png((1, 1)))
    # IHDR is the first chunk: length(4) type(4) width(4) height(4) ... crc(4)
    struct.pack_into(">II", data, 16, width, height)
    crc = zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF
    struct.pack_into(">I", data, 29, crc)
    return bytes(data)


def pdf(text="Daniyal - Resume") -> bytes:
    out = io.BytesIO()
    document = canvas.Canvas(out)
    document.drawString(72, 720, text)
    document.showPage()
    document.save()
    return out.getvalue()


def pdf_with_wrong_startxref() -> bytes:
    data = pdf()
    match = re.search(rb"startxref\s+(\d+)", data)
    return data[: match.start(1)] + b"12" + data[match.end(1) :]


def pdf_with_shifted_xref_offsets() -> bytes:
    """Every object-table entry points a few bytes off its object."""
    data = pdf()
    at = data.rindex(b"\nxref")
    table = re.sub(
        rb"(\d{10}) 00000 n",
        lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7),
        data[at:],
    )
    return data[:at] + table
