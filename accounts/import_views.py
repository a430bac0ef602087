"""The admin's staff import (นำเข้าบัญชีเจ้าหน้าที่): upload, preview, confirm; and the
template to fill in. Thin: the rules are in `importing`, the file format in `staff_file`."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from agencies.models import Agency

from . import importing, staff_file
from .forms import ConfirmImportForm, StaffListForm
from .models import AlreadyImported, StaffImport


def may_import(request):
    """Whoever the user admin lets add and change accounts; its rule, asked, not copied."""
    accounts = admin.site.get_model_admin(get_user_model())
    return accounts.has_add_permission(request) and accounts.has_change_permission(request)


def importer_view(view):
    def checked(request, *args, **kwargs):
        if not may_import(request):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(checked)


def _page(request, template, **context):
    opts = get_user_model()._meta
    context = {**admin.site.each_context(request), "opts": opts, **context}
    context.setdefault("title", _("Import staff accounts"))
    return TemplateResponse(request, f"admin/accounts/{template}", context)


@importer_view
def upload(request):
    posted = request.method == "POST"
    form = StaffListForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        name = request.FILES["file"].name
        staff_import = StaffImport.receive(form.cleaned_data["file"], name, by=request.user)
        return redirect("staff_import:preview", staff_import.pk)
    return _page(request, "import_upload.html", form=form, max_rows=staff_file.MAX_ROWS)


@importer_view
def template(request):
    agencies = Agency.objects.active().order_by("order", "name")
    response = HttpResponse(
        staff_file.template(agencies), content_type=staff_file.XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="jitarsa-staff-template.xlsx"'
    return response


@importer_view
def preview(request, pk):
    staff_import = get_object_or_404(StaffImport.objects.pending(), pk=pk, uploaded_by=request.user)
    plan = staff_import.check_rows(by=request.user)
    form = ConfirmImportForm(request.POST or None, initial={"digest": plan.digest})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["digest"] == plan.digest:
            return _import(request, staff_import, plan, form.cleaned_data["send_invitations"])
        messages.warning(request, _("The accounts changed since the preview: check it again."))
        form = ConfirmImportForm(initial={"digest": plan.digest})
    return _page(request, "import_preview.html", staff_import=staff_import, plan=plan, form=form)


def _import(request, staff_import, plan, invite):
    try:
        result = staff_import.import_rows(plan, by=request.user)
    except AlreadyImported:
        messages.info(request, _("This file has already been imported."))
        return redirect("admin:auth_user_changelist")
    except IntegrityError:
        # Someone created one of these usernames between the check and the save.
        messages.warning(request, _("The accounts changed since the preview: check it again."))
        return redirect("staff_import:preview", staff_import.pk)
    messages.success(request, _summary(result))
    if invite and result.created:
        try:
            result.invited = importing.send_invitations(result.created)
        except Exception:
            # The accounts are saved; the mail server failing must not look like it undid them.
            messages.warning(
                request,
                _(
                    "The accounts were saved but the invitations could not be sent. Select "
                    "the new accounts and use “Send a set-password e-mail”."
                ),
            )
        else:
            messages.info(
                request, _("Invitations sent: %(count)d.") % {"count": len(result.invited)}
            )
    return redirect("admin:auth_user_changelist")


def _summary(result):
    return _(
        "Created %(created)d accounts, updated %(updated)d; %(refused)d rows not imported."
    ) % {
        "created": len(result.created),
        "updated": len(result.updated),
        "refused": len(result.rejected),
    }
