from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"

    def ready(self) -> None:
        from clients.signals import forecast_published, program_targets_changed
        from scheduling.staffing import receivers

        forecast_published.connect(receivers.forecast_published_recompute, dispatch_uid="forecast")
        program_targets_changed.connect(receivers.program_changed_recompute, dispatch_uid="program")
