"""Bonuses and agent blocks: the rules, who may see and change them, the admin."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from scheduling.booking.eligibility import eligible_programs
from scheduling.coverage.services import (
    ControlInvalid,
    ControlNotFound,
    bonus_add,
    bonus_remove,
    client_block_add,
    client_block_remove,
)
from scheduling.models import Bonus, ClientBlock
from tests.factories import (
    BookingFactory,
    OrganisationFactory,
    ProgramFactory,
    working_agent,
)
from tests.queries import assert_flat_queries
from tests.scheduling.clock import HOUR, NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_now")]


@pytest.fixture
def worker(ada, program):
    """Ada, who has worked a block of Acme's program: Acme may block her."""
    BookingFactory(agent=ada, program=program, starts_at=NOW - 24 * HOUR)
    return ada


def url(name, program, *args):
    return reverse(f"scheduling:{name}", args=[program.pk, *args])


def add_bonus(program, user, **fields):
    values = {"starts_at": NOW, "ends_at": NOW + 4 * HOUR, "per_hour": Decimal(3)} | fields
    return bonus_add(program=program, created_by=user, **values)


class TestRules:
    def test_a_bonus_is_kept_with_who_set_it(self, program, planner):
        bonus = add_bonus(program, planner)
        assert (bonus.per_hour, bonus.created_by) == (Decimal(3), planner)

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"starts_at": NOW + timedelta(minutes=10)}, "starts_at"),
            ({"ends_at": NOW}, "ends_at"),
            ({"ends_at": NOW + timedelta(days=93)}, "ends_at"),
            ({"per_hour": Decimal(0)}, "per_hour"),
            ({"per_hour": Decimal(101)}, "per_hour"),
        ],
    )
    def test_bad_bonuses_are_refused(self, program, planner, fields, field):
        with pytest.raises(ControlInvalid) as refusal:
            add_bonus(program, planner, **fields)
        assert refusal.value.field == field
        assert not Bonus.objects.exists()

    def test_a_bonus_is_removed_only_from_its_own_program(self, program, planner):
        bonus = add_bonus(program, planner)
        with pytest.raises(ControlNotFound):
            bonus_remove(program=ProgramFactory(), bonus_id=bonus.pk)
        bonus_remove(program=program, bonus_id=bonus.pk)
        assert not Bonus.objects.exists()

    def test_a_blocked_agent_is_no_longer_eligible(self, program, worker):
        assert eligible_programs(agent=worker, at=NOW) == [program]
        client_block_add(organisation=program.organisation, agent=worker, reason="No-shows")
        assert eligible_programs(agent=worker, at=NOW) == []

    def test_blocks_need_a_reason_an_agent_and_happen_once(self, program, worker, planner):
        organisation = program.organisation
        with pytest.raises(ControlInvalid, match="Say why"):
            client_block_add(organisation=organisation, agent=worker, reason="  ")
        with pytest.raises(ControlInvalid, match="Only agents"):
            client_block_add(organisation=organisation, agent=planner, reason="x")
        client_block_add(organisation=organisation, agent=worker, reason="No-shows")
        with pytest.raises(ControlInvalid, match="already blocked"):
            client_block_add(organisation=organisation, agent=worker, reason="Again")
        assert ClientBlock.objects.count() == 1

    def test_a_block_is_lifted_only_by_its_organisation(self, program, worker):
        block = client_block_add(organisation=program.organisation, agent=worker, reason="x")
        with pytest.raises(ControlNotFound):
            client_block_remove(organisation=OrganisationFactory(), block_id=block.pk)
        client_block_remove(organisation=program.organisation, block_id=block.pk)
        assert not ClientBlock.objects.exists()


class TestPages:
    def test_members_see_bonuses_and_blocks(self, client_as, program, planner, viewer, worker):
        add_bonus(program, planner)
        client_block_add(organisation=program.organisation, agent=worker, reason="No-shows")
        page = client_as(viewer).get(url("client_controls", program)).content.decode()
        assert "+$3.00" in page and "Ada Lovelace" in page and "No-shows" in page
        assert "Tue 1 Dec 2026, 10:00" in page  # the viewer's own time zone
        assert "Add bonus" not in page and "Lift block" not in page
        page = client_as(planner).get(url("client_controls", program)).content.decode()
        assert "Add bonus" in page and "Lift block" in page

    def test_the_program_page_links_here(self, client_as, program, planner):
        page = client_as(planner).get(url("coverage", program)).content.decode()
        assert url("client_controls", program) in page

    def test_a_planner_adds_a_bonus_in_their_own_time_zone(self, client_as, program, planner):
        data = {"starts_at": "2026-12-05T09:00", "ends_at": "2026-12-05T13:00", "per_hour": "4.5"}
        response = client_as(planner).post(url("bonus_add", program), data, HTTP_HX_REQUEST="true")
        assert "Bonus added." in response.content.decode()
        bonus = Bonus.objects.get()
        assert bonus.starts_at == datetime(2026, 12, 5, 14, tzinfo=UTC)
        assert (bonus.per_hour, bonus.created_by) == (Decimal("4.5"), planner)

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"starts_at": "2026-12-05T09:10", "ends_at": "2026-12-05T13:00"}, "half hour"),
            ({"starts_at": "2026-12-05T13:00", "ends_at": "2026-12-05T09:00"}, "after the start"),
            ({"starts_at": "tomorrow", "ends_at": "2026-12-05T09:00"}, "valid date/time"),
        ],
    )
    def test_bad_bonuses_get_form_errors(self, client_as, program, planner, data, message):
        data = {"per_hour": "3"} | data
        for htmx in (True, False):
            headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            response = client_as(planner).post(url("bonus_add", program), data, **headers)
            assert response.status_code == (200 if htmx else 400)
            assert message in response.content.decode()
        assert not Bonus.objects.exists()

    def test_a_planner_blocks_an_agent_who_worked_for_them(
        self, client_as, program, planner, worker
    ):
        data = {"agent": worker.pk, "reason": "Rude to customers"}
        response = client_as(planner).post(url("block_add", program), data)
        assert response.status_code == 302
        assert ClientBlock.objects.get().reason == "Rude to customers"

    def test_agents_who_never_worked_for_them_cannot_be_picked(self, client_as, program, planner):
        newcomer = working_agent()
        data = {"agent": newcomer.pk, "reason": "Curious"}
        response = client_as(planner).post(url("block_add", program), data, HTTP_HX_REQUEST="true")
        assert "Select a valid choice" in response.content.decode()
        assert not ClientBlock.objects.exists()

    def test_viewers_get_403_and_nothing_changes(self, client_as, program, planner, viewer, worker):
        bonus = add_bonus(program, planner)
        block = client_block_add(organisation=program.organisation, agent=worker, reason="x")
        browser = client_as(viewer)
        data = {"starts_at": "2026-12-05T09:00", "ends_at": "2026-12-05T13:00", "per_hour": "4"}
        assert browser.post(url("bonus_add", program), data).status_code == 403
        assert browser.post(url("bonus_remove", program, bonus.pk)).status_code == 403
        assert browser.post(url("block_add", program), {"agent": worker.pk}).status_code == 403
        assert browser.post(url("block_remove", program, block.pk)).status_code == 403
        assert list(Bonus.objects.all()) == [bonus]
        assert list(ClientBlock.objects.all()) == [block]

    def test_other_organisations_get_404_and_nothing_changes(
        self, client_as, program, planner, worker, stranger, other_organisation
    ):
        bonus = add_bonus(program, planner)
        block = client_block_add(organisation=program.organisation, agent=worker, reason="x")
        other = ProgramFactory(organisation=other_organisation)
        browser = client_as(stranger)
        assert browser.get(url("client_controls", program)).status_code == 404
        assert browser.post(url("bonus_remove", program, bonus.pk)).status_code == 404
        assert browser.post(url("block_remove", program, block.pk)).status_code == 404
        # Their own program's URL with our ids: not theirs to remove either.
        assert browser.post(url("bonus_remove", other, bonus.pk)).status_code == 404
        assert browser.post(url("block_remove", other, block.pk)).status_code == 404
        assert Bonus.objects.count() == ClientBlock.objects.count() == 1

    def test_agents_get_403(self, client_as, program, worker):
        assert client_as(worker).get(url("client_controls", program)).status_code == 403

    def test_removing_with_htmx_answers_the_section(self, client_as, program, planner, worker):
        bonus = add_bonus(program, planner)
        block = client_block_add(organisation=program.organisation, agent=worker, reason="x")
        browser = client_as(planner)
        response = browser.post(url("bonus_remove", program, bonus.pk), HTTP_HX_REQUEST="true")
        assert "Bonus removed" in response.content.decode()
        response = browser.post(url("block_remove", program, block.pk), HTTP_HX_REQUEST="true")
        assert "Block lifted." in response.content.decode()
        assert not Bonus.objects.exists() and not ClientBlock.objects.exists()

    def test_the_page_reads_the_same_queries_for_one_bonus_and_block_or_ten(
        self, client_as, program, planner, worker
    ):
        browser = client_as(planner)

        def bonuses_and_blocks(count):
            for n in range(count):
                add_bonus(program, planner, starts_at=NOW + n * HOUR, ends_at=NOW + (n + 1) * HOUR)
                agent = working_agent()
                BookingFactory(agent=agent, program=program)
                client_block_add(organisation=program.organisation, agent=agent, reason="x")
            return count

        def page(count):
            assert (
                browser.get(url("client_controls", program)).content.decode().count("Lift block")
                == count
            )

        assert assert_flat_queries(bonuses_and_blocks, page) == 10


class TestAdmin:
    def test_staff_add_a_bonus_in_the_admin(self, client_as, staff, program):
        data = {
            "program": program.pk,
            "starts_at_0": "2026-12-05",
            "starts_at_1": "09:00",
            "ends_at_0": "2026-12-05",
            "ends_at_1": "12:00",
            "per_hour": "2",
        }
        response = client_as(staff).post(reverse("admin:scheduling_bonus_add"), data)
        assert response.status_code == 302
        assert Bonus.objects.get().created_by == staff

    @pytest.mark.parametrize(
        "model", ["workpreference", "availabilitywindow", "availabilityexception", "clientblock"]
    )
    def test_the_admin_lists_open(self, client_as, staff, model):
        response = client_as(staff).get(reverse(f"admin:scheduling_{model}_changelist"))
        assert response.status_code == 200
