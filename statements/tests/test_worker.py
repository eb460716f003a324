"""Through a real `celery worker` process, on whichever broker this run has: the
worker extracts a statement's text (so search finds it), sends its mail, and runs the
periodic task that publishes a statement whose embargo has ended."""

import datetime

import pytest
from django.utils import timezone

from events.models import Job
from events.tests.factories import DelegationFactory, cted_staff_user
from specialmeeting.testing import wait_for
from statements import selectors, services
from statements.models import Statement, StatementFile

from . import files
from .helpers import delegate, open_event, submit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _all_done(*tasks):
    def check():
        jobs = Job.objects.filter(task__in=tasks)
        return jobs.exists() and not jobs.exclude(status=Job.Status.DONE).exists()

    return check


def test_worker_extracts_text_and_search_finds_it(celery_worker_process):
    delegation = DelegationFactory(event=open_event())
    statement = submit(
        delegation,
        delegate(delegation),
        title="Заявление",
        language="ru",
        file=files.docx_upload("Предотвращение использования ИКТ в террористических целях"),
    )
    services.statement_publish(statement=statement, user=cted_staff_user())

    wait_for(
        _all_done("statements.extract_text", "events.send_mail"),
        timeout=90,
        what="the text extraction and mail jobs",
    )

    stored = StatementFile.objects.get()
    assert stored.text_status == StatementFile.TextStatus.DONE, celery_worker_process.log()[-3000:]
    found = selectors.public_statements(
        event=delegation.event, filters=selectors.StatementFilters(q="террористических")
    )
    assert list(found) == [statement]


def test_worker_runs_the_embargo_task(celery_worker_process):
    from specialmeeting.celery import app

    delegation = DelegationFactory(event=open_event())
    statement = submit(delegation, delegate(delegation), file=files.odt_upload("Text"))
    services.statement_publish(
        statement=statement,
        user=cted_staff_user(),
        at=timezone.now() + datetime.timedelta(seconds=2),
    )
    wait_for(
        lambda: timezone.now() > statement.log.last().created_at + datetime.timedelta(seconds=2)
    )

    # What beat sends every STATEMENTS_PUBLISH_DUE_SECONDS.
    app.send_task("statements.publish_due")

    published = wait_for(
        lambda: Statement.objects.filter(pk=statement.pk, status="published").first(),
        timeout=90,
        what="the scheduled publication",
    )
    assert published.log.last().actor is None
