app_name = "narratives"
urlpatterns: list = []
