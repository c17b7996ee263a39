"""Demo people for `manage.py seed_demo`: a staff admin, two client users, thirty agents."""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_welcome

DEMO_PASSWORD = "gigcx-demo-2026"  # noqa: S105 - printed for people trying the demo

STAFF = ("admin@gigcx.example", "Morgan Avery")
CLIENTS = [
    ("dana@northwind-outfitters.example", "Dana Ortiz (Northwind Outfitters)"),
    ("lee@brightside-health.example", "Lee Chen (Brightside Health)"),
]
AGENT_NAMES = [
    "Ava Johnson",
    "Liam Martinez",
    "Sophia Nguyen",
    "Noah Williams",
    "Isabella Brown",
    "Mason Davis",
    "Mia Rodriguez",
    "Ethan Wilson",
    "Amelia Lee",
    "Lucas Anderson",
    "Harper Thomas",
    "Elijah Taylor",
    "Evelyn Moore",
    "James Jackson",
    "Abigail White",
    "Benjamin Harris",
    "Emily Martin",
    "Henry Thompson",
    "Ella Garcia",
    "Alexander Clark",
    "Grace Lewis",
    "Daniel Robinson",
    "Chloe Walker",
    "Matthew Young",
    "Zoe Allen",
    "Samuel King",
    "Lily Wright",
    "David Scott",
    "Hannah Green",
    "Joseph Baker",
]
# Roughly where the US population lives, so the demo looks like a nationwide pool.
AGENT_TIME_ZONES = (
    ["America/New_York"] * 12
    + ["America/Chicago"] * 8
    + ["America/Denver"] * 3
    + ["America/Phoenix"] * 2
    + ["America/Los_Angeles"] * 3
    + ["America/Anchorage", "Pacific/Honolulu"]
)


@transaction.atomic
def seed_accounts() -> dict[str, int]:
    """Create the demo people if they are missing; running it again changes nothing."""
    created = 0
    password = make_password(DEMO_PASSWORD)  # hashed once: the slow hash is the point of it
    staff_email, staff_name = STAFF
    created += _ensure_user(
        staff_email,
        staff_name,
        password=password,
        role=User.Role.STAFF,
        is_staff=True,
        is_superuser=True,
    )
    for email, name in CLIENTS:
        created += _ensure_user(
            email,
            name,
            password=password,
            role=User.Role.CLIENT,
            client_approved_at=timezone.now(),
        )
    for email, name, zone in zip(demo_agent_emails(), AGENT_NAMES, AGENT_TIME_ZONES, strict=True):
        created += _ensure_user(
            email,
            name,
            password=password,
            role=User.Role.AGENT,
            timezone=zone,
        )
    return {"users_created": created, "users": User.objects.count()}


def demo_agent_emails() -> list[str]:
    """agent01@gigcx.example … agent30@gigcx.example: the demo agents who work shifts."""
    return [f"agent{index:02d}@gigcx.example" for index in range(1, len(AGENT_NAMES) + 1)]


def _ensure_user(email: str, full_name: str, *, password: str, **fields: object) -> int:
    if User.objects.filter(email=email).exists():
        return 0
    user = User.objects.create(email=email, password=password, full_name=full_name, **fields)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    user_welcome(user=user, email=False)  # demo addresses are not real mailboxes
    return 1
