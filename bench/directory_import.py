"""The directory import (CSV) at 4,000 rows: first import, the same file again, 10 % changed.

Volumes (issue 20, item 9): 400 organisations of the demo's kinds with ten contact persons
each — 4,000 rows, the first row of an organisation naming it and its kind, every row with an
external key, phone, e-mail, languages, visibility and a verification date — read from one CSV
file through ``directory.importing.import_directory`` (what ``manage.py import_directory`` and the
admin's import view call), with the production task backend (django-tasks' database backend: the
search index update is queued, not run in the import).

Measured, each in one transaction as in operation: the first import into an empty directory
(every record created), the same file again (nothing changes: every row compared), and the file
with 10 % of the rows changed (updates with their change-log entries); plus a dry run of the
first file. Printed per run: seconds, rows per second, SQL queries, change-log entries written
and background tasks queued. Target: < 30 s for 4,000 rows. ``--profile`` prints the 25
costliest functions (cProfile, cumulative) of the first import.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import random
import time

import _setup

TARGET_SECONDS = 30.0
FUNCTIONS = ["Sachbearbeitung", "Teamleitung", "Beratung", "Fallmanagement", "Koordination"]
LANGUAGES = ["Deutsch", "Deutsch, Englisch", "Deutsch, Arabisch", "Deutsch, Türkisch, Englisch"]
HEADER = [
    "organisation_schluessel",
    "organisation",
    "art",
    "schluessel",
    "anrede",
    "vorname",
    "nachname",
    "funktion",
    "telefon",
    "email",
    "sprachen",
    "sichtbarkeit",
    "geprueft_am",
]


def add_arguments(parser) -> None:
    parser.add_argument(
        "--profile", action="store_true", help="print the costliest functions of the first import"
    )


def rows(args, rng: random.Random, kinds: list[str]) -> list[list[str]]:
    from django.utils.text import slugify

    from directory.demo_data import FAMILY, GIVEN

    n_orgs = _setup.scale(args, 400, 12)
    per_org = 10
    table = []
    for o in range(n_orgs):
        kind = kinds[o % len(kinds)]
        for c in range(per_org):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            table.append(
                [
                    f"org-{o}",
                    f"{kind.title()} Beispielstadt {o}" if c == 0 else "",
                    kind if c == 0 else "",
                    f"person-{o}-{c}",
                    rng.choice(["Frau", "Herr", ""]),
                    given,
                    family,
                    rng.choice(FUNCTIONS),
                    f"05221 {rng.randint(10, 99)}-{rng.randint(100, 999)}",
                    f"{slugify(given)}.{slugify(family)}@org{o}.example",
                    rng.choice(LANGUAGES),
                    rng.choice(["öffentlich", "partner", "partner"]),
                    f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2025",
                ]
            )
    return table


def as_csv(table: list[list[str]]) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    # The production task backend: the import queues the search update, the worker runs it.
    os.environ["TASK_BACKEND"] = "database"
    args = _setup.parse_args(__doc__, add_arguments=add_arguments)
    rng = random.Random(args.seed)
    with _setup.database("directory_import", args):
        from django.db import connection
        from django_tasks_db.models import DBTaskResult
        from wagtail.models import ModelLogEntry

        from directory.importing import import_directory
        from directory.models import ContactPerson, OrganisationKind

        kinds = [
            OrganisationKind.objects.create(name=name, slug=name)
            for name in ("behoerde", "jobcenter", "beratungsstelle", "sprachkurstraeger")
        ]
        table = rows(args, rng, [k.slug for k in kinds])
        changed = [list(row) for row in table]
        for row in rng.sample(changed, len(changed) // 10):
            row[8] = f"05221 {rng.randint(10, 99)}-{rng.randint(100, 999)}"  # a new phone number
        files = [
            ("dry run of the first file", as_csv(table), True),
            ("first import (all created)", as_csv(table), False),
            ("the same file again (unchanged)", as_csv(table), False),
            ("10 % of the rows changed", as_csv(changed), False),
        ]
        print(f"rows: {len(table)}")
        results = []
        for label, content, dry_run in files:
            logged, tasks = ModelLogEntry.objects.count(), DBTaskResult.objects.count()
            profiler = cProfile.Profile() if args.profile and label.startswith("first") else None
            queries: list[str] = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                if profiler:
                    profiler.enable()
                started, cpu = time.perf_counter(), time.process_time()
                report = import_directory(content=content, filename="liste.csv", dry_run=dry_run)
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                if profiler:
                    profiler.disable()
            assert report.ok, report.errors[:5]
            results.append(
                {
                    "label": label,
                    "rows": report.rows,
                    "seconds": seconds,
                    "cpu_seconds": cpu,
                    "queries": len(queries),
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "log_entries": ModelLogEntry.objects.count() - logged,
                    "tasks_queued": DBTaskResult.objects.count() - tasks,
                }
            )
            if profiler:
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
                print(out.getvalue())
        assert ContactPerson.objects.count() == len(table)

        print()
        print(
            "| run | rows | seconds | CPU s | rows/s | queries | created / updated / unchanged "
            "| log entries | tasks queued | target | met |"
        )
        print("|---|---:|---:|---:|---:|---:|---|---:|---:|---|---|")
        for r in results:
            met = "yes" if r["seconds"] < TARGET_SECONDS * r["rows"] / 4000 else "**no**"
            print(
                f"| {r['label']} | {r['rows']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} "
                f"| {r['rows'] / r['seconds']:.0f} | {r['queries']} "
                f"| {r['created']} / {r['updated']} / {r['unchanged']} | {r['log_entries']} "
                f"| {r['tasks_queued']} | < {TARGET_SECONDS:g} s per 4,000 rows | {met} |"
            )
        print()
        _setup.write_json(args, {"runs": results})


if __name__ == "__main__":
    main()
