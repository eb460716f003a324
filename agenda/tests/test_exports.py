"""ICS and JSON exports of the newest published revision."""

import datetime
import json
from pathlib import Path

import icalendar
import jsonschema
import pytest
from django.urls import reverse

from agenda import services
from agenda.tests.factories import (
    AgendaItemFactory,
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    SessionFactory,
    with_photo,
)

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "schema" / "programme-v1.json").read_text()
)
UTC = datetime.UTC


def _url(name, event, **kwargs):
    return reverse(f"agenda:{name}", kwargs={"slug": event.slug, **kwargs})


@pytest.fixture
def programme(event):
    """Two sessions, the first at 19:30 New York time on 30 November."""
    evening = SessionFactory(
        event=event,
        kind="preparatory",
        title_en="Evening session",
        title_fr="Séance du soir",
        room_en="Conference Room 4",
        date=datetime.date(2016, 11, 30),
        start_time=datetime.time(19, 30),
        end_time=datetime.time(21, 0),
    )
    opening = SessionFactory(event=event, kind="opening", title_en="Opening")
    item = AgendaItemFactory(
        session=evening,
        title_en="Panel",
        start_time=datetime.time(19, 45),
        end_time=datetime.time(20, 30),
    )
    RoleAssignmentFactory(
        item=item,
        person=with_photo(
            PersonFactory(
                given_name="Ana", family_name="Example", organisation=OrganisationFactory()
            )
        ),
    )
    RoleAssignmentFactory(
        item=None, session=opening, role="chair", person=PersonFactory(family_name="Chair")
    )
    RoleAssignmentFactory(
        item=item,
        role="rapporteur",
        person=PersonFactory(family_name="Expert", is_cted_expert=True),
    )
    services.agenda_publish(event=event, label="provisional", note="First.")
    return {"evening": evening, "opening": opening}


def _calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_ics_parses_back_with_the_sessions_in_the_event_zone(client, event, programme):
    calendar = _calendar(client.get(_url("programme_ics", event)))
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Evening session", "Opening"]
    evening = events[0]
    assert evening["DTSTART"].params["TZID"] == "America/New_York"
    assert evening.decoded("DTSTART") == datetime.datetime(
        2016, 11, 30, 19, 30, tzinfo=event.tzinfo
    )
    assert evening.decoded("DTSTART").astimezone(UTC) == datetime.datetime(
        2016, 12, 1, 0, 30, tzinfo=UTC
    )
    assert evening.decoded("DTEND").astimezone(UTC) == datetime.datetime(
        2016, 12, 1, 2, 0, tzinfo=UTC
    )
    assert str(evening["LOCATION"]) == "Conference Room 4, United Nations Headquarters, New York"
    assert "1. Panel" in str(evening["DESCRIPTION"])
    assert "Panellist: Ana Example" in str(evening["DESCRIPTION"])
    assert "Rapporteur: Test Expert" in str(evening["DESCRIPTION"])
    assert str(evening["STATUS"]) == "TENTATIVE"
    assert str(evening["UID"]) == (
        f"session-{programme['evening'].pk}.{event.slug}@specialmeeting.agenda"
    )
    assert str(evening["URL"]).endswith(_url("session", event, session_id=programme["evening"].pk))
    [timezone] = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "America/New_York"
    assert {str(c["TZNAME"]) for c in timezone.walk("STANDARD")} == {"EST"}


def test_ics_of_one_session(client, event, programme):
    url = _url("session_ics", event, session_id=programme["opening"].pk)
    calendar = _calendar(client.get(url))
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Opening"]
    assert "Chair: Test Chair" in str(events[0]["DESCRIPTION"])
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_ics_in_the_language_of_the_url(client, event, programme):
    calendar = _calendar(client.get("/fr" + _url("programme_ics", event)))
    assert str(next(iter(calendar.walk("VEVENT")))["SUMMARY"]) == "Séance du soir"


def test_ics_of_unknown_session_not_found(client, event, programme):
    assert client.get(_url("session_ics", event, session_id=999999)).status_code == 404


def test_json_validates_against_its_schema(client, event, programme):
    response = client.get(_url("programme_json", event))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["revision"]["number"] == 1
    assert data["revision"]["label"] == "provisional"
    assert data["revision"]["note"] == "First."
    [ana] = [p for p in data["people"] if p["family_name"] == "Example"]
    assert ana["photo"]["url"].startswith("http://testserver/files/person-photo/")


def test_json_schema_refuses_an_export_with_an_email(client, event, programme):
    data = client.get(_url("programme_json", event)).json()
    data["people"][0]["email"] = "someone@example.org"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_json_session_at_1930_new_york_is_next_day_in_utc(client, event, programme):
    data = client.get(_url("programme_json", event)).json()
    evening = data["sessions"][0]
    assert {k: evening[k] for k in ("date", "start_time", "start", "start_utc")} == {
        "date": "2016-11-30",
        "start_time": "19:30",
        "start": "2016-11-30T19:30:00-05:00",
        "start_utc": "2016-12-01T00:30:00Z",
    }
    assert evening["items"][0]["start_utc"] == "2016-12-01T00:45:00Z"
    assert data["event"]["time_zone"] == "America/New_York"


@pytest.mark.parametrize("name", ["programme_ics", "programme_json"])
def test_export_etag_answers_304_when_unchanged(client, event, programme, name):
    first = client.get(_url(name, event))
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) == 42
    again = client.get(_url(name, event), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert client.get(_url(name, event), headers={"If-None-Match": '"stale"'}).status_code == 200


def test_export_etag_changes_with_a_new_revision(client, event, programme):
    before = client.get(_url("programme_json", event))["ETag"]
    AgendaItemFactory(session=programme["opening"], title_en="New item")
    services.agenda_publish(event=event, label="revised")
    assert client.get(_url("programme_json", event))["ETag"] != before


@pytest.mark.parametrize("name", ["programme_ics", "programme_json"])
def test_export_before_publication_not_found(client, event, name):
    SessionFactory(event=event)
    assert client.get(_url(name, event)).status_code == 404


def test_programme_page_links_both_exports(client, event, programme):
    html = client.get(_url("programme", event)).content.decode()
    assert _url("programme_ics", event) in html
    assert _url("programme_json", event) in html
