from django.urls import path

from tipline.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/second-factor/", views.second_factor, name="second_factor"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("language/", views.language_set, name="language_set"),
    path("password/", views.password_change, name="password_change"),
]
