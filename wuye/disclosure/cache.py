"""The public page is rendered once and kept in Django's cache, per project, language and day.

Its key carries two generation tokens: the project's own, replaced when something it publishes changes
(a statement published or superseded, a fee standard saved, the service centre changed), and one for
every project, replaced when a change touches pages whose projects are not known cheaply (an evaluation
run finished: its findings and scores are written in bulk, without signals). A replaced token makes the
old page unreachable at once; it expires on its own (``PAGE_SECONDS``).

Tokens are random, never counters: a token the cache evicted comes back as a new one, so a page rendered
under an older token can never be served again by chance.

What invalidates the page is one registry: ``invalidate_on(model, project_of=...)`` connects the model's
saves and deletes. ``invalidation.py`` lists the registrations.
"""

import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

EVERY_PROJECT = object()  # what ``project_of`` returns when a change may touch any project's page
PAGE_SECONDS = 60 * 60  # a page a missed signal left stale lives this long at most
# Tokens outlive the pages stored under them, yet expire: a visitor trying every project number leaves
# no key behind for good. An expired token comes back as a new one (the page is rendered again).
TOKEN_SECONDS = 24 * 60 * 60
ALL_KEY = "disclosure:generation:all"
REGISTERED: dict[type, Callable] = {}


def project_key(project_id: int) -> str:
    return f"disclosure:generation:project:{project_id}"


def _tokens(keys: list[str]) -> list[str]:
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # add, not set: two requests that both miss agree on the one token the first one stored.
            cache.add(key, uuid.uuid4().hex, timeout=TOKEN_SECONDS)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def page_key(project_id: int, language: str, kind: str = "page") -> str:
    every, own = _tokens([ALL_KEY, project_key(project_id)])
    day = timezone.localdate().isoformat()  # what is in force changes at midnight, without any save
    return f"disclosure:{kind}:{project_id}:{language}:{day}:{every}:{own}"


def cached_page(project_id: int, language: str, render: Callable[[], str]) -> str:
    """The page from the cache, or ``render()`` stored under the current generation."""
    key = page_key(project_id, language)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, timeout=PAGE_SECONDS)
    return html


def bump(project_ids: Iterable[int] | object) -> None:
    """Make the pages of these projects (or of every project) stale, once the transaction commits."""
    keys = [ALL_KEY] if project_ids is EVERY_PROJECT else [project_key(pk) for pk in project_ids if pk]

    def replace():
        cache.set_many(dict.fromkeys(keys, uuid.uuid4().hex), timeout=TOKEN_SECONDS)

    if keys:
        # On commit: a page rendered between the save and the commit would still show the old rows.
        transaction.on_commit(replace)


def bump_all() -> None:
    bump(EVERY_PROJECT)


def invalidate_on(model, project_of: Callable = lambda obj: obj.project_id) -> None:
    """Every save and delete of ``model`` makes the page of ``project_of(obj)`` stale: a project id, a
    list of them, None (nothing public changed) or ``EVERY_PROJECT``."""
    REGISTERED[model] = project_of

    def changed(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return  # fixtures loading
        projects = project_of(instance)
        if projects is None:
            return
        if projects is EVERY_PROJECT:
            bump(EVERY_PROJECT)
        elif isinstance(projects, int):
            bump([projects])
        else:
            bump(projects)

    uid = f"wuye.disclosure:{model._meta.label_lower}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
