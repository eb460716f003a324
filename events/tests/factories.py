"""factory_boy factories for accounts and the events app.

Translated fields are set in English (``title_en``...), the language that is required
and that every other language falls back to. States are never created: the data
migration loaded all 195, so ``StateFactory`` fetches the existing row by ISO code.
Document versions are made by the service that staff uploads go through, from a real
PDF built with pypdf.
"""

from __future__ import annotations

import datetime
import io
import itertools

import factory
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory, Password
from pypdf import PdfWriter

from accounts.models import User
from events import services
from events.data.un_states import MEMBER_STATES, OBSERVER_STATES
from events.models import (
    Delegation,
    Document,
    DocumentVersion,
    Event,
    EventPage,
    Membership,
    NewsItem,
    Organisation,
)

PASSWORD = "correct-horse-battery-staple"

_STATES = {alpha2: (order, name) for order, name, alpha2, _alpha3 in MEMBER_STATES}
_OBSERVERS = {alpha2: (order, name) for order, name, alpha2, _alpha3 in OBSERVER_STATES}
_pdf_serial = itertools.count(1)


def pdf_bytes(*, pages: int = 1, title: str | None = None) -> bytes:
    """A real, tiny A4 PDF. Each call gives different bytes (and so a different hash)."""
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title or f"Test document {next(_pdf_serial)}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "statement.pdf", *, pages: int = 1, data: bytes | None = None):
    """An uploaded PDF, as a view or the admin receives it."""
    return SimpleUploadedFile(
        name, data if data is not None else pdf_bytes(pages=pages), "application/pdf"
    )


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test Delegate {n}")
    password = Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """``UserFactory(verified=True)`` also gives the user a verified email address."""
        if create and extracted:
            verify_email(user)


def verify_email(user: User) -> EmailAddress:
    """The verified, primary allauth address that lets ``user`` sign in."""
    address, _created = EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return address


def enable_two_factor(user: User) -> User:
    """Give ``user`` the authenticator app that staff must have (allauth.mfa TOTP)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


def cted_staff_user(**kwargs) -> User:
    """A staff user in the "CTED staff" group (not a superuser), with two-factor set up."""
    from django.contrib.auth.models import Group

    from events.permissions import CTED_STAFF_GROUP

    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=CTED_STAFF_GROUP))
    return enable_two_factor(user)


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    title_en = factory.Sequence(lambda n: f"Special Meeting number {n} on a test theme")
    short_title_en = factory.Sequence(lambda n: f"Test meeting {n}")
    theme_en = "Preventing the exploitation of ICTs for terrorist purposes"
    kind = Event.Kind.SPECIAL_MEETING
    start_date = datetime.date(2016, 11, 30)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))
    venue_en = "United Nations Headquarters"
    city_en = "New York"
    time_zone = "America/New_York"
    is_published = True
    is_current = False


class EventPageFactory(DjangoModelFactory):
    class Meta:
        model = EventPage

    event = factory.SubFactory(EventFactory)
    kind = EventPage.Kind.CONCEPT_NOTE
    slug = factory.Sequence(lambda n: f"section-{n}")
    title_en = factory.Sequence(lambda n: f"Section {n}")
    body_en = factory.Sequence(lambda n: f"Text of section {n}.")
    order = factory.Sequence(lambda n: n)
    is_published = True


class OrganisationFactory(DjangoModelFactory):
    """A non-State organisation (States come from the data migration: StateFactory)."""

    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Test Organisation {n}")
    acronym_en = ""
    kind = Organisation.Kind.CIVIL_SOCIETY
    iso_code = ""


class StateFactory(DjangoModelFactory):
    """One of the 195 States loaded by the data migration, fetched by ISO code."""

    class Meta:
        model = Organisation
        django_get_or_create = ("iso_code",)

    iso_code = factory.Iterator(["KE", "NO", "BR", "ID", "FR", "JP", "ZA", "MX"])
    name_en = factory.LazyAttribute(lambda o: {**_STATES, **_OBSERVERS}[o.iso_code][1])
    kind = factory.LazyAttribute(
        lambda o: (
            Organisation.Kind.OBSERVER_STATE
            if o.iso_code in _OBSERVERS
            else Organisation.Kind.MEMBER_STATE
        )
    )
    sort_order = factory.LazyAttribute(lambda o: {**_STATES, **_OBSERVERS}[o.iso_code][0])


class DelegationFactory(DjangoModelFactory):
    class Meta:
        model = Delegation

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    delegation = factory.SubFactory(DelegationFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.PENDING


class DocumentFactory(DjangoModelFactory):
    """A public document by default: general distribution, published yesterday."""

    class Meta:
        model = Document

    event = factory.SubFactory(EventFactory)
    kind = Document.Kind.CONCEPT_NOTE
    title_en = factory.Sequence(lambda n: f"Test document {n}")
    symbol = ""
    distribution = Document.Distribution.GENERAL
    document_date = datetime.date(2016, 11, 1)
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    order = factory.Sequence(lambda n: n)


class DocumentVersionFactory(factory.Factory):
    """A version created the one way versions are created: ``document_version_create``."""

    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    language = "en"
    uploaded_file = factory.LazyFunction(pdf_upload)
    user = None

    @classmethod
    def _create(cls, model_class, *, document, language, uploaded_file, user):
        return services.document_version_create(
            document=document, language=language, uploaded_file=uploaded_file, user=user
        )


class NewsItemFactory(DjangoModelFactory):
    """A public news item by default: published an hour ago."""

    class Meta:
        model = NewsItem

    event = factory.SubFactory(EventFactory)
    kind = NewsItem.Kind.ANNOUNCEMENT
    slug = factory.Sequence(lambda n: f"news-{n}")
    title_en = factory.Sequence(lambda n: f"Test announcement {n}")
    body_en = factory.Sequence(lambda n: f"Text of announcement {n}.")
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
