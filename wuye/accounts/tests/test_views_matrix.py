"""Every web page of a registry record, with every role, inside and outside its scope.

The expected answer comes from the hand-written table in wuye/testing/expectations.py:
a page of a record the role cannot see is 404; an edit page of a record it sees but may not
change is 403; anonymous visitors are sent to the login page.
"""

import pytest
from django.urls import reverse

from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

# model name in the table → (detail page, edit page); the developer record is kept in the admin only.
PAGES = {
    "enterprise": ("enterprise-detail", "enterprise-update"),
    "licence": (None, "licence-update"),
    "staff": ("staff-detail", "staff-update"),
    "post": (None, "post-update"),
    "certificate": (None, "certificate-update"),
    "employment": (None, "employment-update"),
    "project": ("project-detail", "project-update"),
    "building": ("building-detail", "building-update"),
    "household": (None, "household-update"),
    "owner": (None, "owner-update"),
    "committee": (None, "committee-update"),
    "member": (None, "committee-member-update"),
    "contract": (None, "contract-update"),
    "period": (None, "service-period-update"),
}


def expected(role, name, side, *, edit):
    if not can_read(role, name, side):
        return 404
    if edit and not can_write(role, name, side):
        return 403
    return 200


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_pages_follow_the_scope_table(client, world, role, side):
    client.force_login(world.users[role])
    wrong = []
    for name, (detail, edit) in PAGES.items():
        obj = getattr(getattr(world, side), name)
        for url_name, is_edit in ((detail, False), (edit, True)):
            if url_name is None:
                continue
            status = client.get(reverse(url_name, args=[obj.pk])).status_code
            want = expected(role, name, side, edit=is_edit)
            if status != want:
                wrong.append(f"{url_name}: {status}, expected {want}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_anonymous_visitors_are_sent_to_login(client, world):
    urls = [reverse("home"), reverse("enterprise-list"), reverse("project-list")]
    for name, (detail, edit) in PAGES.items():
        obj = getattr(world.inside, name)
        urls += [reverse(u, args=[obj.pk]) for u in (detail, edit) if u]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url
