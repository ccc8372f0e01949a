"""`alongside collectstatic`: Django's, which then writes the fingerprint of the sources it collected (static_files),
so that `alongside serve` starts without collecting them again. Run it as a release step, before the restart."""

from django.contrib.staticfiles.management.commands import collectstatic

from alongside.core import static_files


class Command(collectstatic.Command):
    def handle(self, **options):
        answer = super().handle(**options)
        if not options["dry_run"]:
            static_files.stamp_collected()
        return answer
