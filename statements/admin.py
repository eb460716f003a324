"""CTED staff review written statements, and onboard delegates, in the admin.

Statements are read-only here: every status change goes through a service
(``statement_publish``, ``statement_return``), from the review page of each statement
or the "Publish now" action, so the history records who did what, when and why.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.files import file_url
from events.models import Delegation, Membership
from events.uploads import FLAG_LABELS

from . import forms, onboarding, selectors, services
from .models import DelegateRequest, Language, LanguageVersion, Statement, StatementFile

TEXT_PREVIEW_CHARS = 3000


def statement_file_url(stored: StatementFile) -> str:
    return file_url(
        "statement-file",
        stored.pk,
        f"{stored.language_version.language}.{stored.extension}",
    )


def flag_labels(stored: StatementFile) -> list[str]:
    return [str(FLAG_LABELS.get(flag, flag)) for flag in stored.flags]


class DelegationListFilter(RelatedOnlyFieldListFilter):
    """The delegations that have statements, named "organisation (event)" as Django's
    filter names them, in one query (Django's reads each name's organisation and event
    one by one)."""

    def field_choices(self, field, request, model_admin):
        with_statements = model_admin.get_queryset(request).values("delegation")
        delegations = Delegation.objects.filter(pk__in=with_statements).select_related(
            "organisation", "event"
        )
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            delegations = delegations.order_by(*ordering)
        return [(delegation.pk, str(delegation)) for delegation in delegations]


class LanguageListFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return Language.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(language_versions__language=self.value()).distinct()
        return queryset


class FlaggedListFilter(admin.SimpleListFilter):
    title = _("flags for staff")
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", _("A current file is flagged"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            flagged = LanguageVersion.objects.filter(
                statement=OuterRef("pk"), current_file__isnull=False
            ).exclude(current_file__flags=[])
            return queryset.filter(Exists(flagged))
        return queryset


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "organisation",
        "languages",
        "status",
        "submitted_at",
        "publication",
        "flagged",
    ]
    list_filter = [
        "status",
        "event",
        ("delegation", DelegationListFilter),
        "delegation__organisation__kind",
        LanguageListFilter,
        ("agenda_item", RelatedOnlyFieldListFilter),
        FlaggedListFilter,
    ]
    search_fields = ["title", "delegation__organisation__name", "delivered_by"]
    list_select_related = ["delegation__organisation", "event"]
    date_hierarchy = "submitted_at"
    ordering = ["-submitted_at"]
    actions = ["publish_now"]
    change_form_template = "statements/admin/statement_change_form.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "event",
                    "delegation",
                    "session",
                    "agenda_item",
                    "delivered_by",
                    "check_against_delivery",
                ]
            },
        ),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    "submitted_by",
                    "submitted_at",
                    "embargo_until",
                    "published_at",
                    "return_reason",
                ]
            },
        ),
        (_("Language versions and files"), {"fields": ["files"]}),
        (_("History"), {"fields": ["history"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "language_versions",
                    queryset=LanguageVersion.objects.select_related("current_file"),
                )
            )
        )

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Statement._meta.fields] + ["files", "history"]

    def has_add_permission(self, request):
        return False  # statements come from delegations

    def has_delete_permission(self, request, obj=None):
        return False  # withdrawn or returned, never deleted

    @admin.display(description=_("delegation"), ordering="delegation__organisation__name")
    def organisation(self, statement):
        return statement.delegation.organisation.name

    @admin.display(description=_("kind"), ordering="delegation__organisation__kind")
    def organisation_kind(self, statement):
        return statement.delegation.organisation.get_kind_display()

    @admin.display(description=_("languages"))
    def languages(self, statement):
        return ", ".join(str(v.get_language_display()) for v in statement.language_versions.all())

    @admin.display(description=_("publication"))
    def publication(self, statement):
        if statement.status == Statement.Status.SCHEDULED:
            return _("at %(time)s") % {"time": statement.embargo_until}
        return statement.published_at or "–"

    @admin.display(description=_("flags"), boolean=True)
    def flagged(self, statement):
        return (
            any(v.current_file and v.current_file.flags for v in statement.language_versions.all())
            or None
        )

    @admin.display(description=_("files"))
    def files(self, statement):
        versions = statement.language_versions.prefetch_related(
            Prefetch("files", queryset=StatementFile.objects.select_related("created_by"))
        ).select_related("current_file")
        rows = []
        for version in versions:
            for stored in version.files.all():
                rows.append(
                    (
                        version.get_language_display(),
                        statement_file_url(stored),
                        stored.original_name or stored.file.name,
                        stored.extension.upper(),
                        filesizeformat(stored.size),
                        stored.page_count or _("unknown"),
                        ", ".join(flag_labels(stored)) or "–",
                        stored.get_text_status_display(),
                        stored.created_at.strftime("%Y-%m-%d %H:%M UTC"),
                        _("current") if version.current_file_id == stored.pk else _("replaced"),
                    )
                )
        if not rows:
            return "–"
        header = format_html(
            "<tr>{}</tr>",
            format_html_join(
                "",
                "<th scope='col'>{}</th>",
                [
                    (str(h),)
                    for h in (
                        _("language"),
                        _("file"),
                        _("type"),
                        _("size"),
                        _("pages"),
                        _("flags"),
                        _("text"),
                        _("uploaded"),
                        _("version"),
                    )
                ],
            ),
        )
        body = format_html_join(
            "",
            "<tr><td>{}</td><td><a href='{}'>{}</a></td><td>{}</td><td>{}</td><td>{}</td>"
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            rows,
        )
        return format_html("<table><thead>{}</thead><tbody>{}</tbody></table>", header, body)

    @admin.display(description=_("history"))
    def history(self, statement):
        entries = selectors.statement_history(statement=statement)
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{} – <strong>{}</strong> ({}){}{}</li>",
                [
                    (
                        e.created_at.strftime("%Y-%m-%d %H:%M UTC"),
                        e.get_action_display(),
                        e.actor or _("the system"),
                        format_html(" – {}", e.file.original_name) if e.file else "",
                        format_html(": “{}”", e.reason) if e.reason else "",
                    )
                    for e in entries
                ],
            ),
        )

    # --- Review ------------------------------------------------------------------------

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("<int:pk>/review/", review, name="statements_statement_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk):
        statement = get_object_or_404(
            Statement.objects.select_related("event", "delegation__organisation"), pk=pk
        )
        if not self.has_change_permission(request, statement):
            raise PermissionDenied
        return_form = forms.ReturnForm(prefix="return")
        schedule_form = forms.ScheduleForm(prefix="schedule", event=statement.event)
        if request.method == "POST":
            action = request.POST.get("action")
            try:
                if action == "publish":
                    services.statement_publish(statement=statement, user=request.user)
                    self.message_user(request, _("The statement is published."))
                    return redirect("admin:statements_statement_review", statement.pk)
                if action == "schedule":
                    schedule_form = forms.ScheduleForm(
                        request.POST, prefix="schedule", event=statement.event
                    )
                    if schedule_form.is_valid():
                        services.statement_publish(
                            statement=statement,
                            user=request.user,
                            at=schedule_form.cleaned_data["publish_at"],
                        )
                        self.message_user(request, _("The publication is scheduled."))
                        return redirect("admin:statements_statement_review", statement.pk)
                if action == "return":
                    return_form = forms.ReturnForm(request.POST, prefix="return")
                    if return_form.is_valid():
                        services.statement_return(
                            statement=statement,
                            user=request.user,
                            reason=return_form.cleaned_data["reason"],
                        )
                        self.message_user(
                            request, _("The statement was returned; the delegation is told.")
                        )
                        return redirect("admin:statements_statement_review", statement.pk)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
        versions = statement.language_versions.select_related("current_file").order_by("language")
        previews = [
            {
                "version": version,
                "file": version.current_file,
                "url": statement_file_url(version.current_file),
                "flags": flag_labels(version.current_file),
                "text": version.current_file.text[:TEXT_PREVIEW_CHARS],
                "truncated": len(version.current_file.text) > TEXT_PREVIEW_CHARS,
            }
            for version in versions
            if version.current_file_id
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Review: %(title)s") % {"title": statement.title},
            "statement": statement,
            "previews": previews,
            "history": selectors.statement_history(statement=statement),
            "return_form": return_form,
            "schedule_form": schedule_form,
            "can_publish": statement.status
            in (Statement.Status.SUBMITTED, Statement.Status.SCHEDULED),
            "can_return": statement.status
            in (Statement.Status.SUBMITTED, Statement.Status.SCHEDULED, Statement.Status.PUBLISHED),
        }
        return TemplateResponse(request, "statements/admin/review.html", context)

    @admin.action(description=_("Publish the selected statements now"), permissions=["change"])
    def publish_now(self, request, queryset):
        published, refused = 0, []
        for statement in queryset:
            try:
                services.statement_publish(statement=statement, user=request.user)
            except ValidationError as error:
                refused.append(f"{statement}: {' '.join(error.messages)}")
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%d statement published.", "%d statements published.", published)
                % published,
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)


@admin.register(DelegateRequest)
class DelegateRequestAdmin(admin.ModelAdmin):
    """Requests to act for a delegation: approve (as member or focal point) or decline;
    the user is told by mail. "Invite a delegate" sends an invitation by email."""

    list_display = [
        "user_email",
        "user_name",
        "organisation",
        "event",
        "position",
        "role",
        "status",
        "created_at",
    ]
    list_filter = ["status", "role", "delegation__event", "delegation__organisation__kind"]
    search_fields = ["user__email", "user__full_name", "delegation__organisation__name"]
    list_select_related = ["user", "delegation__organisation", "delegation__event"]
    ordering = ["-created_at"]
    actions = ["approve_as_member", "approve_as_focal_point", "decline"]
    change_list_template = "statements/admin/delegaterequest_change_list.html"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Membership._meta.fields]

    def has_add_permission(self, request):
        return False  # delegates ask, or staff invite

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, membership):
        return membership.user.email

    @admin.display(description=_("name"), ordering="user__full_name")
    def user_name(self, membership):
        return membership.user.get_full_name()

    @admin.display(description=_("delegation"), ordering="delegation__organisation__name")
    def organisation(self, membership):
        return membership.delegation.organisation.name

    @admin.display(description=_("meeting"), ordering="delegation__event__start_date")
    def event(self, membership):
        return membership.delegation.event.short_title

    def _decide(self, request, queryset, *, approve: bool, role: str | None = None):
        count = 0
        for membership in queryset.select_related("user", "delegation__organisation"):
            onboarding.membership_decide(
                membership=membership, approve=approve, decided_by=request.user, role=role
            )
            count += 1
        return count

    @admin.action(description=_("Approve as members (and tell them)"), permissions=["change"])
    def approve_as_member(self, request, queryset):
        count = self._decide(request, queryset, approve=True, role=Membership.Role.MEMBER)
        self.message_user(
            request, ngettext("%d request approved.", "%d requests approved.", count) % count
        )

    @admin.action(description=_("Approve as focal points (and tell them)"), permissions=["change"])
    def approve_as_focal_point(self, request, queryset):
        count = self._decide(request, queryset, approve=True, role=Membership.Role.FOCAL_POINT)
        self.message_user(
            request, ngettext("%d request approved.", "%d requests approved.", count) % count
        )

    @admin.action(description=_("Decline (and tell them)"), permissions=["change"])
    def decline(self, request, queryset):
        count = self._decide(request, queryset, approve=False)
        self.message_user(
            request, ngettext("%d request declined.", "%d requests declined.", count) % count
        )

    def get_urls(self):
        invite = self.admin_site.admin_view(self.invite_view)
        return [
            path("invite/", invite, name="statements_delegaterequest_invite"),
            *super().get_urls(),
        ]

    def invite_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = forms.InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                onboarding.invitation_send(
                    delegation=data["delegation"],
                    email=data["email"],
                    role=data["role"],
                    invited_by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("An invitation was sent to %(email)s.") % {"email": data["email"]},
                )
                return redirect(reverse("admin:statements_delegaterequest_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Invite a delegate"),
            "form": form,
        }
        return TemplateResponse(request, "statements/admin/invite.html", context)
