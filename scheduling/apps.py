from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"

    def ready(self) -> None:
        from clients.signals import forecast_published
        from scheduling.receivers import forecast_published_recompute

        forecast_published.connect(forecast_published_recompute, dispatch_uid="recompute")
