"""Stop serving every stored page and page body: run after each deploy, since templates may
have changed."""

from django.core.management.base import BaseCommand

from core import fragments
from page_cache import store


class Command(BaseCommand):
    help = (
        "Invalidate every page in the shared page cache, and every page body in the fragment "
        "cache (run after deploying new code)."
    )

    def handle(self, *args, **options):
        fragments.invalidate()
        if store.invalidate_all():
            self.stdout.write("Page cache cleared.")
        else:
            # Recorded (page_cache.recovery): no stored page is served before it is emptied.
            self.stderr.write(
                "The cache did not answer; it will be emptied before it serves a page again."
            )
