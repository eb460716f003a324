from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda, panellists and Chair's summary")

    def ready(self):
        from events import files, navigation, pagecache, permissions, rendering

        from . import generators, resolvers, selectors
        from .models import AgendaRevision, ChairsSummary, ChairsSummarySection, Person, PersonPhoto

        files.register("person-photo", resolvers.person_photo)
        rendering.register(generators.annotated_agenda)
        rendering.register(generators.chairs_summary)
        # Public pages show published revisions (never the working copy), the published
        # Chair's summary, and people's public fields and photos.
        pagecache.watch(AgendaRevision, lambda revision: revision.event)
        pagecache.watch(ChairsSummary, lambda summary: summary.event)
        pagecache.watch(ChairsSummarySection, lambda section: section.summary.event)
        pagecache.watch(Person, None)
        pagecache.watch(PersonPhoto, None)
        navigation.register(
            navigation.EventSection(
                key="programme",
                label=_("Programme"),
                url_name="agenda:programme",
                order=10,
                is_available=selectors.has_published_programme,
            )
        )
        navigation.register(
            navigation.EventSection(
                key="panellists",
                label=_("Panellists"),
                url_name="agenda:panellists",
                order=20,
                is_available=selectors.has_published_programme,
            )
        )
        permissions.grant(
            "agenda",
            *[
                f"{action}_{model}"
                for model in ("session", "agendaitem", "person", "roleassignment")
                for action in ("add", "change", "delete", "view")
            ],
            "view_personphoto",
            "view_eventprogramme",
            "change_eventprogramme",
            # Publishing a revision is adding one; revisions are never changed or deleted.
            "add_agendarevision",
            "view_agendarevision",
            # The Chair's summary: written, previewed and published by CTED staff.
            *[f"{action}_chairssummary" for action in ("add", "change", "view")],
            *[f"{action}_chairssummarysection" for action in ("add", "change", "delete", "view")],
            "publish_chairssummary",
        )
