from django.contrib.auth import views as auth_views
from django.urls import path

from wuye.accounts import views
from wuye.accounts import views_joining as joining

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Owners joining: public join pages, the committee's queue, a building's invitation sheet.
    path("join/", joining.join, name="join"),
    path("join/request/", joining.join_request, name="join-request"),
    path("accounts/join-requests/", joining.join_requests, name="join-requests"),
    path("accounts/join-requests/<int:pk>/decide/", joining.decide_join_request, name="join-request-decide"),
    path("accounts/invitations/buildings/<int:pk>/", joining.invitation_sheet, name="invitation-sheet"),
    path("accounts/invitations/<int:pk>/revoke/", joining.revoke_invitation, name="invitation-revoke"),
    # Password reset by email (the link in the mail is valid PASSWORD_RESET_TIMEOUT, 3 days by default).
    path("accounts/password/reset/", joining.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/", joining.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        joining.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        joining.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
