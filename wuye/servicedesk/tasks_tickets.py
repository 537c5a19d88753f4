"""Jobs of tickets: delivering the notifications of an event, and reminding staff of deadlines about to pass.

Both are idempotent: a notification is keyed by what it is about ("ticketevent:12", "reminder:5:answer")
and stored once per user (a unique constraint), and an email goes only with a notification just stored.
So a job retried, or a reminder sweep that runs every ten minutes, tells each person once.
"""

import datetime
import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from wuye.servicedesk.choices_tickets import OPEN_STATUSES, TicketStatus
from wuye.servicedesk.deadlines_tickets import ticket_deadlines
from wuye.servicedesk.models import Notification, Ticket, TicketEvent
from wuye.servicedesk.notify_tickets import deadline_reminder_text, recipients, reminder_recipients

logger = logging.getLogger(__name__)

# A step is "about to pass" when less than this share of its time is left (urgent on-site: the last 7.5
# minutes of 30; an answer: the last 6 hours of 24; a follow-up: the last 42 hours of 7 days).
REMINDER_SHARE = 0.25
# The sweep looks only at tickets received this recently: the longest clock (a follow-up of a ticket
# completed after 72 hours, 7 days; a suggestion's 30 days) with room to spare.
REMINDER_HORIZON = datetime.timedelta(days=90)


def tell(user, key: str, text: str, link: str = "", *, body: str = "", html: str = "") -> bool:
    """Store one notification (once per user and key) and email it; False when it was told before.

    The email says ``text`` and the link, or ``body`` (plain) and ``html`` where given (a weekly digest)."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(user=user, key=key, text=text[:300], link=link)
    except IntegrityError:
        return False
    if user.email:
        sent = send_mail(
            subject=text[:60],
            message=body or f"{text}\n{link}",
            from_email=None,
            recipient_list=[user.email],
            html_message=html or None,
            fail_silently=True,
        )
        if sent:
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


@db_task(retries=3, retry_delay=60)
def deliver_ticket_event(event_id: int) -> int:
    """Tell everyone an event is news to; returns how many were told now."""
    event = (
        TicketEvent.objects.select_related("ticket__project", "ticket__handler").filter(pk=event_id).first()
    )
    if event is None:
        return 0
    link = event.ticket.get_absolute_url()
    return sum(tell(user, f"ticketevent:{event.pk}", text, link) for user, text in recipients(event))


def due_reminders(now: datetime.datetime):
    """(ticket, deadline) for each step still to do whose deadline is less than a quarter of its time away."""
    tickets = (
        Ticket.objects.filter(received_at__gte=now - REMINDER_HORIZON)
        .filter(status__in=[*OPEN_STATUSES, TicketStatus.DONE], withdrawn_at__isnull=True)
        .select_related("project", "handler")
        .order_by()
    )
    for ticket in tickets.iterator():
        for deadline in ticket_deadlines(ticket):
            left = deadline.due - now
            if deadline.is_open(now) and datetime.timedelta(0) < left <= deadline.limit * REMINDER_SHARE:
                yield ticket, deadline


@db_periodic_task(crontab(minute="*/5"))
def remind_deadlines() -> int:
    """Every five minutes: remind the handler (or the project's staff) of each deadline about to pass."""
    told = 0
    now = timezone.now()
    for ticket, deadline in due_reminders(now):
        text = deadline_reminder_text(ticket, deadline)
        key = f"reminder:{ticket.pk}:{deadline.name}:{ticket.reopen_count}"
        for user in reminder_recipients(ticket):
            told += tell(user, key, text, ticket.get_absolute_url())
    logger.info("ticket reminders: %s sent", told)
    return told
