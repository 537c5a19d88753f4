"""The report renderer embeds a CJK font and refuses, loudly, when the machine has none."""

import pytest
from django.test import RequestFactory

from wuye.oversight import pdf


def test_a_report_renders_with_a_cjk_font(cjk_font):
    content = pdf.render_pdf("oversight/pdf_base.html", {"generated_at": "2026-11-28"})
    assert content.startswith(b"%PDF-")


def test_without_a_cjk_font_the_report_is_refused_not_blank(monkeypatch):
    monkeypatch.setattr(pdf, "cjk_fonts", lambda: ())
    with pytest.raises(pdf.MissingCJKFont):
        pdf.render_pdf("oversight/pdf_base.html", {"generated_at": "2026-11-28"})
    response = pdf.pdf_response(
        "oversight/pdf_base.html", {}, request=RequestFactory().get("/"), filename="r.pdf"
    )
    assert response.status_code == 503
    assert "中文字体" in response.content.decode()
