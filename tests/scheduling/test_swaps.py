"""The swap board of scheduling/swaps.py: posting, withdrawing, taking; the board's reads."""

from datetime import timedelta

import pytest
from django.http import Http404

from gigcx.errors import DomainError
from notifications.models import Notification
from scheduling.errors import BookingRefused
from scheduling.exchange.selectors import swap_board
from scheduling.exchange.swaps import swap_post, swap_take, swap_withdraw
from scheduling.exchange.waitlist import waitlist_offer_next
from scheduling.models import Booking, SwapPost, WaitlistEntry
from tests.factories import AgentFactory, ProgramFactory, SkillFactory
from tests.queries import assert_flat_queries
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9
from tests.scheduling.exchange import agent, book, waiting

pytestmark = pytest.mark.django_db

Status = SwapPost.Status


@pytest.fixture
def block(ada, program):
    return book(ada, program, TOMORROW_9, 2)


def refused(code, call, **kwargs):
    with pytest.raises(BookingRefused) as caught:
        call(now=NOW, **kwargs)
    assert caught.value.code == code
    return caught.value.message


def post(block, **kwargs):
    return swap_post(agent=block.agent, booking_id=block.pk, now=NOW, **kwargs)


class TestPost:
    def test_the_owner_posts_a_future_block_to_everyone(self, block):
        swap = post(block, note="  Family visit  ")
        assert (swap.status, swap.offered_to, swap.note) == (Status.OPEN, None, "Family visit")

    def test_a_block_offered_to_one_agent_tells_them(self, block):
        bob = agent(full_name="Bob Builder")
        post(block, offered_to=bob)
        note = Notification.objects.get(user=bob)
        assert note.title == "Ada offers you a block"
        assert note.body == "Acme Voice, Wed Dec 02, 09:00–11:00."
        assert note.link == "/agent/swaps/"

    def test_only_once_while_open(self, block):
        post(block)
        message = refused("already_posted", swap_post, agent=block.agent, booking_id=block.pk)
        assert message == "This block is already on the swap board."

    def test_nobody_posts_someone_elses_block(self, block):
        with pytest.raises(Http404):
            swap_post(agent=agent(), booking_id=block.pk, now=NOW)
        assert not SwapPost.objects.exists()

    def test_not_a_cancelled_or_started_block(self, block):
        with pytest.raises(BookingRefused) as caught:
            swap_post(agent=block.agent, booking_id=block.pk, now=TOMORROW_9)
        assert (caught.value.code, caught.value.message) == (
            "started",
            "This block has already started.",
        )
        Booking.objects.filter(pk=block.pk).update(cancelled_at=NOW)
        assert refused("cancelled", swap_post, agent=block.agent, booking_id=block.pk) == (
            "This block was cancelled."
        )

    def test_offered_to_oneself_or_to_a_non_agent_names_the_field(self, block, client_user):
        for recipient in (block.agent, client_user):
            with pytest.raises(DomainError) as caught:
                post(block, offered_to=recipient)
            assert caught.value.field == "offered_to"
            assert caught.value.message == "Offer the block to another agent, or to everyone."


class TestWithdraw:
    def test_the_owner_withdraws_once(self, block):
        swap = post(block)
        assert swap_withdraw(agent=block.agent, swap_id=swap.pk).status == Status.WITHDRAWN
        with pytest.raises(BookingRefused) as caught:
            swap_withdraw(agent=block.agent, swap_id=swap.pk)
        assert caught.value.message == "This post is withdrawn already."

    def test_nobody_else_withdraws_it(self, block):
        swap = post(block)
        with pytest.raises(Http404):
            swap_withdraw(agent=agent(), swap_id=swap.pk)
        swap.refresh_from_db()
        assert swap.status == Status.OPEN


class TestTake:
    def test_the_taker_gets_the_block_and_the_owner_is_told(self, block):
        swap, bob = post(block), agent(full_name="Bob Builder")
        booking = swap_take(agent=bob, swap_id=swap.pk, now=NOW)
        assert (booking.agent, booking.starts_at, booking.transferred_from) == (
            bob,
            TOMORROW_9,
            block,
        )
        block.refresh_from_db()
        assert block.cancellation == Booking.Cancellation.TRANSFERRED
        swap.refresh_from_db()
        assert (swap.status, swap.taken_by, swap.taken_at) == (Status.TAKEN, bob, NOW)
        note = Notification.objects.get(user=block.agent)
        assert note.title == "Your block was taken on the swap board"
        assert note.body == "Bob took Acme Voice, Wed Dec 02, 09:00–11:00."

    def test_not_ones_own(self, block):
        swap = post(block)
        message = refused("own_block", swap_take, agent=block.agent, swap_id=swap.pk)
        assert message == "This is your own block."

    def test_not_one_offered_to_someone_else(self, block):
        swap = post(block, offered_to=agent())
        message = refused("offered_to_another", swap_take, agent=agent(), swap_id=swap.pk)
        assert message == "This block is offered to another agent."

    def test_not_a_withdrawn_or_taken_one(self, block):
        swap = post(block)
        swap_withdraw(agent=block.agent, swap_id=swap.pk)
        message = refused("not_open", swap_take, agent=agent(), swap_id=swap.pk)
        assert message == "Too late: this block was withdrawn."
        swap = post(block)
        swap_take(agent=agent(), swap_id=swap.pk, now=NOW)
        message = refused("not_open", swap_take, agent=agent(), swap_id=swap.pk)
        assert message == "Too late: this block was taken."

    def test_the_takers_rules_are_checked_and_the_post_stays_open(self, block, program):
        swap, bob = post(block), agent()
        book(bob, program, TOMORROW_9 + HOUR, 1)
        message = refused("overlap", swap_take, agent=bob, swap_id=swap.pk)
        assert message.startswith("Overlaps your Acme Voice block")
        swap.refresh_from_db()
        assert swap.status == Status.OPEN
        assert Booking.objects.get(pk=block.pk).agent == block.agent

    def test_an_agent_who_cannot_work_the_program_cannot_take_it(self, block):
        swap = post(block)
        refused("not_eligible", swap_take, agent=AgentFactory(), swap_id=swap.pk)

    def test_a_pending_release_block_held_by_the_waitlist_waits_for_its_offer(self, block):
        Booking.objects.filter(pk=block.pk).update(release_requested_at=NOW)
        entry = waiting(agent(), block.program, TOMORROW_9, 1)
        block.program.slots.update(capacity=1)
        waitlist_offer_next(
            program_id=block.program_id, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + HOUR, now=NOW
        )
        swap = post(block)
        message = refused("held", swap_take, agent=agent(), swap_id=swap.pk)
        assert message == "The waitlist holds this block for another agent until 10:15."
        offer_over = NOW + timedelta(minutes=15)
        assert swap_take(agent=agent(), swap_id=swap.pk, now=offer_over).is_active
        entry.refresh_from_db()
        assert entry.status == WaitlistEntry.Status.OFFERED  # expires with the sweep


class TestBoard:
    def test_what_each_agent_sees(self, block, program):
        bob, cleo = agent(), agent()
        to_all = post(block)
        other_block = book(cleo, program, TOMORROW_9 + 3 * HOUR, 1)
        to_bob = post(other_block, offered_to=bob)
        closed = ProgramFactory()
        closed.required_skills.add(SkillFactory())  # a skill none of them has
        stranger_block = Booking.objects.create(
            agent=cleo, program=closed, starts_at=TOMORROW_9 + 5 * HOUR,
            ends_at=TOMORROW_9 + 6 * HOUR,
        )  # fmt: skip
        post(stranger_block)
        board = swap_board(agent=bob, now=NOW)
        assert board.takeable == [to_all, to_bob]
        assert swap_board(agent=block.agent, now=NOW).mine == [to_all]
        assert swap_board(agent=agent(), now=NOW).takeable == [to_all]

    def test_the_owner_sees_unposted_pending_release_blocks(self, block):
        Booking.objects.filter(pk=block.pk).update(release_requested_at=NOW)
        assert swap_board(agent=block.agent, now=NOW).unposted_releases == [block]
        post(block)
        assert swap_board(agent=block.agent, now=NOW).unposted_releases == []

    def test_the_board_reads_the_same_queries_for_one_post_or_ten(self, program):
        bob = agent()

        def posts(count):
            program.slots.update(capacity=count)
            for _ in range(count):
                post(book(agent(), program, TOMORROW_9, 1))
            return count

        def board(count):
            takeable = swap_board(agent=bob, now=NOW).takeable
            assert len(takeable) == count
            [(p.booking.program.organisation.name, p.booking.agent.email) for p in takeable]

        assert assert_flat_queries(posts, board) == 4
