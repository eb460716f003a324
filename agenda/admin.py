"""Admin for CTED staff: programmes, sessions, agenda items, people and their roles.

- *Programmes* (one per event): the sessions inline, a preview of the working copy
  and publishing a provisional / revised / final revision with an optional note.
- *Sessions*: their agenda items and session roles inline, ordered with up/down
  buttons or by dragging (static/agenda/admin/sortable-inlines.js), never by typing
  numbers; a "duplicate" action.
- *Agenda items*: their role assignments inline, people found by autocomplete.
- *People*: photo uploads go through ``services.person_photo_set`` (checked by content).
- *Draft PDFs*: saving or deleting any part of the working copy queues a staff-only
  draft render of the annotated agenda (debounced); the programme page links the newest
  draft and public PDF of each language, and the Document (symbol, date) behind them.
- *Chair's summary*: written here (one section per session or item, translated per
  field), previewed as HTML with the PDF's own template, rendered as a draft PDF on
  each save, and published with "Publish…" (or the list's action).

Translated fields are shown one per language ("title [fr]"), with modeltranslation's
plain TranslationAdmin: its tabbed variant loads jQuery UI from a CDN, which the
Content-Security-Policy (rightly) blocks.
- *Agenda revisions*: read-only: a published revision never changes.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from events.files import file_url
from events.models import Document

from . import generators, selectors, services
from .models import (
    AgendaItem,
    AgendaRevision,
    ChairsSummary,
    ChairsSummarySection,
    EventProgramme,
    Person,
    RoleAssignment,
    Session,
)
from .photos import MAX_PHOTO_BYTES, process_photo

# A new row without JavaScript goes last; saving renumbers 1, 2, 3 ...
NEW_ROW_ORDER = 100_000


class OrderedInlineForm(forms.ModelForm):
    """A row whose hidden ``order`` the page's script sets from its position."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial.setdefault("order", NEW_ROW_ORDER)
        if "order" in self.fields:
            self.fields["order"].required = False

    def clean_order(self):
        order = self.cleaned_data.get("order")
        if order is None:
            return self.instance.order if self.instance.pk else NEW_ROW_ORDER
        return order

    def has_changed(self):
        # An untouched extra row is not a new row just because the script numbered it.
        if self.instance.pk is None:
            return bool(set(self.changed_data) - {"order"})
        return super().has_changed()


class SortableInline(admin.TabularInline):
    form = OrderedInlineForm
    classes = ["agenda-sortable"]
    extra = 1

    class Media:
        css = {"all": ["agenda/admin/agenda-admin.css"]}
        js = ["agenda/admin/sortable-inlines.js"]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("widgets", {})["order"] = forms.HiddenInput
        return super().get_formset(request, obj, **kwargs)


# --- Draft PDFs ------------------------------------------------------------------------


def _draft_render(events) -> None:
    """Queue a staff-only draft PDF of each event's working copy (debounced)."""
    for event in {e.pk: e for e in events if e is not None}.values():
        services.agenda_draft_render_enqueue(event=event)


class DraftRenderMixin:
    """Saving or deleting part of the working copy queues a draft PDF of the agenda.

    The render is debounced (events.rendering): twenty quick saves, one or two renders.
    """

    def events_of(self, obj) -> list:
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _draft_render(self.events_of(form.instance))

    def delete_model(self, request, obj):
        events = self.events_of(obj)
        super().delete_model(request, obj)
        _draft_render(events)

    def delete_queryset(self, request, queryset):
        events = [e for obj in queryset for e in self.events_of(obj)]
        super().delete_queryset(request, queryset)
        _draft_render(events)


def _version_links(versions) -> str:
    names = dict(settings.LANGUAGES)
    return format_html_join(
        " · ",
        '<a href="{}" hreflang="{}" type="application/pdf">{}</a> <small>({} UTC)</small>',
        (
            (
                file_url("document", v.pk, f"{v.language}.pdf"),
                v.language,
                names.get(v.language, v.language),
                f"{v.created_at:%Y-%m-%d %H:%M}",
            )
            for v in versions
        ),
    )


def rendered_document_summary(document: Document | None, complete: list[str]) -> str:
    """Staff's view of a rendered document: its status, newest public and draft PDFs."""
    if document is None:
        return format_html("{}", _("No PDF yet."))
    newest = selectors.newest_rendered_versions(document=document)
    names = dict(settings.LANGUAGES)
    rows = [
        (
            _("Document"),
            format_html(
                '<a href="{}">{}</a>',
                reverse("admin:events_document_change", args=[document.pk]),
                _("symbol, date, distribution, all versions"),
            ),
        ),
        (
            _("Render"),
            format_html(
                "{}{}",
                document.get_render_status_display() or _("not rendered yet"),
                format_html(" — {}", document.render_error[:300]) if document.render_error else "",
            ),
        ),
        (_("Public PDF"), _version_links(newest["public"]) or _("none yet")),
        (_("Draft PDF (staff only)"), _version_links(newest["draft"]) or _("none yet")),
        (
            _("Languages complete"),
            ", ".join(str(names.get(c, c)) for c in complete) or _("none"),
        ),
    ]
    return format_html_join("", "<div><strong>{}:</strong> {}</div>", rows)


# --- Programmes ---------------------------------------------------------------------


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["kind", "title_en", "date", "start_time", "end_time", "room_en"]
    extra = 1
    show_change_link = True
    ordering = ["date", "start_time", "order"]
    verbose_name_plural = _(
        "sessions (open a session to order its agenda items, name its chairs and "
        "panellists, and translate it)"
    )


class PublishForm(forms.Form):
    label = forms.ChoiceField(
        label=_("Publish as"), choices=AgendaRevision.Label.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Public note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Shown with this revision on the programme, e.g. what changed and why."),
    )


@admin.register(EventProgramme)
class EventProgrammeAdmin(admin.ModelAdmin):
    list_display = ["short_title", "start_date", "end_date", "session_count", "newest_revision"]
    search_fields = ["title", "short_title", "slug"]
    fields = [
        "title",
        "start_date",
        "end_date",
        "time_zone",
        "revisions",
        "programme_links",
        "annotated_agenda",
        "chairs_summary_link",
    ]
    readonly_fields = fields
    inlines = [SessionInline]
    actions = ["publish_provisional", "publish_revised", "publish_final"]

    def has_add_permission(self, request):
        return False  # events are created under Events

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_sessions=Count("sessions"))

    @admin.display(description=_("sessions"), ordering="n_sessions")
    def session_count(self, event):
        return event.n_sessions

    @admin.display(description=_("newest published revision"))
    def newest_revision(self, event):
        revision = event.agenda_revisions.order_by("-number").first()
        if revision is None:
            return _("not published yet")
        return f"{revision.number} · {revision.get_label_display()}"

    @admin.display(description=_("published revisions"))
    def revisions(self, event):
        rows = event.agenda_revisions.order_by("-number").values_list(
            "number", "label", "published_at"
        )
        if not rows:
            return _("Nothing published yet: the public sees “not published yet”.")
        labels = dict(AgendaRevision.Label.choices)
        return format_html_join(
            "",
            "<div>{} · {} · {} UTC</div>",
            ((n, labels[label], f"{at:%Y-%m-%d %H:%M}") for n, label, at in rows),
        )

    @admin.display(description=_("programme"))
    def programme_links(self, event):
        if not event.pk:
            return "–"
        links = [
            (reverse("admin:agenda_eventprogramme_preview", args=[event.pk]), _("Preview")),
            (
                reverse("admin:agenda_eventprogramme_publish", args=[event.pk]),
                _("Publish a revision…"),
            ),
            (reverse("agenda:programme", kwargs={"slug": event.slug}), _("Public programme")),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.display(description=_("annotated agenda (PDF)"))
    def annotated_agenda(self, event):
        if not event.pk:
            return "–"
        document = Document.objects.filter(
            event=event, generator=generators.ANNOTATED_AGENDA
        ).first()
        newest = selectors.newest_revision(event=event)
        complete = generators.agenda_complete_languages_of(newest.snapshot if newest else None)
        return rendered_document_summary(document, complete)

    @admin.display(description=_("Chair's summary"))
    def chairs_summary_link(self, event):
        if not event.pk:
            return "–"
        summary = ChairsSummary.objects.filter(event=event).first()
        if summary is None:
            url = reverse("admin:agenda_chairssummary_add") + f"?event={event.pk}"
            return format_html('<a href="{}">{}</a>', url, _("Write the Chair's summary"))
        url = reverse("admin:agenda_chairssummary_change", args=[summary.pk])
        return format_html(
            '<a href="{}">{}</a> ({})', url, _("Chair's summary"), summary.get_status_display()
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            _draft_render([form.instance])

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/",
                wrap(self.preview_view),
                name="agenda_eventprogramme_preview",
            ),
            path(
                "<int:pk>/publish/",
                wrap(self.publish_view),
                name="agenda_eventprogramme_publish",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        """The working copy rendered with the public template, for staff only."""
        from .views import programme_context

        if not self.has_view_permission(request):
            raise PermissionDenied
        event = get_object_or_404(EventProgramme, pk=pk)
        preview = selectors.preview(event=event, language=get_language())
        context = programme_context(
            event,
            None,
            nav="programme",
            programme=preview.programme,
            previous=preview.newest,
            changes=preview.changes,
            preview=True,
            link_people=False,
            link_sessions=False,
            admin_url=reverse("admin:agenda_eventprogramme_change", args=[event.pk]),
        )
        # admin_view() already makes it private and uncached (never_cache).
        response = TemplateResponse(request, "agenda/programme.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response

    def publish_view(self, request, pk):
        """Confirm and publish: label, optional note, and what will change."""
        if not request.user.has_perm("agenda.add_agendarevision"):
            raise PermissionDenied
        event = get_object_or_404(EventProgramme, pk=pk)
        newest = event.agenda_revisions.order_by("-number").first()
        default_label = (
            AgendaRevision.Label.PROVISIONAL if newest is None else AgendaRevision.Label.REVISED
        )
        form = PublishForm(
            request.POST or None,
            initial={"label": request.GET.get("label") or default_label},
        )
        if request.method == "POST" and form.is_valid():
            try:
                revision = services.agenda_publish(
                    event=event,
                    label=form.cleaned_data["label"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(
                    request,
                    _("Revision %(number)s (%(label)s) of the programme is published.")
                    % {"number": revision.number, "label": revision.get_label_display()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:agenda_eventprogramme_change", args=[event.pk])
                )
        preview = selectors.preview(event=event, language=get_language())
        context = {
            **self.admin_site.each_context(request),
            "title": _("Publish the programme of %(event)s") % {"event": event},
            "opts": self.opts,
            "original": event,
            "event": event,
            "form": form,
            "newest": newest,
            "changes": preview.changes,
            "session_count": len(preview.programme.sessions),
            "people_count": len(preview.programme.people),
            "preview_url": reverse("admin:agenda_eventprogramme_preview", args=[event.pk]),
        }
        return TemplateResponse(request, "agenda/admin/publish.html", context)

    def _publish_action(self, request, queryset, label):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one programme."), messages.ERROR)
            return None
        url = reverse("admin:agenda_eventprogramme_publish", args=[queryset.get().pk])
        return HttpResponseRedirect(f"{url}?label={label}")

    @admin.action(description=_("Publish a provisional revision…"), permissions=["publish"])
    def publish_provisional(self, request, queryset):
        return self._publish_action(request, queryset, AgendaRevision.Label.PROVISIONAL)

    @admin.action(description=_("Publish a revised revision…"), permissions=["publish"])
    def publish_revised(self, request, queryset):
        return self._publish_action(request, queryset, AgendaRevision.Label.REVISED)

    @admin.action(description=_("Publish the final revision…"), permissions=["publish"])
    def publish_final(self, request, queryset):
        return self._publish_action(request, queryset, AgendaRevision.Label.FINAL)

    def has_publish_permission(self, request):
        return request.user.has_perm("agenda.add_agendarevision")


# --- Sessions and agenda items ----------------------------------------------------


class AgendaItemInline(SortableInline):
    model = AgendaItem
    fields = ["title_en", "annotation_en", "start_time", "end_time", "order", "people"]
    readonly_fields = ["people"]
    show_change_link = True
    verbose_name_plural = _(
        "agenda items (drag ⠿ or use ▲ ▼ to order them; open an item to name its "
        "panellists and translate it)"
    )

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("widgets", {})["annotation_en"] = forms.Textarea(
            attrs={"rows": 2, "cols": 50}
        )
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles__person")

    @admin.display(description=_("people"))
    def people(self, item):
        if not item.pk:
            return "–"
        roles = list(item.roles.all())
        if not roles:
            return _("none yet")
        confirmed = RoleAssignment.Status.CONFIRMED
        return format_html_join(
            "",
            "<div>{} <small>({}{})</small></div>",
            (
                (
                    r.person.display_name,
                    r.get_role_display(),
                    "" if r.status == confirmed else f", {r.get_status_display()}",
                )
                for r in roles
            ),
        )


class SessionRoleInline(SortableInline):
    model = RoleAssignment
    fk_name = "session"
    fields = ["person", "role", "status", "order"]
    autocomplete_fields = ["person"]
    verbose_name = _("role on the whole session")
    verbose_name_plural = _("roles on the whole session (e.g. Chair, moderator)")


@admin.register(Session)
class SessionAdmin(DraftRenderMixin, TranslationAdmin):
    list_display = ["title", "event", "kind", "date", "start_time", "end_time", "room", "n_items"]
    list_filter = ["event", "kind", "date"]
    list_select_related = ["event"]
    search_fields = ["title", "room", "items__title"]
    date_hierarchy = "date"
    fields = ["event", "kind", "title", "date", "start_time", "end_time", "room"]
    inlines = [SessionRoleInline, AgendaItemInline]
    actions = ["duplicate"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description=_("items"), ordering="item_count")
    def n_items(self, session):
        return session.item_count

    def events_of(self, session):
        return [session.event]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.items_renumber(session=form.instance)
        services.roles_renumber(session=form.instance)

    @admin.action(
        description=_("Duplicate the selected sessions (with items and roles)"),
        permissions=["add"],
    )
    def duplicate(self, request, queryset):
        with transaction.atomic():
            copies = [
                services.session_duplicate(session=s) for s in queryset.select_related("event")
            ]
            _draft_render([c.event for c in copies])
        self.message_user(
            request,
            ngettext(
                "%d session duplicated: its title ends with “(copy)”.",
                "%d sessions duplicated: their titles end with “(copy)”.",
                len(copies),
            )
            % len(copies),
        )


class ItemRoleInline(SortableInline):
    model = RoleAssignment
    fk_name = "item"
    fields = ["person", "role", "status", "order"]
    autocomplete_fields = ["person"]
    verbose_name = _("person on this item")
    verbose_name_plural = _(
        "people on this item (panellists, moderator, rapporteur…; only confirmed people "
        "are published)"
    )


@admin.register(AgendaItem)
class AgendaItemAdmin(DraftRenderMixin, TranslationAdmin):
    list_display = ["title", "session", "event", "start_time", "end_time"]
    list_filter = ["session__event", "session__kind", "session"]
    list_select_related = ["session__event"]
    search_fields = ["title", "annotation", "session__title"]
    autocomplete_fields = ["session"]
    fields = ["session", "title", "annotation", "start_time", "end_time"]
    inlines = [ItemRoleInline]

    @admin.display(description=_("event"), ordering="session__event")
    def event(self, item):
        return item.session.event

    def events_of(self, item):
        return [item.session.event]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.order = services.next_item_order(session=obj.session)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.roles_renumber(item=form.instance)


# --- People ---------------------------------------------------------------------------


class PersonForm(forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("new photo"),
        required=False,
        help_text=_(
            "JPEG or PNG, at most %(size)s MB. It is resized; it becomes public with the "
            "next published revision that shows this person."
        )
        % {"size": MAX_PHOTO_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    remove_photo = forms.BooleanField(label=_("remove the photo"), required=False)

    class Meta:
        model = Person
        fields = [
            "honorific",
            "given_name",
            "family_name",
            "position",
            "organisation",
            "biography",
            "email",
            "is_cted_expert",
        ]

    def clean_photo_upload(self):
        uploaded = self.cleaned_data.get("photo_upload")
        if uploaded:
            process_photo(uploaded)  # raises ValidationError with a clear message
        return uploaded


class PersonRoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "person"
    fields = ["role", "status", "session", "item"]
    readonly_fields = ["role", "status", "session", "item"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("roles (edit them on the session or the agenda item)")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session", "item")


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    form = PersonForm
    list_display = [
        "display_name",
        "organisation",
        "position",
        "is_cted_expert",
        "has_photo",
        "n_roles",
    ]
    list_filter = ["is_cted_expert", "organisation__kind", "roles__status", "roles__role"]
    list_select_related = ["organisation"]
    search_fields = ["given_name", "family_name", "position", "organisation__name", "email"]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": ["honorific", "given_name", "family_name", "position", "organisation"]}),
        (_("Biography and photo"), {"fields": ["biography", "photo_preview", "photo_upload",
                                               "remove_photo"]}),
        (_("For CTED only"), {"fields": ["email", "is_cted_expert"]}),
    ]  # fmt: skip
    readonly_fields = ["photo_preview"]
    inlines = [PersonRoleInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # Both here: a queryset with select_related makes the changelist ignore
            # list_select_related.
            .select_related("organisation", "photo")
            .annotate(role_count=Count("roles", distinct=True))
        )

    @admin.display(description=_("name"), ordering="family_name")
    def display_name(self, person):
        return person.display_name

    @admin.display(description=_("photo"), boolean=True)
    def has_photo(self, person):
        return person.photo_id is not None

    @admin.display(description=_("roles"), ordering="role_count")
    def n_roles(self, person):
        return person.role_count

    @admin.display(description=_("current photo"))
    def photo_preview(self, person):
        photo = person.photo if person.pk else None
        if photo is None:
            return _("No photo.")
        url = file_url("person-photo", photo.pk, "photo.jpg")
        return format_html(
            '<img src="{}" alt="" width="120" class="agenda-admin-photo"> <span>{}</span>',
            url,
            _("public") if photo.published_at else _("not public yet"),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        uploaded = form.cleaned_data.get("photo_upload")
        if uploaded:
            services.person_photo_set(person=obj, uploaded_file=uploaded)
        elif form.cleaned_data.get("remove_photo") and obj.photo_id:
            services.person_photo_remove(person=obj)
        if change:
            _draft_render(services.events_of_person(person=obj))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(DraftRenderMixin, admin.ModelAdmin):
    list_display = ["person", "role", "status", "where", "event"]
    list_filter = ["status", "role", "session__event", "item__session__event"]
    list_select_related = ["person", "session__event", "item__session__event"]
    search_fields = ["person__given_name", "person__family_name", "item__title", "session__title"]
    autocomplete_fields = ["person", "session", "item"]
    fields = ["person", "role", "status", "session", "item"]
    actions = ["confirm", "decline"]

    @admin.display(description=_("on"))
    def where(self, role):
        return role.item or role.session

    @admin.display(description=_("event"))
    def event(self, role):
        return (role.item.session if role.item_id else role.session).event

    def events_of(self, role):
        return [self.event(role)]

    def _set_status(self, request, queryset, status):
        count = 0
        events = []
        with transaction.atomic():
            for role in queryset:
                role.status = status
                role.full_clean()
                role.save(update_fields=["status"])
                events.append(self.event(role))
                count += 1
            _draft_render(events)
        return count

    @admin.action(description=_("Mark the selected roles as confirmed"), permissions=["change"])
    def confirm(self, request, queryset):
        count = self._set_status(request, queryset, RoleAssignment.Status.CONFIRMED)
        self.message_user(
            request, ngettext("%d role confirmed.", "%d roles confirmed.", count) % count
        )

    @admin.action(description=_("Mark the selected roles as declined"), permissions=["change"])
    def decline(self, request, queryset):
        count = self._set_status(request, queryset, RoleAssignment.Status.DECLINED)
        self.message_user(
            request, ngettext("%d role declined.", "%d roles declined.", count) % count
        )


# --- Published revisions: read only ---------------------------------------------------


@admin.register(AgendaRevision)
class AgendaRevisionAdmin(admin.ModelAdmin):
    list_display = ["event", "number", "label", "published_at", "published_by", "public_page"]
    list_filter = ["event", "label"]
    list_select_related = ["event", "published_by"]
    fields = ["event", "number", "label", "note", "published_at", "published_by", "schema_version",
              "sha256", "public_page", "summary"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # publish from the programme (Programmes › an event › Publish)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("snapshot")

    @admin.display(description=_("public page"))
    def public_page(self, revision):
        url = reverse(
            "agenda:revision", kwargs={"slug": revision.event.slug, "number": revision.number}
        )
        return format_html('<a href="{}">{}</a>', url, _("view"))

    @admin.display(description=_("contents"))
    def summary(self, revision):
        data = revision.snapshot
        items = sum(len(s["items"]) for s in data["sessions"])
        return _("%(sessions)s sessions, %(items)s agenda items, %(people)s people") % {
            "sessions": len(data["sessions"]),
            "items": items,
            "people": len(data["people"]),
        }


# --- The Chair's summary ------------------------------------------------------------------


class ChairsSummarySectionInline(TranslationStackedInline):
    model = ChairsSummarySection
    fields = ["session", "item", "text", "order"]
    extra = 1
    ordering = ["order", "pk"]
    verbose_name = _("section")
    verbose_name_plural = _(
        "sections (one per session or agenda item: choose exactly one of the two; "
        "sections appear in the order of their numbers)"
    )

    def get_formset(self, request, obj=None, **kwargs):
        request._chairs_summary_event_id = obj.event_id if obj is not None else None
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        event_id = getattr(request, "_chairs_summary_event_id", None)
        if db_field.name == "session":
            kwargs["queryset"] = Session.objects.filter(event_id=event_id).order_by(
                "date", "start_time", "order"
            )
        elif db_field.name == "item":
            kwargs["queryset"] = (
                AgendaItem.objects.filter(session__event_id=event_id)
                .select_related("session")
                .order_by("session__date", "session__start_time", "session__order", "order")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PublishSummaryForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Publish the Chair's summary on the website"),
        help_text=_(
            "Its PDF is rendered in every language in which it is complete and appears on "
            "the Documents page. Publish again after later changes."
        ),
    )


@admin.register(ChairsSummary)
class ChairsSummaryAdmin(TranslationAdmin):
    list_display = ["event", "status", "published_at", "published_by"]
    list_filter = ["status"]
    list_select_related = ["event", "published_by"]
    fieldsets = [
        (None, {"fields": ["event", "status", "published_at", "published_by", "documents"]}),
        (_("Introduction"), {"fields": ["introduction"]}),
        (_("Conclusions"), {"fields": ["conclusions"]}),
    ]
    readonly_fields = ["status", "published_at", "published_by", "documents"]
    inlines = [ChairsSummarySectionInline]
    actions = ["publish"]
    change_form_template = "agenda/admin/chairs_summary_change_form.html"

    def get_readonly_fields(self, request, obj=None):
        # The event is chosen once, when the summary is started.
        return [*self.readonly_fields, "event"] if obj is not None else self.readonly_fields

    def get_changeform_initial_data(self, request):
        return {"event": request.GET.get("event")}

    def get_inlines(self, request, obj):
        # Sections name the event's sessions and items: written once the event is chosen.
        return self.inlines if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False  # a published summary stays; a draft is simply rewritten

    def has_publish_permission(self, request):
        return request.user.has_perm("agenda.publish_chairssummary")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_publish": self.has_publish_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("PDFs"))
    def documents(self, summary):
        if not summary.pk:
            return _("Save the summary first: then preview it and see its PDFs here.")
        document = Document.objects.filter(
            event=summary.event_id, generator=generators.CHAIRS_SUMMARY
        ).first()
        sections = list(summary.sections.select_related("session", "item__session"))
        titles = generators.published_titles(summary.event)
        complete = generators.summary_complete_languages_of(summary, sections, titles)
        return rendered_document_summary(document, complete)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.chairs_summary_draft_render_enqueue(summary=form.instance)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/",
                wrap(self.preview_view),
                name="agenda_chairssummary_preview",
            ),
            path(
                "<int:pk>/preview/document/",
                wrap(self.preview_document_view),
                name="agenda_chairssummary_preview_document",
            ),
            path(
                "<int:pk>/publish/",
                wrap(self.publish_view),
                name="agenda_chairssummary_publish",
            ),
            *super().get_urls(),
        ]

    def _preview_language(self, request) -> str:
        codes = [code for code, _name in settings.LANGUAGES]
        language = request.GET.get("language") or get_language()
        return language if language in codes else "en"

    def preview_view(self, request, pk):
        """The summary as it will be printed, inside the admin (staff only)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        summary = get_object_or_404(ChairsSummary.objects.select_related("event"), pk=pk)
        language = self._preview_language(request)
        document_url = reverse("admin:agenda_chairssummary_preview_document", args=[pk])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview of the Chair's summary"),
            "opts": self.opts,
            "original": summary,
            "summary": summary,
            "language": language,
            "languages": settings.LANGUAGES,
            "document_url": f"{document_url}?language={language}",
            "can_publish": self.has_publish_permission(request),
        }
        response = TemplateResponse(request, "agenda/admin/chairs_summary_preview.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response

    def preview_document_view(self, request, pk):
        """The HTML the PDF is made from (pdf/chairs_summary.html), with the print
        stylesheet, shown in the preview page's frame."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        summary = get_object_or_404(ChairsSummary.objects.select_related("event"), pk=pk)
        language = self._preview_language(request)
        document = Document.objects.filter(
            event=summary.event_id, generator=generators.CHAIRS_SUMMARY
        ).first()
        html = generators.summary_preview_html(summary, language, document)
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        # Framed by the preview page only (the site's policy frames nothing).
        response["X-Frame-Options"] = "SAMEORIGIN"
        response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
            "frame-ancestors 'none'", "frame-ancestors 'self'"
        )
        response["X-Robots-Tag"] = "noindex"
        return response

    def publish_view(self, request, pk):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        summary = get_object_or_404(ChairsSummary.objects.select_related("event"), pk=pk)
        form = PublishSummaryForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.chairs_summary_publish(summary=summary, user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(
                    request,
                    _("The Chair's summary is published: its PDF is being rendered."),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:agenda_chairssummary_change", args=[summary.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Publish the Chair's summary of %(event)s") % {"event": summary.event},
            "opts": self.opts,
            "original": summary,
            "summary": summary,
            "form": form,
            "preview_url": reverse("admin:agenda_chairssummary_preview", args=[summary.pk]),
        }
        return TemplateResponse(request, "agenda/admin/chairs_summary_publish.html", context)

    @admin.action(description=_("Publish the selected Chair's summaries"), permissions=["publish"])
    def publish(self, request, queryset):
        published = 0
        for summary in queryset.select_related("event"):
            try:
                services.chairs_summary_publish(summary=summary, user=request.user)
            except ValidationError as exc:
                self.message_user(
                    request, f"{summary.event}: {'; '.join(exc.messages)}", messages.ERROR
                )
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext(
                    "%d Chair's summary published: its PDF is being rendered.",
                    "%d Chair's summaries published: their PDFs are being rendered.",
                    published,
                )
                % published,
                messages.SUCCESS,
            )
