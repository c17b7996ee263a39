"""The demo courses: real lessons and quiz questions, for `demo/training.py`.

Each course: (fields, certification or None, lessons [(title, Markdown)], questions
[(text, [(choice, is right)], explanation)]). A question with several right choices is multiple
choice.
"""

CONFLICT = {
    "name": "Conflict resolution",
    "slug": "conflict-resolution",
    "description": "Calms upset customers and turns complaints into solved problems.",
}
SELLING = {
    "name": "Consultative selling",
    "slug": "consultative-selling",
    "description": "Recommends upgrades and add-ons that fit what the customer needs.",
}

SOFT_SKILL_COURSES = [
    (
        {
            "title": "Handling conflict",
            "slug": "handling-conflict",
            "topic": "soft_skills",
            "summary": "Stay calm, let upset customers be heard, and agree a way forward.",
        },
        CONFLICT,
        [
            (
                "Why customers get angry",
                "Most anger on a call is not about you. A customer who reaches us has usually "
                "tried to fix the problem already: a late parcel, a wrong bill, a form that did "
                "not work. By the time you answer they are tired and expect to be let down "
                "again.\n\n"
                "**Separate the person from the problem.** Listen for the facts under the "
                "emotion: what happened, when, and what they want now.\n\n"
                "- Do not take raised voices personally.\n"
                "- Do not argue about who is to blame.\n"
                "- Do write down the facts as you hear them.",
            ),
            (
                "Listen, acknowledge, act",
                "Use the **LAA** method on every difficult contact:\n\n"
                "1. **Listen** without interrupting until the customer has finished.\n"
                "2. **Acknowledge** the feeling and the fact: *“I understand — you were "
                "promised a refund last week and it still hasn't arrived. That's frustrating.”*\n"
                "3. **Act**: say exactly what you will do now and when they will hear back.\n\n"
                "Apologise for the experience, never with excuses. “I'm sorry this happened” "
                "works; “the system was down” does not.",
            ),
            (
                "When to escalate",
                "Some contacts need a supervisor or a specialist team. Escalate when:\n\n"
                "- the customer asks for something outside your authority (a refund above the "
                "program's limit, a legal complaint);\n"
                "- the customer becomes abusive after one calm warning;\n"
                "- you cannot solve the problem and have no next step to offer.\n\n"
                "Tell the customer who will call back and by when, and write a summary so "
                "nobody asks them to repeat the story.",
            ),
        ],
        [
            (
                "A customer shouts that this is the third time they are calling. What comes first?",
                [
                    ("Let them finish and listen for the facts", True),
                    ("Explain that shouting is not allowed", False),
                    ("Transfer them to a supervisor at once", False),
                    ("Read out the refund policy", False),
                ],
                "Listening comes first: the customer needs to be heard before any solution.",
            ),
            (
                "Which sentence acknowledges both the feeling and the fact?",
                [
                    ("“I understand — your order is a week late and you needed it today.”", True),
                    ("“Calm down, I'm trying to help.”", False),
                    ("“Our courier had problems this week.”", False),
                    ("“That's not my department.”", False),
                ],
                "Name what happened and how it feels, without excuses.",
            ),
            (
                "When should you escalate?",
                [
                    ("The request is above your authority", True),
                    ("The customer stays abusive after one calm warning", True),
                    ("The customer sounds annoyed", False),
                    ("The call has lasted more than five minutes", False),
                ],
                "Escalate for authority, abuse after a warning, or no next step — not for mood.",
            ),
            (
                "What makes an apology work?",
                [
                    ("Apologising for the experience, without excuses", True),
                    ("Explaining which team made the mistake", False),
                    ("Promising it will never happen again", False),
                ],
                "Excuses sound like blame; a plain apology for the experience works.",
            ),
            (
                "What does the “Act” step of LAA include?",
                [
                    ("What you will do now and when they will hear back", True),
                    ("A summary of the company's policies", False),
                    ("A survey invitation", False),
                ],
                "Act means a concrete next step with a time.",
            ),
        ],
    ),
    (
        {
            "title": "Upselling and cross-selling",
            "slug": "upselling-and-cross-selling",
            "topic": "soft_skills",
            "summary": "Offer the upgrade or add-on that solves the customer's need, never pushy.",
        },
        SELLING,
        [
            (
                "Serve first, sell second",
                "A recommendation only works once the customer's problem is solved. Selling to "
                "someone who is still waiting for help feels like pressure and hurts "
                "satisfaction scores.\n\n"
                "**Upselling** offers a better version of what they have (a larger plan, "
                "express delivery). **Cross-selling** offers something that goes with it (a "
                "case for the phone, travel insurance for the flight).",
            ),
            (
                "Find the need",
                "Ask open questions and listen for clues:\n\n"
                "- *“How do you mostly use it?”*\n"
                "- *“Has this happened before?”*\n\n"
                "A customer who runs out of data every month needs a bigger plan, not a "
                "discount voucher. Tie every offer to something they told you: *“You said you "
                "travel a lot — the annual plan covers roaming.”*",
            ),
            (
                "Offer once, accept no",
                "Make one clear offer with its price and benefit. If the customer says no, "
                "thank them and move on: a second push costs more goodwill than the sale is "
                "worth. Never add a product without explicit consent, and always confirm the "
                "new total before you finish.",
            ),
        ],
        [
            (
                "When is the right moment to make an offer?",
                [
                    ("After the customer's problem is solved", True),
                    ("At the start of the call", False),
                    ("While the customer is on hold", False),
                ],
                "Serve first, sell second.",
            ),
            (
                "A customer runs out of data every month. What fits best?",
                [
                    ("A larger data plan", True),
                    ("A phone case", False),
                    ("A discount voucher for accessories", False),
                ],
                "Tie the offer to the need you heard.",
            ),
            (
                "Which of these are cross-sells?",
                [
                    ("A case for the phone they just bought", True),
                    ("Travel insurance for a booked flight", True),
                    ("A larger version of their current plan", False),
                ],
                "A cross-sell goes with what they have; an upsell replaces it with more.",
            ),
            (
                "The customer says no to your offer. What now?",
                [
                    ("Thank them and move on", True),
                    ("Offer a discount and ask again", False),
                    ("Add it anyway with a free trial", False),
                ],
                "One offer; never add anything without consent.",
            ),
            (
                "What must you do before the call ends after a sale?",
                [
                    ("Confirm the new total with the customer", True),
                    ("Offer a second product", False),
                    ("Transfer to the sales team", False),
                ],
                "Customers must know what they will pay.",
            ),
        ],
    ),
]


def _program_course(
    organisation: str, program: str, slug: str, summary: str, lessons: list, questions: list
) -> tuple:
    certification = {
        "name": f"{organisation} · {program}",
        "slug": f"{slug}-certified",
        "description": f"Trained to handle {program.lower()} contacts for {organisation}.",
        "program": (organisation, program),
    }
    fields = {
        "title": f"{organisation}: {program}",
        "slug": slug,
        "topic": "brand",
        "summary": summary,
        "program": (organisation, program),
    }
    return fields, certification, lessons, questions


PROGRAM_COURSES = [
    _program_course(
        "Northwind Outfitters",
        "Order support",
        "northwind-order-support",
        "Orders, deliveries, returns and the 60-day Trail Promise of an outdoor retailer.",
        [
            (
                "Who Northwind Outfitters are",
                "Northwind sells outdoor clothing and camping gear online and in 40 stores. "
                "Their customers plan trips around their orders, so a late tent is a ruined "
                "weekend. The brand voice is **warm, practical and outdoorsy**: first names, "
                "short sentences, no jargon.",
            ),
            (
                "Orders and delivery",
                "Find an order by its number (NW- and eight digits) or the customer's e-mail.\n\n"
                "- Standard delivery: 3–5 business days, free over $75.\n"
                "- Express: next business day if ordered before 2 p.m. Eastern, $14.\n"
                "- A parcel with no tracking update for 3 business days is **lost**: send a "
                "replacement by express at no charge.",
            ),
            (
                "Returns and the Trail Promise",
                "Anything can be returned within **60 days**, used or not, under the Trail "
                "Promise. Refunds go to the original payment method within 5 business days of "
                "the item arriving at the warehouse. Items damaged by normal wear after 60 "
                "days go to the repair team instead.",
            ),
        ],
        [
            (
                "A parcel has had no tracking update for 3 business days. What do you do?",
                [
                    ("Send a free express replacement", True),
                    ("Ask the customer to wait another week", False),
                    ("Refund the delivery fee only", False),
                ],
                "After 3 silent business days the parcel counts as lost.",
            ),
            (
                "How long does the Trail Promise allow returns?",
                [("60 days", True), ("30 days", False), ("14 days", False), ("1 year", False)],
                "60 days, used or not.",
            ),
            (
                "Which orders ship free by standard delivery?",
                [
                    ("Orders over $75", True),
                    ("Every order", False),
                    ("Orders over $150", False),
                ],
                "Standard delivery is free over $75.",
            ),
            (
                "Which describe the Northwind brand voice?",
                [
                    ("Warm", True),
                    ("Practical", True),
                    ("Formal and technical", False),
                ],
                "Warm, practical and outdoorsy.",
            ),
            (
                "Where does a refund go?",
                [
                    ("To the original payment method", True),
                    ("To store credit", False),
                    ("To a gift card", False),
                ],
                "Always the original payment method.",
            ),
        ],
    ),
    _program_course(
        "Northwind Outfitters",
        "Live chat",
        "northwind-live-chat",
        "Two chats at a time, product advice and the chat style guide of Northwind.",
        [
            (
                "Chatting the Northwind way",
                "Greet within 30 seconds with your first name. Write short messages, one "
                "question at a time, and use the customer's name once. Emojis are fine when "
                "the customer uses them first. Never paste a wall of policy text: link to the "
                "help page and summarise it in a sentence.",
            ),
            (
                "Two chats at once",
                "You handle **up to two chats** at a time. Tell a customer when you need a "
                "minute to check something, and never leave a chat silent for more than 2 "
                "minutes. If one chat turns complex, finish it before accepting a new one.",
            ),
            (
                "Product advice",
                "Chat customers often ask *which* jacket or sleeping bag to buy. Ask about the "
                "trip: season, temperature, weight they carry. Recommend at most two products "
                "with links, and mention the Trail Promise so they buy with confidence.",
            ),
        ],
        [
            (
                "How many chats do you handle at once?",
                [("Up to two", True), ("One", False), ("Up to five", False)],
                "Concurrency is two.",
            ),
            (
                "How long may a chat stay silent at most?",
                [("2 minutes", True), ("5 minutes", False), ("30 seconds", False)],
                "Never more than 2 minutes without a message.",
            ),
            (
                "A customer asks for a winter sleeping bag. What do you ask first?",
                [
                    ("About the trip: season and temperature", True),
                    ("Their budget in dollars", False),
                    ("Whether they are a member", False),
                ],
                "Start from the trip.",
            ),
            (
                "Which are good chat habits?",
                [
                    ("One question at a time", True),
                    ("Summarise policy in a sentence and link to it", True),
                    ("Paste the full returns policy", False),
                ],
                "Short messages and links, never walls of text.",
            ),
            (
                "When may you use emojis?",
                [
                    ("When the customer uses them first", True),
                    ("Always", False),
                    ("Never", False),
                ],
                "Mirror the customer.",
            ),
        ],
    ),
    _program_course(
        "Brightside Health",
        "Member services",
        "brightside-member-services",
        "Identity checks, privacy and plan benefits for a health insurer's members.",
        [
            (
                "Privacy first",
                "Brightside is a health insurer: every call is covered by HIPAA. Before you "
                "discuss anything about a member, **verify identity** with three facts: full "
                "name, date of birth and member ID (or ZIP code if the ID card is not at "
                "hand). Never confirm that a person is a member to an unverified caller.",
            ),
            (
                "Plans and benefits",
                "Members have a Bronze, Silver or Gold plan. Explain the deductible (what they "
                "pay before the plan pays), the copay (a fixed amount per visit) and the "
                "out-of-pocket maximum (after which the plan pays 100 %). Read figures from "
                "the member's plan page; never estimate.",
            ),
            (
                "Care, not advice",
                "You may help a member find an in-network doctor or understand a bill. You may "
                "**not** give medical advice. If a member describes an emergency, tell them to "
                "call 911 and stay on the line until they confirm they are calling.",
            ),
        ],
        [
            (
                "Which facts verify a member's identity?",
                [
                    ("Full name", True),
                    ("Date of birth", True),
                    ("Member ID or ZIP code", True),
                    ("Favourite doctor", False),
                ],
                "Three facts: name, date of birth, member ID (or ZIP).",
            ),
            (
                "An unverified caller asks whether their neighbour is a member. You…",
                [
                    ("Neither confirm nor deny", True),
                    ("Confirm but give no details", False),
                    ("Give the plan type only", False),
                ],
                "Membership itself is protected health information.",
            ),
            (
                "What is a copay?",
                [
                    ("A fixed amount the member pays per visit", True),
                    ("What the member pays before the plan pays", False),
                    ("The yearly premium", False),
                ],
                "The deductible comes before the plan pays; a copay is per visit.",
            ),
            (
                "A member describes chest pain on the call. What do you do?",
                [
                    ("Tell them to call 911 and stay on the line", True),
                    ("Book a doctor's appointment", False),
                    ("Explain their emergency-room copay", False),
                ],
                "Emergencies go to 911 first.",
            ),
            (
                "Where do benefit figures come from?",
                [
                    ("The member's plan page", True),
                    ("Your best estimate", False),
                    ("The average of all plans", False),
                ],
                "Never estimate figures.",
            ),
        ],
    ),
    _program_course(
        "Brightside Health",
        "Claims e-mail",
        "brightside-claims-email",
        "Answering claim questions by e-mail: status codes, appeals and clear writing.",
        [
            (
                "Reading a claim",
                "Each claim has a status: **Received**, **In review**, **Paid** or **Denied**. "
                "A denial carries a reason code; the most common are *CO-50* (not medically "
                "necessary), *CO-97* (included in another service) and *PR-1* (deductible).",
            ),
            (
                "Appeals",
                "A member may appeal a denial within **180 days**. Send the appeal form link, "
                "list the documents the reason code needs (a doctor's letter for CO-50), and "
                "give the reference number. Appeals are decided within 30 days.",
            ),
            (
                "Writing clear e-mails",
                "Answer the question in the first sentence. Use plain words instead of codes "
                "(explain CO-97 as “this was paid as part of another service on the same day”). "
                "Close with the next step and your first name. Reply within the 4-hour "
                "service level.",
            ),
        ],
        [
            (
                "Within how many days may a member appeal a denial?",
                [("180 days", True), ("30 days", False), ("60 days", False)],
                "180 days from the denial.",
            ),
            (
                "What does reason code PR-1 mean?",
                [
                    ("The amount falls under the deductible", True),
                    ("Not medically necessary", False),
                    ("Included in another service", False),
                ],
                "PR-1 is the deductible.",
            ),
            (
                "What goes in the first sentence of your reply?",
                [
                    ("The answer to the member's question", True),
                    ("A greeting and thanks for writing", False),
                    ("The claim's reason code", False),
                ],
                "Answer first.",
            ),
            (
                "What does a CO-50 appeal need? ",
                [
                    ("A doctor's letter", True),
                    ("A copy of the member ID card only", False),
                    ("Nothing: appeals need no documents", False),
                ],
                "Medical necessity needs the doctor's word.",
            ),
            (
                "Which statuses can a claim have?",
                [
                    ("In review", True),
                    ("Paid", True),
                    ("Denied", True),
                    ("Cancelled by the agent", False),
                ],
                "Received, In review, Paid or Denied.",
            ),
        ],
    ),
]
