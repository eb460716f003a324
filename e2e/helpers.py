"""What the end-to-end tests share: the demo's accounts, the mail folder, signing in,
files received by the browser, axe-core, and the lists of pages to check."""

from __future__ import annotations

import email
import email.policy
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyotp
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

# --- The demo -------------------------------------------------------------------------


@dataclass
class DemoAccount:
    email: str
    password: str
    description: str
    totp_secret: str = ""


@dataclass
class Demo:
    event_slug: str
    accounts: list[DemoAccount]

    @property
    def staff(self) -> DemoAccount:
        return next(a for a in self.accounts if a.totp_secret)

    def account(self, email: str) -> DemoAccount:
        return next(a for a in self.accounts if a.email == email)


# --- Mail -------------------------------------------------------------------------------


class Mailbox:
    """The messages that Django's file backend wrote (the live server's and the
    worker's): one file per connection, messages separated by a line of 79 dashes."""

    SEPARATOR = b"\n" + b"-" * 79 + b"\n"

    def __init__(self, folder: Path):
        self.folder = folder

    def messages(self) -> list[email.message.EmailMessage]:
        found = []
        for path in sorted(self.folder.glob("*.log")):
            for chunk in path.read_bytes().split(self.SEPARATOR):
                if chunk.strip():
                    found.append(email.message_from_bytes(chunk, policy=email.policy.default))
        return found

    def wait_for(self, *, to: str, subject: str, timeout: float = 60) -> email.message.EmailMessage:
        """The first message to ``to`` whose subject contains ``subject``."""
        deadline = time.monotonic() + timeout
        while True:
            for message in self.messages():
                if to in message["To"] and subject.lower() in message["Subject"].lower():
                    return message
            if time.monotonic() > deadline:
                seen = [(m["To"], m["Subject"]) for m in self.messages()]
                raise AssertionError(
                    f"no mail to {to} with {subject!r} after {timeout:.0f} s; mail: {seen}"
                )
            time.sleep(0.25)


def body_of(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain", "html")).get_content()


def links_in(text: str, base_url: str) -> list[str]:
    """The site's own links in a mail, as paths (other sites' links are left out)."""
    return [
        urlsplit(url)._replace(scheme="", netloc="").geturl()
        for url in re.findall(r"https?://[^\s<>\"')]+", text)
        if url.startswith(base_url)
    ]


# --- Signing in -------------------------------------------------------------------------


def sign_in(page, account: DemoAccount, *, next_path: str = "") -> None:
    """Sign in through allauth's form (and the authenticator code when the account has
    two-factor authentication), as a person would."""
    query = f"?{urlencode({'next': next_path})}" if next_path else ""
    page.goto(reverse("account_login") + query)
    form = page.locator("main form")
    form.get_by_label("Email").fill(account.email)
    form.get_by_label("Password").fill(account.password)
    form.get_by_role("button", name="Sign in").click()
    if account.totp_secret:
        page.wait_for_url(re.compile(r"/2fa/authenticate/"))
        totp = pyotp.TOTP(account.totp_secret)
        left = totp.interval - time.time() % totp.interval
        if left < 3:  # the code would expire on its way: wait for the next one
            time.sleep(left + 0.1)
        page.locator("main form").get_by_label("Code").fill(totp.now())
        page.locator("main form").get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url and "/2fa/" not in url)


# --- Files ------------------------------------------------------------------------------


@contextmanager
def received_files(page, pattern: str = "**/files/**"):
    """Record the files the browser receives (URL, headers, body) while in the block.

    Chromium shows a PDF in its own viewer instead of downloading it, and hands
    Playwright the viewer's page as the response: the request is routed through here
    to keep the bytes the server sent, then given to the browser unchanged.
    """
    received: list[tuple[str, dict, bytes]] = []

    def keep(route):
        response = route.fetch()
        body = response.body()
        received.append((route.request.url, response.headers, body))
        route.fulfill(response=response, body=body)

    page.route(pattern, keep)
    try:
        yield received
    finally:
        page.unroute(pattern, keep)


# --- axe-core ---------------------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Every rule of those tags, none disabled; only the violations come back.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
_axe = Axe()


def axe_violations(page, label: str = "") -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now, one line each."""
    results = _axe.run(page, options=AXE_OPTIONS)
    lines = []
    for violation in results.response["violations"]:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(
            f"{label or page.url}: {violation['id']} ({violation['impact']}): "
            f"{violation['help']} [{targets}]"
        )
    return lines


def visit(page, path: str) -> None:
    """Open ``path`` and wait for the account menu that site.js fetches after load, so
    that the page is checked as a person sees it."""
    with page.expect_response(lambda r: urlsplit(r.url).path.endswith("/account-menu/")):
        page.goto(path)


# --- Pages ------------------------------------------------------------------------------


def public_paths(language: str) -> list[tuple[str, str]]:
    """Every kind of public page, as (what, path) in ``language``, from the demo data
    that the public selectors return."""
    from agenda import selectors as agenda_selectors
    from events import selectors
    from statements import selectors as statement_selectors

    event = selectors.current_event()
    slug = event.slug
    public = agenda_selectors.public_programme(event=event, language=language)
    session = public.programme.sessions[0]
    with translation.override(language):
        paths = [
            ("home (events index)", reverse("events:index")),
            ("event home", reverse("events:home", args=[slug])),
        ]
        for page in selectors.public_pages(event=event):
            paths.append(
                (f"page {page.kind} {page.slug}", reverse("events:page", args=[slug, page.slug]))
            )
        paths.append(("documents", reverse("events:documents", args=[slug])))
        paths.append(("news", reverse("events:news", args=[slug])))
        news = selectors.public_news(event=event).first()
        paths.append(("news item", reverse("events:news_item", args=[slug, news.slug])))
        paths.append(("programme", reverse("agenda:programme", args=[slug])))
        earlier = (
            agenda_selectors.published_revisions(event=event)
            .exclude(number=public.revision.number)
            .first()
        )
        paths.append(("earlier revision", reverse("agenda:revision", args=[slug, earlier.number])))
        paths.append(("session", reverse("agenda:session", args=[slug, session.id])))
        paths.append(("panellists", reverse("agenda:panellists", args=[slug])))
        person = public.programme.people[0]
        paths.append(("person", reverse("agenda:person", args=[slug, person.id])))
        statements = reverse("statements:list", args=[slug])
        statement = statement_selectors.published_statements(event=event).first()
        paths.append(("statements", statements))
        word = max(statement.title.split(), key=len)
        paths.append(("statements search", f"{statements}?{urlencode({'q': word})}"))
        paths.append(("statement", reverse("statements:detail", args=[slug, statement.pk])))
        paths.append(("not found (404)", reverse("events:home", args=["no-such-meeting"])))
    return paths
