"""alongside directory_import FILE_OR_URL: import an Open Referral UK (HSDS 3.0) feed into the directory.

Every problem is listed with its place in the feed; a feed with any problem changes nothing."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from alongside.directory import actions_standards


class Command(BaseCommand):
    help = "Import an Open Referral UK (HSDS 3.0) feed of services: a JSON file, or an http(s) address"

    def add_arguments(self, parser):
        parser.add_argument("source", help="a JSON file, or a web address starting http:// or https://")

    def handle(self, *args, source: str, **options):
        def progress(items):
            return tqdm(items, desc="Checking services", unit=" services", disable=options["verbosity"] == 0)

        imported = actions_standards.import_feed(source, progress=progress)
        if imported.problems:
            for problem in imported.problems:
                self.stderr.write(str(problem))
            count = len(imported.problems)
            raise CommandError(f"Nothing was imported: the feed has {count} problem{'s' if count != 1 else ''}.")
        counts = imported.run.counts
        lines = [f"Imported {counts.get('services', 0)} services from {source}."]
        for kind, tally in counts.items():
            if isinstance(tally, dict) and any(tally.values()):
                lines.append(
                    f"  {kind}: {tally['added']} added, {tally['changed']} changed, {tally['removed']} removed"
                )
        self.stdout.write("\n".join(lines))
