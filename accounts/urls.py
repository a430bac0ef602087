"""Sign-in, passwords and the account holder's own data, at /accounts/ (and /en/accounts/).

URL names are Django's own (login, logout, password_reset_confirm, …) without a namespace,
because Django's auth views reverse them by those names.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import ResetForm

urlpatterns = [
    path("", views.account, name="account"),
    path("my-data/", views.my_data, name="my_data"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(form_class=ResetForm),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
