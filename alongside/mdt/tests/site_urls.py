"""The site's URLs with the pages after the meeting (urls_follow.py) joined to the mdt app's, as "mdt:follow_...",
for tests of this part until the mdt app's urls.py includes them (the lead joins them at merge)."""

from django.urls import URLResolver, include, path

from alongside.config import urls as site
from alongside.mdt import urls as mdt_urls
from alongside.mdt import urls_follow

mdt = [*mdt_urls.urlpatterns, *urls_follow.urlpatterns]
others = [p for p in site.urlpatterns if not (isinstance(p, URLResolver) and p.namespace == "mdt")]
urlpatterns = [path("mdt/", include((mdt, "mdt"))), *others]
handler400, handler403, handler404, handler500 = site.handler400, site.handler403, site.handler404, site.handler500
handler429 = site.handler429
