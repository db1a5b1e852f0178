"""What the demo created, so that removing the demo removes exactly that."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class DemoObject(models.Model):
    """One object `load_demo_content` created: a page, snippet, image, document or record."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_demo_record")
        ]

    def __str__(self):
        return f"{self.content_type.app_label}.{self.content_type.model} {self.object_id}"
