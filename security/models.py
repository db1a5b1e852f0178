import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone


def keyed_hash(kind, value):
    """A keyed hash: the table holds no e-mail address or visitor address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


class PasswordResetRequest(models.Model):
    """One request for a password-reset e-mail, counted per address and per e-mail.

    In the database, not the cache: culling or clearing the cache must not
    reset anyone's count.
    """

    address = models.CharField(max_length=32)
    email = models.CharField(max_length=32)
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["address", "requested_at"]),
            models.Index(fields=["email", "requested_at"]),
        ]

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H:%M}"
