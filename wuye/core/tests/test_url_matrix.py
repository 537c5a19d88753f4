"""Every URL of the site, walked with every role against an object inside and one outside its scope.

The URL list is read from the resolver, so a new page cannot slip past: each named URL must be in
``PAGES`` (walked here) or in ``ELSEWHERE`` (with the test module that walks it). The expected answer
comes from the hand-written table in wuye/testing/expectations.py, never from the code under test.
"""

import copy

import pytest
from django.test import override_settings
from django.urls import URLResolver, get_resolver, reverse

from wuye.api_urls import router
from wuye.safety.tests.world import (
    add_elevators,
    add_fire,
    add_patrols,
    add_plans,
    add_power_rooms,
    add_water,
)
from wuye.servicedesk.tests.world_centres import add_centres
from wuye.testing.expectations import REGISTRY_KEEPERS, can_read, can_see_id_number, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

# url name → (kind, model in the table). Kinds:
#   list      any signed-in role 200, the inside object listed iff readable
#   register  a new top-level record: 200 for registry keepers, 403 for the rest
#   detail    200 if readable, else 404
#   edit      200 if writable, 403 if only readable, 404 if unseen
#   add       a record under a parent (the model named is the child; the parent is in PARENTS)
#   reveal    POST: 200 if the role sees full ID numbers, 403 if it only sees the employee, else 404
#   record    a duty record about the object (a round of a power room, the fix of a defect): 200 if
#             the role records the project's duties (RECORDERS), 403 if it only reads, 404 if unseen
PAGES = {
    "home": ("home", None),
    "enterprise-list": ("list", "enterprise"),
    "project-list": ("list", "project"),
    "enterprise-create": ("register", "enterprise"),
    "project-create": ("register", "project"),
    "enterprise-detail": ("detail", "enterprise"),
    "staff-detail": ("detail", "staff"),
    "project-detail": ("detail", "project"),
    "building-detail": ("detail", "building"),
    "enterprise-update": ("edit", "enterprise"),
    "licence-update": ("edit", "licence"),
    "staff-update": ("edit", "staff"),
    "post-update": ("edit", "post"),
    "certificate-update": ("edit", "certificate"),
    "employment-update": ("edit", "employment"),
    "project-update": ("edit", "project"),
    "building-update": ("edit", "building"),
    "household-update": ("edit", "household"),
    "owner-update": ("edit", "owner"),
    "committee-update": ("edit", "committee"),
    "committee-member-update": ("edit", "member"),
    "contract-update": ("edit", "contract"),
    "service-period-update": ("edit", "period"),
    "licence-create": ("add", "licence"),
    "staff-create": ("add", "staff"),
    "post-create": ("add", "post"),
    "certificate-create": ("add", "certificate"),
    "employment-create": ("add", "employment"),
    "building-create": ("add", "building"),
    "household-create": ("add", "household"),
    "owner-create": ("add", "owner"),
    "committee-create": ("add", "committee"),
    "committee-member-create": ("add", "member"),
    "contract-create": ("add", "contract"),
    "service-period-create": ("add", "period"),
    "staff-reveal-id": ("reveal", "staff"),
    "power-room-detail": ("detail", "powerroom"),
    "power-room-update": ("edit", "powerroom"),
    "power-room-create": ("add", "powerroom"),
    "power-round-create": ("record", "powerroom"),
    "defect-fix": ("record", "defect"),
    # Excel: importing rooms is adding rooms; importing rounds is recording them; exports read the project.
    "power-room-import": ("add", "powerroom"),
    "power-room-import-template": ("add", "powerroom"),
    "power-round-import": ("record", "project"),
    "power-round-import-template": ("record", "project"),
    "power-room-export": ("detail", "project"),
    "power-round-export": ("detail", "project"),
    # Clause 4.1: entrances and their roster, patrol routes, points and stickers, cameras.
    "entrance-detail": ("detail", "entrance"),
    "patrol-route-detail": ("detail", "patrolroute"),
    "camera-detail": ("detail", "camera"),
    "entrance-update": ("edit", "entrance"),
    "patrol-route-update": ("edit", "patrolroute"),
    "patrol-point-update": ("edit", "patrolpoint"),
    "camera-update": ("edit", "camera"),
    "entrance-create": ("add", "entrance"),
    "patrol-route-create": ("add", "patrolroute"),
    "patrol-point-create": ("add", "patrolpoint"),
    "camera-create": ("add", "camera"),
    "shift-create": ("record", "entrance"),
    "shift-delete": ("record", "dutyshift"),  # GET asks first; the world's shift is tomorrow's
    "patrol-stickers": ("record", "patrolroute"),
    "patrol-sticker-svg": ("record", "patrolpoint"),
    "patrol-sticker-png": ("record", "patrolpoint"),
    "patrol-point-rotate": ("record", "patrolpoint"),  # GET asks first
    "camera-checks-create": ("record", "project"),
    # Clauses 3.4, 3.5, 4.5 and the entrance signs: a project's registers and lists are read where the
    # project is; records are added by those who record its duties; vehicles are kept like the owner register.
    "emergency-plan-list": ("detail", "project"),
    "emergency-plan-create": ("record", "project"),
    "emergency-plan-detail": ("detail", "emergencyplan"),
    "plan-review-create": ("record", "emergencyplan"),
    "drill-list": ("detail", "project"),
    "drill-create": ("record", "project"),
    "incident-list": ("detail", "project"),
    "incident-create": ("record", "project"),
    "incident-correct": ("record", "incident"),
    "stoppage-list": ("detail", "project"),
    "stoppage-create": ("record", "project"),
    "archive": ("detail", "project"),
    "archive-document-create": ("record", "project"),
    "vehicle-list": ("detail", "project"),
    "vehicle-create": ("add", "vehicle"),
    "vehicle-update": ("edit", "vehicle"),
    "vehicle-rules": ("detail", "project"),
    "vehicle-rules-create": ("record", "project"),
    "sign-photos": ("detail", "project"),
    "sign-photo-create": ("record", "entrance"),
    # Clause 4.2: the elevator register and its records. The register across what the user sees names
    # each elevator's project, so its project shows exactly where the project is readable (every role
    # is walked with elevators in safety/tests/test_elevator_pages.py too).
    "elevator-list": ("list", "project"),
    "project-elevators": ("detail", "project"),
    "elevator-detail": ("detail", "elevator"),
    "elevator-update": ("edit", "elevator"),
    "elevator-create": ("add", "elevator"),
    "elevator-inspection-create": ("record", "elevator"),
    "elevator-maintenance-create": ("record", "elevator"),
    "elevator-breakdown-create": ("record", "elevator"),
    "elevator-label-create": ("record", "elevator"),
    # Excel (as the power rooms'): importing the register is adding elevators; importing inspections or
    # maintenance visits is recording them; the exports read the project. The register list's
    # ?export=xlsx is walked with every role in safety/tests/test_excel_elevator_pages.py.
    "elevator-import": ("add", "elevator"),
    "elevator-import-template": ("add", "elevator"),
    "elevator-inspection-import": ("record", "project"),
    "elevator-inspection-import-template": ("record", "project"),
    "elevator-maintenance-import": ("record", "project"),
    "elevator-maintenance-import-template": ("record", "project"),
    "elevator-inspection-export": ("detail", "project"),
    "elevator-maintenance-export": ("detail", "project"),
    # Clauses 4.6 and 4.7: water tanks, owners' reports, pollution, sewers, septic tanks.
    "water-tank-list": ("list", "watertank"),
    "water-tank-detail": ("detail", "watertank"),
    "water-tank-update": ("edit", "watertank"),
    "water-tank-create": ("add", "watertank"),
    "water-test-create": ("record", "watertank"),
    "tank-cleaning-create": ("record", "watertank"),
    "project-water": ("detail", "project"),
    "water-report-create": ("record", "project"),
    "water-report-handle": ("record", "waterreport"),
    "pollution-incident-create": ("record", "project"),
    "pollution-report-create": ("record", "pollutionincident"),
    "sewer-check-create": ("record", "project"),
    "sewer-flush-create": ("record", "project"),
    "septic-tank-detail": ("detail", "septictank"),
    "septic-tank-update": ("edit", "septictank"),
    "septic-tank-create": ("add", "septictank"),
    "septic-emptying-create": ("record", "septictank"),
    # Excel: importing tanks is adding tanks; importing tests is recording them; their export reads the project.
    "water-tank-import": ("add", "watertank"),
    "water-tank-import-template": ("add", "watertank"),
    "water-test-import": ("record", "project"),
    "water-test-import-template": ("record", "project"),
    "water-test-export": ("detail", "project"),
    # Clauses 4.3 and 4.4: fire equipment and passages, lightning and flood protection.
    "fire-equipment-list": ("list", "fireequipment"),
    "fire-passage-list": ("list", "firepassage"),
    "lightning-list": ("list", "lightningprotection"),
    "flood-list": ("list", "floodprotection"),
    "fire-equipment-detail": ("detail", "fireequipment"),
    "fire-passage-detail": ("detail", "firepassage"),
    "lightning-detail": ("detail", "lightningprotection"),
    "flood-detail": ("detail", "floodprotection"),
    "fire-equipment-update": ("edit", "fireequipment"),
    "fire-passage-update": ("edit", "firepassage"),
    "lightning-update": ("edit", "lightningprotection"),
    "flood-update": ("edit", "floodprotection"),
    "fire-equipment-create": ("add", "fireequipment"),
    "fire-passage-create": ("add", "firepassage"),
    "lightning-create": ("add", "lightningprotection"),
    "flood-create": ("add", "floodprotection"),
    "fire-checks-create": ("record", "project"),
    "fire-passage-checks-create": ("record", "project"),
    "fire-system-test-create": ("record", "firesystem"),
    "lightning-test-create": ("record", "lightningprotection"),
    "flood-check-create": ("record", "floodprotection"),
    # Excel: importing fire equipment is adding it; importing checks is recording them.
    "fire-equipment-import": ("add", "fireequipment"),
    "fire-equipment-import-template": ("add", "fireequipment"),
    "fire-check-import": ("record", "project"),
    "fire-check-import-template": ("record", "project"),
    # Scorecards read where their subject is read (findings and snapshots follow the subject's scope).
    "project-scorecard": ("detail", "project"),
    "safety-overview": ("detail", "project"),
    "enterprise-scorecard": ("detail", "enterprise"),
    # Clauses 1.2 and 3.3: offices, service centres and their roster (servicedesk/urls_centres.py).
    "centre-list": ("list", "servicecentre"),
    "centre-detail": ("detail", "servicecentre"),
    "centre-update": ("edit", "servicecentre"),
    "centre-create": ("add", "servicecentre"),
    "centre-shift-create": ("record", "servicecentre"),
    "centre-shift-delete": ("record", "centreshift"),  # GET asks first; the world's shift is tomorrow's
    "office-list": ("detail", "enterprise"),
    "office-create": ("add", "office"),
    "office-update": ("edit", "office"),
    # Every signed-in role has a review list (what it sees of appeals and exemptions, maybe nothing).
    "review-queue": ("home", None),
    # Issue 6: every signed-in user has an inbox (only his own notifications) and its unread count.
    "notification-list": ("home", None),
    "notification-count": ("home", None),
}
# Safety records are read and written exactly where their project is (ProjectOwned). Recording a duty
# is narrower: the project's own staff, the serving enterprise's managers and the operators.
SAFETY_RECORDS = ["powerroom", "defect", "entrance", "dutyshift", "patrolroute", "patrolpoint", "camera"]
SAFETY_RECORDS += ["fireequipment", "firesystem", "firepassage", "lightningprotection", "floodprotection"]
SAFETY_RECORDS += ["watertank", "waterreport", "pollutionincident", "septictank"]
SAFETY_RECORDS += ["elevator"]
SAFETY_RECORDS += ["emergencyplan", "incident"]
# A vehicle's plate is personal data: read and written like the owner register (not by the developer).
SCOPED_AS = {**dict.fromkeys(SAFETY_RECORDS, "project"), "vehicle": "owner"}
# The service desk: centres and their roster are where their project is; an office is where its
# enterprise's licences are (read where the enterprise is, written by its managers).
SCOPED_AS |= {"servicecentre": "project", "centreshift": "project", "office": "licence"}
RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
# The parent a child is added under, by the child's model name in the table.
PARENTS = {
    "licence": "enterprise",
    "staff": "enterprise",
    "post": "staff",
    "certificate": "staff",
    "employment": "staff",
    "building": "project",
    "household": "building",
    "owner": "project",
    "committee": "project",
    "member": "committee",
    "contract": "project",
    "period": "project",
    "powerroom": "project",
    "entrance": "project",
    "patrolroute": "project",
    "patrolpoint": "patrolroute",
    "camera": "project",
    "vehicle": "project",
    "elevator": "project",
    "watertank": "project",
    "septictank": "project",
    "fireequipment": "project",
    "firepassage": "project",
    "lightningprotection": "project",
    "floodprotection": "project",
    "servicecentre": "project",
    "office": "enterprise",
}
ELSEWHERE = {
    # Issue 9 bulk onboarding: every role, own and another regulator's upload, in oversight/tests/test_onboarding_pages.py.
    "onboarding-import": "oversight/tests/test_onboarding_pages.py",
    "onboarding-template": "oversight/tests/test_onboarding_pages.py",
    "onboarding-batch": "oversight/tests/test_onboarding_pages.py",
    # Issue 7 fees (clause 1.5): walked with every role, inside and outside, in finance/tests/test_fees_pages.py.
    "fee-standards": "finance/tests/test_fees_pages.py",
    "fee-standard-create": "finance/tests/test_fees_pages.py",
    "fee-notice-create": "finance/tests/test_fees_pages.py",
    "fee-standard-import": "finance/tests/test_fees_import.py",
    "fee-standard-import-template": "finance/tests/test_fees_import.py",
    "bill-import": "finance/tests/test_fees_import.py",
    "bill-import-template": "finance/tests/test_fees_import.py",
    "project-bills": "finance/tests/test_fees_pages.py",
    "bills-generate": "finance/tests/test_fees_pages.py",
    "household-account": "finance/tests/test_fees_pages.py",
    "payment-create": "finance/tests/test_fees_pages.py",
    "payment-receipt": "finance/tests/test_fees_pages.py",
    "my-fees": "finance/tests/test_fees_pages.py",
    "enterprise-finance-documents": "finance/tests/test_fees_pages.py",
    "enterprise-finance-document-create": "finance/tests/test_fees_pages.py",
    # Reviews of E-kind evidence: the project's committee members and the regulators over it.
    "vehicle-rules-review": "safety/tests/test_plans_roles.py",
    "sign-photo-review": "safety/tests/test_plans_roles.py",
    "login": "accounts/tests/test_views_auth.py",
    "logout": "accounts/tests/test_views_auth.py",
    "password_change": "accounts/tests/test_views_auth.py",
    "password_change_done": "accounts/tests/test_views_auth.py",
    # Owners joining: public pages, the committee's queue, a building's invitation sheet, password reset.
    "join": "accounts/tests/test_joining.py",
    "join-request": "accounts/tests/test_joining.py",
    "join-requests": "accounts/tests/test_joining.py",
    "join-request-decide": "accounts/tests/test_joining.py",
    "invitation-sheet": "accounts/tests/test_joining.py",
    "invitation-revoke": "accounts/tests/test_joining.py",
    "password_reset": "accounts/tests/test_joining.py",
    "password_reset_done": "accounts/tests/test_joining.py",
    "password_reset_confirm": "accounts/tests/test_joining.py",
    "password_reset_complete": "accounts/tests/test_joining.py",
    "set_language": "core/tests/test_i18n.py",
    "healthz": "core/tests/test_health.py",
    "scoped-file": "core/tests/test_files.py",
    "api-schema": "core/tests/test_api_docs.py",
    "api-docs": "core/tests/test_api_docs.py",
    # A sticker's token, not a primary key: walked with every role in safety/tests/test_scan_roles.py
    # (and on a phone in safety/tests/test_browser_patrol.py).
    "patrol-scan": "safety/tests/test_scan_roles.py",
    # Issue 7 public disclosure pages (no login): every role, inside and outside, and anonymous get 200
    # in disclosure/tests/test_roles.py (the QR code scanned in disclosure/tests/test_poster.py).
    "disclosure-page": "disclosure/tests/test_roles.py",
    "disclosure-poster": "disclosure/tests/test_roles.py",
    "disclosure-qr-svg": "disclosure/tests/test_roles.py",
    "disclosure-qr-png": "disclosure/tests/test_roles.py",
    # A finding, an appeal or an exemption per side: walked with every role there.
    "finding-appeal": "compliance/tests/test_review_pages.py",
    "finding-exemption": "compliance/tests/test_review_pages.py",
    "appeal-detail": "compliance/tests/test_review_pages.py",
    "exemption-detail": "compliance/tests/test_review_pages.py",
    # Clause 3.7 surveys and rectification items: walked with every role there (an owner answers only
    # for his own household; survey-status is POST only, walked there too).
    "my-surveys": "servicedesk/tests/test_surveys_roles.py",
    "survey-list": "servicedesk/tests/test_surveys_roles.py",
    "survey-create": "servicedesk/tests/test_surveys_roles.py",
    "survey-detail": "servicedesk/tests/test_surveys_roles.py",
    "survey-update": "servicedesk/tests/test_surveys_roles.py",
    "survey-status": "servicedesk/tests/test_surveys_roles.py",
    "survey-copy": "servicedesk/tests/test_surveys_roles.py",
    "survey-answer": "servicedesk/tests/test_surveys_roles.py",
    "survey-paper": "servicedesk/tests/test_surveys_roles.py",
    "survey-results": "servicedesk/tests/test_surveys_roles.py",
    "survey-results-print": "servicedesk/tests/test_surveys_roles.py",
    "rectification-list": "servicedesk/tests/test_surveys_roles.py",
    "rectification-create": "servicedesk/tests/test_surveys_roles.py",
    "rectification-detail": "servicedesk/tests/test_surveys_roles.py",
    "rectification-update": "servicedesk/tests/test_surveys_roles.py",
    "rectification-close": "servicedesk/tests/test_surveys_roles.py",
    # Clause 1.6 half-year statements: walked with every role there (publish and correct are POST only).
    # Issue 8 exits (2.1, 2.4): walked with every role in lifecycle/tests/test_exit_pages.py
    "exit-list": "lifecycle/tests/test_exit_pages.py",
    "exit-my-refunds": "lifecycle/tests/test_exit_pages.py",
    "exit-create": "lifecycle/tests/test_exit_pages.py",
    "exit-detail": "lifecycle/tests/test_exit_pages.py",
    "exit-move": "lifecycle/tests/test_exit_pages.py",
    "exit-item-create": "lifecycle/tests/test_exit_pages.py",
    "exit-item-confirm": "lifecycle/tests/test_exit_pages.py",
    "exit-refunds": "lifecycle/tests/test_exit_pages.py",
    "statement-list": "finance/tests/test_statements_pages.py",
    "statement-create": "finance/tests/test_statements_pages.py",
    "statement-detail": "finance/tests/test_statements_pages.py",
    "statement-print": "finance/tests/test_statements_pages.py",
    "statement-update": "finance/tests/test_statements_pages.py",
    "statement-publish": "finance/tests/test_statements_pages.py",
    "statement-correct": "finance/tests/test_statements_pages.py",
    "statement-import": "finance/tests/test_statements_import.py",
    "statement-import-template": "finance/tests/test_statements_import.py",
    # Clause 2.5 common parts: walked with every role there (and a reader's POST writes nothing).
    # Issue 8 co-management (5.1, 5.2) and the regulator's events: walked with every role there.
    "construction-list": "comanagement/tests/test_pages.py",
    "construction-create": "comanagement/tests/test_pages.py",
    "construction-move": "comanagement/tests/test_pages.py",
    "animals-list": "comanagement/tests/test_pages.py",
    "animal-notice-create": "comanagement/tests/test_pages.py",
    "pet-create": "comanagement/tests/test_pages.py",
    "unauthorised-animal-create": "comanagement/tests/test_pages.py",
    # Issue 9 reminders: deadlines coming up and the regulator's digests, walked with every role there.
    "oversight-deadlines": "oversight/tests/test_reminders_pages.py",
    "oversight-digest-list": "oversight/tests/test_reminders_pages.py",
    "oversight-digest-detail": "oversight/tests/test_reminders_pages.py",
    "regulatorevent-list": "comanagement/tests/test_pages.py",
    "regulatorevent-create": "comanagement/tests/test_pages.py",
    # Issue 9 parameters (regulators only): walked with every role, inside and outside, there.
    "oversight-parameters": "oversight/tests/test_parameters_pages.py",
    "oversight-parameter-create": "oversight/tests/test_parameters_pages.py",
    "oversight-parameter-cancel": "oversight/tests/test_parameters_pages.py",
    # Issue 9 audit view (regulators only; verify is POST only): walked with every role there.
    "oversight-audit": "oversight/tests/test_audit.py",
    "oversight-audit-evidence": "oversight/tests/test_audit.py",
    "oversight-audit-verify": "oversight/tests/test_audit.py",
    "commonarea-list": "finance/tests/test_commonareas_pages.py",
    "commonarea-create": "finance/tests/test_commonareas_pages.py",
    "ownersvote-create": "finance/tests/test_commonareas_pages.py",
    "ownersvote-update": "finance/tests/test_commonareas_pages.py",
    "commonarea-detail": "finance/tests/test_commonareas_pages.py",
    "commonarea-update": "finance/tests/test_commonareas_pages.py",
    "commonareaincome-create": "finance/tests/test_commonareas_pages.py",
    # Clause 2.6 parking: walked with every role, inside and outside, in finance/tests/test_parking_pages.py.
    "parking-spaces": "finance/tests/test_parking_pages.py",
    "parking-space-create": "finance/tests/test_parking_pages.py",
    "parking-rules-create": "finance/tests/test_parking_pages.py",
    "parking-space-detail": "finance/tests/test_parking_pages.py",
    "parking-lease-create": "finance/tests/test_parking_pages.py",
    "parking-transfer-create": "finance/tests/test_parking_pages.py",
    "parking-payment-create": "finance/tests/test_parking_pages.py",
    # Issue 8 people (clauses 1.4, 1.7, 3.8): labour pages for the employer and the regulators, policies and
    # training where the enterprise is; walked with every role, inside and outside, and anonymous there.
    "people-wages": "enterprises/tests/test_people_pages.py",
    "people-wage-create": "enterprises/tests/test_people_pages.py",
    "people-payroll-import": "enterprises/tests/test_people_pages.py",
    "people-payroll-template": "enterprises/tests/test_people_pages.py",
    "people-terminations": "enterprises/tests/test_people_pages.py",
    "people-termination-create": "enterprises/tests/test_people_pages.py",
    "people-termination-review": "enterprises/tests/test_people_pages.py",
    "people-policies": "enterprises/tests/test_people_pages.py",
    "people-policy-create": "enterprises/tests/test_people_pages.py",
    "people-trainings": "enterprises/tests/test_people_pages.py",
    "people-training-create": "enterprises/tests/test_people_pages.py",
    "people-training-update": "enterprises/tests/test_people_pages.py",
    # POST on one's own notification (another's is 404): servicedesk/tests/test_tickets_notifications.py.
    "notification-read": "servicedesk/tests/test_tickets_notifications.py",
    "notification-read-all": "servicedesk/tests/test_tickets_notifications.py",
    # Ticket pages: a ticket is read by its project's readers and its household's owner (not the developer),
    # a desk by the project's readers only; walked with every role, inside and outside, and anonymous there.
    "my-tickets": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-file": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-escalated": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-desks": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-detail": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-move": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-withdraw": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-rate": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-follow-up": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-appointment": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-outcome": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-comment": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-escalate": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-desk": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-desk-print": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-log": "servicedesk/tests/test_ticket_pages_roles.py",
    "ticket-trends": "servicedesk/tests/test_ticket_pages_roles.py",
    # Issue 8 takeover (2.1–2.3): walked with every role in lifecycle/tests/test_takeover_pages.py
    "takeover-list": "lifecycle/tests/test_takeover_pages.py",
    "takeover-create": "lifecycle/tests/test_takeover_pages.py",
    "takeover-detail": "lifecycle/tests/test_takeover_pages.py",
    "takeover-move": "lifecycle/tests/test_takeover_pages.py",
    "takeover-checklist": "lifecycle/tests/test_takeover_pages.py",
    "takeover-documents": "lifecycle/tests/test_takeover_pages.py",
    "takeover-problems": "lifecycle/tests/test_takeover_pages.py",
    "takeover-problem-fix": "lifecycle/tests/test_takeover_pages.py",
    # Issue 9 credit: regulator pages walked with every role inside and outside (and anonymous) in
    # oversight/tests/test_credit_pages.py; the public division list by every role and anonymous in
    # test_credit_public.py; the credit report by every role, both sides, in test_credit_report.py.
    "oversight-ranking": "oversight/tests/test_credit_pages.py",
    "oversight-project-ranking": "oversight/tests/test_credit_pages.py",
    "oversight-credit-lists": "oversight/tests/test_credit_pages.py",
    "oversight-publications": "oversight/tests/test_credit_pages.py",
    "oversight-publication-create": "oversight/tests/test_credit_pages.py",
    "oversight-publication-detail": "oversight/tests/test_credit_pages.py",
    "oversight-publication-publish": "oversight/tests/test_credit_pages.py",
    "oversight-public-credit": "oversight/tests/test_credit_public.py",
    "oversight-credit-report": "oversight/tests/test_credit_report.py",
    # Issue 9 rectification orders: walked with every role in oversight/tests/test_orders_pages.py
    "order-list": "oversight/tests/test_orders_pages.py",
    "order-create": "oversight/tests/test_orders_pages.py",
    "order-detail": "oversight/tests/test_orders_pages.py",
    "order-answer": "oversight/tests/test_orders_pages.py",
    "order-decide": "oversight/tests/test_orders_pages.py",
    # Issue 9 dashboard: regulators only, their division and below (others 403, other divisions 404).
    "oversight-dashboard": "oversight/tests/test_dashboard.py",
    "oversight-division-report": "oversight/tests/test_dashboard_report.py",
}


def named_urls(patterns, inside_admin=False):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "api"):
                continue  # the admin is Django's; the API is walked below and in test_api_matrix.py
            yield from named_urls(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


def test_every_url_is_walked_somewhere():
    names = set(named_urls(get_resolver().url_patterns))
    assert names - set(PAGES) - set(ELSEWHERE) == set(), "add these URLs to PAGES or ELSEWHERE"
    assert set(PAGES) | set(ELSEWHERE) <= names, "these URLs no longer exist"


def test_every_api_endpoint_is_walked_somewhere():
    from wuye.core.tests.test_api_matrix import ENDPOINTS

    walked = {url.strip("/").split("/")[1] for url, _edit in ENDPOINTS.values()} | {"divisions"}
    walked |= {"findings", "appeals", "exemptions"}  # walked in compliance/tests/test_api_review.py
    walked |= {"power-rooms", "power-rounds", "defects"}  # walked in safety/tests/test_api.py
    # Clause 4.1: walked in safety/tests/test_api_patrols.py
    walked |= {"entrances", "duty-shifts", "patrol-routes", "patrol-points"}
    walked |= {"patrol-rounds", "patrol-check-ins", "cameras", "camera-checks"}
    # Clauses 3.4, 3.5, 4.5 and the entrance signs: walked in safety/tests/test_api_plans.py
    walked |= {
        "emergency-plans",
        "plan-reviews",
        "drills",
        "incidents",
        "stoppage-notices",
        "archive-documents",
    }
    walked |= {"vehicle-rules", "sign-photos", "content-reviews", "vehicles"}
    # Clause 4.2: walked in safety/tests/test_api_elevators.py
    walked |= {"elevators", "elevator-inspections", "maintenance-visits", "elevator-breakdowns"}
    walked |= {"elevator-label-checks"}
    # Clauses 4.6 and 4.7: walked in safety/tests/test_water_api.py
    walked |= {"water-tanks", "water-tests", "tank-cleanings", "water-quality-reports", "pollution-incidents"}
    walked |= {"pollution-reports", "sewer-checks", "sewer-flushes", "septic-tanks", "septic-emptyings"}
    # Clauses 4.3 and 4.4: walked in safety/tests/test_api_fire.py
    walked |= {"fire-equipment", "fire-equipment-checks", "fire-system-tests", "fire-passages"}
    walked |= {"fire-passage-checks", "lightning-protection", "lightning-tests", "flood-protection"}
    walked |= {"flood-checks"}
    # Clauses 1.2 and 3.3: walked in servicedesk/tests/test_centres_api.py
    walked |= {"offices", "service-centres", "centre-shifts"}
    # Clause 3.7 surveys: walked in servicedesk/tests/test_surveys_api.py
    walked |= {"surveys", "survey-responses", "rectification-items"}
    # Clause 1.6 statements and their accounts: walked in finance/tests/test_statements_api.py
    walked |= {"statements", "statement-accounts"}
    # Issue 6 tickets (with their move, follow-up, appointment, outcome, comment, escalate and events
    # actions): walked with every role in servicedesk/tests/test_tickets_api.py
    walked |= {"tickets"}
    # Issue 7 fees (clause 1.5): walked in finance/tests/test_fees_api.py
    walked |= {"fee-standards", "fee-notices", "bills", "payments"}
    # Clause 2.5 common parts: walked in finance/tests/test_commonareas_api.py
    walked |= {"owners-votes", "common-area-uses", "common-area-incomes"}
    # Clause 2.6 parking: walked with every role in finance/tests/test_parking_api.py
    walked |= {"parking-spaces", "parking-leases", "parking-payments", "parking-transfers", "parking-rules"}
    # Issue 8 takeover (2.1–2.3): walked with every role in lifecycle/tests/test_takeover_api.py
    walked |= {"takeovers", "takeover-items", "takeover-documents", "takeover-problems"}
    # Issue 8 exits: walked with every role in lifecycle/tests/test_exit_api.py
    walked |= {"exits", "exit-handover-items", "exit-refunds"}
    # Issue 8 people (clauses 1.4, 1.7, 3.8): walked with every role in enterprises/tests/test_people_api.py
    walked |= {"wages", "terminations", "policies", "trainings"}
    # Issue 8 co-management and the regulator's events: walked with every role in comanagement/tests/test_api.py
    walked |= {"construction-cases", "animal-notices", "pets", "unauthorised-animals", "regulator-events"}
    # Issue 9 parameters: walked with every role in oversight/tests/test_parameters_pages.py
    walked |= {"parameter-overrides"}
    # Issue 9 credit (regulators only): walked with every role in oversight/tests/test_credit_api.py
    walked |= {"credit-rankings", "grade-publications"}
    # Issue 9 rectification orders: walked with every role in oversight/tests/test_orders_api.py
    walked |= {"rectification-orders"}
    registered = {prefix for prefix, _viewset, _basename in router.registry}
    assert registered == walked, (
        "walk new API endpoints in test_api_matrix.py (divisions: test_api_divisions.py)"
    )


@pytest.fixture(scope="module")
def matrix_media(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix")


@pytest.fixture(scope="module")
def matrix_world(shared_world, django_db_blocker, matrix_media):
    """The personas' worlds, each side with a power room and the open defect one of its rounds found,
    an entrance with a shift, a patrol route with points and a camera, fire equipment, a passage, lightning
    and flood protection with their records (safety/tests/world.py; their photos in a temporary folder),
    an office, a service centre and a shift of its roster (servicedesk/tests/world_centres.py).
    Built once for the module, in its transaction (conftest.py ``shared_world``)."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=matrix_media):
        world = add_plans(add_elevators(add_water(add_fire(add_patrols(add_power_rooms(shared_world))))))
        return add_centres(world)


@pytest.fixture
def world(matrix_world, db, settings, matrix_media):
    settings.MEDIA_ROOT = matrix_media
    return copy.deepcopy(matrix_world)


def expected(role, kind, model, side):
    if kind in ("home", "list"):
        return 200
    if kind == "register":
        return 200 if role in REGISTRY_KEEPERS else 403
    rule = SCOPED_AS.get(model, model)
    if kind == "add":
        parent = PARENTS[model]
        if not can_read(role, SCOPED_AS.get(parent, parent), side):
            return 404
        return 200 if can_write(role, rule, side) else 403
    if not can_read(role, rule, side):
        return 404
    if kind == "edit":
        return 200 if can_write(role, rule, side) else 403
    if kind == "record":
        return 200 if role in RECORDERS[side] else 403
    if kind == "reveal":
        return 200 if can_see_id_number(role, side) else 403
    return 200


def request(client, world, name, kind, model, side):
    obj = None
    if kind == "add":
        obj = getattr(getattr(world, side), PARENTS[model])
    elif kind not in ("home", "list", "register"):
        obj = getattr(getattr(world, side), model)
    url = reverse(name, args=[obj.pk] if obj else [])
    return client.post(url) if kind == "reveal" else client.get(url)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_as_the_table_says(client, world, role, side):
    client.force_login(world.users[role])
    wrong = []
    for name, (kind, model) in PAGES.items():
        status = request(client, world, name, kind, model, side).status_code
        want = expected(role, kind, model, side)
        if status != want:
            wrong.append(f"{name}: {status}, expected {want}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_exactly_the_readable_objects(client, world, role):
    client.force_login(world.users[role])
    for name, (kind, model) in PAGES.items():
        if kind != "list":
            continue
        body = client.get(reverse(name)).content.decode()
        for side in ("inside", "outside"):
            shown = getattr(getattr(world, side), model).name in body
            readable = can_read(role, SCOPED_AS.get(model, model), side)
            assert shown is readable, f"{name} as {role}: {side} {model} shown={shown}"


def test_anonymous_is_sent_to_login_from_every_page(client, world):
    for name, (kind, model) in PAGES.items():
        response = request(client, world, name, kind, model, "inside")
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), name


def test_denied_reveal_logs_nothing_and_allowed_reveal_logs_once(client, world):
    from wuye.enterprises.models import IdNumberDisclosure

    client.force_login(world.users["committee"])
    assert client.post(reverse("staff-reveal-id", args=[world.inside.staff.pk])).status_code == 403
    assert not IdNumberDisclosure.objects.exists()
    client.force_login(world.users["manager"])
    response = client.post(reverse("staff-reveal-id", args=[world.inside.staff.pk]))
    assert world.inside.staff.reveal_id_number() in response.content.decode()
    assert IdNumberDisclosure.objects.filter(user=world.users["manager"], channel="web").count() == 1
