from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.index, name="index"),
    path("account-menu/", views.account_menu, name="account_menu"),
    path("events/<slug:slug>/", views.event_home, name="home"),
    path("events/<slug:slug>/documents/", views.documents, name="documents"),
    path("events/<slug:slug>/news/", views.news_list, name="news"),
    path("events/<slug:slug>/news/<slug:news_slug>/", views.news_detail, name="news_item"),
    path("events/<slug:slug>/<slug:page_slug>/", views.event_page, name="page"),
]
