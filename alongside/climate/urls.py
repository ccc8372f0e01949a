app_name = "climate"
urlpatterns: list = []
