"""Review findings of issue 9's speed: the bench fails on any answer but 200, one "last row of each month",
the index the dashboard's ticket statistics use."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wuye.bench import oversight
from wuye.oversight.dashboard import last_of_each_month
from wuye.oversight.tests.test_dashboard import scored  # noqa: F401 (a fixture)


class Answers(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        status = 302 if self.path == "/login-redirect" else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_the_bench_fails_unless_every_answer_is_200(server):
    assert oversight.under_load(server, "/fine", "", 1)["statuses"] == [200]
    with pytest.raises(RuntimeError, match="302"):
        oversight.under_load(server, "/login-redirect", "", 1)


def test_the_bench_fails_when_the_server_does_not_answer():
    with pytest.raises(RuntimeError, match=r"\[0\]"):
        oversight.under_load(oversight.free_port(), "/healthz", "", 1)


def test_last_of_each_month_keeps_the_latest_row_of_each_month_oldest_first():
    days = [datetime.date(2026, 9, 30), datetime.date(2026, 10, 3), datetime.date(2026, 10, 31)]
    days += [datetime.date(2026, 11, 2)]
    assert last_of_each_month(days, lambda day: (day.year, day.month)) == [
        datetime.date(2026, 9, 30),
        datetime.date(2026, 10, 31),
        datetime.date(2026, 11, 2),
    ]
    assert last_of_each_month([], lambda day: day) == []


@pytest.mark.django_db
def test_tickets_are_indexed_by_closing_time():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "servicedesk_ticket")
    assert any(c["index"] and c["columns"] == ["closed_at"] for c in constraints.values())


@pytest.mark.django_db
def test_a_regulators_scope_builds_no_subquery_of_the_bindings_he_has_not():
    from wuye.core.scoping import Scope, division_q
    from wuye.enterprises.models import Enterprise
    from wuye.estates.models import Project

    regulator = Scope(division_codes=frozenset({"150200"}))
    assert Project.scope_q(regulator, write=False) == division_q("division__code", regulator)
    assert Project.scope_q(regulator, write=True) == division_q("division__code", regulator)
    # his divisions' enterprises and those serving there: one subquery of service periods, not two
    sql = str(Enterprise.objects.filter(Enterprise.scope_q(regulator, write=False)).query)
    assert sql.count("estates_serviceperiod") == 1


@pytest.mark.django_db
def test_the_dashboard_is_built_once_per_version_of_the_statistics(client, world, scored):  # noqa: F811
    """Served from the cache while the statistics stand; a decision (which recomputes the day's scores) and
    a new evaluation each show at once."""
    from django.core.cache import cache
    from django.urls import reverse
    from django.utils import timezone

    from wuye.compliance.actions import decide_appeal
    from wuye.compliance.review import Appeal
    from wuye.compliance.scores import compute_scores
    from wuye.compliance.tests.review_helpers import make_finding

    cache.clear()
    client.force_login(world.users["regulator_bt"])
    url = reverse("oversight-dashboard") + "?division=150203"

    def waiting():
        return client.get(url).context["board"].stat.appeals_waiting

    assert waiting() == 1
    Appeal.objects.update(statement="改了申诉，统计不变。")  # no scoring run: the cached board stands
    with CaptureQueriesContext(connection) as cached:
        assert waiting() == 1
    assert not any("compliance_scoresnapshot" in query["sql"] for query in cached.captured_queries)

    decide_appeal(world.users["regulator_bt"], Appeal.objects.get(), True, "属实。")
    assert waiting() == 0  # upheld: the decision recomputed the scores and the statistics

    before = client.get(url).context["board"].stat.clauses["4.8"]
    make_finding(world, check_id="4.8.round_gap", found_at=timezone.now() - datetime.timedelta(hours=1))
    compute_scores(timezone.now())
    assert client.get(url).context["board"].stat.clauses["4.8"] == before + 1
    assert client.get(url).context["board"].path[-1].code == "150203"
