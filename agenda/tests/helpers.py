"""Helpers shared by the agenda's tests."""

import datetime
import subprocess

from events import rendering
from events.models import DocumentVersion, Job


def _value(bound):
    value = bound.value()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(value)


def admin_form_data(response) -> dict:
    """What the browser would post back: the change form as it was shown."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = _value(form[name])
        if value != "" or form.fields[name].required:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = _value(formset.management_form[name])
        for subform in formset.initial_forms:
            for name in subform.fields:
                value = _value(subform[name])
                if value != "":
                    data[subform.add_prefix(name)] = value
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())
    return {k: v for k, v in data.items() if v != ""}


def pdf_text(version: DocumentVersion) -> str:
    with version.file.open("rb") as handle:
        data = handle.read()
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def render_jobs(*, draft: bool) -> list[Job]:
    return [
        job
        for job in Job.objects.filter(task=rendering.RENDER_TASK).order_by("pk")
        if job.kwargs["draft"] is draft
    ]


def render(document, language="en", draft=False) -> DocumentVersion:
    return rendering.document_render(document_id=document.pk, language=language, draft=draft)
