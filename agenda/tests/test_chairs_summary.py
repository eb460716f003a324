"""The Chair's summary: the model, its admin (write, preview, publish) and its PDF."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

import events.demo
from agenda import demo as agenda_demo
from agenda import generators, services
from agenda.models import ChairsSummary, ChairsSummarySection
from agenda.tests.factories import (
    AgendaItemFactory,
    EventFactory,
    SessionFactory,
    plain_user,
    staff_user,
)
from agenda.tests.helpers import admin_form_data, pdf_text, render, render_jobs
from events import outbox, rendering
from events.models import Document
from events.selectors import public_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(event):
    opening = SessionFactory(event=event, title_en="Opening segment")
    item = AgendaItemFactory(session=opening, title_en="Presentations by the panellists")
    summary = ChairsSummary.objects.create(
        event=event,
        introduction_en="The Committee held a special meeting.\n\nIt was well attended.",
        conclusions_en="The Chair thanked the participants.",
    )
    ChairsSummarySection.objects.create(
        summary=summary, session=opening, order=1, text_en="The segment opened the meeting."
    )
    ChairsSummarySection.objects.create(
        summary=summary, item=item, order=2, text_en="Panellists described **trends**."
    )
    return summary


def _document(event) -> Document:
    return Document.objects.get(event=event, generator=generators.CHAIRS_SUMMARY)


# --- The model ---------------------------------------------------------------------------


def test_summary_section_on_both_a_session_and_an_item_refused(summary, event):
    session = SessionFactory(event=event)
    item = AgendaItemFactory(session=session)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChairsSummarySection.objects.create(summary=summary, session=session, item=item)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChairsSummarySection.objects.create(summary=summary)


def test_summary_section_of_another_event_refused(summary):
    other = SessionFactory(event=EventFactory())
    section = ChairsSummarySection(summary=summary, session=other, text_en="x")
    with pytest.raises(ValidationError, match="session of this event"):
        section.full_clean()


def test_one_summary_per_event(summary, event):
    with pytest.raises(IntegrityError), transaction.atomic():
        ChairsSummary.objects.create(event=event)


# --- The PDF -------------------------------------------------------------------------------


def test_summary_pdf_holds_introduction_sections_and_conclusions_in_order(summary, event):
    document = services.chairs_summary_publish(summary=summary)
    text = " ".join(pdf_text(render(document)).split())
    expected = [
        "Chair’s summary",
        "I. Introduction",
        "1. The Committee held a special meeting.",
        "2. It was well attended.",
        "II. Summary of the discussions",
        "A. Opening segment",
        "3. The segment opened the meeting.",
        "B. Presentations by the panellists",
        "4. Panellists described trends.",
        "III. Conclusions",
        "5. The Chair thanked the participants.",
    ]
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions)


def test_summary_public_pdf_names_sessions_as_published_draft_as_in_working_copy(summary, event):
    services.agenda_publish(event=event, label="provisional")
    session = summary.sections.get(order=1).session
    session.title_en = "Renamed, not yet published"
    session.save()
    document = services.chairs_summary_publish(summary=summary)
    public = pdf_text(render(document))
    assert "Opening segment" in public
    assert "Renamed, not yet published" not in public
    assert "Renamed, not yet published" in pdf_text(render(document, draft=True))


def test_summary_public_render_only_once_published(summary, event):
    document = services.chairs_summary_document(summary=summary)
    assert generators.summary_complete_languages(document, draft=False) == []
    assert generators.summary_complete_languages(document, draft=True) == ["en"]
    with pytest.raises(outbox.PermanentJobError):
        rendering.document_render(document_id=document.pk, language="en", draft=False)
    draft = render(document, draft=True)
    assert "DRAFT" in pdf_text(draft)
    assert public_documents(event=event) == []


def test_summary_incomplete_in_every_language_cannot_be_published(event):
    summary = ChairsSummary.objects.create(event=event)  # no introduction yet
    with pytest.raises(ValidationError, match="not complete in any language"):
        services.chairs_summary_publish(summary=summary)
    summary.refresh_from_db()
    assert summary.status == ChairsSummary.Status.DRAFT


def test_summary_in_arabic_only_where_every_text_is_arabic(summary, event):
    summary.introduction_ar = "عقدت اللجنة اجتماعا خاصا."
    summary.conclusions_ar = "شكر الرئيس المشاركين."
    summary.save()
    complete = generators.summary_complete_languages_of(summary, list(summary.sections.all()))
    assert complete == ["en"]  # sections and titles have no Arabic yet


# --- Admin ---------------------------------------------------------------------------------


def test_cted_staff_may_write_preview_and_publish_the_summary(staff):
    assert staff.has_perms(
        [
            "agenda.add_chairssummary",
            "agenda.change_chairssummary",
            "agenda.view_chairssummary",
            "agenda.add_chairssummarysection",
            "agenda.change_chairssummarysection",
            "agenda.delete_chairssummarysection",
            "agenda.publish_chairssummary",
        ]
    )


def test_admin_summary_pages_ok_for_staff(client, summary, staff):
    client.force_login(staff)
    for url in (
        reverse("admin:agenda_chairssummary_changelist"),
        reverse("admin:agenda_chairssummary_add"),
        reverse("admin:agenda_chairssummary_change", args=[summary.pk]),
        reverse("admin:agenda_chairssummary_preview", args=[summary.pk]),
        reverse("admin:agenda_chairssummary_publish", args=[summary.pk]),
        reverse("admin:agenda_eventprogramme_change", args=[summary.event_id]),
    ):
        assert client.get(url).status_code == 200, url


def test_admin_summary_preview_renders_the_pdf_template_for_staff_only(client, summary, staff):
    preview = reverse("admin:agenda_chairssummary_preview", args=[summary.pk])
    document = reverse("admin:agenda_chairssummary_preview_document", args=[summary.pk])
    client.force_login(plain_user())
    assert client.get(document).status_code == 302  # to the admin's login
    client.force_login(staff)
    page = client.get(preview).content.decode()
    assert f'src="{document}?language=' in page
    response = client.get(document, {"language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    # The PDF's own template: the masthead, the draft banner, the texts, the stylesheet.
    assert "Security Council" in html
    assert "DRAFT" in html
    assert "The segment opened the meeting." in html
    assert "Panellists described <strong>trends</strong>." in html
    assert "/static/pdf/print.css" in html
    french = client.get(document, {"language": "fr"}).content.decode()
    assert "Résumé de la présidence" in french


def test_admin_save_queues_a_debounced_draft_pdf(client, summary, staff):
    client.force_login(staff)
    url = reverse("admin:agenda_chairssummary_change", args=[summary.pk])
    data = admin_form_data(client.get(url))
    for n in range(5):
        data["conclusions_en"] = f"Conclusions, take {n}."
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
    (job,) = render_jobs(draft=True)
    assert job.kwargs["document_id"] == _document(summary.event).pk
    summary.refresh_from_db()
    assert summary.conclusions_en == "Conclusions, take 4."
    assert summary.status == ChairsSummary.Status.DRAFT


def test_admin_publish_button_publishes_and_queues_the_public_render(client, summary, staff):
    client.force_login(staff)
    url = reverse("admin:agenda_chairssummary_publish", args=[summary.pk])
    assert "Publish" in client.get(url).content.decode()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.status == ChairsSummary.Status.PUBLISHED
    assert summary.published_by == staff
    document = _document(summary.event)
    assert (document.kind, document.symbol) == (Document.Kind.CHAIRS_SUMMARY, "")
    assert document.published_at == summary.published_at
    assert document.render_status == Document.RenderStatus.QUEUED
    (job,) = render_jobs(draft=False)
    version = rendering.document_render(**job.kwargs)
    (public,) = public_documents(event=summary.event)
    assert public.document == document
    assert [v.pk for v in public.versions] == [version.pk]


def test_admin_publish_action(client, summary, staff):
    client.force_login(staff)
    response = client.post(
        reverse("admin:agenda_chairssummary_changelist"),
        {"action": "publish", "_selected_action": [summary.pk]},
    )
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.status == ChairsSummary.Status.PUBLISHED


def test_admin_publish_refused_without_the_permission(client, summary):
    user = staff_user("other-staff@example.org")
    user.groups.clear()
    user.is_superuser = False
    user.save()
    client.force_login(user)
    url = reverse("admin:agenda_chairssummary_publish", args=[summary.pk])
    assert client.post(url, {"confirm": "on"}).status_code == 403
    summary.refresh_from_db()
    assert summary.status == ChairsSummary.Status.DRAFT


# --- Demo ----------------------------------------------------------------------------------


def test_demo_has_a_sample_chairs_summary_in_draft():
    events.demo.load()
    agenda_demo.load()
    summary = ChairsSummary.objects.get(event__slug="ict-2016")
    assert summary.status == ChairsSummary.Status.DRAFT
    texts = [summary.introduction_en, summary.conclusions_en] + [
        s.text_en for s in summary.sections.all()
    ]
    assert len(texts) > 3
    assert all(text.startswith("SAMPLE: this text stands in for") for text in texts)
    agenda_demo.load()  # idempotent
    assert ChairsSummary.objects.count() == 1


def test_admin_start_a_summary_then_write_its_sections(client, event, staff):
    session = SessionFactory(event=event, title_en="Opening segment")
    client.force_login(staff)
    add = reverse("admin:agenda_chairssummary_add")
    assert f'value="{event.pk}" selected' in client.get(add, {"event": event.pk}).content.decode()
    response = client.post(add, {"event": event.pk, "introduction_en": "Introduction."})
    assert response.status_code == 302, response.content.decode()[:3000]
    summary = ChairsSummary.objects.get(event=event)
    url = reverse("admin:agenda_chairssummary_change", args=[summary.pk])
    data = admin_form_data(client.get(url))
    data.update(
        {
            "sections-TOTAL_FORMS": "1",
            "sections-0-session": str(session.pk),
            "sections-0-text_en": "What the segment discussed.",
            "sections-0-order": "1",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    (section,) = summary.sections.all()
    assert (section.session, section.text_en) == (session, "What the segment discussed.")
    other_event_session = SessionFactory(event=EventFactory())
    data.update({"sections-0-session": str(other_event_session.pk)})
    assert "Select a valid choice" in client.post(url, data).content.decode()
