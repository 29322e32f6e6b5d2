"""The public site's read-only pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tipline.bilingual import language_suffix
from tipline.publications.markdown import markdown_to_safe_html
from tipline.publications.models import Notice
from tipline.publications.selectors import contact_directory, notice_published, notices_published

HOME_LATEST = 5


def home(request: HttpRequest) -> HttpResponse:
    notices = notices_published()
    return render(
        request,
        "publications/home.html",
        {
            "pinned": list(notices.filter(pinned=True)[:3]),
            "latest": list(notices.filter(pinned=False)[:HOME_LATEST]),
        },
    )


def notice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publications/notice_list.html",
        {"notices": list(notices_published()[:100]), "kind": Notice.Kind.NOTICE},
    )


def guidance_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publications/notice_list.html",
        {"notices": list(notices_published(kind=Notice.Kind.GUIDANCE)), "kind": Notice.Kind.GUIDANCE},
    )


def notice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    notice = notice_published(slug=slug)
    if notice is None:
        raise Http404
    suffix = language_suffix()
    return render(
        request,
        "publications/notice_detail.html",
        {
            "notice": notice,
            "body_html": markdown_to_safe_html(notice.local("body")),
            "only_other_language": not notice.has_language(suffix),
        },
    )


def contacts(request: HttpRequest) -> HttpResponse:
    return render(request, "publications/contacts.html", {"directory": contact_directory()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "publications/privacy.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form was sent without its security token (an old page, or a page from elsewhere). Nothing was saved."""
    return render(
        request,
        "publications/problem.html",
        {
            "title": _("This form has expired"),
            "message": _("Nothing was saved. Go back, reload the page and send it again."),
        },
        status=403,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "publications/problem.html",
        {"title": _("Page not found"), "message": _("There is no page at this address.")},
        status=404,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publications/problem.html",
        {"title": _("Something went wrong"), "message": _("Please try again in a few minutes.")},
        status=500,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 in the look of the surface it happened on: the staff workspace or the public site."""
    if request.path.startswith("/staff/"):
        return render(request, "staff/403.html", status=403)
    return render(
        request,
        "publications/problem.html",
        {"title": _("Not allowed"), "message": _("You may not open this page.")},
        status=403,
    )
