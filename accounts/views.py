import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Membership
from line.forms import UserLinkForm
from line.models import UserLink

from .personal_data import personal_data


@login_required
def account(request):
    link = UserLink.objects.filter(user=request.user).first() or UserLink(user=request.user)
    line_form = UserLinkForm(request.POST or None, instance=link)
    if request.method == "POST" and line_form.is_valid():
        line_form.save()
        messages.success(request, _("Your LINE user ID was saved."))
        return redirect("account")
    memberships = Membership.objects.filter(user=request.user).select_related("agency")
    context = {"memberships": memberships, "line_form": line_form}
    return render(request, "registration/account.html", context)


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
