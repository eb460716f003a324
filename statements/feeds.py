"""The Atom feed of an event's published statements."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from events import selectors as event_selectors

from . import selectors


class PublishedStatementsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return event_selectors.public_event(slug=slug)

    def title(self, event):
        return _("Written statements – %(event)s") % {"event": event.short_title}

    def subtitle(self, event):
        return _("Written statements published for the meeting “%(title)s”.") % {
            "title": event.title
        }

    def link(self, event):
        return reverse("statements:list", kwargs={"slug": event.slug})

    def feed_url(self, event):
        return reverse("statements:feed", kwargs={"slug": event.slug})

    def items(self, event):
        return selectors.feed_statements(event=event)

    def item_title(self, statement):
        return f"{statement.delegation.organisation.name}: {statement.title}"

    def item_description(self, statement):
        languages = ", ".join(
            str(v.get_language_display()) for v in statement.language_versions.all()
        )
        return _("Written statement of %(organisation)s. Languages: %(languages)s.") % {
            "organisation": statement.delegation.organisation.name,
            "languages": languages,
        }

    def item_link(self, statement):
        return reverse(
            "statements:detail", kwargs={"slug": statement.event.slug, "pk": statement.pk}
        )

    def item_pubdate(self, statement):
        return statement.published_at

    def item_updateddate(self, statement):
        return statement.published_at

    def item_author_name(self, statement):
        return statement.delegation.organisation.name
