"""Django's own user and group pages in Unfold's look, like every other admin page."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm

from portfolio.admin_base import BaseAdmin

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class PortfolioUserAdmin(UserAdmin, BaseAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = AdminPasswordChangeForm


@admin.register(Group)
class PortfolioGroupAdmin(GroupAdmin, BaseAdmin):
    pass
