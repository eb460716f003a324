"""The outbox when publishing to the broker fails (both backends; the real Redis outage
is in test_faults_redis): the change commits, its jobs wait for the sweeper, and the
process leaves the broker alone for a moment instead of waiting on it for every job."""

from __future__ import annotations

import time

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError

from events import outbox
from events.models import Job
from specialmeeting.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(monkeypatch):
    """The broker, as this process sees it: down until ``up`` is set; every publish
    attempt is counted."""

    class Broker:
        up = False
        attempts = 0
        sent: list[int] = []

    def send_task(name, args=None, **options):
        Broker.attempts += 1
        if not Broker.up:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        Broker.sent.append(args[0])

    monkeypatch.setattr(app, "send_task", send_task)
    monkeypatch.setattr(outbox, "_broker_down_until", 0.0)
    monkeypatch.setattr(outbox, "BROKER_RETRY_AFTER_SECONDS", 0.5)
    return Broker


@pytest.fixture
def enqueue_three(django_capture_on_commit_callbacks):
    """Three jobs of one change; its commit dispatches them."""

    def enqueue() -> list[Job]:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            return [
                outbox.enqueue("events.make_document_thumbnail", version_id=n) for n in range(3)
            ]

    return enqueue


def test_broker_down_at_commit_keeps_the_jobs_and_tries_it_once(broker, enqueue_three):
    jobs = enqueue_three()  # commits: three dispatches, no exception
    assert broker.attempts == 1
    assert [
        (j.status, j.dispatched_at) for j in Job.objects.filter(pk__in=[j.pk for j in jobs])
    ] == [(Job.Status.PENDING, None)] * 3


def test_jobs_kept_while_the_broker_was_down_are_swept_once_it_is_back(broker, enqueue_three):
    jobs = enqueue_three()
    assert outbox.sweep() == 0  # within the pause: the broker is not tried again
    assert broker.attempts == 1
    time.sleep(0.6)
    broker.up = True
    assert outbox.sweep() == 3
    assert sorted(broker.sent) == sorted(j.pk for j in jobs)
    assert not Job.objects.filter(dispatched_at__isnull=True).exists()
