"""Scanned documents (licences, certificates, contracts) are served only through the scope, never as /media/.

Each scan belongs to a scoped record; the file is handed out after ``visible_to`` finds that record,
so a link copied out of the page is worth nothing to someone outside the record's scope.
"""

import mimetypes

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

# Which file fields may be downloaded, per model ("app_label.model" -> field names).
DOWNLOADABLE = {
    "enterprises.licence": {"scan"},
    "enterprises.certificate": {"scan"},
    "estates.servicecontract": {"scan"},
    # Evidence files of clauses 3.4, 3.5, 4.5 and the entrance signs (the record's scope is its project's).
    "safety.emergencyplan": {"attachment"},
    "safety.planreview": {"attachment"},
    "safety.drill": {"attachment"},
    "safety.incident": {"attachment"},
    "safety.stoppagenotice": {"attachment"},
    "safety.archivedocument": {"attachment"},
    "safety.vehiclerules": {"attachment"},
    "safety.signphoto": {"attachment"},
    # Clause 4.2: inspection reports, maintenance sheets, breakdown and label photos.
    "safety.elevatorinspection": {"attachment"},
    "safety.maintenancevisit": {"attachment"},
    "safety.breakdown": {"attachment"},
    "safety.elevatorlabelcheck": {"attachment"},
    # Clauses 4.6 and 4.7: lab reports and the photos of the duty records.
    "safety.watertest": {"attachment"},
    "safety.tankcleaning": {"attachment"},
    "safety.waterqualityreport": {"attachment"},
    "safety.pollutionincident": {"attachment"},
    "safety.sewercheck": {"attachment"},
    "safety.sewerflush": {"attachment"},
    "safety.septicemptying": {"attachment"},
    # Photos and reports of the duty records of clauses 4.3 and 4.4.
    "safety.fireequipmentcheck": {"attachment"},
    "safety.firepassagecheck": {"attachment"},
    "safety.firesystemtest": {"attachment"},
    "safety.lightningtest": {"attachment"},
    "safety.floodcheck": {"attachment"},
    # Issue 6: the photo an owner sends with a ticket.
    "servicedesk.ticket": {"photo"},
    "finance.feestandard": {"approval_document"},
    "finance.financialrules": {"attachment"},
    "finance.taxcertificate": {"attachment"},
    # Clause 2.5: the minutes of an owners' vote on using common parts.
    "finance.ownersvote": {"minutes"},
    "finance.parkingtransfer": {"contract"},
    # Issue 9: the evidence an enterprise sends with its answer to a rectification order.
    "oversight.orderanswer": {"file"},
}


@login_required
def scoped_file(request, label: str, pk: int, field: str):
    if field not in DOWNLOADABLE.get(label, ()):
        raise Http404
    model = apps.get_model(label)
    obj = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    stored = getattr(obj, field)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404
    content_type = mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, filename=stored.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
