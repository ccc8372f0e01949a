from django.urls import path

from . import public

app_name = "refer"
urlpatterns = [
    path("", public.refer, name="start"),
    path("sent/", public.sent, name="sent"),
]
