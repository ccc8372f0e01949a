"""The open data: the directory as an Open Referral UK (HSDS 3.0) API, all under one stub, /api/hsds/. Built by
the standards part."""

urlpatterns: list = []
