"""Forms of the "My delegation" area and of the staff review. They parse input;
the rules are in ``services`` and ``onboarding``."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import selectors as event_selectors
from events.models import Membership, Organisation

from .models import Language

ACCEPT = ".pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text"  # noqa: E501


class StatementFileInput(forms.ClearableFileInput):
    """A file input that says what it accepts; static/statements/upload.js checks the
    size before a large file is sent."""

    def get_context(self, name, value, attrs):
        limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        attrs = {
            **(attrs or {}),
            "accept": ACCEPT,
            "data-max-bytes": settings.UPLOAD_MAX_BYTES,
            "data-too-large": _(
                "This file is larger than %(limit)s. Reduce its size, or export it as "
                "PDF with compressed images, and choose it again."
            )
            % {"limit": limit},
        }
        return super().get_context(name, value, attrs)


def _file_field() -> forms.FileField:
    # Empty files reach the upload check, which says what to do about them.
    return forms.FileField(label=_("File"), allow_empty_file=True, widget=StatementFileInput)


class FileHelpMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Word (.docx) or OpenDocument (.odt), up to %(limit)s."
        ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}


def placement_choices(event) -> list:
    """Sessions and their agenda items, as a grouped choice: "session:1", "item:4"."""
    from agenda.models import Session

    choices: list = [("", _("None (a general statement)"))]
    sessions = Session.objects.filter(event=event).prefetch_related("items")
    for session in sessions:
        group = [(f"session:{session.pk}", _("The session as a whole"))]
        group += [(f"item:{item.pk}", item.title) for item in session.items.all()]
        choices.append((session.title, group))
    return choices


class StatementSubmitForm(FileHelpMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    placement = forms.ChoiceField(
        label=_("Session or agenda item"),
        required=False,
        help_text=_("Optional: the part of the programme the statement is for."),
    )
    language = forms.ChoiceField(
        label=_("Language of this file"), choices=[("", "---------"), *Language.choices]
    )
    delivered_by = forms.CharField(
        label=_("Delivered by"),
        max_length=200,
        required=False,
        help_text=_("Optional: the speaker's name and title."),
    )
    check_against_delivery = forms.BooleanField(
        label=_("Check against delivery"),
        required=False,
        help_text=_("Tick if the text may differ from what is said at the meeting."),
    )
    file = _file_field()

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].choices = placement_choices(event)
        self.event = event

    def placement_objects(self):
        """The (session, agenda item) chosen, either possibly None."""
        from agenda.models import AgendaItem, Session

        value = self.cleaned_data.get("placement") or ""
        kind, _sep, pk = value.partition(":")
        if kind == "session":
            return Session.objects.filter(event=self.event, pk=pk).first(), None
        if kind == "item":
            item = (
                AgendaItem.objects.select_related("session")
                .filter(session__event=self.event, pk=pk)
                .first()
            )
            return (item.session if item else None), item
        return None, None


class StatementFileForm(FileHelpMixin, forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", "---------"), *Language.choices],
        help_text=_("A language the statement has already: the file replaces its current one."),
    )
    file = _file_field()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(
        label=_("Yes, withdraw this statement"),
        help_text=_("It will no longer be published. Nothing is deleted."),
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class JoinRequestForm(forms.Form):
    event = forms.ModelChoiceField(
        label=_("Meeting"), queryset=event_selectors.public_events(), empty_label=None
    )
    organisation = OrganisationChoiceField(
        label=_("Organisation or State"),
        queryset=Organisation.objects.order_by("sort_order", "name"),
        help_text=_("The Member State, observer State or organisation you represent."),
    )
    position = forms.CharField(
        label=_("Your position"),
        max_length=200,
        help_text=_("For example: Counsellor, Permanent Mission; Policy Director."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = event_selectors.current_event()
        if current and not self.is_bound:
            self.fields["event"].initial = current.pk
        # Grouped by kind, so the 195 States and the organisations are easy to scan.
        groups: dict[str, list] = {}
        for organisation in self.fields["organisation"].queryset:
            groups.setdefault(organisation.get_kind_display(), []).append(
                (organisation.pk, organisation.name)
            )
        self.fields["organisation"].choices = [("", _("Choose…")), *groups.items()]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the delegation's focal points, and kept in the history."),
    )


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["publish_at"].help_text = _("In the event's time zone (%(zone)s).") % {
            "zone": event.time_zone
        }

    def clean_publish_at(self) -> datetime.datetime:
        value = self.cleaned_data["publish_at"]
        # The browser sends a wall-clock time in the event's zone.
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        aware = naive.replace(tzinfo=self.event.tzinfo)
        if aware <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or publish now."))
        return aware


class InvitationForm(forms.Form):
    delegation = forms.ModelChoiceField(label=_("Delegation"), queryset=None)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.FOCAL_POINT
    )

    def __init__(self, *args, **kwargs):
        from events.models import Delegation

        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = Delegation.objects.select_related(
            "event", "organisation"
        ).order_by("-event__start_date", "organisation__sort_order", "organisation__name")
