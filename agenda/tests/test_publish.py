"""Publishing revisions: snapshots, their immutability, labels and the changelog."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from agenda import changelog, services, snapshot
from agenda.models import AgendaItem, AgendaRevision, RoleAssignment, Session
from agenda.tests.factories import (
    AgendaItemFactory,
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    SessionFactory,
    with_photo,
)

pytestmark = pytest.mark.django_db


def _messages(old, new):
    return [(c.kind, str(c.message)) for c in changelog.diff(old, new, "en")]


def test_publish_first_revision_is_number_one_in_schema_version_one(event, staff):
    SessionFactory(event=event)
    revision = services.agenda_publish(
        event=event, label="provisional", note="  First version.  ", user=staff
    )
    assert (revision.number, revision.label, revision.note) == (1, "provisional", "First version.")
    assert revision.schema_version == revision.snapshot["schema_version"] == 1
    assert revision.published_by == staff
    assert revision.sha256 == snapshot.digest(revision.snapshot)


def test_publish_snapshot_holds_every_language_with_content(event):
    session = SessionFactory(event=event, title_en="Opening", title_fr="Ouverture")
    AgendaItemFactory(session=session, title_en="Welcome", annotation_en="", title_ar="ترحيب")
    data = services.agenda_publish(event=event, label="provisional").snapshot
    assert data["sessions"][0]["title"] == {"en": "Opening", "fr": "Ouverture"}
    assert data["sessions"][0]["items"][0]["title"] == {"ar": "ترحيب", "en": "Welcome"}
    assert data["sessions"][0]["items"][0]["annotation"] == {}


def test_publish_snapshot_people_public_fields_only(event):
    organisation = OrganisationFactory(name_en="Test Network", acronym_en="TN")
    person = with_photo(
        PersonFactory(
            honorific_en="Dr",
            given_name="Ana",
            family_name="Example",
            position_en="Director",
            organisation=organisation,
            email="ana.private@private.example.org",
        )
    )
    role = RoleAssignmentFactory(person=person, item__session__event=event)
    data = services.agenda_publish(event=event, label="provisional").snapshot
    assert data["people"] == [
        {
            "id": person.pk,
            "honorific": {"en": "Dr"},
            "given_name": "Ana",
            "family_name": "Example",
            "position": {"en": "Director"},
            "biography": {"en": "A short biography."},
            "is_cted_expert": False,
            "organisation": {
                "id": organisation.pk,
                "kind": "civil_society",
                "name": {"en": "Test Network"},
                "acronym": {"en": "TN"},
            },
            "photo": {
                "id": person.photo.pk,
                "content_type": "image/png",
                "width": 64,
                "height": 48,
                "sha256": person.photo.sha256,
            },
        }
    ]
    assert data["sessions"][0]["items"][0]["roles"] == [{"person_id": person.pk, "role": role.role}]
    assert "private.example.org" not in snapshot.canonical_json(data).decode()


def test_publish_snapshot_confirmed_people_only(event):
    item = AgendaItemFactory(session__event=event)
    confirmed = RoleAssignmentFactory(item=item)
    RoleAssignmentFactory(item=item, status=RoleAssignment.Status.INVITED)
    RoleAssignmentFactory(item=item, status=RoleAssignment.Status.DECLINED)
    data = services.agenda_publish(event=event, label="provisional").snapshot
    assert [p["id"] for p in data["people"]] == [confirmed.person_id]
    assert data["sessions"][0]["items"][0]["roles"] == [
        {"person_id": confirmed.person_id, "role": "panellist"}
    ]


def test_publish_snapshot_times_in_the_event_zone_and_utc(event):
    SessionFactory(
        event=event,
        date=datetime.date(2016, 11, 30),
        start_time=datetime.time(19, 30),
        end_time=datetime.time(21, 0),
    )
    session = services.agenda_publish(event=event, label="provisional").snapshot["sessions"][0]
    assert {k: session[k] for k in ("date", "start_time", "start", "start_utc", "end_utc")} == {
        "date": "2016-11-30",
        "start_time": "19:30",
        "start": "2016-11-30T19:30:00-05:00",
        "start_utc": "2016-12-01T00:30:00Z",
        "end_utc": "2016-12-01T02:00:00Z",
    }


def test_publish_items_numbered_through_the_programme(event):
    morning = SessionFactory(event=event, start_time=datetime.time(10, 0))
    afternoon = SessionFactory(
        event=event, start_time=datetime.time(15, 0), end_time=datetime.time(18, 0)
    )
    AgendaItemFactory(session=afternoon, title_en="C", order=1)
    AgendaItemFactory(session=morning, title_en="B", order=2)
    AgendaItemFactory(session=morning, title_en="A", order=1)
    data = services.agenda_publish(event=event, label="provisional").snapshot
    numbered = [(i["number"], i["title"]["en"]) for s in data["sessions"] for i in s["items"]]
    assert numbered == [(1, "A"), (2, "B"), (3, "C")]


def test_publish_empty_programme_refused(event):
    with pytest.raises(ValidationError) as info:
        services.agenda_publish(event=event, label="provisional")
    assert info.value.messages == [
        "There is nothing to publish: add sessions to the programme first."
    ]


def test_publish_revised_before_anything_refused(event):
    SessionFactory(event=event)
    with pytest.raises(ValidationError) as info:
        services.agenda_publish(event=event, label="revised")
    assert info.value.messages == [
        "Nothing has been published yet: publish a provisional programme first."
    ]


def test_publish_provisional_after_revised_refused(event):
    session = SessionFactory(event=event)
    services.agenda_publish(event=event, label="provisional")
    AgendaItemFactory(session=session)
    services.agenda_publish(event=event, label="revised")
    AgendaItemFactory(session=session)
    with pytest.raises(ValidationError) as info:
        services.agenda_publish(event=event, label="provisional")
    assert info.value.code == "provisional_after_revised"


def test_publish_unchanged_programme_with_same_label_refused(event):
    SessionFactory(event=event)
    services.agenda_publish(event=event, label="provisional")
    with pytest.raises(ValidationError) as info:
        services.agenda_publish(event=event, label="provisional")
    assert info.value.messages == [
        "Nothing has changed since revision 1: there is nothing new to publish."
    ]


def test_publish_unchanged_programme_as_final_allowed(event):
    SessionFactory(event=event)
    services.agenda_publish(event=event, label="provisional")
    final = services.agenda_publish(event=event, label="final")
    assert (final.number, final.label) == (2, "final")


def test_revision_snapshot_cannot_be_changed(event):
    SessionFactory(event=event, title_en="Opening")
    revision = services.agenda_publish(event=event, label="provisional")
    revision.snapshot["sessions"][0]["title"]["en"] = "Tampered"
    with pytest.raises(ValidationError) as info:
        revision.save()
    assert info.value.messages == [
        "A published agenda revision cannot be changed; publish a new one."
    ]
    stored = AgendaRevision.objects.get(pk=revision.pk)
    assert stored.snapshot["sessions"][0]["title"] == {"en": "Opening"}


def test_revision_label_cannot_be_changed(event):
    SessionFactory(event=event)
    revision = services.agenda_publish(event=event, label="provisional")
    revision.label = "final"
    with pytest.raises(ValidationError):
        revision.save()


def test_revision_unchanged_by_later_edits_of_the_working_copy(event):
    session = SessionFactory(event=event, title_en="Opening")
    role = RoleAssignmentFactory(item__session=session)
    revision = services.agenda_publish(event=event, label="provisional")
    before = snapshot.canonical_json(revision.snapshot)
    Session.objects.filter(pk=session.pk).update(title_en="Renamed")
    role.person.family_name = "Renamed"
    role.person.save()
    role.item.delete()
    revision.refresh_from_db()
    assert snapshot.canonical_json(revision.snapshot) == before


def test_snapshot_of_unknown_schema_version_refused():
    with pytest.raises(snapshot.UnknownSchemaVersion):
        snapshot.read({"schema_version": 99})


def test_changelog_items_added_removed_moved_retitled(event):
    first = SessionFactory(event=event, title_en="Morning", start_time=datetime.time(9, 0))
    second = SessionFactory(
        event=event,
        title_en="Afternoon",
        start_time=datetime.time(15, 0),
        end_time=datetime.time(18, 0),
    )
    a = AgendaItemFactory(session=first, title_en="A", order=1)
    b = AgendaItemFactory(session=first, title_en="B", order=2)
    c = AgendaItemFactory(session=first, title_en="C", order=3)
    d = AgendaItemFactory(session=second, title_en="D", order=1)
    old = snapshot.build(event)
    b.delete()
    AgendaItem.objects.filter(pk=a.pk).update(title_en="A, renamed")
    AgendaItem.objects.filter(pk=c.pk).update(session=second, order=2)
    AgendaItemFactory(session=first, title_en="E", order=4)
    new = snapshot.build(event)
    assert d.pk
    assert _messages(old, new) == [
        ("item_retitled", "Item renamed: 1. “A” is now “A, renamed”"),
        ("item_moved", "Item moved: 4. C (now in Afternoon)"),
        ("item_added", "Item added: 2. E (Morning)"),
        ("item_removed", "Item removed: 2. B (was in Morning)"),
    ]


def test_changelog_reordering_reports_only_the_moved_item(event):
    session = SessionFactory(event=event)
    items = [
        AgendaItemFactory(session=session, title_en=t, order=i)
        for i, t in enumerate("ABCD", start=1)
    ]
    old = snapshot.build(event)
    AgendaItem.objects.filter(pk=items[3].pk).update(order=0)  # D goes first
    AgendaItemFactory(session=session, title_en="New", order=2)  # after B: moves nothing
    assert _messages(old, snapshot.build(event)) == [
        ("item_moved", "Item moved: 1. D (was item 4)"),
        ("item_added", f"Item added: 4. New ({session.title_en})"),
    ]


def test_changelog_people_added_and_removed(event):
    item = AgendaItemFactory(session__event=event, title_en="Panel", order=1)
    stays = RoleAssignmentFactory(item=item, person__given_name="Ana", person__family_name="A")
    leaves = RoleAssignmentFactory(item=item, person__given_name="Bo", person__family_name="B")
    invited = RoleAssignmentFactory(
        item=item,
        person__given_name="Cy",
        person__family_name="C",
        status=RoleAssignment.Status.INVITED,
    )
    old = snapshot.build(event)
    leaves.delete()
    RoleAssignment.objects.filter(pk=invited.pk).update(status=RoleAssignment.Status.CONFIRMED)
    RoleAssignmentFactory(
        item=None,
        session=item.session,
        role="chair",
        person__given_name="Di",
        person__family_name="D",
    )
    assert stays.pk
    assert _messages(old, snapshot.build(event)) == [
        ("person_added", f"Di D added as chair: {item.session.title_en}"),
        ("person_added", "Cy C added as panellist: 1. Panel"),
        ("person_removed", "Bo B removed as panellist: 1. Panel"),
    ]


def test_changelog_session_rescheduled_and_renamed(event):
    session = SessionFactory(event=event, title_en="Opening", start_time=datetime.time(10, 0))
    old = snapshot.build(event)
    Session.objects.filter(pk=session.pk).update(
        title_en="Opening of the meeting", start_time=datetime.time(10, 30)
    )
    assert _messages(old, snapshot.build(event)) == [
        ("session_retitled", "Session renamed: “Opening” is now “Opening of the meeting”"),
        (
            "session_rescheduled",
            "Session rescheduled: Opening of the meeting, now 1 December 2016, 10:30–13:00 "
            "(was 1 December 2016, 10:00–13:00)",
        ),
    ]


def test_changelog_escapes_titles(event):
    session = SessionFactory(event=event)
    old = snapshot.build(event)
    AgendaItemFactory(session=session, title_en="<script>alert(1)</script>")
    [change] = changelog.diff(old, snapshot.build(event), "en")
    assert "<script>" not in change.message
    assert "&lt;script&gt;" in change.message


def test_session_duplicate_copies_items_and_roles(event):
    session = SessionFactory(event=event, title_en="Segment", title_fr="Segment FR")
    RoleAssignmentFactory(item=None, session=session, role="chair")
    item = AgendaItemFactory(session=session, title_en="Panel")
    RoleAssignmentFactory(item=item)
    RoleAssignmentFactory(item=item, status=RoleAssignment.Status.INVITED)
    copy = services.session_duplicate(session=session)
    assert copy.pk != session.pk
    assert (copy.title_en, copy.title_fr) == ("Segment (copy)", "Segment FR (copie)")
    assert [i.title_en for i in copy.items.all()] == ["Panel"]
    assert copy.roles.get().role == "chair"
    copied_item = copy.items.get()
    assert sorted(copied_item.roles.values_list("status", flat=True)) == [
        "confirmed",
        "invited",
    ]
    assert item.roles.count() == 2  # the original is untouched


def test_items_renumber_keeps_the_sequence(event):
    session = SessionFactory(event=event)
    items = [AgendaItemFactory(session=session, order=n) for n in (5, 100000, 7)]
    services.items_renumber(session=session)
    assert [(i.pk, i.order) for i in session.items.all()] == [
        (items[0].pk, 1),
        (items[2].pk, 2),
        (items[1].pk, 3),
    ]


def test_changes_between_revisions_are_computed_once_per_pair_and_language(
    event, staff, monkeypatch
):
    session = SessionFactory(event=event, title_en="Morning")
    AgendaItemFactory(session=session, title_en="A", order=1)
    first = services.agenda_publish(event=event, label="provisional", user=staff)
    AgendaItemFactory(session=session, title_en="B", order=2)
    second = services.agenda_publish(event=event, label="revised", user=staff)

    computed = []
    real_diff = changelog.diff
    monkeypatch.setattr(
        changelog,
        "diff",
        lambda old, new, language: computed.append(language) or real_diff(old, new, language),
    )
    monkeypatch.setattr(changelog, "_between_revisions", type(changelog._between_revisions)())
    expected = [(c.kind, str(c.message)) for c in real_diff(first.snapshot, second.snapshot, "en")]
    for _ in range(3):
        changes = changelog.diff_revisions(first, second, "en")
        assert [(c.kind, str(c.message)) for c in changes] == expected
    assert computed == ["en"]
    changelog.diff_revisions(first, second, "fr")
    assert computed == ["en", "fr"]
    # Keyed by the snapshots' content, not by the rows: another pair is computed anew.
    changelog.diff_revisions(second, first, "en")
    assert computed == ["en", "fr", "en"]
