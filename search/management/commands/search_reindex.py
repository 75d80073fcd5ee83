"""``manage.py search_reindex``: rebuild the index from the database, without a gap."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from search import services
from search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Rebuild the search documents from every app, then build a new Elasticsearch index "
        "and swap the alias onto it (search keeps answering from the old one meanwhile)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-database",
            action="store_true",
            help="Do not rebuild the database documents; only copy them to Elasticsearch.",
        )

    def handle(self, *args, skip_database=False, **options):
        started = timezone.now()
        if not skip_database:
            self.stdout.write("Building search documents from the apps …")
            count = services.database_rebuild(progress=lambda m: self.stdout.write(f"  {m}"))
            self.stdout.write(f"  {count} documents in the database index.")
        if not services.elasticsearch_enabled():
            self.stdout.write("ELASTICSEARCH_URL is not set: the database engine is in use.")
            if not skip_database:
                services.pending_settle(before=started)
            return
        total = SearchDocument.objects.count()
        self.stdout.write(f"Indexing {total} documents into a new Elasticsearch index …")

        def bar(done: int) -> None:
            width = 30
            filled = int(width * done / total) if total else width
            percent = int(100 * done / total) if total else 100
            self.stdout.write(
                f"\r  [{'#' * filled}{'.' * (width - filled)}] {percent:3d}% {done}/{total}",
                ending="",
            )
            self.stdout.flush()

        indexed = services.elasticsearch_reindex(progress=bar)
        if not skip_database:
            services.pending_settle(before=started)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"{indexed} documents indexed; alias swapped."))
