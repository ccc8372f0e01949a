"""`alongside collectstatic`: Django's, which then writes the fingerprint of the sources it collected (static_files),
so that `alongside serve` starts without collecting them again (for a deployment that starts the web server some
other way: the production guide says why not to collect while an older version still serves)."""

from django.contrib.staticfiles.management.commands import collectstatic

from alongside.core import static_files


class Command(collectstatic.Command):
    def handle(self, **options):
        sources = static_files.sources_fingerprint()  # before: a file changed while collecting is collected again
        # A collection that left files out is not the whole of them. (Read before Django adds its defaults to the list.)
        whole = not options["dry_run"] and not options["ignore_patterns"] and options["use_default_ignore_patterns"]
        answer = super().handle(**options)
        if whole:
            static_files.stamp_collected(sources)
        return answer
