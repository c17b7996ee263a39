"""The starting list of skills and version 1 of the two agreements applicants accept.

Version 1 of the Bill of Rights is the text of the public page (templates/bill_of_rights.html) as
it stood when the agreements were introduced; later versions are published in the admin.
"""

import re
from pathlib import Path

from django.conf import settings
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


def bill_of_rights_text() -> str:
    page = (Path(settings.BASE_DIR) / "templates" / "bill_of_rights.html").read_text()
    rights = re.findall(r"<h2>(.*?)</h2>\s*<p>(.*?)</p>", page, flags=re.S)
    return "\n".join(
        f"{number}. {title.strip()}: {' '.join(text.split())}"
        for number, (title, text) in enumerate(rights, start=1)
    )


def forwards(apps, schema_editor):
    Skill = apps.get_model("agents", "Skill")
    Agreement = apps.get_model("agents", "Agreement")
    for name, slug in SKILLS:
        Skill.objects.get_or_create(slug=slug, defaults={"name": name})
    now = timezone.now()
    for kind, body in (("bill_of_rights", bill_of_rights_text()), ("contractor", CONTRACTOR_V1)):
        Agreement.objects.get_or_create(
            kind=kind, version=1, defaults={"body": body, "published_at": now}
        )


class Migration(migrations.Migration):
    dependencies = [("agents", "0002_applications")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
