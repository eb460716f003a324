"""From publishing in admin's services to a downloadable PDF, through a real `celery
worker` process on whichever broker this run has (Redis or the embedded transport)."""

import pytest

from agenda import generators, services
from agenda.models import ChairsSummary, ChairsSummarySection
from agenda.tests.factories import (
    AgendaItemFactory,
    EventFactory,
    RoleAssignmentFactory,
    SessionFactory,
)
from agenda.tests.helpers import pdf_text
from events.models import Document, Job
from events.selectors import public_documents
from specialmeeting.testing import wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _ready(document_id):
    def check():
        document = Document.objects.get(pk=document_id)
        if document.render_status == Document.RenderStatus.FAILED:
            raise AssertionError(document.render_error)
        return document if document.render_status == Document.RenderStatus.READY else None

    return check


def _download(client, document):
    (public,) = public_documents(event=document.event)
    (version,) = public.versions
    response = client.get(f"/files/document/{version.pk}/{version.language}.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response.close()
    return version


def test_published_revision_becomes_a_downloadable_pdf_through_a_real_worker(
    celery_worker_process, client
):
    event = EventFactory(title_en="Worker meeting")
    session = SessionFactory(event=event, title_en="The only session")
    item = AgendaItemFactory(session=session, title_en="Published through the worker")
    RoleAssignmentFactory(item=item)
    services.agenda_publish(event=event, label="provisional")
    document = Document.objects.get(event=event, generator=generators.ANNOTATED_AGENDA)
    ready = wait_for(_ready(document.pk), timeout=120, what="the annotated agenda")
    assert ready.render_error == "", celery_worker_process.log()[-3000:]
    version = _download(client, document)
    assert "Published through the worker" in pdf_text(version)
    render_job = Job.objects.get(task="events.render_document")
    assert (render_job.status, render_job.attempts) == (Job.Status.DONE, 1)


def test_published_chairs_summary_becomes_a_downloadable_pdf_through_a_real_worker(
    celery_worker_process, client
):
    event = EventFactory(title_en="Worker meeting")
    session = SessionFactory(event=event, title_en="The only session")
    summary = ChairsSummary.objects.create(event=event, introduction_en="The introduction.")
    ChairsSummarySection.objects.create(
        summary=summary, session=session, text_en="Summarised by the worker."
    )
    document = services.chairs_summary_publish(summary=summary)
    wait_for(_ready(document.pk), timeout=120, what="the Chair's summary")
    version = _download(client, document)
    assert "Summarised by the worker." in pdf_text(version)
