"""Evidence: append-only, server-timestamped, hash-chained records that prove a duty was done.

Every concrete evidence model (a power round, a patrol check-in, a water test...) inherits
``EvidenceRecord`` and says which chain it belongs to (``chain_key``: "project:12" or
"enterprise:3") and which check's back-fill limit applies (``backfill_check``). Records are written
only through ``append_evidence`` (or ``bulk_append_evidence``, many at once): it stamps
``recorded_at`` from the server clock, flags back-fill, and links the record into its chain under a
row lock on the chain's head, so two writers to one project queue instead of forking the chain. A
mistake is corrected by a new record that points at the old one (``corrects``); nothing is edited or
deleted in place.
"""

import datetime
import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.canonical import GENESIS, chain_hash
from wuye.core.scoping import ScopedQuerySet

# A phone's clock may run a little fast; more than this ahead of the server is "in the future".
CLOCK_SKEW = timezone.timedelta(minutes=5)


class Channel(models.TextChoices):
    WEB = "web", _("网页")
    PHONE = "phone", _("手机")
    IMPORT = "import", _("导入")
    API = "api", _("接口")


class AppendOnlyError(Exception):
    """Evidence is never changed or deleted in place."""


class EvidenceChain(models.Model):
    """The head of one hash chain: the evidence of one project (or one enterprise), in order."""

    key = models.CharField(_("链"), max_length=40, primary_key=True)
    length = models.PositiveBigIntegerField(_("记录数"), default=0)
    head = models.CharField(_("最新散列"), max_length=64, default=GENESIS)
    # When the chain last grew: an incremental evaluation looks only at chains that grew since.
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("证据链")
        verbose_name_plural = _("证据链")

    def __str__(self):
        return f"{self.key} ({self.length})"


class EvidenceQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("evidence records are append-only")

    def delete(self):
        raise AppendOnlyError("evidence records are append-only")


EvidenceManager = models.Manager.from_queryset(EvidenceQuerySet)


class EvidenceRecord(models.Model):
    """What every evidence record carries: claimed and server times, who and how, its place in the chain."""

    occurred_at = models.DateTimeField(_("发生时间"), db_index=False)
    recorded_at = models.DateTimeField(_("登记时间"), editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    channel = models.CharField(_("登记途径"), max_length=10, choices=Channel.choices, editable=False)
    attachment = models.FileField(_("附件"), upload_to="evidence/%Y/%m/", blank=True)
    attachment_sha256 = models.CharField(_("附件SHA-256"), max_length=64, blank=True, editable=False)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("更正的记录"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    backfilled = models.BooleanField(_("补录"), default=False, editable=False)
    chain = models.CharField(_("证据链"), max_length=40, editable=False)
    chain_seq = models.PositiveBigIntegerField(_("链内序号"), editable=False)
    prev_hash = models.CharField(_("前一记录散列"), max_length=64, editable=False)
    hash = models.CharField(_("散列"), max_length=64, editable=False)

    objects = EvidenceManager()

    # Subclasses say whose chain they are in: ``chain_kind`` ("project" or "enterprise") and the
    # attribute path to that subject's id (``chain_attr``, e.g. "power_room.project_id"), and the
    # check whose back-fill limit applies (``backfill_check``, e.g. "4.8.round_gap").
    chain_kind: str = "project"
    chain_attr: str = ""
    backfill_check: str = ""

    class Meta:
        abstract = True
        # One record per place in a chain, enforced by the database too: a forked chain cannot be stored.
        # Concrete models inherit this Meta (``class Meta(EvidenceRecord.Meta)``).
        constraints = [
            models.UniqueConstraint(fields=["chain", "chain_seq"], name="%(app_label)s_%(class)s_chain_seq")
        ]

    def save(self, *args, **kwargs):
        if not getattr(self, "_appending", False):
            raise AppendOnlyError("write evidence with core.evidence.append_evidence")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("evidence records are append-only")

    # -- what subclasses provide ------------------------------------------------------------

    def chain_key(self) -> str:
        """The chain this record belongs to: "project:<id>" or "enterprise:<id>"."""
        value = self
        for name in self.chain_attr.split("."):
            value = getattr(value, name)
        return f"{self.chain_kind}:{value}"

    def division_code(self) -> str | None:
        """The GB/T 2260 code whose parameter overrides apply (for the back-fill limit)."""
        return None

    def validate_claim(self) -> None:
        """Domain rules on the claimed content (e.g. not before the power room existed)."""

    # -- the chain ----------------------------------------------------------------------------

    def content(self) -> dict:
        """Every stored field but the row id (given by the database after the hash) and the hash itself.

        The record's place is ``chain`` + ``chain_seq``, which the hash does cover.
        """
        data = {}
        for field in self._meta.concrete_fields:
            if field.primary_key or field.name == "hash":
                continue
            value = field.value_from_object(self)
            if isinstance(field, models.FileField):
                value = value.name if value else ""
            elif isinstance(field, models.DecimalField) and value is not None:
                # As stored: 230 and 230.0 must hash alike once read back from either database.
                value = Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
            data[field.attname] = value
        return data

    def compute_hash(self) -> str:
        return chain_hash(self._meta.label_lower, self.content(), self.prev_hash)


def file_sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _lock_chain(key: str) -> EvidenceChain:
    try:
        with transaction.atomic():
            EvidenceChain.objects.get_or_create(key=key)
    except IntegrityError:  # another writer created it first; it exists now
        pass
    return EvidenceChain.objects.select_for_update().get(key=key)


def _stamp(record: EvidenceRecord, *, user, channel: str, now, backfill_limit, checked=()) -> None:
    """Stamp who, how and when (the server's ``now``), flag back-fill and validate the claim.

    Everything but the record's place in its chain; ``backfill_limit(record)`` gives the duty's limit.
    ``checked`` names fields whose value was validated already (a foreign key met earlier in a batch).
    """
    if record.pk is not None:
        raise AppendOnlyError("evidence records are append-only")
    record.recorded_at = now
    record.recorded_by = user
    record.channel = channel
    if record.occurred_at is None:
        raise ValidationError({"occurred_at": _("请填写发生时间。")})
    if record.occurred_at > now + CLOCK_SKEW:
        raise ValidationError({"occurred_at": _("发生时间不能晚于当前时间。")})
    if record.corrects_id is not None and record.corrects.chain_key() != record.chain_key():
        raise ValidationError({"corrects": _("只能更正本项目（本企业）的记录。")})
    record.validate_claim()
    if record.attachment and hasattr(record.attachment, "chunks"):
        record.attachment_sha256 = file_sha256(record.attachment)
    if record.backfill_check:
        record.backfilled = now - record.occurred_at > backfill_limit(record)
    record.full_clean(exclude=["chain", "chain_seq", "prev_hash", "hash", "recorded_by", *checked])


def _backfill_limit_key(record: EvidenceRecord) -> tuple:
    """What the back-fill limit of a record depends on: its duty, its division and the day it claims."""
    return (record.backfill_check, "backfill_limit", record.division_code(), record.occurred_at.date())


def _backfill_limit(record: EvidenceRecord):
    from wuye.compliance.parameters import param  # the back-fill limit is a check parameter

    return param(*_backfill_limit_key(record))


def _link(record: EvidenceRecord, head: EvidenceChain) -> None:
    """Give the record the next place in the (locked) chain and its hash; move the head onto it."""
    record.chain = head.key
    record.chain_seq = head.length + 1
    record.prev_hash = head.head
    if record.attachment and not record.attachment._committed:
        record.attachment.save(record.attachment.name, record.attachment, save=False)
    record.hash = record.compute_hash()
    head.length, head.head = record.chain_seq, record.hash


@transaction.atomic
def append_evidence(record: EvidenceRecord, *, user, channel: str, now=None) -> EvidenceRecord:
    """Validate, stamp and chain a new evidence record; the only way evidence is written."""
    _stamp(record, user=user, channel=channel, now=now or timezone.now(), backfill_limit=_backfill_limit)
    head = _lock_chain(record.chain_key())
    _link(record, head)
    record._appending = True
    try:
        record.save(force_insert=True)
    finally:
        record._appending = False  # the same object must not be saved again later
    head.save(update_fields=["length", "head", "updated_at"])
    return record


BULK_BATCH = 500


@transaction.atomic
def bulk_append_evidence(records, *, user, channel: str, now=None) -> list:
    """Append many records as ``append_evidence`` would one by one, in a fraction of the time.

    For imports and seeding (thousands of rounds): each record is stamped and validated alike, the
    chains are locked once each, hashes are linked in memory and the rows go in with ``bulk_create``.
    ``now`` is the server's time of receipt: None (the clock, once), one datetime, or one per record
    (an import replaying when each row arrived). Records are chained in the order of those times, as
    one-by-one appends would have met them; records with the same time keep the order given.
    """
    records = list(records)
    if now is None or isinstance(now, datetime.datetime):
        nows = [now or timezone.now()] * len(records)
    else:
        nows = list(now)
        if len(nows) != len(records):
            raise ValueError("bulk_append_evidence needs one receipt time per record")
    limits = {}

    def backfill_limit(record):
        key = _backfill_limit_key(record)
        if key not in limits:
            limits[key] = _backfill_limit(record)
        return limits[key]

    # Validating a foreign key costs a query; the rows of a batch mostly point at one power room.
    validated = set()
    chains: dict[str, list] = {}
    for index in sorted(range(len(records)), key=nows.__getitem__):
        record = records[index]
        keys = [(f.name, getattr(record, f.attname)) for f in record._meta.concrete_fields if f.is_relation]
        checked = [name for name, value in keys if (name, value) in validated]
        _stamp(
            record,
            user=user,
            channel=channel,
            now=nows[index],
            backfill_limit=backfill_limit,
            checked=checked,
        )
        validated.update(keys)
        chains.setdefault(record.chain_key(), []).append(record)
    appended = []
    for key in sorted(chains):  # locks taken in one order: two bulk writers queue, never deadlock
        head = _lock_chain(key)
        for record in chains[key]:
            _link(record, head)
        appended += chains[key]
        head.save(update_fields=["length", "head", "updated_at"])
    by_model: dict[type, list] = {}
    for record in appended:
        by_model.setdefault(type(record), []).append(record)
    for model, rows in by_model.items():
        model._default_manager.bulk_create(rows, batch_size=BULK_BATCH)
    return appended
