"""Public statement pages and the "My delegation" area.

Included before ``events.urls``: its catch-all ``events/<slug>/<page_slug>/`` would
otherwise take ``statements/``.
"""

from django.urls import include, path

from events.pagecache import cached_page

from . import delegate_views, feeds, views

public_patterns = [
    path("events/<slug:slug>/statements/", views.statement_list, name="list"),
    path("events/<slug:slug>/statements/<int:pk>/", views.statement_detail, name="detail"),
    path(
        "events/<slug:slug>/statements/feed/",
        cached_page(feeds.PublishedStatementsFeed()),
        name="feed",
    ),
]

delegate_patterns = [
    path("", delegate_views.home, name="home"),
    path("join/", delegate_views.join, name="join"),
    path("invitations/<str:token>/", delegate_views.invitation, name="invitation"),
    path("delegations/<int:delegation_id>/submit/", delegate_views.submit, name="submit"),
    path("statements/<int:pk>/", delegate_views.statement, name="statement"),
    path("statements/<int:pk>/files/", delegate_views.add_file, name="add_file"),
    path("statements/<int:pk>/withdraw/", delegate_views.withdraw, name="withdraw"),
]

urlpatterns = [
    path("", include((public_patterns, "statements"))),
    path("my-delegation/", include((delegate_patterns, "delegates"))),
]
