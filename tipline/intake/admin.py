from __future__ import annotations

from tipline.accounts.admin_site import RoleAdmin, staff_admin_site
from tipline.intake.models import Category


class CategoryAdmin(RoleAdmin):
    list_display = ("code", "name_zh", "name_en", "position", "active")

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return ("code",) if obj else ()  # codes are stable: the API, exports and triage use them


staff_admin_site.register(Category, CategoryAdmin)
