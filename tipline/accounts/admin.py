from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tipline.accounts.admin_site import RoleAdmin, staff_admin_site
from tipline.accounts.models import StaffUser, Unit


class UnitAdmin(RoleAdmin):
    list_display = ("code", "name_zh", "name_en", "level", "parent", "region")
    list_filter = ("level",)


class StaffUserAdmin(RoleAdmin):
    """Roles, units and deactivation. Accounts are created with `manage.py staff_add`, which also makes the key
    pair that custodians and handlers need; the admin cannot set passwords."""

    list_display = ("username", "first_name", "role", "unit", "is_active", "last_login")
    list_filter = ("role", "unit", "is_active")
    fields = ("username", "first_name", "last_name", "email", "role", "unit", "language", "is_active")
    readonly_fields = ("username",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: the audit log refers to every account that ever acted


staff_admin_site.register(Unit, UnitAdmin)
staff_admin_site.register(StaffUser, StaffUserAdmin)
