from django.urls import path

from tipline.publications import feeds, views

app_name = "publications"

urlpatterns = [
    path("", views.home, name="home"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/<slug:slug>/", views.notice_detail, name="notice_detail"),
    path("guidance/", views.guidance_list, name="guidance_list"),
    path("guidance/<slug:slug>/", views.notice_detail, name="guidance_detail"),
    path("contacts/", views.contacts, name="contacts"),
    path("privacy/", views.privacy, name="privacy"),
    path("feeds/notices.rss", feeds.NoticesRssFeed(), name="feed_rss"),
    path("feeds/notices.atom", feeds.NoticesAtomFeed(), name="feed_atom"),
]
