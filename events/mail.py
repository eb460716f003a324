"""Templated mail, always sent through the outbox.

``enqueue_mail`` records one job per recipient in the caller's transaction (so a
change that is rolled back sends nothing, and a broker outage loses nothing); the
worker's ``events.send_mail`` renders ``<template>_subject.txt`` and
``<template>_body.txt`` in the language given and sends the message. Each recipient
gets a message of their own: nobody sees the others' addresses, and a retry for one
never resends to the rest.

Contexts are JSON (strings, numbers, lists, dicts): format dates and build paths
before enqueueing. Templates get ``site_url`` as well, for absolute links.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import translation

from . import outbox
from .models import Job

SEND_MAIL_TASK = "events.send_mail"


def enqueue_mail(
    *,
    to: Iterable[str],
    template: str,
    context: dict | None = None,
    language: str | None = None,
    dedupe_key: str = "",
    delay: datetime.timedelta | None = None,
) -> list[Job]:
    """Queue ``template`` for each address in ``to``; returns the jobs.

    ``language`` defaults to the active one (the language of the page the user acted
    on). With ``dedupe_key``, a message still waiting under the same key and address
    is not queued twice.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    jobs = []
    for address in dict.fromkeys(a.strip() for a in to if a and a.strip()):
        jobs.append(
            outbox.enqueue(
                SEND_MAIL_TASK,
                dedupe_key=f"{dedupe_key}:{address}" if dedupe_key else "",
                delay=delay,
                to=address,
                template=template,
                context=context or {},
                language=language,
            )
        )
    return jobs


def render_mail(*, template: str, context: dict, language: str) -> tuple[str, str]:
    """The subject (one line) and the plain-text body of ``template`` in ``language``."""
    full_context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", full_context)
        body = render_to_string(f"{template}_body.txt", full_context)
    subject = " ".join(subject.split())
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body.strip() + "\n"


def send_mail_now(*, to: str, template: str, context: dict, language: str) -> None:
    """Render and send one message (the worker's side of ``enqueue_mail``)."""
    try:
        subject, body = render_mail(template=template, context=context, language=language)
    except (TemplateDoesNotExist, TemplateSyntaxError) as exc:
        raise outbox.PermanentJobError(f"mail template {template}: {exc}") from exc
    EmailMessage(subject=subject, body=body, to=[to]).send()
