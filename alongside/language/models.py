"""What administrators add to the shipped word lists, and the counts teams see.

The glossary (data/glossary.json) and the list of words that carry hope (data/hopeful_words.json) ship with the
project. An area's administrators add local abbreviations (LocalTerm), and change the hope list (WordingChange):
add a term, reword a suggestion, or switch a shipped term off. SuggestionCount keeps, per team and month, how many
suggestions writers were shown and how many they took: counts only, never the text or who wrote it.
"""

from django.conf import settings
from django.db import models

from alongside.partners.models import Neighbourhood, Team


class LocalTerm(models.Model):
    """An abbreviation used in one area (neighbourhood), with the words it stands for there."""

    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="+")
    abbreviation = models.CharField(max_length=20)
    words = models.CharField(max_length=200)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["abbreviation"]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "abbreviation"], name="one_local_term_per_area"),
        ]

    def __str__(self):
        return f"{self.abbreviation}: {self.words}"


class WordingChange(models.Model):
    """An administrator's change to the list of words that carry hope. `term_id` names a shipped entry (to reword or
    switch off) or a new one (to add). The latest change to a term is the one in force."""

    class What(models.TextChoices):
        ADD = "add", "Added"
        REWORD = "reword", "Reworded"
        SWITCH_OFF = "switch_off", "Switched off"
        SWITCH_ON = "switch_on", "Switched back on"

    term_id = models.CharField(max_length=60)
    what = models.CharField(max_length=20, choices=What.choices)
    match = models.JSONField(default=list, blank=True)  # the words to look for, for an added term
    suggestion = models.CharField(max_length=300, blank=True)
    why = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["term_id", "at"], name="wording_change_by_term")]

    def __str__(self):
        return f"{self.get_what_display()}: {self.term_id}"


class SuggestionCount(models.Model):
    """How many suggestions a team's writers were shown in a month, and how many they took. Counts only."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month")
    shown = models.PositiveIntegerField(default=0)
    taken = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["team", "-month"]
        constraints = [models.UniqueConstraint(fields=["team", "month"], name="one_count_per_team_and_month")]

    def __str__(self):
        return f"{self.team_id} {self.month:%Y-%m}: {self.taken} of {self.shown}"
