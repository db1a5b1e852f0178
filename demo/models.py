"""What the demo created, so that removing the demo removes exactly that."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class DemoObjectQuerySet(models.QuerySet):
    def of(self, model):
        """The records of `model` objects, its subclasses' included (pages of every type)."""
        types = ContentType.objects.filter(pk__in=self.values("content_type"))
        return self.filter(
            content_type__in=[t for t in types if issubclass(t.model_class() or object, model)]
        )

    def ids_of(self, model):
        """The primary keys of the recorded `model` objects (subclasses included)."""
        return list(self.of(model).values_list("object_id", flat=True))


class DemoObject(models.Model):
    """One object `load_demo_content` created: a page, snippet, image, document or record."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)

    objects = DemoObjectQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_demo_record")
        ]

    def __str__(self):
        return f"{self.content_type.app_label}.{self.content_type.model} {self.object_id}"

    @classmethod
    def record(cls, obj):
        """Note that the demo created `obj`, so that removing the demo deletes it."""
        cls.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        return obj
