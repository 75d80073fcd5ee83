"""``manage.py search_status``: document counts per kind, database against Elasticsearch."""

from django.core.management.base import BaseCommand

from search import services
from search.models import PendingUpdate


class Command(BaseCommand):
    help = "Compare the number of search documents per kind in the database and in Elasticsearch."

    def handle(self, *args, **options):
        try:
            rows = services.status()
        except Exception as exc:  # Elasticsearch unreachable: say so in one line
            self.stderr.write(f"Elasticsearch did not answer: {exc.__class__.__name__}")
            rows = [(kind, db, None) for kind, db, _es in services.status_database_only()]
        differences = 0
        self.stdout.write(f"{'kind':<20} {'database':>10} {'elasticsearch':>14}")
        for kind, database, indexed in rows:
            shown = "-" if indexed is None else str(indexed)
            mark = ""
            if indexed is not None and indexed != database:
                mark = "  ← differs"
                differences += 1
            self.stdout.write(f"{kind:<20} {database:>10} {shown:>14}{mark}")
        pending = PendingUpdate.objects.count()
        self.stdout.write(f"pending updates: {pending}")
        if differences or pending:
            self.stdout.write("Run `manage.py search_reconcile` to bring the index up to date.")
        else:
            self.stdout.write(self.style.SUCCESS("In step."))
