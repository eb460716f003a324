from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and documents")

    def ready(self):
        from . import files, generators, pagecache, permissions, rendering, resolvers, selectors
        from .models import (
            Delegation,
            Document,
            DocumentVersion,
            Event,
            EventPage,
            NewsItem,
            Organisation,
        )

        files.register("document", resolvers.document_file)
        files.register("document-thumbnail", resolvers.document_thumbnail)
        rendering.register(generators.concept_note)
        # What the public pages show; an event's own row bumps every page (its slug, title
        # and dates appear on the index and in every page's header).
        pagecache.watch(Event, None)
        pagecache.watch(Organisation, None)
        for model in (EventPage, Document, NewsItem, Delegation):
            pagecache.watch(model, lambda row: row.event_id and row.event)
        pagecache.watch(DocumentVersion, lambda version: version.document.event)
        pagecache.register_next_change(selectors.next_publication)
        permissions.grant(
            "events",
            *[
                f"{action}_{model}"
                for model in ("event", "eventpage", "document", "newsitem", "organisation",
                              "delegation", "membership")
                for action in ("add", "change", "view")
            ],
            "add_documentversion",
            "view_documentversion",
            "view_job",
            "change_job",
        )  # fmt: skip
        permissions.grant("accounts", "view_user")
        # Connected once, for the last app migrated, so every app's grants are in.
        post_migrate.connect(permissions.sync_staff_group, dispatch_uid="events.sync_staff_group")
