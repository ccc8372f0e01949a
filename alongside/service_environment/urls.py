app_name = "service_environment"
urlpatterns: list = []
