from django.conf import settings


def service(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "second_factor_skipped": getattr(request, "second_factor_skipped", False),
    }
