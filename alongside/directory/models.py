"""The directory of community services (Living Well's "system for non-medical referrals"), shaped as Open Referral
UK: HSDS 3.0 with the UK profile. Each table is one HSDS object, its primary key the object's HSDS id (a UUID), so
that an imported feed is matched by id and the published API says the same ids back.

An organisation runs services; a service is offered at locations (ServiceAtLocation), at times (Schedule), in
areas (ServiceArea), in languages, at a cost (CostOption: none means free), to people of some ages, reached
through contacts and phones, and described by taxonomy terms (the needs it meets). A listing (organisation or
service) is kept by people, never deleted: it is retired, carries a version for edits made at the same time, and
the day someone last checked it is still right. Every change is a ListingChange: who, when, what.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class Listing(models.Model):
    """What every kept listing has: a version, when it was last checked, who keeps it, and whether it is retired."""

    version = models.PositiveIntegerField(default=1)
    checked_on = models.DateField(null=True, blank=True, help_text="The day someone last checked it is still right")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who keeps it up to date, and is reminded when it is not checked for 6 months",
    )
    retired_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    added_on = models.DateField(default=timezone.localdate, help_text="The day it was added to the directory")
    reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="When its keepers were reminded it needs a check; cleared when it is checked"
    )

    class Meta:
        abstract = True


class Organisation(Listing):
    """An organisation that runs services (HSDS organization)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    name = models.CharField(max_length=200)
    alternate_name = models.CharField(max_length=200, blank=True)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class Taxonomy(models.Model):
    """A published vocabulary of needs and service types (HSDS taxonomy)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "taxonomies"

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    """One need or service type, perhaps under a broader one (HSDS taxonomy_term)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, null=True, blank=True, on_delete=models.PROTECT, related_name="terms")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    code = models.CharField(max_length=100, blank=True)
    name = models.CharField(max_length=200)
    description = models.TextField()
    term_uri = models.URLField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class Service(Listing):
    """A service an organisation offers (HSDS service)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Open"
        INACTIVE = "inactive", "Not running at the moment"
        DEFUNCT = "defunct", "Closed for good"
        TEMPORARILY_CLOSED = "temporarily closed", "Closed for now"

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    alternate_name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(blank=True, help_text="How to get help from it, in words")
    fees_description = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    alert = models.TextField(blank=True, help_text="A short notice, for example closed over Christmas")
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.EmailField(blank=True)
    referral_email = models.EmailField(
        blank=True, help_text="Where referrals to this service go (not published in the open data)"
    )
    terms = models.ManyToManyField(TaxonomyTerm, through="ServiceTerm", related_name="services", blank=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # The open data's pages of services, in order (the standards part: /api/hsds/services).
            models.Index(
                fields=["name", "id"], condition=models.Q(retired_at__isnull=True), name="service_open_in_order"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="service_ages_in_order",
            )
        ]

    def __str__(self):
        return self.name


class ServiceTerm(models.Model):
    """A service described by a taxonomy term (an HSDS attribute linking the two)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_terms")
    term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="service_terms")
    value = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "term"], name="service_term_once")]

    def __str__(self):
        return f"{self.service_id} {self.term_id}"


class Location(models.Model):
    """Where a service is offered: a place with an address, or online (HSDS location, with its one address)."""

    class Kind(models.TextChoices):
        PHYSICAL = "physical", "A place to visit"
        POSTAL = "postal", "A postal address"
        VIRTUAL = "virtual", "Online or by phone"

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="locations"
    )
    location_type = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField(blank=True, help_text="How to get there")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Its address (HSDS keeps addresses as objects of their own; a location here has at most one).
    address_id = models.UUIDField(null=True, blank=True, unique=True)
    address_1 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=2, blank=True, default="GB")
    address_type = models.CharField(max_length=20, blank=True, default="physical")

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name or self.address_1 or str(self.id)


class ServiceAtLocation(models.Model):
    """A service offered at a location (HSDS service_at_location)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_at_locations")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["service", "location", "id"]

    def __str__(self):
        return f"{self.service_id} at {self.location_id}"


class Schedule(models.Model):
    """When a service (or a service at one location) is open: an iCalendar-style weekly or monthly rule (HSDS
    schedule). `byday` holds days as iCalendar writes them, for example "MO,WE" or "1TU" (the first Tuesday)."""

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", "Every week"
        MONTHLY = "MONTHLY", "Every month"

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=10, choices=Freq.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=40, blank=True)
    bymonthday = models.CharField(max_length=40, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.TextField(blank=True)
    attending_type = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.description or f"{self.freq} {self.byday} {self.opens_at}-{self.closes_at}"


class ServiceArea(models.Model):
    """An area a service covers (HSDS service_area)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.URLField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name or self.description


class CostOption(models.Model):
    """What using a service costs (HSDS cost_option); a service with none, or none above zero, is free."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(max_length=200, blank=True)
    currency = models.CharField(max_length=3, blank=True, default="GBP")
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.option or str(self.amount)


class Language(models.Model):
    """A language a service is offered in (HSDS language)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=20, blank=True, help_text="ISO 639 code, for example pl")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name or self.code


class Contact(models.Model):
    """Someone to contact about an organisation or a service (HSDS contact)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name or self.email


class Phone(models.Model):
    """A phone number for an organisation, a service, a location or a contact (HSDS phone)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=30)
    extension = models.CharField(max_length=10, blank=True)
    type = models.CharField(max_length=20, blank=True, help_text="text, voice, fax, cell, video, pager or textphone")
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.number


class ListingChange(models.Model):
    """Every change to the directory: who made it (None: an import), when, to what, and what changed."""

    class What(models.TextChoices):
        ADDED = "added", "Added"
        EDITED = "edited", "Changed"
        CHECKED = "checked", "Checked and still right"
        RETIRED = "retired", "Retired"
        IMPORTED = "imported", "Imported"

    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=30)  # "organisation" or "service"
    object_id = models.UUIDField()
    what = models.CharField(max_length=10, choices=What.choices)
    detail = models.JSONField(default=dict, blank=True)  # the fields changed, or the import's summary

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"], name="listing_change_history")]

    def __str__(self):
        return f"{self.what} {self.object_type} {self.object_id}"


class FeedSource(models.Model):
    """The HSDS feed an administrator set for the directory to import from."""

    url = models.URLField(max_length=500)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.url


class ImportRun(models.Model):
    """One import of a feed: from where, by whom, what it found, and whether it changed anything."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=500)  # a file name or a URL
    loaded = models.BooleanField(default=False)  # False: errors were found and nothing changed
    counts = models.JSONField(default=dict, blank=True)  # added and changed, by kind of object
    errors = models.JSONField(default=list, blank=True)  # [{"path": "...", "message": "..."}], in plain words

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.source} at {self.started_at}"


# The referring part's model, kept in its own module (referring_models.py) and registered here.
from .referring_models import CommunityReferral  # noqa: E402, F401
