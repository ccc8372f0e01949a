"""People supported. The person record issue grows this into the shared record; here it holds identity."""

from django.conf import settings
from django.db import models

from alongside.partners.models import Neighbourhood, Organisation


class Person(models.Model):
    nhs_number = models.CharField("NHS number", max_length=10, unique=True, null=True, blank=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    birth_date = models.DateField()
    address_line = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    gp_practice = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="registered_people"
    )
    neighbourhood = models.ForeignKey(Neighbourhood, null=True, blank=True, on_delete=models.PROTECT)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    class Meta:
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["family_name", "given_name"])]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"
