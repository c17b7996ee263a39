"""US states and the time zone a state and ZIP code point to. Pure data, no Django.

Most states sit in one zone. Where a state is split, the first three digits of the ZIP code (the
sectional centre) decide; the split follows county lines, so a few border ZIPs may be off by one
zone and the person can correct it.
"""

EASTERN = "America/New_York"
CENTRAL = "America/Chicago"
MOUNTAIN = "America/Denver"
ARIZONA = "America/Phoenix"  # Mountain time without daylight saving
PACIFIC = "America/Los_Angeles"

STATES: dict[str, tuple[str, str]] = {
    "AL": ("Alabama", CENTRAL),
    "AK": ("Alaska", "America/Anchorage"),
    "AZ": ("Arizona", ARIZONA),
    "AR": ("Arkansas", CENTRAL),
    "CA": ("California", PACIFIC),
    "CO": ("Colorado", MOUNTAIN),
    "CT": ("Connecticut", EASTERN),
    "DE": ("Delaware", EASTERN),
    "DC": ("District of Columbia", EASTERN),
    "FL": ("Florida", EASTERN),
    "GA": ("Georgia", EASTERN),
    "HI": ("Hawaii", "Pacific/Honolulu"),
    "ID": ("Idaho", "America/Boise"),
    "IL": ("Illinois", CENTRAL),
    "IN": ("Indiana", "America/Indiana/Indianapolis"),
    "IA": ("Iowa", CENTRAL),
    "KS": ("Kansas", CENTRAL),
    "KY": ("Kentucky", EASTERN),
    "LA": ("Louisiana", CENTRAL),
    "ME": ("Maine", EASTERN),
    "MD": ("Maryland", EASTERN),
    "MA": ("Massachusetts", EASTERN),
    "MI": ("Michigan", "America/Detroit"),
    "MN": ("Minnesota", CENTRAL),
    "MS": ("Mississippi", CENTRAL),
    "MO": ("Missouri", CENTRAL),
    "MT": ("Montana", MOUNTAIN),
    "NE": ("Nebraska", CENTRAL),
    "NV": ("Nevada", PACIFIC),
    "NH": ("New Hampshire", EASTERN),
    "NJ": ("New Jersey", EASTERN),
    "NM": ("New Mexico", MOUNTAIN),
    "NY": ("New York", EASTERN),
    "NC": ("North Carolina", EASTERN),
    "ND": ("North Dakota", CENTRAL),
    "OH": ("Ohio", EASTERN),
    "OK": ("Oklahoma", CENTRAL),
    "OR": ("Oregon", PACIFIC),
    "PA": ("Pennsylvania", EASTERN),
    "PR": ("Puerto Rico", "America/Puerto_Rico"),
    "RI": ("Rhode Island", EASTERN),
    "SC": ("South Carolina", EASTERN),
    "SD": ("South Dakota", CENTRAL),
    "TN": ("Tennessee", CENTRAL),
    "TX": ("Texas", CENTRAL),
    "UT": ("Utah", MOUNTAIN),
    "VT": ("Vermont", EASTERN),
    "VA": ("Virginia", EASTERN),
    "WA": ("Washington", PACIFIC),
    "WV": ("West Virginia", EASTERN),
    "WI": ("Wisconsin", CENTRAL),
    "WY": ("Wyoming", MOUNTAIN),
}

# (state, first three ZIP digits) -> zone, where it differs from the state's default.
ZIP_PREFIX_ZONES: dict[tuple[str, str], str] = {
    # Florida panhandle west of the Apalachicola River: Panama City, Pensacola.
    ("FL", "324"): CENTRAL,
    ("FL", "325"): CENTRAL,
    # Indiana: the north-west around Gary, the south-west around Evansville.
    ("IN", "463"): CENTRAL,
    ("IN", "464"): CENTRAL,
    ("IN", "476"): CENTRAL,
    ("IN", "477"): CENTRAL,
    # Western Kentucky: Paducah, Bowling Green, Owensboro, Henderson.
    ("KY", "420"): CENTRAL,
    ("KY", "421"): CENTRAL,
    ("KY", "422"): CENTRAL,
    ("KY", "423"): CENTRAL,
    ("KY", "424"): CENTRAL,
    # East Tennessee: Chattanooga, Johnson City, Knoxville.
    ("TN", "373"): EASTERN,
    ("TN", "374"): EASTERN,
    ("TN", "376"): EASTERN,
    ("TN", "377"): EASTERN,
    ("TN", "378"): EASTERN,
    ("TN", "379"): EASTERN,
    # Texas: El Paso and Hudspeth counties.
    ("TX", "798"): MOUNTAIN,
    ("TX", "799"): MOUNTAIN,
    ("TX", "885"): MOUNTAIN,
    # Michigan's Upper Peninsula counties on the Wisconsin border.
    ("MI", "498"): "America/Menominee",
    ("MI", "499"): "America/Menominee",
    # The western Great Plains.
    ("NE", "693"): MOUNTAIN,
    ("KS", "677"): MOUNTAIN,
    ("ND", "586"): MOUNTAIN,
    ("SD", "577"): MOUNTAIN,
    # North Idaho (Lewiston, Coeur d'Alene) keeps Pacific time.
    ("ID", "835"): PACIFIC,
    ("ID", "838"): PACIFIC,
    # Oregon's Malheur County (Ontario) keeps Mountain time.
    ("OR", "979"): "America/Boise",
}

STATE_CHOICES: list[tuple[str, str]] = sorted(
    ((code, name) for code, (name, _) in STATES.items()), key=lambda choice: choice[1]
)


def time_zone_for(state: str, zip_code: str = "") -> str:
    """The time zone of a US state, refined by ZIP code where the state spans two zones."""
    state = state.upper()
    if state not in STATES:
        raise ValueError(f"unknown US state {state!r}")
    return ZIP_PREFIX_ZONES.get((state, zip_code[:3]), STATES[state][1])
