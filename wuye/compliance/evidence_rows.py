"""The records a finding rests on, as a reader sees them: name, times, a link, only those he may see.

``Finding.evidence`` holds ``"app_label.model:pk"`` strings (``wording.label``). They are resolved for
a whole page of findings at once: one query per model, through that model's ``visible_to``, with
the foreign keys its ``__str__`` is likely to read joined in (two levels: a round's room's project).
The compliance app imports no domain app for this; it asks the app registry by label.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class EvidenceRow:
    """One record behind a finding, for display."""

    kind: str  # the model's verbose name
    text: str
    url: str | None
    occurred_at: object = None
    recorded_at: object = None
    backfilled: bool = False


def parse(reference: str) -> tuple[str, int] | None:
    label, _sep, pk = reference.partition(":")
    if not pk.isdigit() or "." not in label:
        return None
    return label, int(pk)


def model_for(label: str):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    # Only scoped models: a record with no scope rule is not shown rather than shown to everyone.
    return model if hasattr(model.objects, "visible_to") else None


def forward_keys(model) -> list[models.ForeignKey]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]


def joins(model) -> list[str]:
    """The foreign keys to fetch along: every forward key, and the forward keys of those."""
    paths = []
    for key in forward_keys(model):
        paths.append(key.name)
        paths += [f"{key.name}__{inner.name}" for inner in forward_keys(key.related_model)]
    return paths


def url_of(record) -> str | None:
    """The record's own page, else the page of the first record it belongs to (a round → its room)."""
    if hasattr(record, "get_absolute_url"):
        return record.get_absolute_url()
    for key in forward_keys(type(record)):
        parent = getattr(record, key.name, None)
        if parent is not None and hasattr(parent, "get_absolute_url"):
            return parent.get_absolute_url()
    return None


def row_of(record) -> EvidenceRow:
    return EvidenceRow(
        kind=str(record._meta.verbose_name),
        text=str(record),
        url=url_of(record),
        occurred_at=getattr(record, "occurred_at", None),
        recorded_at=getattr(record, "recorded_at", None),
        backfilled=bool(getattr(record, "backfilled", False)),
    )


def attach_evidence(findings, user) -> None:
    """Set ``evidence_rows`` (what ``user`` may see, in the finding's order) and ``evidence_hidden``
    (how many he may not, or that no longer exist) on each finding."""
    wanted = defaultdict(set)
    for finding in findings:
        for reference in finding.evidence or ():
            parsed = parse(reference)
            if parsed:
                wanted[parsed[0]].add(parsed[1])
    found = {}
    for label, pks in wanted.items():
        model = model_for(label)
        if model is None:
            continue
        records = model.objects.visible_to(user).filter(pk__in=pks).select_related(*joins(model))
        for record in records:
            found[(label, record.pk)] = row_of(record)
    for finding in findings:
        rows = [found.get(parse(reference) or ("", 0)) for reference in finding.evidence or ()]
        finding.evidence_rows = [row for row in rows if row is not None]
        finding.evidence_hidden = len(rows) - len(finding.evidence_rows)
