"""The inbox (站内通知): a user's own notifications, newest first, marked read one by one or all at once.

Only the user's own rows exist for him (``Notification.objects.visible_to``): another's is 404.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.servicedesk.models import Notification

PAGE_SIZE = 20


@login_required
def notification_list(request):
    notifications = Notification.objects.visible_to(request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "servicedesk/notifications/list.html",
        {"page_obj": page, "notifications": page.object_list, "unread_only": unread_only},
    )


@login_required
def notification_count(request):
    """The nav bar's badge, fetched by htmx after the page is drawn (no query added to any page itself)."""
    count = Notification.objects.visible_to(request.user).filter(read_at__isnull=True).count()
    if not count:
        return HttpResponse("")
    label = _("%(count)d 条未读") % {"count": count}
    return HttpResponse(
        f'<span class="badge rounded-pill text-bg-danger" title="{label}">{count if count < 100 else "99+"}</span>'
    )


@require_POST
@login_required
def notification_read(request, pk):
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    if notification.link and request.POST.get("follow"):
        return redirect(notification.link)
    return redirect("notification-list")


@require_POST
@login_required
def notification_read_all(request):
    Notification.objects.visible_to(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notification-list")
