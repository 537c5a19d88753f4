"""The public page, its poster and QR code: no login, the same for everyone (the page is cached whole, so
nothing of the visitor — name, roles, CSRF token — is in it)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from wuye.core.web import page_language
from wuye.disclosure import cache, poster, queries
from wuye.disclosure.sections import Subject, page_sections


def subject_or_404(project_id: int) -> Subject:
    on = timezone.localdate()
    period = queries.in_service(project_id, on)
    if period is None:
        raise Http404("no such project in service")
    return Subject(period, on)


@require_GET
def disclosure_page(request, pk: int):
    language = page_language(request)

    def render_page() -> str:
        subject = subject_or_404(pk)
        context = {"project": subject.project, "on": subject.on, "sections": page_sections(subject)}
        return render_to_string("disclosure/page.html", context)

    with translation.override(language):
        html = cache.cached_page(pk, language, render_page)
    response = HttpResponse(html)
    response["Content-Language"] = language
    patch_vary_headers(response, ["Cookie", "Accept-Language"])  # the language comes from either
    return response


@require_GET
def poster_page(request, pk: int):
    """The A4 poster to print and post in the estate: the QR code, the project, the company, the phone."""
    subject = subject_or_404(pk)
    url = poster.page_url(request, pk)
    centre = queries.service_centre(pk)
    context = {
        "project": subject.project,
        "enterprise": subject.enterprise,
        "phone": centre.service_phone if centre else "",
        "url": url,
        "qr": poster.qr_svg(url, fluid=True),
    }
    return render(request, "disclosure/poster.html", context)


@require_GET
def qr_code(request, pk: int, kind: str):
    subject_or_404(pk)
    url = poster.page_url(request, pk)
    if kind == "svg":
        return HttpResponse(poster.qr_svg(url), content_type="image/svg+xml")
    response = HttpResponse(poster.qr_png(url), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="gs-{pk}.png"'
    return response
