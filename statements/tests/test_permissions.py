"""Every non-public page and file URL of statements, for: an anonymous visitor, a
delegate of A (the statements' delegation), a delegate of B, and CTED staff.

A delegate sees and changes only their own delegation's statements; anything of
another delegation that is not published answers 404 (as if it did not exist), and so
does every file URL of it; anonymous visitors are sent to sign in."""

import pytest
from django.urls import reverse

from events.files import file_url
from events.tests.factories import DelegationFactory
from statements import services

from . import files
from .helpers import delegate, open_event, staff_with_totp, submit

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a redirect to the sign-in page
ADMIN_LOGIN = "admin-login"  # a redirect to the admin's sign-in

ROLES = ["anonymous", "delegate_a", "delegate_b", "staff"]

# (case, expected for anonymous, delegate of A, delegate of B, staff)
MATRIX = [
    ("my_delegation", LOGIN, 200, 200, 200),
    ("join", LOGIN, 200, 200, 200),
    ("submit_form", LOGIN, 200, 404, 404),
    ("submit_post", LOGIN, 302, 404, 404),
    ("statement", LOGIN, 200, 404, 404),
    ("add_file", LOGIN, 302, 404, 404),
    ("withdraw", LOGIN, 302, 404, 404),
    ("unpublished_current_file", 404, 200, 404, 200),
    ("unpublished_replaced_file", 404, 200, 404, 200),
    ("published_replaced_file", 404, 200, 404, 200),
    ("published_current_file", 200, 200, 200, 200),
    ("public_page_of_unpublished", 404, 404, 404, 404),
    ("admin_statement_list", ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    ("admin_statement_change", ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    ("admin_statement_review", ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    ("admin_delegate_requests", ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    ("admin_invite", ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
]


@pytest.fixture
def world():
    event = open_event()
    delegation_a = DelegationFactory(event=event)
    delegation_b = DelegationFactory(event=event)
    user_a = delegate(delegation_a)
    user_b = delegate(delegation_b)
    staff, _secret = staff_with_totp()
    # Word files: their check is the quickest (no PDF library to load).
    unpublished = submit(delegation_a, user_a, title="Unpublished", file=files.docx_upload())
    replaced = unpublished.language_versions.get().current_file
    services.statement_version_add(
        statement=unpublished, user=user_a, language="en", uploaded_file=files.docx_upload("New")
    )
    published = submit(delegation_a, user_a, title="Published", file=files.docx_upload())
    published_replaced = published.language_versions.get().current_file
    services.statement_version_add(
        statement=published, user=user_a, language="en", uploaded_file=files.docx_upload("Newer")
    )
    services.statement_publish(statement=published, user=staff)
    return {
        "event": event,
        "delegation_a": delegation_a,
        "users": {"anonymous": None, "delegate_a": user_a, "delegate_b": user_b, "staff": staff},
        "unpublished": unpublished,
        "unpublished_current": unpublished.language_versions.get().current_file,
        "unpublished_replaced": replaced,
        "published_current": published.language_versions.get().current_file,
        "published_replaced": published_replaced,
    }


def _request(client, case, world):
    statement = world["unpublished"]

    def file(stored):
        return client.get(file_url("statement-file", stored.pk, "en.pdf"))

    requests = {
        "my_delegation": lambda: client.get(reverse("delegates:home")),
        "join": lambda: client.get(reverse("delegates:join")),
        "submit_form": lambda: client.get(
            reverse("delegates:submit", args=[world["delegation_a"].pk])
        ),
        "submit_post": lambda: client.post(
            reverse("delegates:submit", args=[world["delegation_a"].pk]),
            {"title": "New", "language": "en", "file": files.docx_upload("x")},
        ),
        "statement": lambda: client.get(reverse("delegates:statement", args=[statement.pk])),
        "add_file": lambda: client.post(
            reverse("delegates:add_file", args=[statement.pk]),
            {"language": "fr", "file": files.docx_upload("Texte")},
        ),
        "withdraw": lambda: client.post(
            reverse("delegates:withdraw", args=[statement.pk]), {"confirm": "on"}
        ),
        "unpublished_current_file": lambda: file(world["unpublished_current"]),
        "unpublished_replaced_file": lambda: file(world["unpublished_replaced"]),
        "published_replaced_file": lambda: file(world["published_replaced"]),
        "published_current_file": lambda: file(world["published_current"]),
        "public_page_of_unpublished": lambda: client.get(
            reverse("statements:detail", args=[world["event"].slug, statement.pk])
        ),
        "admin_statement_list": lambda: client.get(
            reverse("admin:statements_statement_changelist")
        ),
        "admin_statement_change": lambda: client.get(
            reverse("admin:statements_statement_change", args=[statement.pk])
        ),
        "admin_statement_review": lambda: client.get(
            reverse("admin:statements_statement_review", args=[statement.pk])
        ),
        "admin_delegate_requests": lambda: client.get(
            reverse("admin:statements_delegaterequest_changelist")
        ),
        "admin_invite": lambda: client.get(reverse("admin:statements_delegaterequest_invite")),
    }
    return requests[case]()


def _outcome(response):
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end: closes the file
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        if location.startswith(reverse("account_login")):
            return LOGIN
    return response.status_code


@pytest.mark.parametrize(
    ("case", "role", "expected"),
    [
        (case, role, expected)
        for case, *outcomes in MATRIX
        for role, expected in zip(ROLES, outcomes, strict=True)
    ],
    ids=[f"{case}-{role}" for case, *_outcomes in MATRIX for role in ROLES],
)
def test_permissions_matrix(client, world, case, role, expected):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)

    assert _outcome(_request(client, case, world)) == expected
