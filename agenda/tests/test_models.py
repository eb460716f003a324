"""Constraints and validation of sessions, items and role assignments."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agenda.models import RoleAssignment, Session
from agenda.tests.factories import (
    AgendaItemFactory,
    PersonFactory,
    RoleAssignmentFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_role_assignment_on_session_and_item_refused_by_database():
    item = AgendaItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignmentFactory(item=item, session=item.session)


def test_role_assignment_on_neither_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignmentFactory(item=None, session=None)


def test_role_assignment_on_session_and_item_message():
    item = AgendaItemFactory()
    role = RoleAssignment(person=PersonFactory(), item=item, session=item.session)
    with pytest.raises(ValidationError) as info:
        role.full_clean()
    assert info.value.messages == [
        "A role is either on a session or on an agenda item: choose exactly one."
    ]


def test_role_assignment_same_person_twice_on_item_refused():
    first = RoleAssignmentFactory()
    second = RoleAssignment(person=first.person, item=first.item, role="moderator")
    with pytest.raises(ValidationError) as info:
        second.full_clean()
    assert info.value.messages == [
        "This person already has a role on this agenda item; change that role instead of "
        "adding another."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_role_assignment_same_person_twice_on_session_refused():
    first = RoleAssignmentFactory(item=None, session=SessionFactory(), role="chair")
    second = RoleAssignment(person=first.person, session=first.session, role="moderator")
    with pytest.raises(ValidationError) as info:
        second.full_clean()
    assert info.value.messages == [
        "This person already has a role on this session; change that role instead of "
        "adding another."
    ]


def test_role_assignment_same_person_on_session_and_its_item_allowed():
    item = AgendaItemFactory()
    person = PersonFactory()
    RoleAssignmentFactory(person=person, item=None, session=item.session, role="chair")
    role = RoleAssignment(person=person, item=item, role="panellist")
    role.full_clean()
    role.save()
    assert person.roles.count() == 2


def test_rapporteur_not_cted_expert_refused_with_clear_message():
    person = PersonFactory(given_name="Ana", family_name="Example", is_cted_expert=False)
    role = RoleAssignment(person=person, item=AgendaItemFactory(), role="rapporteur")
    with pytest.raises(ValidationError) as info:
        role.full_clean()
    assert info.value.message_dict == {
        "role": [
            "Ana Example cannot be a rapporteur: rapporteurs are CTED experts. Choose "
            "another role, or mark this person as a CTED expert first."
        ]
    }


def test_rapporteur_cted_expert_accepted():
    role = RoleAssignment(
        person=PersonFactory(is_cted_expert=True), item=AgendaItemFactory(), role="rapporteur"
    )
    role.full_clean()


def test_session_ending_before_it_starts_refused():
    session = SessionFactory.build(
        event=SessionFactory().event,
        start_time=datetime.time(15, 0),
        end_time=datetime.time(14, 0),
    )
    with pytest.raises(ValidationError) as info:
        session.full_clean()
    assert info.value.messages == ["A session must end after it starts."]
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_session_outside_the_event_dates_refused():
    event = SessionFactory().event
    session = SessionFactory.build(event=event, date=datetime.date(2016, 12, 5))
    with pytest.raises(ValidationError) as info:
        session.full_clean()
    assert info.value.message_dict == {
        "date": [
            "The session must be held during the event (2016-11-30 to 2016-12-01). "
            "Change the date or the event's dates."
        ]
    }


def test_item_ending_before_it_starts_refused():
    item = AgendaItemFactory.build(
        session=SessionFactory(),
        start_time=datetime.time(11, 0),
        end_time=datetime.time(10, 0),
    )
    with pytest.raises(ValidationError) as info:
        item.full_clean()
    assert info.value.messages == ["An agenda item must end after it starts."]


def test_session_times_in_the_event_time_zone():
    session = SessionFactory(
        date=datetime.date(2016, 11, 30),
        start_time=datetime.time(19, 30),
        end_time=datetime.time(21, 0),
    )
    assert session.starts_at().astimezone(datetime.UTC) == datetime.datetime(
        2016, 12, 1, 0, 30, tzinfo=datetime.UTC
    )
    assert Session.objects.get(pk=session.pk).starts_at().tzname() == "EST"
