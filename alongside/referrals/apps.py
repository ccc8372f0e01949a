from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "alongside.referrals"
    label = "referrals"
    verbose_name = "Single point of access"
