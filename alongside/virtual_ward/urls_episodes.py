"""The virtual ward's pages for Referral, decision, admission to a bed, the 72 hours and the end of an episode."""

urlpatterns: list = []
