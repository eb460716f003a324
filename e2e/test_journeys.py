"""Journeys through the site in Chromium: the public, a new delegate, CTED staff.

Every step is what a person does in the browser (links, forms, the mail the site sent);
the database is only used to load the demo before the journey starts.
"""

import hashlib
import re

import pypdfium2
import pytest
from django.urls import reverse
from django.utils import translation

from statements.demo import sample_pdf

from .helpers import body_of, links_in, received_files, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _pdf_pages(content: bytes) -> int:
    pdf = pypdfium2.PdfDocument(content)
    try:
        return len(pdf)
    finally:
        pdf.close()


def test_public_downloads_the_annotated_agenda_from_the_programme(demo, worker, open_page):
    page = open_page("public")
    page.goto("/")
    page.locator("main").get_by_role("link", name="About the meeting").click()
    page.get_by_role("navigation", name="Event").get_by_role("link", name="Programme").click()
    page.wait_for_url(re.compile(r"/programme/$"))
    assert page.get_by_role("heading", level=1).inner_text().strip()

    # The worker renders the annotated agenda that load_demo published; the programme
    # links it once it is ready.
    pdf_link = page.locator(".programme-pdfs li", has_text="Annotated agenda").get_by_role(
        "link", name="English"
    )
    for _attempt in range(120):
        if pdf_link.count():
            break
        page.wait_for_timeout(500)
        page.reload()
    else:
        raise AssertionError(f"no annotated agenda PDF on the programme:\n{worker.log()[-3000:]}")

    with received_files(page) as received:
        pdf_link.click()
        page.wait_for_url(re.compile(r"/files/document/"))
    url, headers, content = received[-1]
    assert headers["content-type"] == "application/pdf", url
    assert content.startswith(b"%PDF-")
    assert _pdf_pages(content) >= 1


def test_new_delegate_submits_a_statement_that_staff_publish_and_the_public_downloads(
    demo, worker, mailbox, open_page, live_server
):
    delegate_email = "new.delegate@example.org"
    password = "Kept-secret-2016!"
    title = "Statement of Kenya on preventing the misuse of online platforms"
    uploaded = sample_pdf(["Statement of Kenya", "Preventing the misuse of online platforms."])

    # A new delegate signs up, and confirms the address with the link that was mailed.
    delegate = open_page("delegate")
    delegate.goto("/")
    delegate.get_by_role("link", name="Delegates: sign in").click()
    delegate.locator("main").get_by_role("link", name="Sign up").click()
    form = delegate.locator("main form")
    form.get_by_label("Email").fill(delegate_email)
    form.get_by_label("Password", exact=False).first.fill(password)
    form.get_by_label("Password (again)").fill(password)
    form.get_by_role("button", name="Sign up").click()
    delegate.wait_for_url(re.compile(r"/accounts/confirm-email/$"))

    confirmation = mailbox.wait_for(to=delegate_email, subject="confirm", timeout=20)
    confirm_links = [
        link for link in links_in(body_of(confirmation), live_server.url) if "confirm-email" in link
    ]
    assert confirm_links, body_of(confirmation)
    delegate.goto(confirm_links[0])
    delegate.locator("main form").get_by_role("button", name="Confirm").click()
    delegate.wait_for_url(lambda url: "confirm-email" not in url)
    if "/accounts/login/" in delegate.url:  # confirmed in another session: sign in
        form = delegate.locator("main form")
        form.get_by_label("Email").fill(delegate_email)
        form.get_by_label("Password").fill(password)
        form.get_by_role("button", name="Sign in").click()

    # They ask to join the delegation of Kenya (the meeting is past: the demo gave its
    # delegations more time for statements).
    delegate.goto(reverse("delegates:home"))
    delegate.locator("main").get_by_role("link", name="Ask to join a delegation").click()
    form = delegate.locator("main form")
    form.get_by_label("Organisation or State").select_option(label="Kenya")
    form.get_by_label("Your position").fill("Counsellor, Permanent Mission of Kenya")
    form.get_by_role("button", name="Send the request").click()
    delegate.wait_for_url(re.compile(r"/my-delegation/$"))
    assert "Your request was sent to CTED" in delegate.locator("main").inner_text()

    # CTED staff sign in with their authenticator code and approve the request.
    staff = open_page("staff")
    sign_in(staff, demo.staff, next_path=reverse("admin:index"))
    staff.get_by_role("link", name="Delegate requests").first.click()
    row = staff.locator("#result_list tbody tr", has_text=delegate_email)
    row.get_by_role("checkbox").check()
    staff.locator("select[name=action]").select_option(
        label="Approve as focal points (and tell them)"
    )
    staff.get_by_role("button", name="Go").click()
    assert (
        "Approved" in staff.locator("#result_list tbody tr", has_text=delegate_email).inner_text()
    )

    # The worker tells the delegate; the link in the mail opens their delegation, where
    # they submit a written statement.
    approval = mailbox.wait_for(to=delegate_email, subject="You now act for Kenya")
    delegation_links = links_in(body_of(approval), live_server.url)
    assert delegation_links, body_of(approval)
    delegate.goto(delegation_links[-1])
    assert "Kenya" in delegate.locator("main").inner_text()
    delegate.locator("main").get_by_role("link", name="Submit a written statement").click()
    form = delegate.locator("main form")
    form.get_by_label("Title").fill(title)
    form.get_by_label("Language of this file").select_option(label="English")
    form.get_by_label(re.compile(r"^\s*File\W*$")).set_input_files(
        files=[{"name": "kenya-statement.pdf", "mimeType": "application/pdf", "buffer": uploaded}]
    )
    form.get_by_role("button", name="Submit the statement").click()
    delegate.wait_for_url(re.compile(r"/my-delegation/statements/\d+/$"))
    main = delegate.locator("main")
    assert main.get_by_role("heading", level=1).inner_text() == title
    assert "Your statement was submitted" in main.inner_text()
    assert main.locator(".status-badge").first.inner_text() == "Submitted"

    # Staff publish it.
    staff.goto(reverse("admin:index"))
    staff.locator("#statements-statement").get_by_role("link", name="Written statements").click()
    staff.get_by_role("link", name=title).click()
    staff.get_by_role("link", name="Review: preview, publish or return").click()
    staff.get_by_role("button", name="Publish now").click()
    assert "Published" in staff.locator("#content").inner_text()

    # The public finds it on the statements page, and downloads the very file.
    public = open_page("public")
    public.goto("/")
    public.locator("main").get_by_role("link", name="About the meeting").click()
    public.get_by_role("navigation", name="Event").get_by_role("link", name="Statements").click()
    public.get_by_role("link", name=title).click()
    public.wait_for_url(re.compile(r"/statements/\d+/$"))
    with received_files(public) as received:
        public.locator("main").get_by_role("link", name=re.compile("^English")).first.click()
        public.wait_for_url(re.compile(r"/files/statement-file/"))
    url, headers, content = received[-1]
    assert headers["content-type"] == "application/pdf", url
    assert hashlib.sha256(content).hexdigest() == hashlib.sha256(uploaded).hexdigest()


def test_arabic_pages_run_right_to_left_and_the_switcher_keeps_the_page(demo, open_page):
    page = open_page("arabic")
    with translation.override("ar"):
        arabic_home = reverse("events:index")
    page.goto(arabic_home)

    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # Mirrored: the brand at the right, the languages at the right of the account menu.
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > width / 2 and brand["x"] + brand["width"] > width * 0.85, brand
    languages = page.locator(".language-nav").bounding_box()
    account = page.locator(".account-menu").bounding_box()
    assert languages["x"] > account["x"] + account["width"], (languages, account)
    # The site's Arabic web font is loaded and comes first.
    loaded = page.evaluate(
        """async () => {
          await document.fonts.ready;
          return [...document.fonts]
            .filter(face => face.family.replace(/"/g, "") === "Noto Sans Arabic")
            .map(face => face.status);
        }"""
    )
    assert "loaded" in loaded, loaded
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Noto Sans Arabic"'), font

    # The English home page is the mirror image: the brand at the left.
    page.locator(".language-switcher a[hreflang='en']").click()
    page.wait_for_url(re.compile(re.escape(reverse("events:index")) + "$"))
    assert page.locator("html").get_attribute("dir") == "ltr"
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] + brand["width"] < width / 2, brand
    page.go_back()

    # From the Arabic programme, each language of the switcher opens the same page.
    page.locator(".hero-actions a").first.click()  # the current meeting
    page.locator(".event-nav a[href$='/programme/']").click()
    with translation.override("ar"):
        assert page.url.endswith(reverse("agenda:programme", args=[demo.event_slug]))
    for code in ("fr", "en", "ru", "zh-hans", "es", "ar"):
        page.locator(f".language-switcher a[hreflang='{code}']").click()
        with translation.override(code):
            expected = reverse("agenda:programme", args=[demo.event_slug])
        page.wait_for_url(re.compile(re.escape(expected) + "$"))
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("html").get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
        current = page.locator(".language-switcher a[aria-current]")
        assert current.get_attribute("hreflang") == code
