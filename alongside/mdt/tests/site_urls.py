"""The site's URLs with the pages after the meeting under /mdt/ as "mdt:follow_...", for tests of this part until
the mdt app's urls.py (the meeting part's) includes urls_follow.py and the site includes it."""

from django.urls import include, path

from alongside.config import urls as site
from alongside.mdt import urls_follow

urlpatterns = [path("mdt/", include((urls_follow.urlpatterns, "mdt"))), *site.urlpatterns]
handler400, handler403, handler404, handler500 = site.handler400, site.handler403, site.handler404, site.handler500
handler429 = site.handler429
