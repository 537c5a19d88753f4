"""The public credit list of a division (no login, phone-first, Chinese and English): the enterprises serving
its estates with their published grade, its period and their list status with the reason.

Only what is published about companies appears: name, credit code, grade, period, list and reason; never a
person (no legal representative, phone, owner, staff). The page is cached whole per division, language
and day, under a key that carries the newest publication in force, the newest finished evaluation and a
version bumped whenever scores are computed (an upheld appeal or an approved exemption refreshes the scores
without a run), so a publication or a change of a veto finding makes a new page at once.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from wuye.compliance.models import EvaluationRun
from wuye.compliance.publication import GradePublication, PublicationStatus
from wuye.compliance.queries import with_published_grade
from wuye.core.web import page_language
from wuye.enterprises.models import Enterprise
from wuye.oversight.credit import credit_lists, serving_in
from wuye.regions.models import Division

PAGE_SECONDS = 60 * 60
VERSION_KEY = "oversight:credit:version"


def bump_version(**kwargs) -> None:
    """Receiver of ``scores_computed``: once the scores are committed, the cached pages are old."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), timeout=None))


def generation() -> str:
    """What the page depends on: the newest publication in force anywhere (publications are rare), the newest
    finished evaluation run and the version of the scores (veto findings, appeals, exemptions)."""
    publication = GradePublication.objects.filter(status=PublicationStatus.PUBLISHED).aggregate(m=Max("pk"))[
        "m"
    ]
    run = EvaluationRun.objects.filter(finished_at__isnull=False).aggregate(m=Max("pk"))["m"]
    return f"{publication}:{run}:{cache.get(VERSION_KEY, 0)}"


def division_rows(division: Division) -> list:
    today = timezone.localdate()
    serving = serving_in(Enterprise.objects.all(), division.code)
    # Only publications of this division or one above it decide its page (another city's never does).
    enterprises = list(with_published_grade(serving, division=division.code).order_by("name", "pk"))
    entries = credit_lists([e.pk for e in enterprises], today, division.code)
    for enterprise in enterprises:
        enterprise.entry = entries.get(enterprise.pk)
    return enterprises


@require_GET
def public_credit(request, code: str):
    division = get_object_or_404(Division, pk=code)
    if not code.startswith("15"):
        raise Http404
    language = page_language(request)
    day = timezone.localdate().isoformat()
    key = f"oversight:credit:{code}:{language}:{day}:{generation()}"
    with translation.override(language):
        html = cache.get(key)
        if html is None:
            context = {"division": division, "enterprises": division_rows(division), "on": day}
            html = render_to_string("oversight/credit_public.html", context)
            cache.set(key, html, timeout=PAGE_SECONDS)
    response = HttpResponse(html)
    response["Content-Language"] = language
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response
