"""``manage.py housekeeping --every minute|hour|day|week``: run the recurring jobs the apps register
(``portal.housekeeping``); ``--list`` shows them."""

from django.core.management.base import BaseCommand, CommandError

from portal import housekeeping


class Command(BaseCommand):
    help = "Run the recurring background jobs of one frequency (minute, hour, day or week)."

    def add_arguments(self, parser):
        parser.add_argument("--every", choices=housekeeping.FREQUENCIES)
        parser.add_argument("--list", action="store_true", help="List the registered jobs.")

    def handle(self, *args, every=None, list=False, **options):  # noqa: A002 - the flag's name
        if list or every is None:
            for job in housekeeping.jobs():
                self.stdout.write(f"{job.every:<7} {job.name:<34} {job.description}")
            return
        failed = housekeeping.run(every, report=self.stdout.write)
        if failed:
            raise CommandError(f"{len(failed)} job(s) failed: {', '.join(failed)}")
