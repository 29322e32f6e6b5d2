from django.urls import path

from tipline.intake import views

app_name = "intake"

urlpatterns = [
    path("report/", views.report_new, name="report_new"),
]
