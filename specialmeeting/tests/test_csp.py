"""No inline script anywhere: every page of the site, as each kind of visitor sees it.

The URLs come from the URLconf and the admin registry, never from a hand-written list:
every named route of the site is opened (with arguments taken from the demo's data)
or listed in NOT_PAGES with the reason it is not a page; every registered model's
admin changelist, add and change pages and every custom admin view are opened as CTED
staff, signed in with their password and authenticator code. A new route or admin
view that nobody opens here fails ``test_every_route_is_walked``.

Each response must carry the Content-Security-Policy, whose script-src (or default-src)
allows no 'unsafe-inline', 'unsafe-eval' or 'unsafe-hashes'; each HTML page must have
no inline ``<script>`` with code (a ``<script type="application/json">`` data island is
fine), no ``on*=`` event-handler attribute and no ``javascript:`` URL.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pyotp
import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from agenda.models import AgendaRevision
from events.demo import DELEGATE_PASSWORD, EVENT_2016_SLUG, STAFF_EMAIL, STAFF_PASSWORD
from events.models import Event, EventPage, NewsItem
from statements import onboarding
from statements.demo import staff_totp_secret
from statements.models import Statement, StatementFile

pytestmark = pytest.mark.django_db

FORBIDDEN_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}

# Named routes that are not pages to open with GET, and why.
NOT_PAGES = {
    "delegates:add_file": "POST only: its page on error is delegates:statement's template",
    "delegates:withdraw": "POST only: its page on error is delegates:statement's template",
    "account_confirm_login_code": "sign-in by code is off (ACCOUNT_LOGIN_BY_CODE_ENABLED)",
    "account_request_reauthentication_code": "sign-in by code is off",
    "account_confirm_reauthentication_code": "sign-in by code is off",
}
# Admin site views (not a model's) that are not pages.
ADMIN_NOT_PAGES = {
    "admin:logout": "POST only (Django 5)",
    "admin:autocomplete": "JSON for the autocomplete widgets",
    "admin:view_on_site": "a redirect to the public page of an object",
    "admin:password_change_done": "reached after admin:password_change",
}


# --- Checking one response ---------------------------------------------------------------


class _Findings(HTMLParser):
    """What an HTML page has that the policy would block: inline code and handlers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if value and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value[:40]!r}> javascript: URL")
        if tag == "script":
            self._script = {"attrs": dict(attrs), "code": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["code"] += data

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        attributes, code = self._script["attrs"], self._script["code"].strip()
        kind = (attributes.get("type") or "").strip().lower()
        if code and kind not in DATA_SCRIPT_TYPES:
            self.problems.append(f"inline <script> with code: {code[:60]!r}")
        self._script = None


def script_sources(policy: str) -> list[str] | None:
    """The sources the policy allows scripts from (script-src, else default-src)."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    return directives.get("script-src", directives.get("default-src"))


def response_problems(response) -> list[str]:
    policy = response.headers.get("Content-Security-Policy")
    if not policy:
        return ["no Content-Security-Policy header"]
    sources = script_sources(policy)
    if sources is None:
        return [f"the policy restricts no script source: {policy}"]
    problems = [f"script-src allows {s}" for s in sources if s.lower() in FORBIDDEN_SOURCES]
    if response.headers.get("Content-Type", "").startswith("text/html"):
        findings = _Findings()
        findings.feed(response.content.decode(response.charset or "utf-8"))
        findings.close()
        problems += findings.problems
    return problems


def test_response_problems_finds_each_kind_of_inline_script(rf):
    from django.http import HttpResponse

    page = HttpResponse(
        '<a href=" JavaScript:alert(1)">x</a><button onclick="go()">b</button>'
        '<script>alert(1)</script><script type="application/json">{"a": 1}</script>'
        '<script src="/static/js/site.js"></script><img src="/x.png" alt="">'
    )
    page["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'"
    clean = HttpResponse('<script src="/static/js/site.js"></script>')
    clean["Content-Security-Policy"] = "default-src 'self'"

    assert response_problems(page) == [
        "script-src allows 'unsafe-inline'",
        "<a href=' JavaScript:alert(1)'> javascript: URL",
        "<button onclick=…> event handler",
        "inline <script> with code: 'alert(1)'",
    ]
    assert response_problems(HttpResponse("<p>x</p>")) == ["no Content-Security-Policy header"]
    assert response_problems(clean) == []


# --- The URLconf ----------------------------------------------------------------------------


def _routes(patterns=None, namespace=""):
    """Every named route of the URLconf, but the admin's: (name, pattern)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


@dataclass
class Demo:
    event: Event
    delegate: object
    staff: object
    secret: str
    statement: Statement


@pytest.fixture
def demo(private_cache) -> Demo:
    call_command("load_demo", stdout=io.StringIO())
    user_model = get_user_model()
    statement = Statement.objects.filter(event__slug=EVENT_2016_SLUG).order_by("pk").first()
    delegate = statement.delegation.memberships.filter(status="approved").first().user
    return Demo(
        event=Event.objects.get(slug=EVENT_2016_SLUG),
        delegate=delegate,
        staff=user_model.objects.get(email=STAFF_EMAIL),
        secret=staff_totp_secret(),
        statement=statement,
    )


def _public_arguments(demo: Demo) -> dict[str, list[dict]]:
    """The arguments of each public route, from the data: every page, news item,
    programme revision, session, person and published statement of the demo event."""
    slug = demo.event.slug
    revisions = list(AgendaRevision.objects.filter(event=demo.event).order_by("number"))
    latest = revisions[-1].snapshot
    published = Statement.objects.filter(event=demo.event, status="published")
    stored = StatementFile.objects.filter(language_version__statement__in=published).first()
    return {
        "events:index": [{}],
        "events:account_menu": [{}],
        "events:home": [{"slug": e.slug} for e in Event.objects.filter(is_published=True)],
        "events:documents": [{"slug": slug}],
        "events:news": [{"slug": slug}],
        "events:news_item": [
            {"slug": slug, "news_slug": n.slug} for n in NewsItem.objects.filter(event=demo.event)
        ],
        "events:page": [
            {"slug": slug, "page_slug": p.slug}
            for p in EventPage.objects.filter(event=demo.event, is_published=True)
        ],
        "agenda:programme": [{"slug": slug}],
        "agenda:revision": [{"slug": slug, "number": r.number} for r in revisions],
        "agenda:programme_ics": [{"slug": slug}],
        "agenda:programme_json": [{"slug": slug}],
        "agenda:session": [{"slug": slug, "session_id": s["id"]} for s in latest["sessions"]],
        "agenda:session_ics": [{"slug": slug, "session_id": latest["sessions"][0]["id"]}],
        "agenda:panellists": [{"slug": slug}],
        "agenda:person": [{"slug": slug, "person_id": p["id"]} for p in latest["people"]],
        "statements:list": [{"slug": slug}],
        "statements:detail": [{"slug": slug, "pk": s.pk} for s in published],
        "statements:feed": [{"slug": slug}],
        "files:serve": [{"kind": "statement-file", "pk": stored.pk, "filename": "statement.pdf"}],
    }


def _delegate_arguments(demo: Demo) -> dict[str, list[dict]]:
    token = onboarding.invitation_token(
        delegation=demo.statement.delegation,
        email="invited@example.org",
        role="member",
        invited_by=demo.staff,
    )
    return {
        "delegates:home": [{}],
        "delegates:join": [{}],
        "delegates:invitation": [{"token": token}],
        "delegates:submit": [{"delegation_id": demo.statement.delegation_id}],
        "delegates:statement": [{"pk": demo.statement.pk}],
    }


ANONYMOUS_ACCOUNT_PAGES = (
    "account_login",
    "account_signup",
    "account_inactive",
    "account_email_verification_sent",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
)
SIGNED_IN_ACCOUNT_PAGES = (
    "accounts:home",
    "account_logout",
    "account_email",
    "account_change_password",
    "account_set_password",
    "account_reauthenticate",
    "mfa_index",
    "mfa_activate_totp",
)
STAFF_ACCOUNT_PAGES = (
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_deactivate_totp",
    "mfa_generate_recovery_codes",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
)


def _walk(client, urls: list[str], *, forbidden: list[str] | None = None):
    """Open each URL (following redirects); the problems found and the number of HTML
    pages seen. With ``forbidden``, a 403 is not a problem: the URL is put there."""
    problems, pages = [], 0
    for url in urls:
        response = client.get(url, follow=True)
        if response.status_code == 403 and forbidden is not None:
            forbidden.append(url)
        elif response.status_code != 200:
            problems.append(f"{url}: status {response.status_code}")
        else:
            pages += response.headers.get("Content-Type", "").startswith("text/html")
            problems += [f"{url}: {problem}" for problem in response_problems(response)]
        if response.streaming:  # read to the end, which closes the file (as a server does)
            b"".join(response.streaming_content)
    return problems, pages


def _urls(arguments: dict[str, list[dict]]) -> list[str]:
    return [reverse(name, kwargs=kwargs) for name, each in arguments.items() for kwargs in each]


def _sign_in_staff(client, demo: Demo) -> list[str]:
    """Sign in as CTED staff, password then authenticator code; the problems of the
    two-factor page on the way."""
    response = client.post(
        reverse("account_login"), {"login": STAFF_EMAIL, "password": STAFF_PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == reverse("mfa_authenticate")
    problems, _pages = _walk(client, [reverse("mfa_authenticate")])
    code = pyotp.TOTP(demo.secret).now()
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    return problems


def test_every_route_is_walked(demo):
    walked = set(_public_arguments(demo)) | set(_delegate_arguments(demo))
    walked |= {*ANONYMOUS_ACCOUNT_PAGES, *SIGNED_IN_ACCOUNT_PAGES, *STAFF_ACCOUNT_PAGES}
    walked |= {"mfa_authenticate", "account_confirm_email", "account_reset_password_from_key"}

    assert set(_routes()) - walked == set(NOT_PAGES)
    assert walked <= set(_routes())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_public_page_has_no_inline_script(client, demo, language):
    with translation.override(language):
        urls = _urls(_public_arguments(demo))

    problems, pages = _walk(client, urls)

    assert problems == []
    assert pages >= 25


def test_every_delegate_page_has_no_inline_script(client, demo):
    client.force_login(demo.delegate)
    urls = _urls(_delegate_arguments(demo))

    problems, pages = _walk(client, urls)

    assert problems == []
    assert pages == len(urls)


def test_every_account_page_has_no_inline_script(client, demo):
    user = demo.delegate
    confirmation = EmailConfirmationHMAC(
        EmailAddress.objects.create(user=user, email="second@example.org", verified=False)
    )
    reset_key = default_token_generator.make_token(user)
    anonymous = [reverse(name) for name in ANONYMOUS_ACCOUNT_PAGES]
    anonymous += [
        reverse("account_confirm_email", args=[confirmation.key]),
        reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": reset_key},
        ),
    ]

    problems, pages = _walk(client, anonymous)
    client.post(reverse("account_login"), {"login": user.email, "password": DELEGATE_PASSWORD})
    signed_in, more = _walk(client, [reverse(name) for name in SIGNED_IN_ACCOUNT_PAGES])
    client.logout()
    staff_problems = _sign_in_staff(client, demo)
    # Recovery codes to show: making them asks for the password again.
    client.post(reverse("account_reauthenticate"), {"password": STAFF_PASSWORD})
    generated = client.post(reverse("mfa_generate_recovery_codes"))
    staff, staff_pages = _walk(client, [reverse(name) for name in STAFF_ACCOUNT_PAGES])

    assert generated["Location"] == reverse("mfa_view_recovery_codes")
    assert problems + signed_in + staff_problems + staff == []
    assert pages + more + staff_pages >= len(anonymous) + len(SIGNED_IN_ACCOUNT_PAGES) + 4


# --- The admin ------------------------------------------------------------------------------

DEFAULT_ADMIN_VIEWS = ("changelist", "add", "history", "delete", "change")


def _admin_urls(request, models) -> tuple[list[str], set[str]]:
    """The admin pages of ``models`` for the user of ``request``: each one's
    changelist, add (if they may add) and change and history pages for one object,
    and its custom views; its app's index; and the names of the admin views seen."""
    urls, names, apps = [], set(), set()
    for model in models:
        model_admin = admin.site._registry[model]
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        apps.add(model._meta.app_label)
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the demo has no {model._meta.label}"
        urls.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{info}_add"))
        urls.append(reverse(f"{info}_change", args=[obj.pk]))
        urls.append(reverse(f"{info}_history", args=[obj.pk]))
        names |= {f"{info}_{view}" for view in DEFAULT_ADMIN_VIEWS}
        for pattern in model_admin.get_urls():
            name = f"admin:{pattern.name}" if pattern.name else None
            if name is None or name in names:
                continue
            names.add(name)
            arguments = dict.fromkeys(pattern.pattern.converters, obj.pk)
            urls.append(reverse(name, kwargs=arguments))
    urls += [reverse("admin:app_list", args=[app_label]) for app_label in sorted(apps)]
    return urls, names


def _admin_site_route_names() -> set[str]:
    names = set()
    for pattern in admin.site.get_urls():
        if isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"admin:{pattern.name}")
        elif isinstance(pattern, URLResolver):
            names |= {f"admin:{p.name}" for p in pattern.url_patterns if getattr(p, "name", None)}
    return names


def _superuser(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = get_user_model().objects.create_superuser("root@example.org", "a-Root-passphrase-1")
    TOTP.activate(user, generate_totp_secret())  # the admin asks it of every staff account
    client.force_login(user)
    return user


def test_every_admin_page_has_no_inline_script(client, rf, demo):
    """As CTED staff, every admin page they may open; as a superuser, the rest (the
    models of django.contrib.auth and allauth that staff do not manage)."""
    signed_out, _pages = _walk(client, [reverse("admin:login")])  # to allauth's sign-in
    problems = signed_out + _sign_in_staff(client, demo)
    request = rf.get("/admin/")
    request.user = demo.staff
    staff_models = [m for m, a in admin.site._registry.items() if a.has_view_permission(request)]
    urls, names = _admin_urls(request, staff_models)
    urls += [reverse("admin:index"), reverse("admin:password_change"), reverse("admin:jsi18n")]
    forbidden: list[str] = []  # views of a model staff see that need more permissions
    walked, pages = _walk(client, urls, forbidden=forbidden)

    client.logout()
    request.user = _superuser(client)
    other_models = [m for m in admin.site._registry if m not in staff_models]
    other_urls, other_names = _admin_urls(request, other_models)
    walked += _walk(client, other_urls + forbidden)[0]

    assert problems + walked == []
    assert pages >= len(urls) - len(forbidden) - 1  # all but those and jsi18n (JavaScript)
    assert len(forbidden) <= 2
    assert len(staff_models) >= 15 and other_models
    seen = names | other_names | {"admin:index", "admin:app_list", "admin:password_change"}
    seen |= {"admin:jsi18n", "admin:login"}
    assert _admin_site_route_names() - seen == set(ADMIN_NOT_PAGES)
