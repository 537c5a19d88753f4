"""PDFs need a CJK font on the machine, or WeasyPrint writes unreadable Chinese (make system-deps)."""

import re


def test_weasyprint_embeds_a_cjk_font_for_chinese_text(cjk_font):
    from weasyprint import HTML

    html = '<html lang="zh"><body><p>物业服务企业行为准则</p></body></html>'
    pdf = HTML(string=html).write_pdf(uncompressed_pdf=True)
    fonts = b" ".join(re.findall(rb"/BaseFont\s*/([^\s/>]+)", pdf)).decode()
    assert re.search(r"WenQuanYi|Noto\w*CJK|SourceHan", fonts), f"no CJK font embedded, only: {fonts}"
