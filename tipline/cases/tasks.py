"""Background work of case handling (Django's Tasks API: the database queue by default)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def urgent_case_notify(public_id: str) -> int:
    """E-mails the duty officer of the case's unit. The message names the report number only: no content, nothing
    about the reporter (e-mail leaves the system)."""
    from tipline.cases.models import Case

    case = Case.objects.select_related("unit").filter(report__public_id=public_id).first()
    if case is None or not case.unit.duty_email:
        return 0
    with translation.override("zh-hans"):
        subject_zh = _("Urgent report %(id)s") % {"id": public_id}
        body_zh = _("Report %(id)s in your unit is marked urgent. Open it in the workspace: %(url)s")
    with translation.override("en"):
        subject_en = _("Urgent report %(id)s") % {"id": public_id}
        body_en = _("Report %(id)s in your unit is marked urgent. Open it in the workspace: %(url)s")
    url = f"{settings.TIPLINE_PUBLIC_BASE_URL}/staff/cases/{public_id}/"
    body = "\n\n".join(b % {"id": public_id, "url": url} for b in (body_zh, body_en))
    return send_mail(f"{subject_zh} / {subject_en}", body, None, [case.unit.duty_email])
