from django.contrib import admin

from .models import Membership, Neighbourhood, Organisation, Team

admin.site.register(Neighbourhood)
admin.site.register(Organisation, list_display=["name", "kind", "ods_code"], list_filter=["kind"])
admin.site.register(Team, list_display=["name", "organisation", "kind"], list_filter=["kind"])
admin.site.register(
    Membership,
    list_display=["user", "team", "role", "started_at", "ended_at"],
    list_filter=["role"],
    raw_id_fields=["user"],
)
