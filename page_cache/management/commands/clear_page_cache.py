"""Stop serving every stored page: run after each deploy, since templates may have changed."""

from django.core.management.base import BaseCommand

from page_cache import store


class Command(BaseCommand):
    help = "Invalidate every page in the shared page cache (run after deploying new code)."

    def handle(self, *args, **options):
        if store.invalidate_all():
            self.stdout.write("Page cache cleared.")
        else:
            # Recorded (page_cache.recovery): no stored page is served before it is emptied.
            self.stderr.write(
                "The cache did not answer; it will be emptied before it serves a page again."
            )
