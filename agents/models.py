from django.db import models


class Skill(models.Model):
    """An area of experience (healthcare, retail, technical support…); staff keep the list."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
