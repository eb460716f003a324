from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from events import selectors


@login_required
def home(request):
    """The signed-in user's page: their delegations and the state of each request."""
    memberships = selectors.user_memberships(user=request.user)
    return render(request, "accounts/home.html", {"memberships": memberships})
