"""Signals other apps listen to, so that arrows between apps keep pointing one way."""

from django.dispatch import Signal

# Sent inside the publishing transaction with `forecast` and its `job`; scheduling recomputes
# requirements.
forecast_published = Signal()

# Sent inside the saving transaction with `program` and `job` when targets or hours change.
program_targets_changed = Signal()
