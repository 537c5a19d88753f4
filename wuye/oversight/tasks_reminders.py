"""Jobs of reminders: the daily reminders of deadlines coming up, and the Monday digest to regulators.

Both are idempotent: a reminder is a notification keyed by the deadline (kind, subject, due day), a
digest is one row per regulator and week plus a notification keyed by the week; ``tell`` stores each
once per user and emails it only then. Run twice, a job tells nobody twice.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_periodic_task

from wuye.accounts.models import Membership, Role, User
from wuye.compliance.tasks import beijing_crontab
from wuye.compliance.wording import moment
from wuye.oversight.digest import build_digest, week_of
from wuye.oversight.models import RegulatorDigest
from wuye.oversight.reminders import due_for_reminder
from wuye.servicedesk.models import Notification
from wuye.servicedesk.tasks_tickets import tell

logger = logging.getLogger(__name__)


def members(role: str, field: str, ids) -> dict:
    """{bound object id: [users]} of the active memberships of ``role`` bound by ``field``: one query."""
    found = defaultdict(list)
    rows = Membership.objects.filter(role=role, active=True, **{f"{field}__in": ids}).select_related("user")
    for membership in rows:
        if membership.user.is_active:
            found[getattr(membership, field)].append(membership.user)
    return found


def absolute(path: str) -> str:
    """A link an email can carry: under ``WUYE_PUBLIC_BASE_URL`` when set (as the disclosure poster's)."""
    base = settings.WUYE_PUBLIC_BASE_URL
    return base.rstrip("/") + path if base else path


def language_of(user) -> str:
    """The language a user is written to in. The user model records none, so everyone gets the site's
    language (zh-hans), whatever language the job happens to run in."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def reminder_text(deadline) -> str:
    return _("%(kind)s：%(subject)s（%(where)s）将于%(due)s到期，请及时办理。") % {
        "kind": deadline.kind_label,
        "subject": deadline.subject_name,
        "where": deadline.project_name or deadline.enterprise_name,
        "due": moment(deadline.due),
    }


def send_reminders(now) -> int:
    """Tell the serving enterprise's managers (and the project's staff, for a project's duty) of every
    deadline whose lead time has begun; returns how many were told now."""
    deadlines = due_for_reminder(now)
    managers = members(Role.MANAGER, "enterprise_id", {row.enterprise_id for row in deadlines})
    staff = members(Role.STAFF, "project_id", {row.project_id for row in deadlines if row.staff_too})
    link = reverse("oversight-deadlines")
    everyone = {user.pk for users in (*managers.values(), *staff.values()) for user in users}
    keys = {deadline.key for deadline in deadlines}
    done = set(
        Notification.objects.filter(user_id__in=everyone, key__in=keys).values_list("user_id", "key")
    )  # told on an earlier day: skipped without trying again
    told = 0
    for deadline in deadlines:
        people = managers.get(deadline.enterprise_id, [])
        if deadline.staff_too:
            people = people + staff.get(deadline.project_id, [])
        for user in {user.pk: user for user in people}.values():
            if (user.pk, deadline.key) in done:
                continue
            try:  # one user's failure leaves the others their reminders
                with translation.override(language_of(user)):
                    text = reminder_text(deadline)
                    told += tell(user, deadline.key, text, link, body=f"{text}\n{absolute(link)}")
            except Exception:
                logger.exception("reminder %s to user %s failed", deadline.key, user.pk)
    logger.info("deadline reminders: %s of %s deadlines told", told, len(deadlines))
    return told


@db_periodic_task(beijing_crontab(minute="0", hour="8"))
def remind_upcoming_deadlines() -> int:
    """Every morning at 08:00 (Beijing): the reminders whose time has come."""
    return send_reminders(timezone.now())


def regulators():
    ids = Membership.objects.filter(role=Role.REGULATOR, active=True).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("pk")


def digest_for(user, now) -> RegulatorDigest:
    """The regulator's digest of this week: built and stored once, read back after."""
    week_start = week_of(now)
    digest = RegulatorDigest.objects.filter(user=user, week_start=week_start).first()
    if digest is not None:
        return digest
    try:
        with transaction.atomic():
            return RegulatorDigest.objects.create(
                user=user, week_start=week_start, content=build_digest(user, week_start, now)
            )
    except IntegrityError:  # another worker stored it first
        return RegulatorDigest.objects.get(user=user, week_start=week_start)


def send_digest(user, now) -> bool:
    digest = digest_for(user, now)
    content = digest.content
    opened = sum(row["count"] for row in content["opened"])
    closed = sum(row["count"] for row in content["closed"])
    text = _("%(week)s 监管周报：新增问题 %(opened)s 个，结束 %(closed)s 个，等级变化 %(changes)s 个") % {
        "week": digest.week_start,
        "opened": opened,
        "closed": closed,
        "changes": len(content["grade_changes"]),
    }
    context = {"digest": digest, "content": content, "link": absolute(digest.get_absolute_url())}
    return tell(
        user,
        f"digest:{digest.week_start:%Y%m%d}",
        text,
        digest.get_absolute_url(),
        body=render_to_string("oversight/reminders_digest_email.txt", context),
        html=render_to_string("oversight/reminders_digest_email.html", context),
    )


def send_digests(now) -> int:
    """Every regulator's digest of the week; returns how many were sent now."""
    sent = 0
    for user in regulators():
        try:  # one regulator's failure leaves the others their digests
            with translation.override(language_of(user)):
                sent += send_digest(user, now)
        except Exception:
            logger.exception("weekly digest to user %s failed", user.pk)
    logger.info("weekly digests: %s sent", sent)
    return sent


@db_periodic_task(beijing_crontab(minute="30", hour="7", day_of_week="1"))
def weekly_digests() -> int:
    """Monday 07:30 (Beijing): what changed in each regulator's divisions last week."""
    return send_digests(timezone.now())
