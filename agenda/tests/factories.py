"""factory_boy factories for the agenda (and the few events rows it needs).

Translated fields are set in English (``title_en``...). People are confirmed in their
roles unless a test says otherwise. Photos go through the service that staff uploads
use, from real images made with Pillow.
"""

from __future__ import annotations

import datetime
import io

import factory
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from PIL import Image

from accounts.models import User
from agenda import services
from agenda.models import AgendaItem, Person, RoleAssignment, Session
from events.models import Event, Organisation
from events.permissions import CTED_STAFF_GROUP, sync_staff_group

PASSWORD = "correct-horse-battery-staple"


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 48), colour="#3a7bd5") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def image_upload(name: str = "photo.png", fmt: str = "PNG", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type="image/png")


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    title_en = factory.Sequence(lambda n: f"Special Meeting {n}")
    short_title_en = factory.Sequence(lambda n: f"Meeting {n}")
    start_date = datetime.date(2016, 11, 30)
    end_date = datetime.date(2016, 12, 1)
    venue_en = "United Nations Headquarters"
    city_en = "New York"
    time_zone = "America/New_York"
    is_published = True


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Test Organisation {n}")
    kind = Organisation.Kind.CIVIL_SOCIETY


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    kind = Session.Kind.THEMATIC
    title_en = factory.Sequence(lambda n: f"Session {n}")
    date = datetime.date(2016, 12, 1)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(13, 0)
    room_en = "Conference Room 1"
    order = factory.Sequence(int)


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    title_en = factory.Sequence(lambda n: f"Item {n}")
    annotation_en = "An *annotation*."
    order = factory.Sequence(int)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    given_name = "Test"
    family_name = factory.Sequence(lambda n: f"Person {n}")
    position_en = "Adviser"
    biography_en = "A short biography."
    email = factory.Sequence(lambda n: f"private-person-{n}@private.example.org")


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(PersonFactory)
    item = factory.SubFactory(AgendaItemFactory)
    session = None
    role = RoleAssignment.Role.PANELLIST
    status = RoleAssignment.Status.CONFIRMED


def with_photo(person: Person) -> Person:
    services.person_photo_set(person=person, uploaded_file=image_upload())
    return person


def staff_user(email: str = "staff@example.org", *, two_factor: bool = True) -> User:
    """A CTED staff member: is_staff, in the "CTED staff" group with its permissions,
    with the authenticator app that staff must have."""
    sync_staff_group()
    user = User.objects.create_user(email=email, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=CTED_STAFF_GROUP))
    if two_factor and apps.is_installed("allauth.mfa"):
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(user, generate_totp_secret())
    return user


def plain_user(email: str = "delegate@example.org") -> User:
    return User.objects.create_user(email=email, password=PASSWORD)
