from django.urls import path

from tipline.wechat import views

app_name = "wechat"

urlpatterns = [
    path("", views.callback, name="callback"),
]
