"""Constraints of the events models and the States loaded by the data migration."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Event, Organisation

from .factories import (
    DelegationFactory,
    DocumentVersionFactory,
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _state_names() -> list[str]:
    return list(
        Organisation.objects.filter(kind__in=Organisation.STATE_KINDS).values_list(
            "name_en", flat=True
        )
    )


def test_event_second_current_refused():
    EventFactory(is_current=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(is_current=True)


def test_event_many_not_current_allowed():
    EventFactory(is_current=True)
    EventFactory()
    EventFactory()

    assert Event.objects.filter(is_current=True).count() == 1


def test_event_end_before_start_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(start_date=datetime.date(2016, 12, 1), end_date=datetime.date(2016, 11, 30))


def test_event_one_day_allowed():
    event = EventFactory(
        start_date=datetime.date(2015, 12, 17), end_date=datetime.date(2015, 12, 17)
    )

    assert event.end_date == event.start_date


def test_event_end_before_start_reported_by_full_clean():
    event = EventFactory.build(
        start_date=datetime.date(2016, 12, 1), end_date=datetime.date(2016, 11, 30)
    )

    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()

    assert list(excinfo.value.message_dict) == ["__all__"]


def test_organisation_state_without_iso_code_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind=Organisation.Kind.MEMBER_STATE, iso_code="")


def test_organisation_observer_state_without_iso_code_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind=Organisation.Kind.OBSERVER_STATE, iso_code="")


def test_organisation_non_state_with_iso_code_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(kind=Organisation.Kind.INTERGOVERNMENTAL, iso_code="XK")


def test_organisation_iso_code_rule_reported_by_full_clean():
    organisation = OrganisationFactory.build(kind=Organisation.Kind.ACADEMIA, iso_code="XK")

    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()

    assert excinfo.value.messages == ["States have an ISO code; other organisations none."]


def test_organisation_duplicate_iso_code_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(
            name_en="Another Kenya", kind=Organisation.Kind.MEMBER_STATE, iso_code="KE"
        )


def test_organisation_many_without_iso_code_allowed():
    first = OrganisationFactory()
    second = OrganisationFactory()

    assert (first.iso_code, second.iso_code) == ("", "")


def test_state_factory_fetches_the_migrated_state():
    count = Organisation.objects.count()

    kenya = StateFactory(iso_code="KE")

    assert Organisation.objects.count() == count
    assert (kenya.name, kenya.kind) == ("Kenya", Organisation.Kind.MEMBER_STATE)


def test_delegation_second_for_organisation_and_event_refused():
    delegation = DelegationFactory(organisation=StateFactory(iso_code="NO"))

    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationFactory(event=delegation.event, organisation=delegation.organisation)


def test_delegation_same_organisation_other_event_allowed():
    delegation = DelegationFactory()

    other = DelegationFactory(organisation=delegation.organisation)

    assert other.organisation == delegation.organisation
    assert other.event != delegation.event


def test_membership_second_for_user_and_delegation_refused():
    membership = MembershipFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(user=membership.user, delegation=membership.delegation)


def test_membership_user_in_two_delegations_allowed():
    user = UserFactory()

    MembershipFactory(user=user)
    MembershipFactory(user=user)

    assert user.memberships.count() == 2


def test_document_version_sha256_change_refused():
    version = DocumentVersionFactory()
    version.sha256 = "0" * 64

    with pytest.raises(ValidationError):
        version.save()

    version.refresh_from_db()
    assert version.sha256 != "0" * 64


def test_document_version_file_change_refused():
    version = DocumentVersionFactory()
    stored_name = version.file.name
    version.file.name = "documents/elsewhere.pdf"

    with pytest.raises(ValidationError):
        version.save()

    version.refresh_from_db()
    assert version.file.name == stored_name


def test_document_version_size_change_refused():
    version = DocumentVersionFactory()
    version.size += 1

    with pytest.raises(ValidationError):
        version.save()


def test_document_version_thumbnail_may_be_added():
    version = DocumentVersionFactory()
    version.thumbnail.name = "documents/thumbnails/first-page.png"

    version.save()

    version.refresh_from_db()
    assert version.thumbnail.name == "documents/thumbnails/first-page.png"


def test_states_loaded_by_migration_counts():
    member_states = Organisation.objects.filter(kind=Organisation.Kind.MEMBER_STATE)
    observer_states = Organisation.objects.filter(kind=Organisation.Kind.OBSERVER_STATE)

    assert member_states.count() == 193
    assert sorted(observer_states.values_list("name_en", flat=True)) == [
        "Holy See",
        "State of Palestine",
    ]


@pytest.mark.parametrize(
    ("iso_code", "name"),
    [
        ("TR", "Türkiye"),
        ("CI", "Côte d'Ivoire"),
        ("BO", "Bolivia (Plurinational State of)"),
        ("GB", "United Kingdom of Great Britain and Northern Ireland"),
        ("KP", "Democratic People's Republic of Korea"),
    ],
)
def test_states_loaded_by_migration_use_un_names(iso_code, name):
    assert Organisation.objects.get(iso_code=iso_code).name == name


def test_states_order_puts_cote_divoire_after_costa_rica():
    names = _state_names()

    position = names.index("Côte d'Ivoire")

    assert names[position - 1 : position + 2] == ["Costa Rica", "Côte d'Ivoire", "Croatia"]


def test_states_order_puts_turkiye_between_tunisia_and_turkmenistan():
    names = _state_names()

    position = names.index("Türkiye")

    assert names[position - 1 : position + 2] == ["Tunisia", "Türkiye", "Turkmenistan"]


def test_states_order_member_states_before_observers():
    names = _state_names()

    assert names[0] == "Afghanistan"
    assert names[-2:] == ["Holy See", "State of Palestine"]


def test_organisation_kind_label_in_the_active_language_and_only_it_translated(monkeypatch):
    organisation = OrganisationFactory.build(kind=Organisation.Kind.CIVIL_SOCIETY)
    with translation.override("fr"):
        expected = str(Organisation.Kind.CIVIL_SOCIETY.label)
    translated = []
    real_gettext = translation._trans.gettext
    monkeypatch.setattr(
        translation._trans, "gettext", lambda text: translated.append(text) or real_gettext(text)
    )

    with translation.override("fr"):
        label = organisation.get_kind_display()

    assert (label, translated) == (expected, ["Civil society"])
    organisation.kind = "no-such-kind"
    assert organisation.get_kind_display() == "no-such-kind"
