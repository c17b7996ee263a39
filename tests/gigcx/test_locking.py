"""gigcx.locking: one lock order, refused out of order or outside a transaction, a lock wait
that ends as a 503, and no row lock anywhere else in the code."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from accounts.models import User
from clients.models import Program
from gigcx.locking import ORDER, LockBusy, LockOrderError, lock_rows, locked
from scheduling.booking.sql import LOCKS
from scheduling.models import Booking, Slot
from tests.factories import AgentFactory

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "agents", "clients", "training", "scheduling", "performance", "community"]
APPS += ["notifications", "jobs", "gigcx", "demo"]


def rank(model: type) -> int:
    return ORDER.index(model._meta.label)


@pytest.mark.django_db
def test_kinds_in_order_are_locked_and_returned():
    agent = AgentFactory()
    with locked() as locks:
        assert locks.rows(User.objects.filter(pk=agent.pk)) == [agent]
        assert locks.rows(Slot.objects.none()) == []
        assert locks.rows(Booking.objects.none()) == []


@pytest.mark.django_db
def test_a_kind_before_one_already_locked_is_refused():
    with locked() as locks:
        locks.rows(Slot.objects.none())
        with pytest.raises(
            LockOrderError, match=r"accounts\.User is locked after scheduling\.Slot"
        ):
            locks.rows(User.objects.none())


@pytest.mark.django_db
def test_a_kind_without_a_place_in_the_order_is_refused():
    with locked() as locks, pytest.raises(LockOrderError, match="no place"):
        locks.rows(apps.get_model("notifications", "Notification").objects.none())


@pytest.mark.django_db(transaction=True)
def test_a_lock_outside_a_transaction_is_refused():
    with pytest.raises(LockOrderError, match="outside a transaction"):
        lock_rows(User.objects.none())


@pytest.mark.django_db(transaction=True)
def test_a_lock_held_past_the_wait_is_busy_not_a_500():
    """Another connection holds the row: the wait ends after timeout_ms as LockBusy (503)."""
    agent = AgentFactory()
    holder = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        holder.set_autocommit(False)
        with holder.cursor() as cursor:
            cursor.execute("SELECT id FROM accounts_user WHERE id = %s FOR UPDATE", [agent.pk])
        with pytest.raises(LockBusy) as busy, locked(timeout_ms=200) as locks:
            locks.rows(User.objects.filter(pk=agent.pk))
    finally:
        holder.rollback()
        holder.close()
    assert (busy.value.status_code, busy.value.retry_after) == (503, 1)
    with transaction.atomic(), locked(timeout_ms=200) as locks:  # released: granted at once
        assert locks.rows(User.objects.filter(pk=agent.pk)) == [agent]


def test_every_kind_in_the_order_is_a_model():
    for label in ORDER:
        assert apps.get_model(label)


def test_the_booking_batch_locks_in_the_order():
    kinds = [rank(model) for model, _ in LOCKS]
    assert kinds == sorted(kinds)
    assert rank(User) < rank(Program) < rank(Slot) < rank(Booking)


def test_no_row_lock_is_taken_outside_gigcx_locking():
    """Every row lock goes through gigcx.locking, so the order holds for all of them."""
    pattern = re.compile(r"select_for_update|FOR (NO KEY )?UPDATE")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "locking.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []
