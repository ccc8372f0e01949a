app_name = "representation"
urlpatterns: list = []
