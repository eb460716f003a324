"""Admin for CTED staff: pages, ordering, publishing, duplicating, photos."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda import services
from agenda.models import AgendaItem, AgendaRevision, EventProgramme, Person, RoleAssignment
from agenda.tests.factories import (
    AgendaItemFactory,
    PersonFactory,
    RoleAssignmentFactory,
    SessionFactory,
    image_bytes,
    plain_user,
    staff_user,
)
from agenda.tests.helpers import admin_form_data as _form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(event):
    session = SessionFactory(event=event)
    item = AgendaItemFactory(session=session)
    role = RoleAssignmentFactory(item=item)
    services.agenda_publish(event=event, label="provisional")
    return {"session": session, "item": item, "role": role, "person": role.person}


def _admin_urls(event, setup):
    revision = AgendaRevision.objects.get()
    return [
        reverse("admin:app_list", args=["agenda"]),
        reverse("admin:agenda_eventprogramme_changelist"),
        reverse("admin:agenda_eventprogramme_change", args=[event.pk]),
        reverse("admin:agenda_eventprogramme_preview", args=[event.pk]),
        reverse("admin:agenda_eventprogramme_publish", args=[event.pk]),
        reverse("admin:agenda_session_changelist"),
        reverse("admin:agenda_session_add"),
        reverse("admin:agenda_session_change", args=[setup["session"].pk]),
        reverse("admin:agenda_agendaitem_changelist"),
        reverse("admin:agenda_agendaitem_add"),
        reverse("admin:agenda_agendaitem_change", args=[setup["item"].pk]),
        reverse("admin:agenda_person_changelist"),
        reverse("admin:agenda_person_add"),
        reverse("admin:agenda_person_change", args=[setup["person"].pk]),
        reverse("admin:agenda_roleassignment_changelist"),
        reverse("admin:agenda_roleassignment_add"),
        reverse("admin:agenda_roleassignment_change", args=[setup["role"].pk]),
        reverse("admin:agenda_agendarevision_changelist"),
        reverse("admin:agenda_agendarevision_change", args=[revision.pk]),
        reverse("admin:autocomplete")
        + "?app_label=agenda&model_name=roleassignment&field_name=person&term=Test",
    ]


def test_admin_pages_ok_for_cted_staff(client, event, setup, staff):
    client.force_login(staff)
    for url in _admin_urls(event, setup):
        response = client.get(url)
        assert response.status_code == 200, url


def test_admin_pages_refused_to_non_staff(client, event, setup):
    urls = _admin_urls(event, setup)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]
    client.force_login(plain_user())
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url


def test_admin_pages_refused_to_staff_outside_the_group(client, event, setup):
    user = staff_user("other.staff@example.org")
    user.groups.clear()
    client.force_login(user)
    for url in _admin_urls(event, setup)[1:]:
        assert client.get(url).status_code == 403, url


def test_admin_person_autocomplete_finds_people(client, staff, setup):
    PersonFactory(given_name="Zed", family_name="Findable")
    client.force_login(staff)
    url = (
        reverse("admin:autocomplete")
        + "?app_label=agenda&model_name=roleassignment&field_name=person&term=Findable"
    )
    assert [r["text"] for r in client.get(url).json()["results"]] == ["Zed Findable"]


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("publish_provisional", "provisional"),
        ("publish_revised", "revised"),
        ("publish_final", "final"),
    ],
)
def test_admin_publish_action_publishes_with_a_public_note(client, event, staff, action, label):
    session = SessionFactory(event=event)
    if label == "revised":
        services.agenda_publish(event=event, label="provisional")
        AgendaItemFactory(session=session)
    client.force_login(staff)
    response = client.post(
        reverse("admin:agenda_eventprogramme_changelist"),
        {"action": action, "_selected_action": [event.pk]},
    )
    publish_url = reverse("admin:agenda_eventprogramme_publish", args=[event.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{publish_url}?label={label}"
    page = client.get(response["Location"])
    assert page.context["form"]["label"].value() == label
    response = client.post(publish_url, {"label": label, "note": "Timing changed."})
    assert response.status_code == 302
    revision = AgendaRevision.objects.order_by("-number").first()
    assert (revision.label, revision.note, revision.published_by) == (
        label,
        "Timing changed.",
        staff,
    )
    html = client.get(reverse("agenda:programme", kwargs={"slug": event.slug})).content.decode()
    assert "Timing changed." in html


def test_admin_publish_refusal_shown_not_raised(client, event, staff):
    client.force_login(staff)
    url = reverse("admin:agenda_eventprogramme_publish", args=[event.pk])
    response = client.post(url, {"label": "provisional", "note": ""})
    assert response.status_code == 200
    assert "There is nothing to publish: add sessions to the programme first." in (
        response.content.decode()
    )
    assert not AgendaRevision.objects.exists()


def test_admin_publish_page_lists_changes_since_the_newest_revision(client, event, staff, setup):
    AgendaItemFactory(session=setup["session"], title_en="Brand new item")
    client.force_login(staff)
    html = client.get(
        reverse("admin:agenda_eventprogramme_publish", args=[event.pk])
    ).content.decode()
    assert "Item added: 2. Brand new item" in html


def test_admin_preview_shows_the_working_copy(client, event, staff, setup):
    AgendaItemFactory(session=setup["session"], title_en="Unpublished item")
    client.force_login(staff)
    response = client.get(reverse("admin:agenda_eventprogramme_preview", args=[event.pk]))
    html = response.content.decode()
    assert "Preview of the working copy" in html
    assert "Unpublished item" in html
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    public = client.get(reverse("agenda:programme", kwargs={"slug": event.slug}))
    assert "Unpublished item" not in public.content.decode()


def test_admin_duplicate_session_action(client, event, staff, setup):
    client.force_login(staff)
    response = client.post(
        reverse("admin:agenda_session_changelist"),
        {"action": "duplicate", "_selected_action": [setup["session"].pk]},
    )
    assert response.status_code == 302
    copy = event.sessions.exclude(pk=setup["session"].pk).get()
    assert copy.title_en == f"{setup['session'].title_en} (copy)"
    assert copy.items.get().roles.get().person == setup["person"]


def test_admin_session_items_ordered_by_position(client, event, staff):
    session = SessionFactory(event=event)
    a, b, c = (AgendaItemFactory(session=session, title_en=t, order=n) for n, t in enumerate("ABC"))
    client.force_login(staff)
    url = reverse("admin:agenda_session_change", args=[session.pk])
    data = _form_data(client.get(url))
    prefix = "items"
    positions = {a.pk: 3, b.pk: 1, c.pk: 2}  # what the script sets after moving A last
    for index in range(3):
        pk = int(data[f"{prefix}-{index}-id"])
        data[f"{prefix}-{index}-order"] = str(positions[pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(session.items.values_list("title_en", "order")) == [
        ("B", 1),
        ("C", 2),
        ("A", 3),
    ]


def test_admin_new_item_without_script_goes_last(client, event, staff):
    session = SessionFactory(event=event)
    AgendaItemFactory(session=session, title_en="First", order=1)
    client.force_login(staff)
    url = reverse("admin:agenda_session_change", args=[session.pk])
    data = _form_data(client.get(url))
    data.update({"items-TOTAL_FORMS": "2", "items-1-title_en": "Second", "items-1-order": "100000"})
    assert client.post(url, data).status_code == 302
    assert list(session.items.values_list("title_en", "order")) == [("First", 1), ("Second", 2)]


def test_admin_rapporteur_must_be_a_cted_expert(client, staff, setup):
    person = PersonFactory(given_name="Ana", family_name="Example")
    client.force_login(staff)
    url = reverse("admin:agenda_agendaitem_change", args=[setup["item"].pk])
    data = _form_data(client.get(url))
    data.update(
        {
            "roles-TOTAL_FORMS": "2",
            "roles-1-person": str(person.pk),
            "roles-1-role": "rapporteur",
            "roles-1-status": "confirmed",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert (
        "Ana Example cannot be a rapporteur: rapporteurs are CTED experts."
        in response.content.decode()
    )


def test_admin_same_person_twice_in_one_submission_is_a_form_error(client, staff, setup):
    person = PersonFactory()
    client.force_login(staff)
    url = reverse("admin:agenda_agendaitem_change", args=[setup["item"].pk])
    data = _form_data(client.get(url))
    data["roles-TOTAL_FORMS"] = "3"
    for index in (1, 2):
        data.update(
            {
                f"roles-{index}-person": str(person.pk),
                f"roles-{index}-role": "panellist",
                f"roles-{index}-status": "confirmed",
            }
        )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()
    assert RoleAssignment.objects.filter(person=person).count() == 0


def test_admin_person_photo_upload_checked_by_content(client, staff):
    client.force_login(staff)
    url = reverse("admin:agenda_person_add")
    data = {"given_name": "Ana", "family_name": "Example", "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0"}  # fmt: skip
    svg = SimpleUploadedFile("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = client.post(url, {**data, "photo_upload": svg})
    assert response.status_code == 200
    assert "This file is not a JPEG or PNG photo." in response.content.decode()
    assert not Person.objects.exists()
    png = SimpleUploadedFile("photo.jpg", image_bytes("PNG"))
    response = client.post(url, {**data, "photo_upload": png})
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.photo.content_type == "image/png"


def test_admin_revisions_are_read_only(client, staff, setup):
    client.force_login(staff)
    revision = AgendaRevision.objects.get()
    url = reverse("admin:agenda_agendarevision_change", args=[revision.pk])
    response = client.post(url, {"note": "changed"})
    assert response.status_code == 403
    delete = reverse("admin:agenda_agendarevision_delete", args=[revision.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    revision.refresh_from_db()
    assert revision.note == ""


def test_admin_programme_cannot_add_or_delete_events(client, staff, event):
    client.force_login(staff)
    assert client.get(reverse("admin:agenda_eventprogramme_add")).status_code == 403
    delete = reverse("admin:agenda_eventprogramme_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert EventProgramme.objects.filter(pk=event.pk).exists()
    assert AgendaItem.objects.count() == 0
