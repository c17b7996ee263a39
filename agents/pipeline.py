"""The screening pipeline: which moves are legal and what each stage means to the applicant."""

from agents.models import Status

# The main road, in order; each stage's entry time is kept in `<stage>_at` on the application.
MAIN_STAGES = [
    Status.SUBMITTED,
    Status.SCREENING,
    Status.ASSESSMENT,
    Status.BACKGROUND_CHECK,
    Status.APPROVED,
    Status.ACTIVE,
]
_OFF_ROAD = {Status.REJECTED, Status.WAITLISTED, Status.WITHDRAWN}

LEGAL_TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {Status.SCREENING} | _OFF_ROAD,
    Status.SCREENING: {Status.ASSESSMENT} | _OFF_ROAD,
    Status.ASSESSMENT: {Status.BACKGROUND_CHECK} | _OFF_ROAD,
    Status.BACKGROUND_CHECK: {Status.APPROVED} | _OFF_ROAD,
    Status.APPROVED: {Status.ACTIVE, Status.WITHDRAWN},
    Status.ACTIVE: {Status.WITHDRAWN},
    Status.WAITLISTED: {Status.SCREENING, Status.REJECTED, Status.WITHDRAWN},
    Status.REJECTED: set(),
    Status.WITHDRAWN: set(),
}

# "Advance" in the admin: the next stage on the main road (a waitlisted applicant resumes).
NEXT_STAGE: dict[str, str] = {
    **{stage: MAIN_STAGES[i + 1] for i, stage in enumerate(MAIN_STAGES[:-1])},
    Status.WAITLISTED: Status.SCREENING,
}

STAGE_TIMESTAMP: dict[str, str] = {stage: f"{stage}_at" for stage in MAIN_STAGES}

WHAT_COMES_NEXT: dict[str, str] = {
    Status.DRAFT: "Complete every step of your application and submit it.",
    Status.SUBMITTED: "We have your application. Our team screens new applications within a "
    "few days.",
    Status.SCREENING: "We are reviewing your experience, languages and home office.",
    Status.ASSESSMENT: "Next is an assessment of your customer-service skills; we will write "
    "to you with the details.",
    Status.BACKGROUND_CHECK: "We are running your background check; it usually takes about a week.",
    Status.APPROVED: "You are approved. Take the free courses and certify for the programs "
    "you want to serve.",
    Status.ACTIVE: "You are an active agent: book shifts from your own schedule.",
    Status.WAITLISTED: "There is no opening for your profile right now; we keep your "
    "application and come back to you when there is.",
    Status.REJECTED: "We will not take your application further. Thank you for your interest.",
    Status.WITHDRAWN: "You withdrew your application.",
}

APPLICATION_STEPS: list[tuple[str, str]] = [
    ("contact", "Contact details"),
    ("location", "Location"),
    ("languages", "Languages"),
    ("work", "Channels and hours"),
    ("experience", "Experience and brands"),
    ("home_office", "Home office"),
    ("tests", "Writing and typing"),
    ("agreements", "Agreements"),
]
STEP_NAMES = [name for name, _ in APPLICATION_STEPS]
STEP_TITLES = dict(APPLICATION_STEPS)


def is_legal(from_status: str, to_status: str) -> bool:
    return to_status in LEGAL_TRANSITIONS.get(from_status, set())


def missing_steps(completed: list[str]) -> list[str]:
    """The steps still to do, in order."""
    return [name for name in STEP_NAMES if name not in completed]
