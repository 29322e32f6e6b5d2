"""Two URL spaces: the public site (with a language prefix, /zh-hans/ or /en/) and the JSON API. The staff
workspace gets its own space under /staff/ (tipline.cases)."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from tipline.config.api import api_v1


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("api/v1/", api_v1.urls),
    path("healthz", health, name="health"),
    path("wechat/", include("tipline.wechat.urls")),
    path("staff/", include("tipline.config.staff_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("tipline.publications.urls")),
    path("", include("tipline.intake.urls")),
    path("", include("tipline.reporters.urls")),
    prefix_default_language=True,
)

handler403 = "tipline.publications.views.permission_denied"
handler404 = "tipline.publications.views.page_not_found"
handler500 = "tipline.publications.views.server_error"
