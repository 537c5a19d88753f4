"""Pages: tickets (the owner's, the ticket's own, a project's desk, trends and the regulator's list)."""

from django.urls import path

from wuye.servicedesk import views_ticket_desk as desk
from wuye.servicedesk import views_tickets as views

urlpatterns = [
    path("tickets/mine/", views.my_tickets, name="my-tickets"),
    path("tickets/new/", views.file_ticket, name="ticket-file"),
    path("tickets/escalated/", desk.escalated_tickets, name="ticket-escalated"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket-detail"),
    path("tickets/<int:pk>/move/", views.ticket_move, name="ticket-move"),
    path("tickets/<int:pk>/withdraw/", views.ticket_withdraw, name="ticket-withdraw"),
    path("tickets/<int:pk>/rate/", views.ticket_rate, name="ticket-rate"),
    path("tickets/<int:pk>/follow-up/", views.ticket_follow_up, name="ticket-follow-up"),
    path("tickets/<int:pk>/appointment/", views.ticket_appointment, name="ticket-appointment"),
    path("tickets/<int:pk>/outcome/", views.ticket_outcome, name="ticket-outcome"),
    path("tickets/<int:pk>/comment/", views.ticket_comment, name="ticket-comment"),
    path("tickets/<int:pk>/escalate/", views.ticket_escalate, name="ticket-escalate"),
    path("projects/<int:pk>/tickets/", desk.ticket_desk, name="ticket-desk"),
    path("projects/<int:pk>/tickets/print/", desk.ticket_desk_print, name="ticket-desk-print"),
    path("projects/<int:pk>/tickets/new/", desk.ticket_log, name="ticket-log"),
    path("projects/<int:pk>/tickets/trends/", desk.ticket_trends, name="ticket-trends"),
]
urlpatterns.append(path("tickets/", desk.ticket_desks, name="ticket-desks"))
