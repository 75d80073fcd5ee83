"""``manage.py import_directory FILE [--dry-run]``: import organisations and contacts from CSV
or XLSX with a progress bar; the same service as the admin's import view."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importing import ImportFileError, import_directory


class Command(BaseCommand):
    help = "Import organisations and contact persons from a CSV or XLSX file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but write nothing."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        width = 30

        def progress(done: int, total: int) -> None:
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            self.stderr.write(f"\r[{bar}] {done}/{total}", ending="")
            if done == total:
                self.stderr.write("")

        try:
            report = import_directory(
                content=path.read_bytes(),
                filename=path.name,
                dry_run=options["dry_run"],
                progress=progress,
            )
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error} Nothing was written.") from None
        for error in report.errors:
            self.stdout.write(f"line {error.line}, {error.field}: {error.message}")
        summary = (
            f"{report.rows} rows: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )
        if not report.ok:
            raise CommandError(f"{len(report.errors)} errors; nothing was written. ({summary})")
        if report.dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run, nothing written. {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported. {summary}"))
