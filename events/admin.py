"""Admin for CTED staff: events, their pages and documents, organisations, delegations."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from . import outbox, rendering, services
from .files import file_url
from .models import (
    Delegation,
    Document,
    DocumentVersion,
    Event,
    EventPage,
    Job,
    Membership,
    NewsItem,
    Organisation,
)
from .uploads import inspect_upload


class EventPageInline(TranslationStackedInline):
    model = EventPage
    extra = 0
    fields = ["kind", "title", "slug", "body", "order", "is_published"]
    prepopulated_fields = {"slug": ["title_en"]}
    ordering = ["kind", "order"]


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = [
        "short_title",
        "start_date",
        "end_date",
        "city",
        "is_published",
        "is_current",
    ]
    list_filter = ["is_published", "is_current", "kind"]
    search_fields = ["title", "short_title", "slug"]
    prepopulated_fields = {"slug": ["short_title_en"]}
    date_hierarchy = "start_date"
    inlines = [EventPageInline]
    fieldsets = [
        (None, {"fields": ["title", "short_title", "slug", "kind", "theme"]}),
        (
            _("When and where"),
            {"fields": ["start_date", "end_date", "time_zone", "venue", "city"]},
        ),
        (_("Statements"), {"fields": ["statement_deadline"]}),
        (_("Publication"), {"fields": ["is_published", "is_current"]}),
    ]
    readonly_fields = ["is_current"]
    actions = ["make_current"]

    @admin.action(description=_("Make the selected event the current one"))
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one event."), messages.ERROR)
            return
        event = services.event_make_current(event=queryset.get())
        self.message_user(request, _("“%(event)s” is now the current event.") % {"event": event})


class DocumentVersionInlineForm(forms.ModelForm):
    """A new version is an upload; existing versions are shown, never edited."""

    # Not the model's ``file``: shown read-only, the admin would link that to its storage
    # URL, and stored files have none (only the file view serves them, checking rights).
    upload = forms.FileField(label=_("file"))

    class Meta:
        model = DocumentVersion
        fields = ["language"]

    def clean_upload(self):
        uploaded = self.cleaned_data.get("upload")
        if uploaded is not None and not self.instance.pk:
            inspect_upload(uploaded)  # raises ValidationError with a clear message
        return uploaded


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    form = DocumentVersionInlineForm
    extra = 1
    can_delete = False
    fields = [
        "language",
        "upload",
        "preview",
        "size",
        "page_count",
        "source",
        "created_at",
        "created_by",
    ]
    readonly_fields = [
        "preview",
        "size",
        "page_count",
        "source",
        "created_at",
        "created_by",
    ]
    verbose_name = _("file")
    verbose_name_plural = _("files (each upload adds a version; the newest per language is public)")

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def upload(self, version):
        return version.original_name or "–"

    @admin.display(description=_("preview"))
    def preview(self, version):
        if not version.pk:
            return "–"
        link = file_url("document", version.pk, f"{version.language}.pdf")
        if version.thumbnail:
            thumb = file_url("document-thumbnail", version.pk, "thumbnail.png")
            return format_html(
                '<a href="{}"><img src="{}" alt="{}" width="80"></a>',
                link,
                thumb,
                _("First page of %(name)s") % {"name": version.original_name},
            )
        return format_html('<a href="{}">{}</a>', link, version.original_name or _("download"))


@admin.register(Document)
class DocumentAdmin(TabbedTranslationAdmin):
    list_display = [
        "title",
        "kind",
        "symbol",
        "event",
        "distribution",
        "document_date",
        "published_at",
        "render_state",
    ]
    list_filter = ["event", "kind", "distribution", "render_status"]
    search_fields = ["title", "symbol"]
    date_hierarchy = "document_date"
    inlines = [DocumentVersionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "event",
                    "kind",
                    "title",
                    "symbol",
                    "distribution",
                    "document_date",
                    "published_at",
                    "order",
                ]
            },
        ),
        (
            _("Rendering"),
            {
                "fields": ["generator", "render_status", "rendered_at", "render_error"],
                "description": _(
                    "A rendered document's PDF is made by the worker from the site's "
                    "content, in each language whose content is complete. Use the "
                    "“Render now” action after changing that content."
                ),
            },
        ),
    ]
    readonly_fields = ["render_status", "rendered_at", "render_error"]
    actions = ["render_now"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "generator":
            choices = [("", _("— uploaded files —")), *rendering.generator_choices()]
            return forms.ChoiceField(
                choices=choices,
                required=False,
                label=db_field.verbose_name,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("render"), ordering="render_status")
    def render_state(self, document):
        if not document.generator:
            return "–"
        return document.get_render_status_display()

    @admin.action(description=_("Render now (the public PDF of each complete language)"))
    def render_now(self, request, queryset):
        queued = 0
        with transaction.atomic():
            for document in queryset.exclude(generator=""):
                queued += len(rendering.document_render_enqueue(document=document))
        self.message_user(
            request,
            ngettext("%d render queued.", "%d renders queued.", queued) % queued,
            messages.SUCCESS if queued else messages.WARNING,
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not DocumentVersion:
            return super().save_formset(request, form, formset, change)
        # Each upload goes through the service (checked, hashed, thumbnailed); the
        # formset itself never saves, so versions are only ever created, never edited.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = (
            [],
            [],
            [],
        )
        with transaction.atomic():
            for inline_form in formset.forms:
                if inline_form.instance.pk or not inline_form.has_changed():
                    continue
                data = inline_form.cleaned_data
                if not data.get("upload"):
                    continue
                try:
                    version = services.document_version_create(
                        document=form.instance,
                        language=data["language"],
                        uploaded_file=data["upload"],
                        user=request.user,
                    )
                except ValidationError as exc:
                    self.message_user(request, "; ".join(exc.messages), messages.ERROR)
                else:
                    formset.new_objects.append(version)


@admin.register(NewsItem)
class NewsItemAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "event", "published_at"]
    list_filter = ["event", "kind"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title_en"]}
    date_hierarchy = "published_at"


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ["name", "acronym", "kind", "iso_code", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "iso_code"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = [
        "user",
        "role",
        "status",
        "position",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    readonly_fields = ["decided_by", "decided_at", "created_at"]
    autocomplete_fields = ["user"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "event",
        "organisation_kind",
        "deadline_extended_until",
    ]
    list_filter = ["event", "organisation__kind"]
    search_fields = ["organisation__name", "organisation__acronym"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation", "event"]
    inlines = [MembershipInline]

    @admin.display(description=_("kind"), ordering="organisation__kind")
    def organisation_kind(self, delegation):
        return delegation.organisation.get_kind_display()


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships as records. Requests are approved or declined in "Delegate requests"
    (statements' admin), which tells the user by mail."""

    list_display = ["user", "delegation", "role", "status", "position", "created_at"]
    list_filter = ["status", "role", "delegation__event", "delegation__organisation__kind"]
    search_fields = ["user__email", "user__full_name", "delegation__organisation__name"]
    list_select_related = ["user", "delegation__organisation", "delegation__event"]
    autocomplete_fields = ["user", "delegation"]
    readonly_fields = ["status", "decided_by", "decided_at", "created_at"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "task",
        "status",
        "attempts",
        "run_after",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "task"]
    search_fields = ["task", "dedupe_key"]
    readonly_fields = [f.name for f in Job._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Run the selected jobs again now"), permissions=["change"])
    def retry_now(self, request, queryset):
        count = outbox.requeue(queryset)
        self.message_user(request, ngettext("%d job queued.", "%d jobs queued.", count) % count)
