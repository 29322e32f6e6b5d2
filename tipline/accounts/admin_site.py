"""The Django admin, for configuration only: units, categories, deadlines, working-day calendars and staff roles
(administrators); notices and the contact directory (editors). It never shows a report, an identity or the audit
log, and it is reached only after signing in with both factors."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from tipline.accounts.models import Role
from tipline.accounts.staff_session import is_fully_signed_in


class StaffAdminSite(admin.AdminSite):
    site_header = _("Tipline configuration")
    site_title = _("Tipline configuration")
    index_title = _("Configuration")
    site_url = "/staff/"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_fully_signed_in(request) and request.user.role in (Role.ADMINISTRATOR, Role.EDITOR)  # type: ignore[union-attr]

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        return redirect(f"/staff/sign-in/?next={request.get_full_path()}")


staff_admin_site = StaffAdminSite(name="admin")


class RoleAdmin(admin.ModelAdmin):
    """A model the given roles may configure; nobody else sees it."""

    roles: tuple[Role, ...] = (Role.ADMINISTRATOR,)

    def _allowed(self, request: HttpRequest) -> bool:
        return is_fully_signed_in(request) and request.user.role in self.roles  # type: ignore[union-attr]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)
