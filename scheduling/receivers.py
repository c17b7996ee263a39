from clients.models import Forecast
from gigcx.tasks import enqueue_on_commit


def forecast_published_recompute(sender: type, *, forecast: Forecast, **kwargs: object) -> None:
    """A new forecast version: recompute the slots of its days once it is committed."""
    from scheduling.tasks import requirements_recompute_task

    enqueue_on_commit(requirements_recompute_task, forecast.pk)
