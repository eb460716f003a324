"""Fields that staff write in the six UN languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, ChairsSummary, ChairsSummarySection, Person, Session


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "room")
    required_languages = {"en": ("title",), "default": ()}


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "annotation")
    required_languages = {"en": ("title",), "default": ()}


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("honorific", "position", "biography")
    required_languages = {"default": ()}


@register(ChairsSummary)
class ChairsSummaryTranslation(TranslationOptions):
    fields = ("introduction", "conclusions")
    required_languages = {"default": ()}


@register(ChairsSummarySection)
class ChairsSummarySectionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = {"default": ()}
