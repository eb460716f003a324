"""The "My delegation" area: delegates submit, replace and withdraw their statements,
ask to join a delegation and accept invitations. Thin: rules are in ``services`` and
``onboarding``; a statement or delegation the user does not act for answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import forms, onboarding, selectors, services


def _add_errors(form, error: ValidationError, field: str | None = None) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error)


@login_required
def home(request):
    memberships = list(selectors.user_memberships(user=request.user))
    delegations = [m.delegation for m in memberships if m.status == m.Status.APPROVED]
    statements: dict[int, list] = {d.pk: [] for d in delegations}
    for found in selectors.statements_of_delegations(delegations=delegations):
        statements[found.delegation_id].append(found)
    sections = [
        {
            "delegation": d,
            "statements": statements[d.pk],
            "deadline": selectors.submission_deadline(delegation=d),
            "open": selectors.submissions_open(delegation=d),
        }
        for d in delegations
    ]
    pending = [m for m in memberships if m.status != m.Status.APPROVED]
    return render(
        request, "delegates/home.html", {"sections": sections, "other_memberships": pending}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request, delegation_id):
    delegation = selectors.member_delegation(user=request.user, pk=delegation_id)
    form = forms.StatementSubmitForm(
        request.POST or None, request.FILES or None, event=delegation.event
    )
    if request.method == "POST" and form.is_valid():
        session, agenda_item = form.placement_objects()
        data = form.cleaned_data
        try:
            statement = services.statement_submit(
                delegation=delegation,
                user=request.user,
                title=data["title"],
                language=data["language"],
                uploaded_file=data["file"],
                session=session,
                agenda_item=agenda_item,
                delivered_by=data["delivered_by"],
                check_against_delivery=data["check_against_delivery"],
            )
        except ValidationError as error:
            _add_errors(form, error, "file")
        else:
            messages.success(
                request,
                _(
                    "Your statement was submitted. A receipt is on its way to your "
                    "delegation's focal points; CTED will review it before publication."
                ),
            )
            return redirect("delegates:statement", statement.pk)
    context = {
        "delegation": delegation,
        "form": form,
        "deadline": selectors.submission_deadline(delegation=delegation),
        "open": selectors.submissions_open(delegation=delegation),
    }
    return render(request, "delegates/submit.html", context)


def _statement_context(statement, **extra):
    return {
        "statement": statement,
        "history": selectors.statement_history(statement=statement),
        "deadline": selectors.submission_deadline(delegation=statement.delegation),
        "open": selectors.submissions_open(delegation=statement.delegation),
        "can_change": statement.status in statement.OPEN_STATUSES,
        "file_form": extra.pop("file_form", None) or forms.StatementFileForm(),
        "withdraw_form": extra.pop("withdraw_form", None) or forms.WithdrawForm(),
        **extra,
    }


@login_required
def statement(request, pk):
    found = selectors.member_statement(user=request.user, pk=pk)
    return render(request, "delegates/statement.html", _statement_context(found))


@login_required
@require_POST
def add_file(request, pk):
    found = selectors.member_statement(user=request.user, pk=pk)
    form = forms.StatementFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.statement_version_add(
                statement=found,
                user=request.user,
                language=form.cleaned_data["language"],
                uploaded_file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            _add_errors(form, error, "file")
        else:
            messages.success(
                request,
                _("The file was added as a new version. Earlier files are kept."),
            )
            return redirect("delegates:statement", found.pk)
    context = _statement_context(found, file_form=form)
    return render(request, "delegates/statement.html", context)


@login_required
@require_POST
def withdraw(request, pk):
    found = selectors.member_statement(user=request.user, pk=pk)
    form = forms.WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.statement_withdraw(
                statement=found, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The statement was withdrawn. Nothing was deleted."))
            return redirect("delegates:statement", found.pk)
    context = _statement_context(found, withdraw_form=form)
    return render(request, "delegates/statement.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join(request):
    form = forms.JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            onboarding.membership_request(
                user=request.user,
                event=form.cleaned_data["event"],
                organisation=form.cleaned_data["organisation"],
                position=form.cleaned_data["position"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your request was sent to CTED. You will receive an email when it "
                    "has been decided."
                ),
            )
            return redirect("delegates:home")
    return render(request, "delegates/join.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token):
    try:
        found = onboarding.invitation_read(token)
    except ValidationError as error:
        return render(
            request, "delegates/invitation.html", {"error": error.messages[0]}, status=404
        )
    if not request.user.is_authenticated:
        next_query = urlencode({"next": request.get_full_path()})
        context = {
            "invitation": found,
            "login_url": f"{reverse('account_login')}?{next_query}",
            "signup_url": f"{reverse('account_signup')}?{next_query}",
        }
        return render(request, "delegates/invitation.html", context)
    if request.method == "POST":
        try:
            onboarding.invitation_accept(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("You now act for %(organisation)s.")
                % {"organisation": found.delegation.organisation.name},
            )
            return HttpResponseRedirect(reverse("delegates:home"))
    return render(request, "delegates/invitation.html", {"invitation": found})
