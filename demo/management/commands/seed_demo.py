from django.core.management.base import BaseCommand

from accounts.models import User
from demo.accounts import (
    AGENT_NAMES,
    CLIENTS,
    DEMO_PASSWORD,
    STAFF,
    seed_accounts,
)
from demo.programs import seed_programs
from demo.scheduling import (
    seed_attendance,
    seed_availability,
    seed_bonuses_and_block,
    seed_bookings,
    seed_exchange,
    seed_staffing,
)
from demo.sourcing import seed_sourcing
from demo.training import seed_training


class Command(BaseCommand):
    help = "Create demo data (idempotent): staff, clients with programs and demand, agents."

    def handle(self, *args: object, **options: object) -> None:
        counts = seed_accounts()
        sourcing = seed_sourcing()
        programs = seed_programs()
        certified = seed_training()  # programs require certifications: only holders book
        slots = seed_staffing(programs)
        agents = list(User.objects.filter(email__in=certified).order_by("email"))
        bookings = seed_bookings(programs, agents) if programs else 0
        if bookings:
            waitlisted, swaps = seed_exchange(agents)
            self.stdout.write(f"  exchange     {waitlisted} waitlist entries, {swaps} swap posts")
            attended = seed_attendance(agents)
            self.stdout.write(f"  attendance   {attended} begun blocks checked in or missed")
        available = seed_availability(agents)
        bonuses, blocks = seed_bonuses_and_block(programs)
        self.stdout.write(
            f"  availability {available} agent(s) with windows; {bonuses} bonuses, {blocks} block"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {counts['users_created']} new user(s), "
                f"{User.objects.count()} in all; "
                f"{len(programs)} new program(s) with {slots} slots and {bookings} bookings."
            )
        )
        self.stdout.write(f"  staff admin  {STAFF[0]}")
        for email, _ in CLIENTS:
            self.stdout.write(f"  client       {email}")
        self.stdout.write(
            f"  agents       agent01@gigcx.example … agent{len(AGENT_NAMES):02d}@gigcx.example"
        )
        self.stdout.write(
            f"  applicants   {sourcing['applicants']} new, {sourcing['demo_agents']} demo agents "
            "made active (see /staff/sourcing/)"
        )
        self.stdout.write(f"  password     {DEMO_PASSWORD} (for every demo login)")
