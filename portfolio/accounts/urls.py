# Mounted at /api/v1/auth/ by portfolio/urls.py.
from django.urls import path

from portfolio.accounts.views import LoginApi, LogoutApi, MeApi, RefreshApi

urlpatterns = [
    path("login", LoginApi.as_view(), name="auth-login"),
    path("refresh", RefreshApi.as_view(), name="auth-refresh"),
    path("logout", LogoutApi.as_view(), name="auth-logout"),
    path("me", MeApi.as_view(), name="auth-me"),
]
