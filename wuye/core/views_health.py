"""Liveness for operators and load balancers: the database, the cache and the job queue answer."""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from huey.contrib.djhuey import HUEY


@never_cache
def healthz(request):
    status = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception as error:  # pragma: no cover - reported, not raised
        status["database"] = f"error: {error.__class__.__name__}"
    try:
        cache.set("healthz", "1", 10)
        status["cache"] = "ok" if cache.get("healthz") == "1" else "error: read back failed"
    except Exception as error:
        status["cache"] = f"error: {error.__class__.__name__}"
    try:
        HUEY.pending_count()
        status["queue"] = "ok"
    except Exception as error:
        status["queue"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse({"status": "ok" if healthy else "error", **status}, status=200 if healthy else 503)
