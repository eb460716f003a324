"""Builders for statement tests: delegations with their delegates, statements made
the one way statements are made (the services), and the outbox's jobs run here."""

from __future__ import annotations

import datetime

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.utils import timezone

from events.models import Job, Membership
from events.tests.factories import (
    DelegationFactory,
    EventFactory,
    MembershipFactory,
    UserFactory,
    cted_staff_user,
)
from specialmeeting.testing import stored_files  # noqa: F401 - the statements tests' import
from statements import services

from .files import pdf_upload


def open_event(**kwargs):
    """A published event whose statement deadline is a week away."""
    kwargs.setdefault("statement_deadline", timezone.now() + datetime.timedelta(days=7))
    return EventFactory(**kwargs)


def delegate(
    delegation, *, role=Membership.Role.FOCAL_POINT, status=Membership.Status.APPROVED, **user
):
    """A verified user acting for ``delegation`` (approved, focal point by default)."""
    member = UserFactory(verified=True, **user)
    MembershipFactory(user=member, delegation=delegation, role=role, status=status)
    return member


def staff_with_totp(**kwargs):
    """A CTED staff user with the authenticator staff must have; returns (user, secret)."""
    user = cted_staff_user(**kwargs)  # with a TOTP authenticator
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return user, decrypt(authenticator.data["secret"])


def submit(
    delegation=None, user=None, *, file=None, title="A written statement", language="en", **kwargs
):
    delegation = delegation or DelegationFactory(event=open_event())
    user = user or delegate(delegation)
    return services.statement_submit(
        delegation=delegation,
        user=user,
        title=title,
        language=language,
        uploaded_file=file or pdf_upload("A written statement"),
        **kwargs,
    )


def published(delegation=None, *, staff=None, **kwargs):
    statement = submit(delegation, **kwargs)
    return services.statement_publish(statement=statement, user=staff or cted_staff_user())


def run_jobs(task: str | None = None) -> list[Job]:
    """Run the pending jobs (of ``task``) here, now, as the worker would; returns them."""
    from specialmeeting.celery import app

    app.loader.import_default_modules()  # every app's tasks, as a worker has them
    ran, seen = [], set()
    while True:
        jobs = Job.objects.filter(status=Job.Status.PENDING).exclude(pk__in=seen)
        if task:
            jobs = jobs.filter(task=task)
        batch = list(jobs.order_by("pk"))
        if not batch:
            return ran
        for job in batch:
            seen.add(job.pk)
            Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
            app.tasks[job.task](job.pk)
            job.refresh_from_db()
            ran.append(job)
