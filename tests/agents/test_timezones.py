import pytest

from accounts.timezones import VALID_TIME_ZONES
from agents.states import STATES, ZIP_PREFIX_ZONES, time_zone_for


@pytest.mark.parametrize(
    ("state", "zip_code", "zone"),
    [
        ("NY", "10001", "America/New_York"),
        ("CA", "94105", "America/Los_Angeles"),
        ("AZ", "85004", "America/Phoenix"),  # no daylight saving
        ("FL", "33101", "America/New_York"),  # Miami
        ("FL", "32501", "America/Chicago"),  # Pensacola, the western panhandle
        ("IN", "46204", "America/Indiana/Indianapolis"),
        ("IN", "46402", "America/Chicago"),  # Gary
        ("IN", "47708", "America/Chicago"),  # Evansville
        ("KY", "40202", "America/New_York"),  # Louisville
        ("KY", "42001", "America/Chicago"),  # Paducah
        ("TN", "37203", "America/Chicago"),  # Nashville
        ("TN", "37902", "America/New_York"),  # Knoxville
        ("TX", "75201", "America/Chicago"),
        ("TX", "79901", "America/Denver"),  # El Paso
        ("MI", "48226", "America/Detroit"),
        ("MI", "49801", "America/Menominee"),  # Iron Mountain
        ("ID", "83702", "America/Boise"),
        ("ID", "83814", "America/Los_Angeles"),  # Coeur d'Alene
        ("OR", "97914", "America/Boise"),  # Ontario, Malheur County
        ("SD", "57701", "America/Denver"),  # Rapid City
        ("HI", "96813", "Pacific/Honolulu"),
        ("AK", "99501", "America/Anchorage"),
    ],
)
def test_time_zone_follows_state_and_zip(state, zip_code, zone):
    assert time_zone_for(state, zip_code) == zone


def test_every_state_and_dc_has_a_known_zone():
    assert len([code for code in STATES if code != "PR"]) == 51
    zones = {zone for _, zone in STATES.values()} | set(ZIP_PREFIX_ZONES.values())
    assert zones <= VALID_TIME_ZONES


def test_an_unknown_state_is_refused():
    with pytest.raises(ValueError, match="unknown US state"):
        time_zone_for("ZZ", "12345")
