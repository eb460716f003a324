"""Demo data of written statements, and the demo staff account's two-factor secret.

A few SAMPLE statements from the SAMPLE (invented) delegations only: nothing is ever
attributed to a real State, company, person or the Chair. Their files are generated
PDFs whose text says it is sample text. They go through the same services as a
delegate's upload (checked, stored, receipts queued) and staff's publication.
Idempotent: a statement that exists already (same delegation and title) is left as it
is, and the staff account keeps the TOTP secret it was given the first time.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from agenda.models import AgendaItem
from events.demo import DELEGATE_PASSWORD, EVENT_2016_SLUG, STAFF_EMAIL, DemoAccount
from events.models import Delegation, Membership

from . import services
from .models import Statement

SAMPLE_NOTICE = [
    "SAMPLE TEXT - NOT A REAL STATEMENT.",
    "This is sample text for the demonstration site of the Special Meeting platform.",
    "It is not a statement of any State, organisation or person, and it does not",
    "report what anyone said or would say.",
]

REGIONAL_DELEGATE = ("delegate.regional@example.org", "SAMPLE Delegate (regional organisation)")

# (organisation, title, {language: topic lines}, publish?)
SAMPLE_STATEMENTS = [
    (
        "SAMPLE Civil Society Network on Online Rights",
        "SAMPLE written statement on human rights and freedom of expression online",
        {
            "en": [
                "Sample topic: human rights, freedom of expression and the right to",
                "privacy when preventing the exploitation of ICTs for terrorist purposes.",
            ],
            "fr": [
                "TEXTE D'EXEMPLE - CE N'EST PAS UNE VRAIE D\xc9CLARATION.",
                "Sujet d'exemple : droits de l'homme, libert\xe9 d'expression et s\xe9curit\xe9",
                "en ligne.",
            ],
        },
        True,
    ),
    (
        "SAMPLE Regional Organisation for Cyber Cooperation",
        "SAMPLE written statement on regional cooperation and mutual legal assistance",
        {
            "en": [
                "Sample topic: international cooperation, mutual legal assistance and",
                "public-private partnerships.",
            ]
        },
        True,
    ),
    (
        "SAMPLE Civil Society Network on Online Rights",
        "SAMPLE written statement on counter-narratives",
        {"en": ["Sample topic: counter-narratives and community engagement."]},
        False,
    ),
]


def sample_pdf(lines: list[str]) -> bytes:
    """A PDF with these lines, made by the project's one renderer."""
    import tempfile

    from django.utils.html import escape

    from events.pdf import PdfMetadata, render_pdf

    body = "".join(f"<p>{escape(line)}</p>" if line else "<br>" for line in lines)
    html = f'<html lang="en"><head><title>SAMPLE statement</title></head><body>{body}</body></html>'
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        render_pdf(html, PdfMetadata(title="SAMPLE statement", language="en"), tmp.name)
        return tmp.read()


def staff_totp_secret() -> str:
    """The demo staff account's TOTP secret, made once and kept on every re-run."""
    staff = get_user_model().objects.get(email=STAFF_EMAIL)
    authenticator = Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).first()
    if authenticator is not None:
        return decrypt(authenticator.data["secret"])
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    return secret


def _regional_delegate(delegation: Delegation):
    email, full_name = REGIONAL_DELEGATE
    user, _created = get_user_model().objects.get_or_create(email=email)
    user.full_name = full_name
    user.set_password(DELEGATE_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    Membership.objects.update_or_create(
        user=user,
        delegation=delegation,
        defaults={
            "role": Membership.Role.FOCAL_POINT,
            "status": Membership.Status.APPROVED,
            "position": "SAMPLE position",
            "decided_at": timezone.now(),
        },
    )
    return user


def _member(delegation: Delegation):
    membership = (
        Membership.objects.filter(delegation=delegation, status=Membership.Status.APPROVED)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


@transaction.atomic
def load() -> list[DemoAccount]:
    """Create the SAMPLE statements (once) and the staff account's TOTP secret."""
    staff = get_user_model().objects.get(email=STAFF_EMAIL)
    delegations = {
        d.organisation.name_en: d
        for d in Delegation.objects.filter(event__slug=EVENT_2016_SLUG).select_related(
            "organisation", "event"
        )
    }
    regional = delegations["SAMPLE Regional Organisation for Cyber Cooperation"]
    agenda_items = list(
        AgendaItem.objects.filter(session__event__slug=EVENT_2016_SLUG).order_by(
            "session__date", "session__start_time", "order", "pk"
        )
    )
    _regional_delegate(regional)
    for organisation, title, texts, publish in SAMPLE_STATEMENTS:
        delegation = delegations[organisation]
        if Statement.objects.filter(delegation=delegation, title=title).exists():
            continue
        user = _member(delegation)
        languages = list(texts)
        files = {
            language: SimpleUploadedFile(
                f"sample-statement-{language}.pdf",
                sample_pdf([*SAMPLE_NOTICE, "", *texts[language]]),
                "application/pdf",
            )
            for language in languages
        }
        statement = services.statement_submit(
            delegation=delegation,
            user=user,
            title=title,
            language=languages[0],
            uploaded_file=files[languages[0]],
            delivered_by="SAMPLE speaker",
            agenda_item=agenda_items[len(agenda_items) // 2] if agenda_items and publish else None,
        )
        for language in languages[1:]:
            services.statement_version_add(
                statement=statement, user=user, language=language, uploaded_file=files[language]
            )
        if publish:
            services.statement_publish(statement=statement, user=staff)
    secret = staff_totp_secret()
    return [
        DemoAccount(
            REGIONAL_DELEGATE[0],
            DELEGATE_PASSWORD,
            f"delegate, {regional.organisation.name_en}",
        ),
        DemoAccount(
            STAFF_EMAIL,
            f"TOTP {secret}",
            "the staff account's two-factor secret: add it to an authenticator app (README)",
        ),
    ]
