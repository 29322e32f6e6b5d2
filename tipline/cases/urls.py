from django.urls import path

from tipline.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.staff_report_new, name="staff_report_new"),
    path("identity-requests/", views.identity_requests, name="identity_requests"),
    path("identity-requests/<int:request_id>/decide/", views.identity_decide, name="identity_decide"),
    path("<str:public_id>/", views.case_detail, name="case_detail"),
    path("<str:public_id>/identity/", views.identity_show, name="identity_show"),
    path(
        "<str:public_id>/attachments/<uuid:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<str:public_id>/<slug:action>/", views.case_action, name="case_action"),
]
