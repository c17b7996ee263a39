"""The one fixed moment the scheduling tests share, and the block they book most."""

from datetime import UTC, datetime, timedelta

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tuesday 10:00 in New York
TOMORROW_9 = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)  # Wednesday 09:00 in New York
HOUR = timedelta(hours=1)
