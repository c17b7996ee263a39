"""Availability: the agent's weekly windows, date exceptions and hour target, My schedule and
the private calendar feed.

`services` writes windows, exceptions and the target; `selectors` reads them (the week strip and
`available_intervals`); `schedule` builds My schedule's week; `calendar_feed` the iCal feed.
"""
