"""``dlexam audit``: are the random variants of each family worth asking?"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import Any

import click

from generator.audit import DRAWS, THRESHOLDS, FamilyAudit, PartAudit, run_audit
from generator.errors import DlexamError
from generator.registry import default_registry


@click.command("audit")
@click.argument("family_ids", metavar="[FAMILY]...", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Audit every family.")
@click.option(
    "--n",
    "draws",
    type=click.IntRange(2, 100000),
    default=DRAWS,
    show_default=True,
    help="Draws per family (draw i = `dlexam solve FAMILY --seed i`).",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=lambda: os.cpu_count() or 1,
    show_default="number of cores",
    help="Processes that draw and solve in parallel.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def audit_command(
    family_ids: tuple[str, ...], every: bool, draws: int, jobs: int, as_json: bool
) -> None:
    """Draw N variants of each FAMILY and report, per part: distinct keys, constant parts, parts
    equal to another part, degenerate draws (all-zero vectors, saturated sigmoids, infinities,
    keys that are 0 or ±1), the longest number in a key, and for calculator-free families the
    share of draws whose keys are all small exact numbers (doable by hand)."""
    registry = default_registry()
    if every == bool(family_ids):
        raise DlexamError("name the families to audit, or give --all (not both)")
    families = list(registry.families.values()) if every else [registry.get(f) for f in family_ids]
    started = time.perf_counter()
    with click.progressbar(
        length=draws * len(families), label="auditing", file=sys.stderr, show_pos=True
    ) as bar:
        audits = run_audit(families, draws, jobs=jobs, progress=bar.update)
    seconds = time.perf_counter() - started
    cpu = sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )
    if as_json:
        document = {
            "draws": draws,
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu, 1),
            "thresholds": THRESHOLDS,
            "families": [audit.as_json() for audit in audits],
            "summary": _summary_json(audits),
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    for audit in audits:
        click.echo(_family_text(audit))
    click.echo(
        _summary_text(audits, draws, f"{seconds:.0f} s ({cpu:.0f} s CPU) on {jobs} process(es)")
    )


def _summary_json(audits: list[FamilyAudit]) -> dict[str, Any]:
    return {
        status: [a.id for a in audits if a.status == status]
        for status in ("meets", "declared", "fails")
    }


def _part_row(part: PartAudit, draws: int) -> str:
    notes = [f"{reason} {count}" for reason, count in part.reasons.items()]
    notes += [f"= ({other}) in {count}" for other, count in part.equals.items()]
    if part.letters:
        notes.append(" ".join(f"{k}:{v}" for k, v in list(part.letters.items())[:8]))
    if part.constant:
        notes.insert(0, f"CONSTANT {part.longest}")
    seeds = sorted({s for shown in part.examples.values() for s in shown})[:3]
    if seeds:
        notes.append("seeds " + ",".join(map(str, seeds)))
    return (
        f"  ({part.id}) {part.kind:10} {part.distinct:8} {part.degenerate / draws:6.1%}"
        f" {part.max_chars:6} {part.max_digits:6}  {'; '.join(notes)}"
    )


def _family_text(audit: FamilyAudit) -> str:
    hand = (
        "calculator allowed"
        if audit.calculator
        else f"no calculator, by hand {audit.by_hand / audit.draws:.0%}"
    )
    lines = [
        f"{audit.id}: {audit.draws} draws, {audit.distinct_variants} distinct variants, {hand}, "
        f"degenerate {audit.degenerate_draws / audit.draws:.1%} -> {audit.status.upper()}",
        "  part kind         keys  degen  chars digits  notes",
        *(_part_row(part, audit.draws) for part in audit.parts),
    ]
    lines += [f"  FAILS {failure}" for failure in audit.failures]
    lines += [
        f"  declared {d.threshold} ({', '.join(d.parts) or 'all'}): {d.reason}"
        for d in audit.declared
    ]
    return "\n".join(lines) + "\n"


def _summary_text(audits: list[FamilyAudit], draws: int, took: str) -> str:
    by_status = _summary_json(audits)
    lines = [
        f"{len(audits)} families, {draws} draws each, {took}: "
        f"{len(by_status['meets'])} meeting every threshold, "
        f"{len(by_status['declared'])} with declared exceptions, {len(by_status['fails'])} failing",
        "thresholds: " + "; ".join(THRESHOLDS.values()),
    ]
    for audit in audits:
        if audit.status == "declared":
            for d in audit.declared:
                lines.append(
                    f"  declared {audit.id} {d.threshold} ({', '.join(d.parts) or 'all'}): "
                    f"{d.reason}"
                )
    for audit in audits:
        if audit.failures:
            lines.append(f"  fails {audit.id}: " + " | ".join(audit.failures))
    return "\n".join(lines)
