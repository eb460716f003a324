"""Fields that staff write in the six UN languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Document, Event, EventPage, NewsItem, Organisation


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "short_title", "theme", "venue", "city")
    required_languages = ("en",)


@register(EventPage)
class EventPageTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("en",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "acronym")
    required_languages = ("en",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("en",)
