from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and documents")

    def ready(self):
        from . import files, generators, permissions, rendering, resolvers

        files.register("document", resolvers.document_file)
        files.register("document-thumbnail", resolvers.document_thumbnail)
        rendering.register(generators.concept_note)
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
