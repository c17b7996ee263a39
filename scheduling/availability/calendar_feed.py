"""The agent's private iCal feed: their live blocks from two weeks back on, one event each.

Calendar apps poll the feed's secret URL without signing in, so the token is the only key; the
agent can reset it, which turns the old URL into a 404.
"""

from datetime import datetime, timedelta

from django.db import transaction
from icalendar import Calendar, Event

from accounts.models import User
from scheduling.booking.services import work_preference_for
from scheduling.models import Booking, WorkPreference, ical_token

LOOK_BACK = timedelta(weeks=2)
UID_DOMAIN = "gigcx"


def feed_owner(*, token: str) -> User | None:
    """The agent whose feed `token` opens, or None (also for a deactivated account)."""
    preference = (
        WorkPreference.objects.select_related("agent")
        .filter(ical_token=token, agent__is_active=True)
        .first()
    )
    return preference.agent if preference else None


def feed_bookings(*, agent: User, now: datetime) -> list[Booking]:
    """Live blocks (pending release included: still the agent's) ending two weeks ago or later."""
    return list(
        Booking.objects.filter(agent=agent, cancelled_at=None, ends_at__gte=now - LOOK_BACK)
        .select_related("program__organisation")
        .order_by("starts_at", "pk")
    )


def feed_calendar(*, agent: User, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//gigcx//My schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "gigcx shifts")
    for booking in feed_bookings(agent=agent, now=now):
        calendar.add_component(_event(booking, now))
    return calendar.to_ical()


def _event(booking: Booking, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"booking-{booking.pk}@{UID_DOMAIN}")  # stable: updates replace, not add
    event.add("dtstamp", now)
    event.add("dtstart", booking.starts_at)
    event.add("dtend", booking.ends_at)
    summary = f"{booking.program.name} ({booking.program.organisation.name})"
    if booking.release_requested_at is not None:
        summary += " · pending release"
    event.add("summary", summary)
    event.add("description", f"{booking.program.get_channel_display()} shift booked on gigcx.")
    return event


@transaction.atomic
def ical_token_reset(*, agent: User) -> WorkPreference:
    """A new secret for the agent's feed; the old URL stops working at once."""
    preference = work_preference_for(agent)
    preference.ical_token = ical_token()
    preference.save(update_fields=["ical_token"])
    return preference
