from django.db import models


class LostInvalidation(models.Model):
    """An invalidation that could not reach the cache: it is emptied before serving again.

    One row per failure, written by the process that failed (see `recovery`);
    deleted by whichever process empties the cache afterwards.
    """

    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Lost page cache invalidation at {self.created_at:%Y-%m-%d %H:%M:%S}"
