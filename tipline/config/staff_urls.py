"""The staff workspace's URL space, /staff/: its own templates, session cookie (scoped to this path) and sign-in
with a second factor. The Django admin is here for configuration only."""

from django.urls import include, path

from tipline.accounts.admin_site import staff_admin_site

urlpatterns = [
    path("", include("tipline.accounts.urls")),
    path("cases/", include("tipline.cases.urls")),
    path("audit/", include("tipline.audit.urls")),
    path("complaints/", include("tipline.reporters.staff_urls")),
    path("admin/", staff_admin_site.urls),
]
