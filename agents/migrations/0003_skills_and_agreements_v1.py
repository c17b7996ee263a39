"""The starting list of skills and version 1 of the two agreements applicants accept.

Version 1 of the Bill of Rights is the text the public page (templates/bill_of_rights.html) showed
when the agreements were introduced, one right per line; later versions are published in the
admin, and the page shows the newest.
"""

from django.db import migrations
from django.utils import timezone

SKILLS = [
    ("Healthcare", "healthcare"),
    ("Insurance", "insurance"),
    ("Retail", "retail"),
    ("Travel and hospitality", "travel"),
    ("Technical support", "technical-support"),
    ("Financial services", "financial-services"),
    ("Sales", "sales"),
    ("Telecommunications", "telecom"),
    ("Utilities", "utilities"),
    ("E-commerce", "ecommerce"),
    ("Government services", "government"),
    ("Collections", "collections"),
]

CONTRACTOR_V1 = """\
1. You are an independent contractor, not an employee. You run your own business and decide when,
how much and for which programs you work.
2. You provide your own home office: a computer, a headset, wired internet and a quiet room.
3. You are paid per hour of booked and delivered service at the rate each slot shows before you
book it, plus any bonus it shows. Payment is made every two weeks.
4. You keep customer data confidential, use it only to serve the customer in front of you, and
never copy it out of the systems a program provides.
5. You may end this agreement at any time by withdrawing; so may gigcx, with the reason given.
"""


BILL_OF_RIGHTS_V1 = "\n".join(
    [
        '1. You choose where you work: You work from your own home office, anywhere in the United States. We never ask you to move, commute or live near a site.',
        '2. You choose when you work: You book the 30-minute slots you want, up to the weekly hours you set yourself. Nobody assigns you a shift, and you may cancel without penalty within five minutes of booking, or hand a shift to another agent through the swap board.',
        "3. You choose whom you work for: You decide which brands' programs to certify for. Saying no to a program never counts against you.",
        '4. Free education and certification: Every course and certification on gigcx is free. What you learn — brand knowledge, soft skills, certificates with a public verification page — belongs to you.',
        '5. Fair and transparent rules: Booking rules, pay rates, bonuses and how performance and tiers are calculated are published and the same for everyone. You see every metric recorded about you and the reason for every decision about your application.',
        '6. Pay you can predict: Every slot shows its hourly rate and any bonus before you book. You see your estimate for a block before you commit to it.',
        '7. Coaching, not surveillance: Quality evaluations come with specific, respectful feedback from coaches. You can ask for any evaluation to be reviewed.',
        '8. A community: You belong to a community of agents: forums, knowledge sessions, virtual happy hours and contests. You are never on your own.',
        '9. Your data is yours: You can download everything we hold about you and ask us to erase it.',
    ]
)


def forwards(apps, schema_editor):
    Skill = apps.get_model("agents", "Skill")
    Agreement = apps.get_model("agents", "Agreement")
    for name, slug in SKILLS:
        Skill.objects.get_or_create(slug=slug, defaults={"name": name})
    now = timezone.now()
    for kind, body in (("bill_of_rights", BILL_OF_RIGHTS_V1), ("contractor", CONTRACTOR_V1)):
        Agreement.objects.get_or_create(
            kind=kind, version=1, defaults={"body": body, "published_at": now}
        )


class Migration(migrations.Migration):
    dependencies = [("agents", "0002_applications")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
