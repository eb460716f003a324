"""`manage.py load_demo`: the 2016 and 2015 special meetings, sample delegations, accounts."""

import datetime
import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from events.demo import (
    DELEGATE_PASSWORD,
    DELEGATES,
    EVENT_2015_SLUG,
    EVENT_2016_SLUG,
    STAFF_EMAIL,
    STAFF_PASSWORD,
)
from events.models import (
    Delegation,
    Document,
    Event,
    EventPage,
    Membership,
    NewsItem,
    Organisation,
)
from events.permissions import CTED_STAFF_GROUP

pytestmark = pytest.mark.django_db

CONCEPT_NOTE_SECTIONS = [
    # (title, the number of its first paragraph)
    ("I. Introduction", 1),
    ("II. Objective of the proposed event", 5),
    ("III. Format of discussions", 7),
    ("IV. Panellists and Rapporteurs", 10),
    ("V. Venue and date", 11),
    ("VI. Outcome", 12),
    ("VII. Communications", 13),
]


def _load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def _prose(response) -> str:
    match = re.search(r'<div class="prose"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    return match.group(1)


@pytest.fixture
def demo():
    _load_demo()
    return Event.objects.get(slug=EVENT_2016_SLUG)


def test_load_demo_twice_gives_the_same_rows():
    before = _row_counts()
    _load_demo()
    after_first = _row_counts()

    _load_demo()

    assert _row_counts() == after_first
    assert after_first != before


def test_load_demo_prints_the_demo_accounts():
    output = _load_demo()

    assert "Demo data loaded." in output
    for email in (STAFF_EMAIL, "delegate.kenya@example.org", "delegate.ngo@example.org"):
        assert email in output


def test_demo_2016_event_is_current_and_published(demo):
    assert (demo.is_current, demo.is_published) == (True, True)
    assert (demo.start_date, demo.end_date) == (
        datetime.date(2016, 11, 30),
        datetime.date(2016, 12, 1),
    )
    assert list(Event.objects.filter(is_current=True)) == [demo]


def test_demo_2016_event_stays_current_after_another_was_made_current(demo):
    Event.objects.filter(pk=demo.pk).update(is_current=False)
    Event.objects.filter(slug=EVENT_2015_SLUG).update(is_current=True)

    _load_demo()

    assert list(Event.objects.filter(is_current=True).values_list("slug", flat=True)) == [
        EVENT_2016_SLUG
    ]


def test_demo_concept_note_has_its_seven_sections(demo):
    pages = demo.pages.filter(kind=EventPage.Kind.CONCEPT_NOTE).order_by("order")

    assert [page.title for page in pages] == [title for title, _n in CONCEPT_NOTE_SECTIONS]
    assert all(page.is_published for page in pages)


def test_demo_concept_note_pages_hold_the_real_text(demo):
    introduction = demo.pages.get(title_en="I. Introduction")
    communications = demo.pages.get(title_en="VII. Communications")

    assert (
        "Member States continue to face a significant and growing threat from the abuse of "
        "information and communications technologies (ICTs)"
    ) in introduction.body
    assert "the Committee will issue a press release" in communications.body


@pytest.mark.parametrize(("title", "first_paragraph"), CONCEPT_NOTE_SECTIONS)
def test_demo_concept_note_paragraph_numbers_stay_text(client, demo, title, first_paragraph):
    page = demo.pages.get(title_en=title)

    response = client.get(f"/events/{EVENT_2016_SLUG}/{page.slug}/")

    assert response.status_code == 200
    prose = _prose(response)
    assert prose.startswith(f"<p>{first_paragraph}. ")
    assert "<ol" not in prose
    assert "<li" not in prose


def test_demo_introduction_page_starts_with_paragraph_one(client, demo):
    response = client.get(f"/events/{EVENT_2016_SLUG}/introduction/")

    assert _prose(response).startswith(
        "<p>1. Member States continue to face a significant and growing threat"
    )


def test_demo_practical_page_published(client, demo):
    response = client.get(f"/events/{EVENT_2016_SLUG}/practical-information/")

    assert response.status_code == 200
    assert "<strong>Written statements.</strong>" in _prose(response)


def test_demo_2015_event_is_past(demo):
    event = Event.objects.get(slug=EVENT_2015_SLUG)

    assert (event.is_past, event.is_current, event.is_published) == (True, False, True)
    assert (event.start_date, event.end_date) == (
        datetime.date(2015, 12, 17),
        datetime.date(2015, 12, 17),
    )


def test_demo_staff_account_is_cted_staff_not_superuser(demo):
    staff = get_user_model().objects.get(email=STAFF_EMAIL)

    assert (staff.is_staff, staff.is_superuser, staff.is_active) == (True, False, True)
    assert list(staff.groups.values_list("name", flat=True)) == [CTED_STAFF_GROUP]
    assert staff.check_password(STAFF_PASSWORD)
    assert EmailAddress.objects.filter(email=STAFF_EMAIL, verified=True, primary=True).exists()
    assert staff.has_perm("events.change_document")
    assert not staff.has_perm("events.delete_document")


def test_demo_delegates_are_approved_members(demo):
    emails = [email for email, _name, _organisation, _role in DELEGATES]
    memberships = Membership.objects.filter(
        delegation__event=demo, user__email__in=emails
    ).select_related("user", "delegation__organisation")

    assert sorted(
        (m.user.email, m.delegation.organisation.name, m.role, m.status) for m in memberships
    ) == [
        (
            "delegate.kenya@example.org",
            "Kenya",
            Membership.Role.FOCAL_POINT,
            Membership.Status.APPROVED,
        ),
        (
            "delegate.ngo@example.org",
            "SAMPLE Civil Society Network on Online Rights",
            Membership.Role.FOCAL_POINT,
            Membership.Status.APPROVED,
        ),
    ]
    for membership in memberships:
        assert (membership.decided_by.email, membership.user.is_staff) == (STAFF_EMAIL, False)
        assert membership.user.check_password(DELEGATE_PASSWORD)
        assert "SAMPLE" in membership.user.full_name


def test_demo_delegations_for_every_organisation_kind(demo):
    kinds = set(Delegation.objects.filter(event=demo).values_list("organisation__kind", flat=True))

    assert kinds == set(Organisation.Kind.values)


def test_demo_invented_organisations_say_sample(demo):
    invented = Organisation.objects.exclude(kind__in=Organisation.STATE_KINDS)

    assert invented.exists()
    assert [o.name for o in invented if "SAMPLE" not in o.name] == []


def test_demo_news_says_sample(demo):
    assert [n.title for n in NewsItem.objects.all() if "SAMPLE" not in n.title] == []


# --- The six UN languages --------------------------------------------------------------

LANGUAGES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]
# Texts that a language writes as English does.
SAME_AS_ENGLISH = {("New York", "fr"), ("I. Introduction", "fr")}


def _assert_in_every_language(obj, field):
    english = getattr(obj, f"{field}_en")
    assert english and english.strip(), (obj, field)
    for language in OTHER_LANGUAGES:
        text = getattr(obj, f"{field}_{language}")
        assert text and text.strip(), (obj, field, language)
        if (english, language) not in SAME_AS_ENGLISH:
            assert text != english, (obj, field, language)
        if "SAMPLE" in english:
            assert "SAMPLE" in text, (obj, field, language)


def test_demo_events_in_six_languages(demo):
    assert set(LANGUAGES) == {"ar", "zh_hans", "en", "fr", "ru", "es"}
    for event in Event.objects.filter(slug__in=[EVENT_2016_SLUG, EVENT_2015_SLUG]):
        for field in ("title", "short_title", "theme", "venue", "city"):
            _assert_in_every_language(event, field)


def test_demo_page_titles_in_six_languages(demo):
    pages = EventPage.objects.filter(event__slug__in=[EVENT_2016_SLUG, EVENT_2015_SLUG])

    assert pages.count() == len(CONCEPT_NOTE_SECTIONS) + 2
    for page in pages:
        _assert_in_every_language(page, "title")


def test_demo_concept_note_headings_keep_the_un_numbering(demo):
    introduction = demo.pages.get(title_en="I. Introduction")
    communications = demo.pages.get(title_en="VII. Communications")

    assert (introduction.title_ar, introduction.title_zh_hans) == ("أولا - مقدمة", "一. 导言")
    assert communications.title_ru.startswith("VII. ")


def test_demo_short_pages_news_and_documents_in_six_languages(demo):
    practical = demo.pages.get(slug="practical-information")
    about = EventPage.objects.get(event__slug=EVENT_2015_SLUG, slug="about")
    news = NewsItem.objects.get(event=demo)
    for obj, fields in (
        (practical, ("body",)),
        (about, ("body",)),
        (news, ("title", "body")),
    ):
        for field in fields:
            _assert_in_every_language(obj, field)
    for document in Document.objects.filter(event=demo):
        _assert_in_every_language(document, "title")
    assert "**Déclarations écrites.**" in practical.body_fr


def test_demo_sample_organisations_in_six_languages(demo):
    invented = Organisation.objects.exclude(kind__in=Organisation.STATE_KINDS)

    assert invented.count() == 5
    for organisation in invented:
        _assert_in_every_language(organisation, "name")


def test_demo_pages_shown_in_arabic(client, demo):
    response = client.get(f"/ar/events/{EVENT_2016_SLUG}/practical-information/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "معلومات عملية" in html
    assert "**" not in _prose(response)
    assert "<strong>البيانات المكتوبة.</strong>" in _prose(response)
    assert "Written statements" not in html
