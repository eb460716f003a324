"""Public pages of the event site, the account menu, /account/ and response headers."""

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Document, Event, EventPage, Membership

from .factories import (
    DelegationFactory,
    DocumentFactory,
    DocumentVersionFactory,
    EventFactory,
    EventPageFactory,
    MembershipFactory,
    NewsItemFactory,
    StateFactory,
    UserFactory,
    enable_two_factor,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

SIGNED_IN_EMAIL = "focal.point@example.org"


@pytest.fixture
def event():
    """The current event, with concept-note and practical pages, a document and news."""
    event = EventFactory(
        slug="ict-2016",
        title_en="Preventing the Exploitation of ICTs for Terrorist Purposes",
        short_title_en="Special Meeting on ICTs, 2016",
        theme_en="A meeting with Member States and the private sector",
        is_current=True,
    )
    EventPageFactory(
        event=event,
        slug="introduction",
        title_en="I. Introduction",
        body_en="1\\. Member States continue to face a **growing** threat.",
        order=1,
    )
    EventPageFactory(
        event=event,
        slug="objective",
        title_en="II. Objective of the proposed event",
        body_en="The objective is to discuss.",
        order=2,
    )
    EventPageFactory(
        event=event,
        slug="format",
        title_en="III. Format of discussions",
        body_en="Two sessions.",
        order=3,
    )
    EventPageFactory(
        event=event,
        kind=EventPage.Kind.PRACTICAL,
        slug="practical-information",
        title_en="Practical information",
        body_en="**Venue.** United Nations Headquarters.",
        order=1,
    )
    return event


def _signed_in(client, email=SIGNED_IN_EMAIL, **kwargs):
    user = UserFactory(email=email, **kwargs)
    client.force_login(user)
    return user


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
# Their edges separate words, as they do on screen.
BLOCK_ELEMENTS = {"br", "dd", "div", "dt", "h1", "h2", "h3", "li", "p", "td", "th", "tr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes: list[Node] = []
        self.open: list[Node] = []

    def _separate(self, tag):
        if tag in BLOCK_ELEMENTS:
            for node in self.open:
                node.parts.append(" ")

    def handle_starttag(self, tag, attrs):
        self._separate(tag)
        node = Node(tag, dict(attrs))
        self.nodes.append(node)
        if tag not in VOID_ELEMENTS:
            self.open.append(node)

    def handle_startendtag(self, tag, attrs):
        self.nodes.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._separate(tag)
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for node in self.open:
            node.parts.append(data)


def find(response, tag: str, **attrs: str) -> list[Node]:
    """Elements of the page by tag and attributes (``class_`` matches one class)."""
    collector = _Collector()
    collector.feed(response.content.decode())
    wanted_class = attrs.pop("class_", None)
    return [
        node
        for node in collector.nodes
        if node.tag == tag
        and all(node.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items())
        and (wanted_class is None or wanted_class in (node.attrs.get("class") or "").split())
    ]


def links(response, prefix: str = "/") -> list[tuple[str, str]]:
    """(href, text) of the page's links whose address starts with ``prefix``."""
    return [
        (node.attrs["href"], node.text)
        for node in find(response, "a")
        if (node.attrs.get("href") or "").startswith(prefix)
    ]


def texts(response, tag: str, **attrs: str) -> list[str]:
    return [node.text for node in find(response, tag, **attrs)]


def html_tag(response) -> dict[str, str | None]:
    return find(response, "html")[0].attrs


def prose(response) -> str:
    """The staff-written part of a page, rendered from markdown."""
    match = re.search(r'<div class="prose"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    return match.group(1)


# --- Home page ----------------------------------------------------------------------


def test_index_leads_with_current_event(client, event):
    past = EventFactory(
        slug="internet-2015",
        title_en="The 2015 meeting on the Internet and social media",
        start_date=datetime.date(2015, 12, 17),
        end_date=datetime.date(2015, 12, 17),
    )
    EventFactory(title_en="A meeting being prepared", is_published=False)

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["current"] == event
    assert response.context["other_events"] == [past]
    assert texts(response, "h1") == [event.title]
    event_links = links(response, "/events/")
    assert [(href, text) for href, text in event_links if text.startswith("I")] == [
        ("/events/ict-2016/introduction/", "I. Introduction"),
        ("/events/ict-2016/objective/", "II. Objective of the proposed event"),
        ("/events/ict-2016/format/", "III. Format of discussions"),
    ]
    assert {"/events/ict-2016/", "/events/ict-2016/documents/"} <= {h for h, _t in event_links}
    assert ("/events/internet-2015/", past.title) in event_links
    [past_card] = [node for node in find(response, "li") if past.title in node.text]
    assert "past event" in past_card.text.lower()
    assert "A meeting being prepared" not in response.content.decode()


def test_index_without_events_says_so(client):
    response = client.get("/")

    assert response.status_code == 200
    assert links(response, "/events/") == []
    assert "No meeting has been announced yet." in response.content.decode()


def test_index_post_refused(client):
    assert client.post("/").status_code == 405


# --- Event home ---------------------------------------------------------------------


def test_event_home_shows_concept_note_documents_and_news(client, event):
    document = DocumentVersionFactory(
        document__event=event, document__title_en="Concept note of the meeting"
    ).document
    news = [
        NewsItemFactory(
            event=event,
            title_en=f"Announcement {days}",
            published_at=timezone.now() - datetime.timedelta(days=days),
        )
        for days in (1, 2, 3, 4)
    ]

    response = client.get("/events/ict-2016/")

    assert response.status_code == 200
    assert response.context["news"] == news[:3]
    assert texts(response, "title") == [
        f"{event.short_title} – United Nations Security Council Counter-Terrorism Committee"
    ]
    assert event.theme in texts(response, "p")
    page_links = links(response, "/events/ict-2016/")
    for section in ("I. Introduction", "II. Objective of the proposed event"):
        assert [href for href, text in page_links if text == section] != []
    assert prose(response) == (
        "<p>1. Member States continue to face a <strong>growing</strong> threat.</p>"
    )
    assert (f"/events/ict-2016/documents/#document-{document.pk}", document.title) in page_links
    news_links = links(response, "/events/ict-2016/news/")
    assert [text for _href, text in news_links if text.startswith("Announcement")] == [
        "Announcement 1",
        "Announcement 2",
        "Announcement 3",
    ]


def test_event_home_dates_and_deadline_in_event_zone(client, event):
    event.statement_deadline = datetime.datetime(2016, 11, 28, 23, 0, tzinfo=datetime.UTC)
    event.save()

    response = client.get("/events/ict-2016/")

    assert texts(response, "dd") == [
        "30 November – 1 December 2016",
        "United Nations Headquarters, New York",
        "28 November 2016, 18:00 (Eastern Time, America/New_York, UTC−05:00)",
    ]


@pytest.mark.parametrize(
    ("language", "meeting", "deadline"),
    [
        ("fr", "30 novembre – 1er décembre 2016", "28 novembre 2016, 18:00 ("),
        ("es", "30 de noviembre – 1 de diciembre de 2016", "28 de noviembre de 2016, 18:00 ("),
        ("ru", "30 ноября – 1 декабря 2016 г.", "28 ноября 2016 г., 18:00 ("),
        ("zh-hans", "2016年11月30日至12月1日", "2016年11月28日，18:00 ("),
        ("ar", "30 تشرين الثاني/نوفمبر – 1 كانون الأول/ديسمبر 2016",
         "28 تشرين الثاني/نوفمبر 2016، 18:00 ("),
    ],
)  # fmt: skip
def test_event_home_dates_as_un_documents_write_them(client, event, language, meeting, deadline):
    # As the PDFs do (events.dates): not Django's "30 Novembre" or "30 十一月 2016".
    event.statement_deadline = datetime.datetime(2016, 11, 28, 23, 0, tzinfo=datetime.UTC)
    event.save()
    with translation.override(language):
        url = reverse("events:home", args=[event.slug])

    when, _venue, due = texts(client.get(url), "dd")

    assert when == meeting
    assert due.startswith(deadline), due


def test_event_home_unknown_event_is_404(client):
    response = client.get("/events/no-such-meeting/")

    assert response.status_code == 404
    assert texts(response, "h1") == ["Page not found"]


def test_event_home_unpublished_event_is_404(client):
    EventFactory(slug="in-preparation", is_published=False)

    assert client.get("/events/in-preparation/").status_code == 404


# --- Pages --------------------------------------------------------------------------


def test_event_page_concept_note_section(client, event):
    response = client.get("/events/ict-2016/objective/")

    assert response.status_code == 200
    assert texts(response, "h1") == ["II. Objective of the proposed event"]
    assert prose(response) == "<p>The objective is to discuss.</p>"
    assert [(a.attrs["href"], a.text) for a in find(response, "a", rel="prev")] == [
        ("/events/ict-2016/introduction/", "Previous section I. Introduction")
    ]
    assert [(a.attrs["href"], a.text) for a in find(response, "a", rel="next")] == [
        ("/events/ict-2016/format/", "Next section III. Format of discussions")
    ]
    assert [a.attrs["href"] for a in find(response, "a", aria_current="page")] == [
        "/events/ict-2016/introduction/",  # the event menu's "Concept note"
        "/events/ict-2016/objective/",  # this section in the list of sections
    ]


def test_event_page_first_section_has_no_previous(client, event):
    response = client.get("/events/ict-2016/introduction/")

    assert find(response, "a", rel="prev") == []
    assert [a.attrs["href"] for a in find(response, "a", rel="next")] == [
        "/events/ict-2016/objective/"
    ]


def test_event_page_paragraph_numbers_are_not_a_list(client, event):
    response = client.get("/events/ict-2016/introduction/")

    assert "<ol" not in prose(response)
    assert prose(response).startswith("<p>1. Member States continue")


def test_event_page_practical_information(client, event):
    response = client.get("/events/ict-2016/practical-information/")

    assert response.status_code == 200
    assert texts(response, "h1") == ["Practical information"]
    assert prose(response) == "<p><strong>Venue.</strong> United Nations Headquarters.</p>"
    assert find(response, "a", rel="prev") + find(response, "a", rel="next") == []
    assert [a.attrs["href"] for a in find(response, "a", aria_current="page")] == [
        "/events/ict-2016/practical-information/"
    ]


def test_event_page_html_in_markdown_removed(client, event):
    EventPageFactory(
        event=event,
        slug="unsafe",
        body_en='Hello <script>alert("x")</script> [link](javascript:alert(1)) <b>bold</b>',
    )

    body = prose(client.get("/events/ict-2016/unsafe/"))

    assert "<script" not in body
    assert "javascript:" not in body
    assert "<b>" not in body


def test_event_page_unpublished_is_404(client, event):
    EventPageFactory(event=event, slug="draft", is_published=False)

    assert client.get("/events/ict-2016/draft/").status_code == 404


def test_event_page_unknown_is_404(client, event):
    assert client.get("/events/ict-2016/no-such-section/").status_code == 404


def test_event_page_of_other_event_is_404(client, event):
    EventPageFactory(slug="elsewhere")

    assert client.get("/events/ict-2016/elsewhere/").status_code == 404


def test_event_page_of_unpublished_event_is_404(client):
    page = EventPageFactory(event__is_published=False)

    assert client.get(f"/events/{page.event.slug}/{page.slug}/").status_code == 404


# --- Documents ----------------------------------------------------------------------


def test_documents_lists_newest_version_per_language(client, event):
    document = DocumentFactory(
        event=event,
        title_en="Annotated agenda",
        kind=Document.Kind.ANNOTATED_AGENDA,
        symbol="S/AC.40/2016/1",
        document_date=datetime.date(2016, 11, 25),
    )
    old_en = DocumentVersionFactory(document=document, language="en")
    en = DocumentVersionFactory(document=document, language="en", uploaded_file=pdf_upload(pages=2))
    fr = DocumentVersionFactory(document=document, language="fr")
    DocumentVersionFactory(document__event=event, document__published_at=None)
    DocumentVersionFactory(
        document__event=event, document__distribution=Document.Distribution.LIMITED
    )

    response = client.get("/events/ict-2016/documents/")

    assert response.status_code == 200
    downloads = find(response, "a", type="application/pdf")
    assert [(a.attrs["href"], a.attrs["hreflang"]) for a in downloads] == [
        (f"/files/document/{en.pk}/en.pdf", "en"),
        (f"/files/document/{fr.pk}/fr.pdf", "fr"),
    ]
    assert links(response, "/files/") == [
        (f"/files/document/{en.pk}/en.pdf", f"English (PDF, {en.size} bytes, 2 pages)"),
        (f"/files/document/{fr.pk}/fr.pdf", f"French (PDF, {fr.size} bytes, 1 page)"),
    ]
    assert f"/files/document/{old_en.pk}/" not in response.content.decode()
    [item] = find(response, "li", id=f"document-{document.pk}")
    assert "Annotated agenda" in item.text
    assert "S/AC.40/2016/1" in texts(response, "span", class_="symbol")
    assert ("25 November 2016") in texts(response, "time", datetime="2016-11-25")
    assert texts(response, "h2") == ["Annotated agenda"]


def test_documents_empty_says_so(client, event):
    response = client.get("/events/ict-2016/documents/")

    assert links(response, "/files/") == []
    assert "No documents have been published for this meeting yet." in response.content.decode()


def test_documents_of_unpublished_event_is_404(client):
    event = EventFactory(is_published=False)

    assert client.get(f"/events/{event.slug}/documents/").status_code == 404


# --- News ---------------------------------------------------------------------------


def test_news_list_shows_published_items_newest_first(client, event):
    older = NewsItemFactory(
        event=event,
        title_en="Registration opens",
        published_at=datetime.datetime(2016, 10, 1, 14, 0, tzinfo=datetime.UTC),
    )
    newer = NewsItemFactory(
        event=event,
        kind="press_release",
        title_en="Press release on the meeting",
        published_at=datetime.datetime(2016, 11, 1, 14, 0, tzinfo=datetime.UTC),
    )
    NewsItemFactory(
        event=event,
        title_en="Not yet",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )

    response = client.get("/events/ict-2016/news/")

    assert response.status_code == 200
    assert response.context["news"] == [newer, older]
    assert links(response, "/events/ict-2016/news/news-") == [
        (f"/events/ict-2016/news/{newer.slug}/", "Press release on the meeting"),
        (f"/events/ict-2016/news/{older.slug}/", "Registration opens"),
    ]
    assert texts(response, "time", datetime=newer.published_at.isoformat()) == ["1 November 2016"]
    assert "Not yet" not in response.content.decode()


def test_news_list_empty_says_so(client, event):
    response = client.get("/events/ict-2016/news/")

    assert "There is no news about this meeting yet." in response.content.decode()


def test_news_item_shows_text(client, event):
    item = NewsItemFactory(
        event=event,
        slug="statements-open",
        title_en="Written statements open",
        body_en="Submit them **here**.",
    )

    response = client.get("/events/ict-2016/news/statements-open/")

    assert response.status_code == 200
    assert response.context["item"] == item
    assert texts(response, "h1") == ["Written statements open"]
    assert prose(response) == "<p>Submit them <strong>here</strong>.</p>"


def test_news_item_future_is_404(client, event):
    NewsItemFactory(
        event=event, slug="embargoed", published_at=timezone.now() + datetime.timedelta(days=1)
    )

    assert client.get("/events/ict-2016/news/embargoed/").status_code == 404


def test_news_item_unknown_is_404(client, event):
    assert client.get("/events/ict-2016/news/no-such-item/").status_code == 404


def test_news_item_of_other_event_is_404(client, event):
    NewsItemFactory(slug="elsewhere")

    assert client.get("/events/ict-2016/news/elsewhere/").status_code == 404


# --- Languages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", {"lang": "en", "dir": "ltr"}),
        ("/fr", {"lang": "fr", "dir": "ltr"}),
        ("/es", {"lang": "es", "dir": "ltr"}),
        ("/ru", {"lang": "ru", "dir": "ltr"}),
        ("/zh-hans", {"lang": "zh-hans", "dir": "ltr"}),
        ("/ar", {"lang": "ar", "dir": "rtl"}),
    ],
)
@pytest.mark.parametrize(
    "path",
    ["/", "/events/ict-2016/", "/events/ict-2016/introduction/", "/events/ict-2016/news/"],
)
def test_language_prefix_sets_lang_and_dir(client, event, prefix, expected, path):
    response = client.get(prefix + path)

    assert response.status_code == 200
    assert html_tag(response) == expected


def test_language_arabic_uses_rtl_stylesheet(client, event):
    arabic = client.get("/ar/events/ict-2016/")
    english = client.get("/events/ict-2016/")

    def stylesheets(response):
        return [link.attrs["href"] for link in find(response, "link", rel="stylesheet")]

    assert "/static/vendor/bootstrap/bootstrap.rtl.min.css" in stylesheets(arabic)
    assert "/static/vendor/bootstrap/bootstrap.min.css" not in stylesheets(arabic)
    assert "/static/vendor/bootstrap/bootstrap.min.css" in stylesheets(english)


def test_language_switcher_links_the_same_page(client, event):
    response = client.get("/fr/events/ict-2016/documents/")

    switcher = [
        (a.attrs["lang"], a.attrs["href"]) for a in find(response, "a") if "lang" in a.attrs
    ]
    assert switcher == [
        ("ar", "/ar/events/ict-2016/documents/"),
        ("zh-hans", "/zh-hans/events/ict-2016/documents/"),
        ("en", "/events/ict-2016/documents/"),
        ("fr", "/fr/events/ict-2016/documents/"),
        ("ru", "/ru/events/ict-2016/documents/"),
        ("es", "/es/events/ict-2016/documents/"),
    ]
    assert [a.attrs["lang"] for a in find(response, "a", aria_current="true")] == ["fr"]


def test_language_translated_field_shown_with_english_fallback(client, event):
    event.title_fr = "Prévenir l'exploitation des TIC à des fins terroristes"
    event.save()

    french = client.get("/fr/events/ict-2016/")
    russian = client.get("/ru/events/ict-2016/")

    assert ("/fr/events/ict-2016/", event.title_fr) in links(french, "/fr/events/")
    assert ("/ru/events/ict-2016/", event.title_en) in links(russian, "/ru/events/")


# --- The same HTML for every visitor ------------------------------------------------


PUBLIC_PATHS = [
    "/",
    "/events/ict-2016/",
    "/events/ict-2016/introduction/",
    "/events/ict-2016/practical-information/",
    "/events/ict-2016/documents/",
    "/events/ict-2016/news/",
    "/events/ict-2016/news/statements-open/",
    "/ar/events/ict-2016/",
]


@pytest.fixture
def published_content(event):
    NewsItemFactory(event=event, slug="statements-open")
    DocumentVersionFactory(document__event=event)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_same_for_anonymous_and_signed_in(client, published_content, path):
    anonymous = client.get(path)
    enable_two_factor(_signed_in(client, is_staff=True))
    signed_in = client.get(path)

    assert (anonymous.status_code, signed_in.status_code) == (200, 200)
    assert signed_in.content == anonymous.content
    content = signed_in.content.decode()
    assert SIGNED_IN_EMAIL not in content
    assert "csrfmiddlewaretoken" not in content
    assert "csrftoken" not in signed_in.cookies


@pytest.mark.parametrize("path", ["/", "/events/ict-2016/"])
def test_public_page_does_not_vary_on_cookie(client, event, path):
    response = client.get(path)

    assert "Cookie" not in [v.strip() for v in response.headers.get("Vary", "").split(",")]


def test_account_menu_signed_in_shows_email(client):
    _signed_in(client)

    response = client.get("/account-menu/")

    assert response.status_code == 200
    assert SIGNED_IN_EMAIL in texts(response, "span")
    assert links(response) == [("/account/", "My account"), ("/accounts/logout/", "Sign out")]
    assert "private" in response.headers["Cache-Control"]
    assert "no-store" in response.headers["Cache-Control"]


def test_account_menu_staff_links_admin(client):
    enable_two_factor(_signed_in(client, is_staff=True))

    response = client.get("/account-menu/")

    assert ("/admin/", "Administration") in links(response)


def test_account_menu_anonymous_offers_sign_in(client):
    response = client.get("/account-menu/")

    assert links(response) == [("/accounts/login/", "Delegates: sign in")]
    assert "@" not in response.content.decode()


def test_account_menu_in_french_links_french_pages(client):
    _signed_in(client)

    response = client.get("/fr/account-menu/")

    assert [href for href, _text in links(response)] == ["/fr/account/", "/fr/accounts/logout/"]


# --- /account/ ----------------------------------------------------------------------


def test_account_home_anonymous_redirected_to_login(client):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=/account/"


def test_account_home_lists_own_memberships(client, event):
    user = _signed_in(client)
    MembershipFactory(
        user=user,
        delegation=DelegationFactory(event=event, organisation=StateFactory(iso_code="KE")),
        role=Membership.Role.FOCAL_POINT,
        status=Membership.Status.APPROVED,
    )
    MembershipFactory(
        user=user,
        delegation__event=event,
        delegation__organisation__name_en="Test Civil Society Network",
    )
    MembershipFactory(delegation__organisation__name_en="Someone else's organisation")

    response = client.get("/account/")

    assert response.status_code == 200
    assert f"Signed in as {SIGNED_IN_EMAIL}." in response.content.decode()
    _header, *rows = texts(response, "tr")
    assert sorted(rows) == [
        "Special Meeting on ICTs, 2016 Kenya Focal point Approved",
        "Special Meeting on ICTs, 2016 Test Civil Society Network Member Pending",
    ]


def test_account_home_without_memberships_says_so(client):
    _signed_in(client)

    content = client.get("/account/").content.decode()

    assert "You do not act for any delegation yet." in content


# --- Headers ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/events/ict-2016/", "/account-menu/", "/account/"])
def test_security_headers_present(client, event, path):
    response = client.get(path)

    assert {
        name: response.headers.get(name)
        for name in (
            "Content-Security-Policy",
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
        )
    } == {
        "Content-Security-Policy": settings.CONTENT_SECURITY_POLICY,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def test_security_policy_allows_no_inline_script():
    policy = dict(
        directive.strip().split(" ", 1) for directive in settings.CONTENT_SECURITY_POLICY.split(";")
    )

    assert (policy["script-src"], policy["frame-ancestors"], policy["object-src"]) == (
        "'self'",
        "'none'",
        "'none'",
    )


# --- Query counts: bounded whatever the number of rows ------------------------------


def _add_other_event(event, n):
    other = EventFactory(start_date=datetime.date(2015, 12, 17) - datetime.timedelta(days=n))
    EventPageFactory(event=other)
    EventPageFactory(event=event, order=100 + n)


def _add_document(event, n):
    document = DocumentFactory(event=event, symbol=f"S/2016/{n}")
    for language in ("en", "en", "fr", "ar"):  # the first English version is superseded
        DocumentVersionFactory(document=document, language=language)


def _add_news(event, n):
    NewsItemFactory(event=event)


def _add_everything(event, n):
    _add_document(event, n)
    _add_news(event, n)
    EventPageFactory(event=event, order=100 + n)
    EventPageFactory(event=event, order=100 + n, kind=EventPage.Kind.PRACTICAL)


LIST_VIEWS = {
    # name: (path, how to add one row, links that show the rows in the page)
    "index": ("/", _add_other_event, "/events/meeting-"),
    "event-home": ("/events/ict-2016/", _add_everything, "/events/ict-2016/documents/#"),
    "documents": ("/events/ict-2016/documents/", _add_document, "/files/document/"),
    "news": ("/events/ict-2016/news/", _add_news, "/events/ict-2016/news/news-"),
}


def _queries_for(client, path) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("view", list(LIST_VIEWS))
def test_list_view_query_count_same_for_one_and_three_rows(
    client, event, view, django_assert_num_queries
):
    path, add_row, row_links = LIST_VIEWS[view]
    add_row(event, 1)
    one_row, response = _queries_for(client, path)
    links_at_one = len(links(response, row_links))
    add_row(event, 2)
    add_row(event, 3)

    with django_assert_num_queries(one_row):
        response = client.get(path)

    assert links_at_one > 0
    assert len(links(response, row_links)) == 3 * links_at_one


@pytest.mark.parametrize("view", list(LIST_VIEWS))
def test_list_view_query_count_same_for_signed_in_user(client, event, view):
    path, add_row, _row_marker = LIST_VIEWS[view]
    _signed_in(client)
    add_row(event, 1)
    one_row, _content = _queries_for(client, path)
    add_row(event, 2)
    add_row(event, 3)

    three_rows, _content = _queries_for(client, path)

    assert three_rows == one_row


def test_text_shown_in_english_for_want_of_a_translation_is_marked_english(client):
    """An Arabic page whose body is not written in Arabic shows the English text, marked
    lang="en" (screen readers read it as English); a translated title is not marked."""
    event = EventFactory(slug="fallback")
    page = EventPageFactory(
        event=event,
        slug="intro",
        title_en="Introduction",
        title_ar="مقدمة",
        body_en="English only.",
    )
    with translation.override("ar"):
        url = reverse("events:page", args=[event.slug, page.slug])
    html = client.get(url).content.decode()
    assert '<div class="prose" lang="en" dir="auto">' in html
    assert '<h1 class="page-title" dir="auto">مقدمة</h1>' in html
    with translation.override("en"):
        url = reverse("events:page", args=[event.slug, page.slug])
    english = client.get(url).content.decode()
    assert '<div class="prose">' in english


def test_a_time_in_the_event_zone_is_punctuated_in_the_page_language():
    from django.utils import translation

    from events.templatetags.site import in_event_zone

    event = Event(time_zone="America/New_York")
    when = datetime.datetime(2016, 11, 28, 23, 0, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert in_event_zone(when, event) == (
            "28 November 2016, 18:00 (Eastern Time, America/New_York, UTC−05:00)"
        )
    with translation.override("ar"):
        text = in_event_zone(when, event)
        assert "," not in text  # Arabic commas only
        assert text.endswith("، America/New_York، UTC−05:00)")
        assert "، 18:00" in text
    with translation.override("zh-hans"):
        assert in_event_zone(when, event).endswith("，America/New_York，UTC−05:00)")


@pytest.mark.django_db
def test_lists_in_the_page_are_punctuated_in_its_language(client):
    from events.tests.factories import EventFactory

    event = EventFactory(slug="punctuated", venue_en="UN Headquarters", city_en="New York")
    arabic = client.get(f"/ar/events/{event.slug}/").content.decode()
    assert "UN Headquarters، New York" in arabic
    chinese = client.get(f"/zh-hans/events/{event.slug}/").content.decode()
    assert "UN Headquarters，New York" in chinese
    english = client.get(f"/events/{event.slug}/").content.decode()
    assert "UN Headquarters, New York" in english
