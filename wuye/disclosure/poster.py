"""The QR code of a project's public page, as SVG and PNG (segno), and the address it encodes."""

import io

import segno
from django.conf import settings
from django.urls import reverse

BORDER = 4  # the standard quiet zone: a poster hangs on any wall, coloured or patterned


def page_url(request, project_id: int) -> str:
    """The public page's absolute address: under ``WUYE_PUBLIC_BASE_URL`` when set (the address residents
    reach, which a request behind a proxy may not show), else the request's own host."""
    path = reverse("disclosure-page", args=[project_id])
    base = settings.WUYE_PUBLIC_BASE_URL
    return base.rstrip("/") + path if base else request.build_absolute_uri(path)


def page_qr(url: str):
    # Error correction "M" (15 %): indoors, behind glass or on a notice board, a coarse code scans faster.
    return segno.make_qr(url, error="m")


def qr_svg(url: str, *, scale: int = 10, fluid: bool = False) -> str:
    """The code as SVG: ``scale`` pixels a module, or ``fluid`` (a viewBox, no size) to fill its box, as the
    poster's CSS sizes it in millimetres."""
    buffer = io.BytesIO()
    page_qr(url).save(buffer, kind="svg", scale=scale, border=BORDER, xmldecl=False, nl=False, omitsize=fluid)
    return buffer.getvalue().decode()


def qr_png(url: str, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    page_qr(url).save(buffer, kind="png", scale=scale, border=BORDER)
    return buffer.getvalue()
