"""The demo programme of the 2016 Special Meeting."""

import pytest
from django.urls import reverse

import events.demo
from agenda import changelog
from agenda import demo as agenda_demo
from agenda.models import AgendaRevision, Person, RoleAssignment, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    events.demo.load()
    assert agenda_demo.load() == []
    return AgendaRevision.objects.filter(event__slug="ict-2016").order_by("number")


def test_demo_publishes_a_provisional_then_a_revised_revision(loaded):
    assert [(r.number, r.label) for r in loaded] == [(1, "provisional"), (2, "revised")]
    kinds = {c.kind for c in changelog.diff(loaded[0].snapshot, loaded[1].snapshot, "en")}
    assert kinds >= {
        "item_added",
        "item_removed",
        "item_moved",
        "item_retitled",
        "person_added",
        "person_removed",
    }


def test_demo_is_idempotent(loaded):
    counts = (Session.objects.count(), Person.objects.count(), RoleAssignment.objects.count())
    assert agenda_demo.load() == []
    assert loaded.count() == 2
    assert (
        Session.objects.count(),
        Person.objects.count(),
        RoleAssignment.objects.count(),
    ) == counts


def test_demo_days_and_kinds(loaded):
    sessions = loaded[1].snapshot["sessions"]
    assert {s["date"] for s in sessions if s["kind"] == "preparatory"} == {"2016-11-30"}
    assert [s["kind"] for s in sessions if s["date"] == "2016-12-01"] == [
        "opening",
        "thematic",
        "thematic",
        "thematic",
        "other",
        "closing",
    ]


def test_demo_people_are_sample_people_with_cted_rapporteurs(loaded):
    assert all(p.given_name == "SAMPLE" for p in Person.objects.all())
    rapporteurs = RoleAssignment.objects.filter(role="rapporteur").select_related("person")
    assert rapporteurs and all(r.person.is_cted_expert for r in rapporteurs)
    kinds = {p["organisation"]["kind"] for p in loaded[1].snapshot["people"] if p["organisation"]}
    assert kinds == {
        "member_state",
        "observer_state",
        "intergovernmental",
        "un_entity",
        "civil_society",
        "private_sector",
        "academia",
    }


def test_demo_never_speaks_of_the_four_aspects(loaded):
    for revision in loaded:
        assert "four aspects" not in str(revision.snapshot).lower()


def test_demo_programme_page_shows_the_revised_revision_and_its_changes(client, loaded):
    html = client.get(reverse("agenda:programme", kwargs={"slug": "ict-2016"})).content.decode()
    assert "Revision 2, published 25 November 2016" in html
    assert "What changed since revision 1" in html
    assert "SAMPLE item: industry self-regulation initiatives" in html
    earlier = client.get(reverse("agenda:revision", kwargs={"slug": "ict-2016", "number": 1}))
    assert earlier.status_code == 200
