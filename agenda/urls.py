"""Public pages and exports of the published programme.

Included before ``events.urls``: its catch-all ``events/<slug>/<page_slug>/`` would
otherwise take ``programme/`` and ``panellists/``.
"""

from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("events/<slug:slug>/programme/", views.programme, name="programme"),
    path(
        "events/<slug:slug>/programme/revisions/<int:number>/",
        views.programme_revision,
        name="revision",
    ),
    path("events/<slug:slug>/programme.ics", views.programme_ics, name="programme_ics"),
    path("events/<slug:slug>/programme.json", views.programme_json, name="programme_json"),
    path("events/<slug:slug>/sessions/<int:session_id>/", views.session, name="session"),
    path(
        "events/<slug:slug>/sessions/<int:session_id>.ics",
        views.session_ics,
        name="session_ics",
    ),
    path("events/<slug:slug>/panellists/", views.panellists, name="panellists"),
    path("events/<slug:slug>/people/<int:person_id>/", views.person, name="person"),
]
