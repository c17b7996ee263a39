from django.core.management.base import BaseCommand

from accounts.demo import AGENT_NAMES, CLIENTS, DEMO_PASSWORD, STAFF, seed_accounts
from agents.demo import seed_sourcing


class Command(BaseCommand):
    help = "Create demo data (idempotent): a staff admin, two clients and thirty agents."

    def handle(self, *args: object, **options: object) -> None:
        counts = seed_accounts()
        sourcing = seed_sourcing()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {counts['users_created']} new user(s), {counts['users']} in all."
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
