"""Time zones a person can pick: the US zones first (agents live in all of them), then the rest."""

from zoneinfo import available_timezones

US_TIME_ZONES = [
    ("America/New_York", "Eastern (New York)"),
    ("America/Chicago", "Central (Chicago)"),
    ("America/Denver", "Mountain (Denver)"),
    ("America/Phoenix", "Mountain, no DST (Phoenix)"),
    ("America/Los_Angeles", "Pacific (Los Angeles)"),
    ("America/Anchorage", "Alaska (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii (Honolulu)"),
    ("America/Puerto_Rico", "Atlantic (Puerto Rico)"),
]
VALID_TIME_ZONES = frozenset(available_timezones())


def time_zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    us_names = {name for name, _ in US_TIME_ZONES}
    others = sorted(VALID_TIME_ZONES - us_names - {"localtime", "Factory"})
    return [
        ("United States", US_TIME_ZONES),
        ("Everywhere else", [(name, name.replace("_", " ")) for name in others]),
    ]
