from __future__ import annotations

from tipline.accounts.admin_site import RoleAdmin, staff_admin_site
from tipline.accounts.models import Role
from tipline.publications.models import ContactEntry, Notice


class EditorAdmin(RoleAdmin):
    roles = (Role.EDITOR, Role.ADMINISTRATOR)


class NoticeAdmin(EditorAdmin):
    list_display = ("slug", "kind", "title_zh", "title_en", "pinned", "published_at")
    list_filter = ("kind", "pinned")
    search_fields = ("slug", "title_zh", "title_en")


class ContactEntryAdmin(EditorAdmin):
    list_display = ("unit", "telephone", "online_url", "published")


staff_admin_site.register(Notice, NoticeAdmin)
staff_admin_site.register(ContactEntry, ContactEntryAdmin)
