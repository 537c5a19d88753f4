"""The QR stickers of patrol points: a signed token naming the point and its key version, and its images.

The token is ``"<point id>.<key version>:<signature>"`` (Django's Signer, HMAC-SHA256 with the site's
secret key and a salt of its own). Rotating ``SECRET_KEY`` keeps printed stickers working only while the
old key is listed in ``SECRET_KEY_FALLBACKS``. A sticker is never "expired" by age: it stops working when its
point's key is rotated (a sticker lost, damaged or copied is replaced and the old one is void).
"""

import io
from dataclasses import dataclass

import segno
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

SALT = "wuye.safety.patrol-sticker"
BORDER = 2  # modules of quiet zone around the code: enough on a white sticker
FONT_FAMILY = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif"
# Debian's fonts-wqy-microhei first (installed by `make system-deps`), then common alternatives.
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)


class StickerError(Exception):
    """A token that does not name a point (forged, damaged) or names an old sticker of it."""

    def __init__(self, message: str, *, stale: bool = False):
        super().__init__(message)
        self.message = message
        self.stale = stale


@dataclass(frozen=True)
class StickerToken:
    point_id: int
    key_version: int


def sticker_token(point) -> str:
    return signing.Signer(salt=SALT).sign(f"{point.pk}.{point.key_version}")


def read_token(token: str) -> StickerToken:
    """The point and key version a token names; StickerError when the signature does not hold."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
        point_id, key_version = (int(part) for part in value.split("."))
    except (signing.BadSignature, ValueError):
        raise StickerError(_("二维码无效：不是本平台打印的巡更点二维码，或已损坏。")) from None
    return StickerToken(point_id, key_version)


def check_current(token: StickerToken, point) -> None:
    """StickerError when the sticker is of an earlier key of its point (replaced since)."""
    if token.key_version != point.key_version:
        raise StickerError(
            _("此二维码已作废：巡更点“%(point)s”已更换新的二维码贴纸，请扫描新贴纸。")
            % {"point": point.name},
            stale=True,
        )


def sticker_path(point) -> str:
    return reverse("patrol-scan", args=[sticker_token(point)])


def sticker_url(point) -> str:
    """The address printed on the sticker: the site's public address (``SITE_URL``), not the host a
    request happened to come in by (behind a proxy that may be an internal name)."""
    return settings.SITE_URL.rstrip("/") + sticker_path(point)


def sticker_qr(url: str):
    # Error correction "Q" (25 %): a sticker outdoors gets scratched and dirty and still scans.
    return segno.make_qr(url, error="q")


def sticker_svg(url: str, caption: str = "", *, scale: int = 8) -> str:
    """The QR code as SVG, with the caption (the point's name) under it when given."""
    qr = sticker_qr(url)
    size = qr.symbol_size(scale=scale, border=BORDER)[0]
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=scale, border=BORDER, xmldecl=False, svgns=False, nl=False)
    inner = buffer.getvalue().decode()
    if not caption:
        return inner.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    font = max(12, size // 10)
    height = size + font * 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{height}" '
        f'viewBox="0 0 {size} {height}"><rect width="{size}" height="{height}" fill="#fff"/>{inner}'
        f'<text x="{size / 2}" y="{size + font * 1.2}" font-size="{font}" text-anchor="middle" '
        f'font-family="{FONT_FAMILY}">{escape(caption)}</text></svg>'
    )


def sticker_png(url: str, caption: str = "", *, scale: int = 10) -> bytes:
    """The QR code as PNG, with the caption under it in a CJK font (Pillow) when given."""
    from PIL import Image, ImageDraw

    qr = sticker_qr(url)
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=BORDER)
    if not caption:
        return buffer.getvalue()
    code = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    size = code.width
    font = caption_font(max(16, size // 12))
    sheet = Image.new("L", (size, size + font.size * 2), 255)
    sheet.paste(code, (0, 0))
    draw = ImageDraw.Draw(sheet)
    draw.text((size / 2, size + font.size), caption, fill=0, font=font, anchor="mm")
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()


def caption_font(size: int):
    """A font with Chinese glyphs (the system's CJK font, see ``make system-deps``) at ``size`` pixels."""
    from PIL import ImageFont

    for path in CJK_FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)
