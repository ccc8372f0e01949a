from django.urls import path

from . import public
from .public_journey import PAGES

app_name = "refer"
urlpatterns = [
    path("", public.start, name="start"),
    path("privacy/", public.privacy, name="privacy"),
    *[path(f"{page.name.replace('_', '-')}/", public.step, {"name": page.name}, name=page.name) for page in PAGES],
    path("check/", public.check, name="check"),
    path("sent/", public.sent, name="sent"),
]
