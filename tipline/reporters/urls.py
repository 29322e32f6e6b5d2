from django.urls import path

from tipline.reporters import views

app_name = "reporters"

urlpatterns = [
    path("follow-up/", views.sign_in, name="sign_in"),
    path("follow-up/report/", views.case, name="case"),
    path("follow-up/report/message/", views.message_add, name="message_add"),
    path("follow-up/report/files/", views.files_add, name="files_add"),
    path("follow-up/report/protection/", views.protection, name="protection"),
    path("follow-up/complaint/", views.complaint_status, name="complaint_status"),
    path("follow-up/sign-out/", views.sign_out, name="sign_out"),
    path("complaints/", views.complaint_info, name="complaint_info"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
]
