"""PDF reports with WeasyPrint: Chinese text needs a CJK font on the machine (``make system-deps`` installs
fonts-wqy-microhei). Without one WeasyPrint would quietly write boxes in place of every character, so a
report refuses to render instead (``MissingCJKFont``), and the page says why (HTTP 503)."""

import functools
import logging
import shutil
import subprocess

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class MissingCJKFont(ImproperlyConfigured):
    """No font on this machine covers Chinese: a PDF would show no readable text."""


@functools.cache
def cjk_fonts() -> tuple[str, ...]:
    """The families fontconfig offers for Chinese (what WeasyPrint will find), read once per process."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    listed = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)  # noqa: S603
    return tuple(sorted({line.split(",")[0].strip() for line in listed.stdout.splitlines() if line.strip()}))


def require_cjk_font() -> str:
    fonts = cjk_fonts()
    if not fonts:
        raise MissingCJKFont(
            "No CJK font is installed (fc-list :lang=zh is empty): PDF reports would show no Chinese text. "
            "Install one with `make system-deps` (fonts-wqy-microhei)."
        )
    return fonts[0]


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """The template rendered as a PDF (A4, the CJK font first in the font stack); MissingCJKFont without one."""
    from weasyprint import HTML

    font = require_cjk_font()
    html = render_to_string(template_name, {**context, "cjk_font": font}, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(template_name: str, context: dict, *, request, filename: str) -> HttpResponse:
    """A PDF download; without a CJK font a 503 page that says so (and an error in the log), never a PDF
    of empty boxes."""
    try:
        content = render_pdf(template_name, context, request=request)
    except MissingCJKFont as error:
        logger.error("PDF report %s refused: %s", template_name, error)
        return HttpResponse(
            _("报表无法生成：服务器未安装中文字体（请运行 make system-deps 安装 fonts-wqy-microhei）。"),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response
