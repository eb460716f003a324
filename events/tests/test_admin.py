"""The admin for CTED staff: who gets in, uploads of document versions, membership decisions."""

import datetime
import hashlib
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from events.files import file_url
from events.models import Document, DocumentVersion, Event, Job
from events.permissions import CTED_STAFF_GROUP, staff_permissions
from specialmeeting.testing import stored_files

from .factories import (
    DelegationFactory,
    DocumentFactory,
    DocumentVersionFactory,
    EventFactory,
    MembershipFactory,
    NewsItemFactory,
    OrganisationFactory,
    StateFactory,
    UserFactory,
    cted_staff_user,
    pdf_bytes,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(cted_staff_user(email="cted.staff@example.org"))
    return client


@pytest.fixture
def objects():
    """One row of every model the admin pages show, each with its related rows."""
    event = EventFactory(is_current=True)
    delegation = DelegationFactory(event=event, organisation=StateFactory(iso_code="KE"))
    version = DocumentVersionFactory(document__event=event)
    return {
        "event": event,
        "document": version.document,
        "organisation": OrganisationFactory(),
        "delegation": delegation,
        "membership": MembershipFactory(delegation=delegation),
        "newsitem": NewsItemFactory(event=event),
        "job": Job.objects.get(),
    }


def _document_form(document: Document, **versions) -> dict:
    """The POST data of the Document change form, with new versions as uploads."""
    published = timezone.localtime(document.published_at)
    data = {
        "event": document.event_id,
        "kind": document.kind,
        "title_en": document.title_en,
        "title_fr": "",
        "title_ar": "",
        "title_es": "",
        "title_ru": "",
        "title_zh_hans": "",
        "symbol": document.symbol,
        "distribution": document.distribution,
        "document_date": document.document_date.isoformat(),
        "published_at_0": published.date().isoformat(),
        "published_at_1": published.time().strftime("%H:%M:%S"),
        "order": document.order,
        "versions-TOTAL_FORMS": len(versions),
        "versions-INITIAL_FORMS": 0,
        "versions-MIN_NUM_FORMS": 0,
        "versions-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for index, (language, upload) in enumerate(versions.items()):
        data |= {
            f"versions-{index}-language": language,
            f"versions-{index}-upload": upload,
            f"versions-{index}-id": "",
            f"versions-{index}-document": document.pk,
        }
    return data


def test_cted_staff_group_has_exactly_the_declared_permissions():
    group = Group.objects.get(name=CTED_STAFF_GROUP)

    held = {
        (permission.content_type.app_label, permission.codename)
        for permission in group.permissions.select_related("content_type")
    }

    assert held == set(staff_permissions())


def test_cted_staff_group_cannot_delete_events_data_or_edit_versions():
    group = Group.objects.get(name=CTED_STAFF_GROUP)

    codenames = set(
        group.permissions.filter(content_type__app_label="events").values_list(
            "codename", flat=True
        )
    )

    assert {c for c in codenames if c.startswith("delete_")} == set()
    assert "change_documentversion" not in codenames


ADMIN_PAGES = [
    ("event", ["changelist", "add", "change"]),
    ("document", ["changelist", "add", "change"]),
    ("organisation", ["changelist", "add", "change"]),
    ("delegation", ["changelist", "add", "change"]),
    ("membership", ["changelist", "add", "change"]),
    ("newsitem", ["changelist", "add", "change"]),
    ("job", ["changelist", "change"]),
]
ADMIN_URLS = [
    (model, page)
    for model, pages in ADMIN_PAGES
    for page in pages  # every model page staff use
]


def _admin_url(model: str, page: str, objects) -> str:
    if page == "changelist":
        return f"/admin/events/{model}/"
    if page == "add":
        return f"/admin/events/{model}/add/"
    return f"/admin/events/{model}/{objects[model].pk}/change/"


@pytest.mark.parametrize(("model", "page"), ADMIN_URLS)
def test_admin_page_open_to_cted_staff(staff_client, objects, model, page):
    response = staff_client.get(_admin_url(model, page, objects))

    assert response.status_code == 200


def test_admin_index_open_to_cted_staff(staff_client):
    response = staff_client.get("/admin/")

    assert response.status_code == 200


@pytest.mark.parametrize(("model", "page"), ADMIN_URLS)
def test_admin_page_refused_to_delegate(client, objects, model, page):
    client.force_login(UserFactory())
    url = _admin_url(model, page, objects)

    response = client.get(url)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/login/?next={url}"


def test_admin_login_refused_to_signed_in_delegate(client):
    client.force_login(UserFactory())

    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 403


def test_admin_job_add_refused_to_cted_staff(staff_client):
    assert staff_client.get("/admin/events/job/add/").status_code == 403


def test_admin_login_redirects_to_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_admin_index_anonymous_ends_at_allauth_login(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain == [
        ("/admin/login/?next=/admin/", 302),
        ("/accounts/login/?next=%2Fadmin%2F", 302),
    ]
    assert response.status_code == 200


def test_admin_document_upload_creates_version_and_thumbnail_job(staff_client):
    document = DocumentFactory()
    data = pdf_bytes(pages=2)

    response = staff_client.post(
        f"/admin/events/document/{document.pk}/change/",
        _document_form(document, fr=pdf_upload("Note conceptuelle.pdf", data=data)),
    )

    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert (
        version.document,
        version.language,
        version.size,
        version.sha256,
        version.page_count,
        version.original_name,
        version.created_by.email,
    ) == (
        document,
        "fr",
        len(data),
        hashlib.sha256(data).hexdigest(),
        2,
        "Note conceptuelle.pdf",
        "cted.staff@example.org",
    )
    job = Job.objects.get()
    assert (job.task, job.kwargs) == ("events.make_document_thumbnail", {"version_id": version.pk})
    assert stored_files() == [Path(version.file.name)]


def test_admin_document_upload_adds_a_version_beside_existing_ones(staff_client):
    first = DocumentVersionFactory(language="en")
    document = first.document
    data = {
        **_document_form(document, en=pdf_upload()),
        "versions-TOTAL_FORMS": 2,
        "versions-INITIAL_FORMS": 1,
        "versions-1-language": "en",
        "versions-1-id": "",
        "versions-1-document": document.pk,
        "versions-0-id": first.pk,
        "versions-0-document": document.pk,
        "versions-0-language": "en",
    }
    data["versions-1-upload"] = data.pop("versions-0-upload")

    response = staff_client.post(f"/admin/events/document/{document.pk}/change/", data)

    assert response.status_code == 302
    versions = list(document.versions.order_by("created_at", "pk"))
    assert [v.pk for v in versions[:1]] == [first.pk]
    assert len(versions) == 2
    first.refresh_from_db()
    assert first.sha256 == versions[0].sha256


def test_admin_document_upload_non_pdf_shows_error_and_stores_nothing(staff_client):
    document = DocumentFactory()
    upload = pdf_upload("statement.pdf", data=b"PK\x03\x04 this is a word processor file")

    response = staff_client.post(
        f"/admin/events/document/{document.pk}/change/", _document_form(document, en=upload)
    )

    assert response.status_code == 200
    [inline] = response.context["inline_admin_formsets"]
    assert inline.formset.errors == [
        {"upload": ["This file is not a PDF document. Export it as PDF and upload it again."]}
    ]
    assert "This file is not a PDF document." in response.content.decode()
    assert DocumentVersion.objects.count() == 0
    assert Job.objects.count() == 0
    assert stored_files() == []


def test_admin_document_change_shows_version_link(staff_client):
    version = DocumentVersionFactory(uploaded_file=pdf_upload("Concept note.pdf"))

    response = staff_client.get(f"/admin/events/document/{version.document.pk}/change/")

    link = file_url("document", version.pk, "en.pdf")
    assert f'<a href="{link}">Concept note.pdf</a>' in response.content.decode()


def test_admin_membership_status_is_read_only(staff_client):
    """Requests are decided in "Delegate requests" (statements), which tells the user."""
    membership = MembershipFactory()

    response = staff_client.get(f"/admin/events/membership/{membership.pk}/change/")

    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()


def test_admin_event_make_current_moves_the_flag(staff_client):
    previous = EventFactory(is_current=True)
    event = EventFactory(start_date=datetime.date(2017, 1, 1))

    response = staff_client.post(
        "/admin/events/event/", {"action": "make_current", "_selected_action": [event.pk]}
    )

    assert response.status_code == 302
    assert list(Event.objects.filter(is_current=True)) == [event]
    previous.refresh_from_db()
    assert previous.is_current is False
