"""The chain becomes keyed (tipline.vault.digests): every event records the id of the `audit_chain` key that
sealed it.

A log written before this migration is first checked against its old, unkeyed chain and then sealed again
under the key; the migration stops if the old chain is already broken, because sealing it again would hide the
tampering. The append-only triggers are lifted only for the duration of this migration, and the re-sealing is
itself recorded in the log ("audit.chain_keyed"), so an auditor sees where the keyed chain began."""

import importlib

from django.db import migrations, models

_append_only = importlib.import_module("tipline.audit.migrations.0002_chain_head_and_append_only")
GENESIS = bytes(32)


class ChainBroken(RuntimeError):
    pass


def _record(event, sequence=None):
    from tipline.audit.services import event_record_bytes

    return event_record_bytes(
        sequence=event.sequence if sequence is None else sequence,
        occurred_at=event.occurred_at.isoformat(),
        actor_kind=event.actor_kind,
        actor_id=event.actor_id,
        action=event.action,
        subject=event.subject,
        reason=event.reason,
        details=event.details,
    )


def _chain_check(events, head, link_ok):
    """Walks the chain as the previous form sealed it; raises at the first event that does not hold."""
    previous, expected = GENESIS, 1
    for event in events:
        if (
            event.sequence != expected
            or bytes(event.previous_hash) != previous
            or not link_ok(event, previous)
        ):
            raise ChainBroken(
                f"audit event {event.sequence} fails verification of the existing chain; refusing to seal the log "
                "again (that would hide the tampering). Investigate, restore the log from a backup, then migrate."
            )
        previous, expected = bytes(event.hash), expected + 1
    if head.sequence != expected - 1 or bytes(head.hash) != previous:
        raise ChainBroken(
            f"the audit chain ends at event {expected - 1} but its head records event {head.sequence}; refusing "
            "to seal the log again. Investigate, restore the log from a backup, then migrate."
        )


def chain_seal_keyed(apps, schema_editor):
    from tipline import clock
    from tipline.vault.digests import chain_digest, chain_digest_unkeyed

    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    head, _ = AuditChainHead.objects.get_or_create(id=1, defaults={"sequence": 0, "hash": GENESIS})
    events = AuditEvent.objects.order_by("sequence")
    if not events.exists():
        return
    _chain_check(
        events.iterator(chunk_size=1000),
        head,
        lambda event, previous: chain_digest_unkeyed(previous, _record(event)) == bytes(event.hash),
    )
    previous = GENESIS
    for event in events.iterator(chunk_size=1000):
        link = chain_digest(previous, _record(event))
        AuditEvent.objects.filter(pk=event.pk).update(
            previous_hash=previous, hash=link.digest, key_id=link.key_id
        )
        previous = link.digest
    marker = AuditEvent(
        sequence=head.sequence + 1,
        occurred_at=clock.now(),
        actor_kind="system",
        actor_id=None,
        action="audit.chain_keyed",
        subject="",
        reason="",
        details={"events_sealed": head.sequence},
        previous_hash=previous,
    )
    link = chain_digest(previous, _record(marker))
    marker.hash, marker.key_id = link.digest, link.key_id
    marker.save()
    AuditChainHead.objects.filter(id=1).update(sequence=marker.sequence, hash=link.digest)
    _deferred_checks_run(schema_editor)


def _deferred_checks_run(schema_editor):
    """PostgreSQL refuses to alter a table with deferred foreign-key checks pending; run them now."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def chain_seal_unkeyed(apps, schema_editor):
    """Going back: the keyed chain is checked, then sealed again in the old, unkeyed form."""
    from tipline.vault.digests import ChainDigester, chain_digest_unkeyed

    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    head = AuditChainHead.objects.filter(id=1).first()
    events = AuditEvent.objects.order_by("sequence")
    if head is None or not events.exists():
        return
    digester = ChainDigester()
    _chain_check(
        events.iterator(chunk_size=1000),
        head,
        lambda event, previous: digester.digest(event.key_id, previous, _record(event)) == bytes(event.hash),
    )
    previous = GENESIS
    for event in events.iterator(chunk_size=1000):
        digest = chain_digest_unkeyed(previous, _record(event))
        AuditEvent.objects.filter(pk=event.pk).update(previous_hash=previous, hash=digest, key_id=None)
        previous = digest
    AuditChainHead.objects.filter(id=1).update(hash=previous)
    _deferred_checks_run(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain_head_and_append_only")]

    operations = [
        migrations.RunPython(_append_only.triggers_drop, _append_only.triggers_create),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.PositiveBigIntegerField(null=True, verbose_name="chain key id"),
        ),
        migrations.RunPython(chain_seal_keyed, chain_seal_unkeyed),
        migrations.AlterField(
            model_name="auditevent",
            name="key_id",
            field=models.PositiveBigIntegerField(
                help_text="Which key of the audit chain keyset computed the hash.",
                verbose_name="chain key id",
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["action", "sequence"], name="audit_action_idx"),
        ),
        migrations.RunPython(_append_only.triggers_create, _append_only.triggers_drop),
    ]
