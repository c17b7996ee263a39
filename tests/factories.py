from datetime import time, timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from agents.choices import Channel
from clients.models import Membership, OperatingHours, Organisation, Program
from jobs.models import Job
from notifications.kinds import Kind
from notifications.models import Notification
from scheduling.models import Booking, Slot

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a verified e-mail address who can sign in with PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    role = User.Role.AGENT
    timezone = "America/Chicago"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: object, **kwargs: object) -> None:
        self.save()
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class AgentFactory(UserFactory):
    role = User.Role.AGENT


class ClientUserFactory(UserFactory):
    role = User.Role.CLIENT
    client_approved_at = factory.LazyFunction(timezone.now)


class StaffFactory(UserFactory):
    role = User.Role.STAFF
    is_staff = True
    is_superuser = True


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(AgentFactory)
    kind = Kind.TRAINING
    title = factory.Sequence(lambda n: f"Course update {n}")
    body = "Your course has a new lesson."
    link = "/agent/"
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    kind = "import"
    owner = factory.SubFactory(StaffFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Brand {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(ClientUserFactory)
    role = Membership.Role.PLANNER


def member_of(organisation: Organisation, role: str, **fields: object) -> User:
    """A client person with `role` in `organisation`, in its programs' time zone (New York)."""
    user = ClientUserFactory(**{"timezone": "America/New_York", **fields})
    MembershipFactory(organisation=organisation, user=user, role=role)
    return user


class ProgramFactory(factory.django.DjangoModelFactory):
    """A voice program in New York, open 08:00–20:00 every day, 80 % in 20 s, AHT 180 s."""

    class Meta:
        model = Program
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Care line {n}")
    channel = Channel.VOICE
    timezone = "America/New_York"
    service_level_percent = 80
    answer_seconds = 20
    aht_seconds = 180
    max_occupancy_percent = 100
    shrinkage_percent = 30

    @factory.post_generation
    def hours(self, create: bool, extracted: dict | None, **kwargs: object) -> None:
        if not create:
            return
        opening = extracted if extracted is not None else {d: (time(8), time(20)) for d in range(7)}
        OperatingHours.objects.bulk_create(
            OperatingHours(program=self, weekday=day, opens=opens, closes=closes)
            for day, (opens, closes) in opening.items()
        )


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    agent = factory.SubFactory(AgentFactory)
    program = factory.SubFactory(ProgramFactory)
    starts_at = factory.LazyFunction(timezone.now)
    ends_at = factory.LazyAttribute(lambda booking: booking.starts_at + timedelta(hours=2))


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agents.Skill"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.Sequence(lambda n: f"skill-{n}")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft application; `status=` and the stage timestamps place it in the pipeline."""

    class Meta:
        model = "agents.Application"

    user = factory.SubFactory(AgentFactory)
    phone = "+1 555 0100"
    state = "TX"
    zip_code = "75201"
    channels = factory.LazyFunction(lambda: ["voice", "chat"])
    hours_min = 20
    hours_max = 30
    typing_wpm = 55
    typing_accuracy = 97


class ScoringRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agents.ScoringRule"

    name = factory.Sequence(lambda n: f"Rule {n}")
    kind = "channel"
    channel = "voice"
    points = 5


def sourcing_vocabulary() -> None:
    """The skills and agreements a migration creates, again: a transactional test flushes them."""
    from agents.models import Agreement

    for slug, name in [
        ("healthcare", "Healthcare"),
        ("retail", "Retail"),
        ("sales", "Sales"),
        ("technical-support", "Technical support"),
    ]:
        SkillFactory(slug=slug, name=name)
    for kind in ("bill_of_rights", "contractor"):
        Agreement.objects.get_or_create(
            kind=kind,
            version=1,
            defaults={"body": f"The {kind} text.", "published_at": timezone.now()},
        )


class SlotFactory(factory.django.DjangoModelFactory):
    """A slot released long ago (every tier may book it) with `capacity` seats."""

    class Meta:
        model = Slot

    program = factory.SubFactory(ProgramFactory)
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    )
    required = 3
    capacity = 4
    # Released well before its start, whatever the wall clock: tests stop the clock at fixed
    # moments, and a release stamped from the real time would open the slot after them.
    released_at = factory.LazyAttribute(lambda slot: slot.starts_at - timedelta(days=30))


def working_agent(**fields: object) -> User:
    """An agent whose application is active: eligible for programs without other requirements."""
    return ApplicationFactory(status="active", user=AgentFactory(**fields)).user


def open_slots(program: Program, starts_at: object, hours: float, capacity: int = 4) -> list[Slot]:
    """Consecutive released slots of `program` from `starts_at` for `hours`."""
    return [
        SlotFactory(
            program=program, starts_at=starts_at + n * timedelta(minutes=30), capacity=capacity
        )
        for n in range(int(hours * 2))
    ]


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Certification"

    name = factory.Sequence(lambda n: f"Certification {n}")
    slug = factory.Sequence(lambda n: f"certification-{n}")
    validity_days = 365


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Course"

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "What the course teaches."


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Lesson"

    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = "Listen **first**, then act."


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Quiz"

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark_percent = 75
    max_attempts = 3
    cooldown_minutes = 60
    time_limit_minutes = 15


def quiz_question(quiz: object, text: str, right: list[str], wrong: list[str]) -> object:
    """A question of `quiz` with its choices; several right choices make it multiple choice."""
    kind = "multiple" if len(right) > 1 else "single"
    question = quiz.questions.create(text=text, kind=kind, explanation=f"About {text}.")
    for choice in right:
        question.choices.create(text=choice, is_correct=True)
    for choice in wrong:
        question.choices.create(text=choice, is_correct=False)
    return question


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Award"

    agent = factory.SubFactory(AgentFactory)
    certification = factory.SubFactory(CertificationFactory)
    awarded_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    expires_at = factory.LazyAttribute(lambda award: award.awarded_at + timedelta(days=365))
