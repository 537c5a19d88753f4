"""Every common-parts page, walked with every role against a project inside and one outside its scope (the
URL matrix in core/tests/test_url_matrix.py names these pages as walked here); then the pages at work.

Written out by hand: the project's readers (its owners too) read the register and a use; the company
(staff, the serving enterprise's manager, operators) adds votes, uses and incomes (others who read: 403);
the unseen is 404.
"""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.estates.models import Household
from wuye.finance.models import CommonAreaIncome, CommonAreaUse, OwnersVote
from wuye.testing import factories as f
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
COMPANY = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}


def expected(kind, role, side):
    reads = can_read(role, "project", side)
    if kind == "read":
        return 200 if reads else 404
    if not reads:
        return 404
    return 200 if role in COMPANY[side] else 403


# url name → (kind, object)
PAGES = {
    "commonarea-list": ("read", "project"),
    "commonarea-detail": ("read", "use"),
    "commonarea-create": ("company", "project"),
    "ownersvote-create": ("company", "project"),
    "commonarea-update": ("company", "use"),
    "commonareaincome-create": ("company", "use"),
    "ownersvote-update": ("company", "vote"),
}


@pytest.fixture
def objects(world):
    made = {}
    for name in ("inside", "outside"):
        project = getattr(world, name).project
        vote = f.owners_vote(world.users["admin"], project)
        use = f.common_area_use(world.users["admin"], project, vote=vote)
        f.common_area_income(world.users["admin"], use, "100.00")
        made[name] = {"project": project, "use": use, "vote": vote}
    return made


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_by_role_and_scope(client, world, objects, role):
    client.force_login(world.users[role])
    for name, (kind, target) in PAGES.items():
        for side in ("inside", "outside"):
            url = reverse(name, args=[objects[side][target].pk])
            assert client.get(url).status_code == expected(kind, role, side), (name, side)


def test_anonymous_is_sent_to_login(client, objects):
    for name, (_kind, target) in PAGES.items():
        response = client.get(reverse(name, args=[objects["inside"][target].pk]))
        assert response.status_code == 302 and "login" in response["Location"], name


def test_a_reader_posting_writes_nothing(client, world, objects):
    client.force_login(world.users["committee"])
    response = client.post(
        reverse("commonareaincome-create", args=[objects["inside"]["use"].pk]),
        {"received_on": "2025-04-01", "amount": "50.00"},
    )
    assert response.status_code == 403
    assert CommonAreaIncome.objects.count() == 2


# -- the register --------------------------------------------------------------------------------------


def list_url(world, **query):
    url = reverse("commonarea-list", args=[world.inside.project.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_register_filters_by_kind_authorisation_and_search(client, world, objects):
    staff, project = world.users["staff"], world.inside.project
    f.common_area_use(staff, project, kind="telecom", location="3号楼楼顶", counterparty="中国移动")
    f.common_area_use(staff, project, kind="venue", location="中心广场", end=datetime.date(2025, 2, 1))
    client.force_login(world.users["owner"])

    def shown(**query):
        return {use.location for use in client.get(list_url(world, **query)).context["page_obj"].object_list}

    assert shown() == {"1号楼电梯轿厢", "3号楼楼顶", "中心广场"}
    assert shown(kind="telecom") == {"3号楼楼顶"}
    assert shown(authorised="true") == {"1号楼电梯轿厢"}
    assert shown(authorised="false") == {"3号楼楼顶", "中心广场"}
    assert shown(in_effect="false") == {"中心广场"}
    assert shown(q="移动") == {"3号楼楼顶"}
    page = client.get(list_url(world)).content.decode()
    assert "未经业主表决" in page and "已经表决同意" in page


def test_the_register_exports_the_filtered_list(client, world, objects):
    f.common_area_use(world.users["staff"], world.inside.project, kind="telecom", location="3号楼楼顶")
    client.force_login(world.users["committee"])
    response = client.get(list_url(world, kind="advertising", export="xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert "经业主表决同意" in header and "累计收入（元）" in header
    body = [row for row in rows[1:] if any(row)]
    assert len(body) == 1 and "1号楼电梯轿厢" in body[0] and "是" in body[0]
    assert Decimal(str(body[0][header.index("累计收入（元）")])) == Decimal("100.00")


def test_the_register_costs_no_queries_per_row(client, world, objects, django_assert_max_num_queries):
    staff, project = world.users["staff"], world.inside.project

    def add(count):
        for n in range(count):
            use = f.common_area_use(staff, project, location=f"{n}号位", vote=objects["inside"]["vote"])
            f.common_area_income(staff, use, "10.00")
            f.owners_vote(staff, project)

    client.force_login(staff)
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(list_url(world)).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few)):
        client.get(list_url(world))


def test_a_use_shows_its_vote_its_shortfalls_and_incomes(client, world, objects):
    staff, project = world.users["staff"], world.inside.project
    weak = f.owners_vote(staff, project, owners=(90, 59, 45))
    use = f.common_area_use(staff, project, vote=weak, location="西门")
    f.common_area_income(staff, use, "30.00", receipt_number="R-1")
    client.force_login(world.users["owner"])
    page = client.get(reverse("commonarea-detail", args=[use.pk])).content.decode()
    assert "参与表决的业主65.56%（59/90人），未达2/3" in page and "R-1" in page and "30.00" in page


# -- the forms ---------------------------------------------------------------------------------------


def test_the_vote_form_starts_from_the_register_and_saves(client, world):
    client.force_login(world.users["staff"])
    url = reverse("ownersvote-create", args=[world.inside.project.pk])
    form = client.get(url).context["form"]
    homes = Household.objects.filter(project=world.inside.project)
    assert form.initial["owners_total"] == homes.count() == 2
    assert form.initial["area_total"] == sum(home.area for home in homes)
    data = {
        "held_on": "2025-01-01",
        "subject": "设置广告",
        "owners_total": "3",
        "area_total": "300.00",
        "owners_participating": "2",
        "area_participating": "200.00",
        "owners_in_favour": "2",
        "area_in_favour": "150.00",
    }
    assert client.post(url, data).status_code == 302
    assert OwnersVote.objects.get(subject="设置广告").area_in_favour == Decimal("150.00")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"owners_participating": "4"}, "owners_participating", "参与表决人数不能多于业主总人数。"),
        ({"area_in_favour": "250.00"}, "area_in_favour", "同意面积不能大于参与表决面积。"),
        ({"area_participating": "-1"}, "area_participating", "面积不能为负数。"),
        ({"owners_total": "0"}, "owners_total", "业主总人数必须大于0。"),
    ],
)
def test_a_bad_vote_is_refused_field_by_field_and_nothing_is_written(client, world, change, field, message):
    client.force_login(world.users["staff"])
    data = {
        "held_on": "2025-01-01",
        "subject": "设置广告",
        "owners_total": "3",
        "area_total": "300.00",
        "owners_participating": "2",
        "area_participating": "200.00",
        "owners_in_favour": "2",
        "area_in_favour": "150.00",
    } | change
    response = client.post(reverse("ownersvote-create", args=[world.inside.project.pk]), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not OwnersVote.objects.exists()


def test_a_use_ending_before_it_starts_or_with_another_projects_vote_is_refused(client, world, objects):
    client.force_login(world.users["admin"])
    url = reverse("commonarea-create", args=[world.inside.project.pk])
    data = {"kind": "advertising", "location": "东门", "start": "2025-03-01", "end": "2025-02-01"}
    response = client.post(url, data)
    assert "结束日期不能早于开始日期。" in response.context["form"].errors["end"]
    response = client.post(url, {**data, "end": "", "vote": objects["outside"]["vote"].pk})
    assert "vote" in response.context["form"].errors
    assert CommonAreaUse.objects.count() == 2


def test_an_income_is_recorded_by_the_server(client, world, objects):
    client.force_login(world.users["staff"])
    use = objects["inside"]["use"]
    url = reverse("commonareaincome-create", args=[use.pk])
    response = client.post(url, {"received_on": "2025-04-01", "amount": "0"})
    assert "金额必须大于0。" in response.context["form"].errors["amount"]
    assert (
        client.post(url, {"received_on": "2025-04-01", "amount": "88.50", "receipt_number": "R9"}).status_code
        == 302
    )
    income = CommonAreaIncome.objects.get(receipt_number="R9")
    assert income.recorded_by == world.users["staff"] and income.project == use.project


def test_the_project_card_counts_uses_and_this_half_years_income(client, world, objects):
    import django.utils.timezone as tz

    staff, project = world.users["staff"], world.inside.project
    f.common_area_use(staff, project, location="南门")  # no vote
    f.common_area_income(staff, objects["inside"]["use"], "12.34", received_on=tz.localdate())
    client.force_login(world.users["owner"])
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'data-testid="commonareas-card"' in page
    assert "经营中 <strong>2</strong> 项" in page and "未经业主表决同意 <strong>1</strong> 项" in page
    assert "本半年公共收益 <strong>12.34</strong> 元" in page


def test_the_project_page_costs_no_queries_per_use(client, world, objects, django_assert_max_num_queries):
    staff, project = world.users["staff"], world.inside.project

    def add(count):
        for n in range(count):
            use = f.common_area_use(staff, project, location=f"{n}号位")
            f.common_area_income(staff, use, "1.00")

    client.force_login(world.users["manager"])
    add(1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(project.get_absolute_url()).status_code == 200
    add(8)
    with django_assert_max_num_queries(len(few)):
        client.get(project.get_absolute_url())


def test_the_minutes_are_uploaded_checked_and_served_through_the_scope(client, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.users["staff"])
    data = {
        "held_on": "2025-01-01",
        "subject": "设置广告",
        "owners_total": "3",
        "area_total": "300.00",
        "owners_participating": "2",
        "area_participating": "200.00",
        "owners_in_favour": "2",
        "area_in_favour": "150.00",
    }
    url = reverse("ownersvote-create", args=[world.inside.project.pk])
    bad = client.post(url, data | {"minutes": SimpleUploadedFile("a.exe", b"MZ")})
    assert "minutes" in bad.context["form"].errors and not OwnersVote.objects.exists()
    client.post(url, data | {"minutes": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4")})
    vote = OwnersVote.objects.get()
    file_url = reverse("scoped-file", args=["finance.ownersvote", vote.pk, "minutes"])
    client.force_login(world.users["owner"])
    assert client.get(file_url).status_code == 200
    client.force_login(world.users["stranger"])
    assert client.get(file_url).status_code == 404


def test_the_company_corrects_a_vote_and_links_it_to_a_use(client, world, objects):
    staff, project = world.users["staff"], world.inside.project
    use = f.common_area_use(staff, project, location="北门")
    vote = objects["inside"]["vote"]
    client.force_login(staff)
    form = client.get(reverse("ownersvote-update", args=[vote.pk])).context["form"]
    assert form.initial["owners_total"] == 90
    data = {name: form.initial[name] for name in form.fields if name != "minutes"}
    assert (
        client.post(reverse("ownersvote-update", args=[vote.pk]), data | {"subject": "更正"}).status_code
        == 302
    )
    vote.refresh_from_db()
    assert vote.subject == "更正" and vote.owners_total == 90
    data = {"kind": "advertising", "location": "北门", "start": "2025-01-01", "vote": vote.pk}
    assert client.post(reverse("commonarea-update", args=[use.pk]), data).status_code == 302
    use.refresh_from_db()
    assert use.vote == vote
