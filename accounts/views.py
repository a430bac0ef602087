import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from agencies.models import Membership

from .personal_data import personal_data


@login_required
def account(request):
    memberships = Membership.objects.filter(user=request.user).select_related("agency")
    return render(request, "registration/account.html", {"memberships": memberships})


@login_required
def my_data(request):
    """The signed-in person's own data as a JSON download (PDPA right of access)."""
    data = personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"jitarsa-{request.user.pk}-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
