from django.urls import path

from tipline.reporters import staff_views

app_name = "complaints"

urlpatterns = [
    path("", staff_views.complaint_queue, name="complaint_queue"),
    path("<str:public_id>/", staff_views.complaint_detail, name="complaint_detail"),
    path("<str:public_id>/result/", staff_views.complaint_result, name="complaint_result"),
]
