"""The demo content ``load_demo`` builds: a real clinic blog post and what it links to.

The text is copied word for word from the clinic's article "Exploring the Connection Between
Neuropathy and Autoimmune Diseases" (Blue Ridge Acupuncture & Integrative Health, 2024),
typographic apostrophes and em dash included. It belongs to the example site, not to the
package: an installed wagtail_neuro ships no demo text. Condition pages reuse the article's own
sentences; nothing medical is added that the article does not say.

Plain data only (no Django imports): ``loader.py`` turns it into pages, blocks and snippets.
Stream values use the blocks' raw JSON shapes; ``{"condition": slug}`` in a page chooser is
replaced with the id of that condition page when the page exists.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

CLINIC_NAME = "Blue Ridge Acupuncture & Integrative Health"

AUTHOR = {"slug": "care-manager", "name": "Care Manager", "role": "Care Manager"}

# The clinic as search engines see it (Settings → Clinic; a schema.org MedicalClinic). The
# source page gives no street address or phone number: the phone is a fictional 555-01xx
# number and only the state is given. The hours are OFFICE_HOURS below.
CLINIC: dict[str, Any] = {
    "name": CLINIC_NAME,
    "telephone": "+1-828-555-0100",
    "address_region": "NC",
    "address_country": "US",
    "booking_url": "https://example.com/book",
    # the clinic's neuropathy protocol
    "specialties": ["Neurologic"],
    "accepting_new_patients": True,
}

# The two related posts are about living with neuropathy; the main article keeps the source
# blog's "Uncategorized" (no category), so both cases show in the demo.
NEUROPATHY_CATEGORY = "neuropathy"
CATEGORIES = [
    {
        "slug": NEUROPATHY_CATEGORY,
        "name": "Neuropathy",
        "description": "Posts on living with neuropathy.",
    },
]

MAYO_CLINIC_URL = (
    "https://www.mayoclinic.org/diseases-conditions/neuropathy/symptoms-causes/syc-20350105"
)
NINDS_URL = "https://www.ninds.nih.gov/Disorders/All-Disorders/Neuropathy-Information-Page"

OFFICE_HOURS: dict[str, Any] = {
    "slug": "office-hours",
    "name": "Office Hours",
    # Blue Ridge is in North Carolina.
    "timezone": "America/New_York",
    # Mondays to Thursdays 9-5 PM; Fridays closed; the weekend is not listed, so closed.
    "weekly_hours": [
        {"type": "period", "value": {"weekday": str(day), "opens": "09:00", "closes": "17:00"}}
        for day in range(4)
    ],
    "exceptions": [],
    "notes": "",
}


# ---------------------------------------------------------------- helpers for the raw shapes


def paragraph(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": f"<p>{escape(text, quote=False)}</p>"}


def heading(text: str) -> dict[str, Any]:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def citation(url: str, source: str) -> dict[str, Any]:
    return {
        "type": "citation",
        "value": {
            "title": "",
            "url": url,
            "source": source,
            "authors": "",
            "publication_date": None,
            "accessed_date": None,
            "doi": "",
            "pmid": "",
        },
    }


def symptom_list(title: str, intro: str, *names: str) -> dict[str, Any]:
    return {
        "type": "symptom_list",
        "value": {
            "heading": title,
            "intro": intro,
            "items": [
                {"name": name, "description": "", "severity": "", "urgent": False} for name in names
            ],
        },
    }


def section(kind: str, *content: dict[str, Any], title: str = "") -> dict[str, Any]:
    return {
        "type": "section",
        "value": {"section": kind, "heading": title, "content": list(content)},
    }


REFERENCES = [
    citation(MAYO_CLINIC_URL, "Mayo Clinic"),
    citation(NINDS_URL, "National Institute of Neurological Disorders and Stroke"),
]


# ---------------------------------------------------------------- the article's text

INTRO = (
    "Neuropathy, a condition characterized by damage to the peripheral nerves, can significantly "
    "impact quality of life. While various factors can lead to neuropathy, autoimmune diseases "
    "are a notable cause that deserves special attention. In this blog post, we’ll explore the "
    "intricate connection between neuropathy and autoimmune diseases, shedding light on how "
    "these conditions interplay and what it means for effective management."
)
WHAT_IS_NEUROPATHY = (
    "Neuropathy refers to a range of conditions that affect the peripheral nerves—those outside "
    "the brain and spinal cord. Symptoms can include numbness, tingling, pain, and weakness in "
    "the affected areas. Neuropathy can result from various causes, including diabetes, "
    "infections, and exposure to toxins. However, autoimmune diseases are a significant and "
    "often less recognized cause."
)
AUTOIMMUNE_LEAD = (
    "Autoimmune diseases occur when the immune system mistakenly attacks the body’s own "
    "tissues. This can lead to inflammation and damage in various organs, including the nerves. "
    "Several autoimmune diseases are known to be associated with neuropathy:"
)
# (name in the article, condition page slug, description)
AUTOIMMUNE_DISEASES = [
    (
        "Rheumatoid Arthritis (RA)",
        "rheumatoid-arthritis",
        "RA primarily affects the joints, but it can also cause neuropathy. The inflammation from "
        "RA can compress nerves or lead to a condition called rheumatoid neuropathy, which "
        "presents as pain, weakness, or numbness in the extremities.",
    ),
    (
        "Systemic Lupus Erythematosus (SLE)",
        "systemic-lupus-erythematosus",
        "Lupus can affect multiple organ systems, including the nervous system. Neuropathy in "
        "lupus patients can result from vasculitis (inflammation of blood vessels) or directly "
        "from immune-mediated damage to the nerves.",
    ),
    (
        "Guillain-Barré Syndrome (GBS)",
        "guillain-barre-syndrome",
        "GBS is a rare autoimmune condition where the immune system attacks the peripheral "
        "nervous system. It often follows an infection and leads to rapid-onset muscle weakness "
        "and sensory loss.",
    ),
    (
        "Multiple Sclerosis (MS)",
        "multiple-sclerosis",
        "Although MS primarily affects the central nervous system, it can also have peripheral "
        "nerve implications. The demyelination (damage to the protective sheath covering nerves) "
        "in MS can cause symptoms that overlap with those of neuropathy.",
    ),
    (
        "Sjogren’s Syndrome",
        "sjogrens-syndrome",
        "Sjogren’s syndrome primarily affects moisture-producing glands but can also lead to "
        "peripheral neuropathy, often manifesting as burning, tingling, or numbness in the limbs.",
    ),
]
MECHANISMS_LEAD = (
    "The connection between autoimmune diseases and neuropathy involves complex mechanisms:"
)
MECHANISMS = [
    (
        "Immune System Attack",
        "In autoimmune neuropathy, the immune system targets and damages nerve tissues or the "
        "myelin sheath, which protects nerves. This can disrupt normal nerve function and lead to "
        "neuropathy symptoms.",
    ),
    (
        "Inflammatory Processes",
        "Chronic inflammation associated with autoimmune diseases can compress nerves or damage "
        "nerve tissues, contributing to neuropathic pain and dysfunction.",
    ),
    (
        "Vascular Changes",
        "Some autoimmune diseases cause inflammation of blood vessels (vasculitis), which can "
        "impair blood flow to nerves and result in neuropathy.",
    ),
]
DIAGNOSIS_LEAD = (
    "Diagnosing neuropathy associated with autoimmune diseases requires a comprehensive approach:"
)
DIAGNOSIS_STEPS = [
    (
        "Clinical Evaluation",
        "A detailed medical history and physical examination are crucial. Patients’ symptoms, "
        "medical history, and any autoimmune disease diagnosis guide the evaluation.",
    ),
    (
        "Electrodiagnostic Studies",
        "Tests like electromyography (EMG) and nerve conduction studies (NCS) help assess nerve "
        "function and identify neuropathy.",
    ),
    (
        "Laboratory Tests",
        "Blood tests and autoimmune panels can help identify underlying autoimmune conditions and "
        "their impact on nerve health.",
    ),
    (
        "Imaging Studies",
        "In some cases, imaging such as MRI may be used to visualize nerve damage or inflammation.",
    ),
]
CONCLUSION = (
    "Management of autoimmune neuropathy typically involves treating the underlying autoimmune "
    # the source has a no-break space after "symptoms."
    "disease and addressing neuropathy symptoms.\u00a0Understanding the connection between "
    "neuropathy "
    "and autoimmune diseases is crucial for effective diagnosis and management. By addressing "
    "both the autoimmune condition and the resultant neuropathy, patients can achieve better "
    "outcomes and improved quality of life. If you or a loved one are experiencing symptoms of "
    "neuropathy, especially in the context of an autoimmune disease, we are here to help you "
    "explore the best treatment options and strategies for managing both conditions."
)


def key_points(lead: str) -> dict[str, Any]:
    return {
        "type": "key_points",
        "value": {
            "heading": "",
            "intro": lead,
            "items": [{"term": term, "explanation": text} for term, text in MECHANISMS],
        },
    }


def diagnosis_steps(lead: str) -> dict[str, Any]:
    return {
        "type": "steps",
        "value": {
            "heading": "",
            "intro": lead,
            "steps": [{"title": title, "description": text} for title, text in DIAGNOSIS_STEPS],
        },
    }


ARTICLE_SLUG = "exploring-the-connection-between-neuropathy-and-autoimmune-diseases"
SPRING_SLUG = "spring-is-around-the-corner-find-relief-from-neuropathy"
TIPS_SLUG = "5-tips-to-boost-your-health-and-wellness-in-february"

ARTICLE: dict[str, Any] = {
    "slug": ARTICLE_SLUG,
    "title": "Exploring the Connection Between Neuropathy and Autoimmune Diseases",
    "date": dt.date(2024, 8, 19),
    "author": AUTHOR["slug"],
    # the first two sentences of the introduction
    "summary": (
        "Neuropathy, a condition characterized by damage to the peripheral nerves, can "
        "significantly impact quality of life. While various factors can lead to neuropathy, "
        "autoimmune diseases are a notable cause that deserves special attention."
    ),
    "body": [
        paragraph(INTRO),
        heading("What is Neuropathy?"),
        paragraph(WHAT_IS_NEUROPATHY),
        heading("Autoimmune Diseases and Neuropathy"),
        paragraph(AUTOIMMUNE_LEAD),
        {
            "type": "condition_list",
            "value": {
                "heading": "",
                "items": [
                    {"name": name, "description": text, "page": {"condition": slug}}
                    for name, slug, text in AUTOIMMUNE_DISEASES
                ],
            },
        },
        heading("The Mechanisms Behind Autoimmune Neuropathy"),
        key_points(MECHANISMS_LEAD),
        heading("Diagnosis and Management"),
        diagnosis_steps(DIAGNOSIS_LEAD),
        heading("Conclusion"),
        paragraph(CONCLUSION),
    ],
    "references": REFERENCES,
    "categories": [],
    "related": [SPRING_SLUG, TIPS_SLUG],
}

# The two "Related Posts" under the article. Only their titles and excerpts are known: the
# summary is the excerpt as shown (without its "Read More »…" link), the body is the excerpt's
# complete sentences. The source gives no dates or authors; the dates are placeholders in the
# season each post is about.
RELATED_ARTICLES: list[dict[str, Any]] = [
    {
        "slug": SPRING_SLUG,
        "title": "Spring is Around the Corner: Find Relief from Neuropathy",
        "date": dt.date(2025, 3, 3),
        "author": None,
        "summary": (
            "Spring is Around the Corner: Find Relief from Neuropathy As the seasons change and "
            "warmer weather approaches, many people look forward to getting outside and enjoying "
            "more activities. However, if you suffer from neuropathy, the pain, numbness, and "
            "tingling in your feet and hands can make it difficult to fully embrace the season. "
            "At Blue…"
        ),
        "body": [
            paragraph(
                "As the seasons change and warmer weather approaches, many people look forward to "
                "getting outside and enjoying more activities. However, if you suffer from "
                "neuropathy, the pain, numbness, and tingling in your feet and hands can make it "
                "difficult to fully embrace the season."
            )
        ],
        "references": [],
        "categories": [NEUROPATHY_CATEGORY],
        "related": [],
    },
    {
        "slug": TIPS_SLUG,
        "title": "5 Tips To Boost Your Health and Wellness in February",
        "date": dt.date(2025, 2, 3),
        "author": None,
        "summary": (
            "5 Tips to Improve Your Health and Wellness with Neuropathy This February! If you’re "
            "managing neuropathy, February is the perfect time to focus on small changes that can "
            "make a big difference in your health. Whether you’re experiencing numbness, "
            "tingling, or pain, these five tips can help you improve circulation, reduce "
            "discomfort, and support your…"
        ),
        "body": [
            heading("5 Tips to Improve Your Health and Wellness with Neuropathy This February!"),
            paragraph(
                "If you’re managing neuropathy, February is the perfect time to focus on small "
                "changes that can make a big difference in your health."
            ),
        ],
        "references": [],
        "categories": [NEUROPATHY_CATEGORY],
        "related": [],
    },
]

BLOG = {"slug": "blog", "title": "Blog", "intro": ""}
CONDITIONS = {"slug": "conditions", "title": "Conditions", "intro": ""}


# ---------------------------------------------------------------- condition pages

PERIPHERAL_NEUROPATHY_SLUG = "peripheral-neuropathy"


def _disease(slug: str) -> str:
    return next(text for _name, page_slug, text in AUTOIMMUNE_DISEASES if page_slug == slug)


# In tree order. ``related`` lists conditions this page names; each autoimmune disease names
# Peripheral Neuropathy, and condition pages show relations both ways, so Peripheral
# Neuropathy lists all five.
CONDITION_PAGES: list[dict[str, Any]] = [
    {
        "slug": PERIPHERAL_NEUROPATHY_SLUG,
        "title": "Peripheral Neuropathy",
        "aliases": ["Neuropathy"],
        "summary": (
            "Neuropathy refers to a range of conditions that affect the peripheral nerves—those "
            "outside the brain and spinal cord. Symptoms can include numbness, tingling, pain, "
            "and weakness in the affected areas."
        ),
        "body": [
            section(
                "overview",
                paragraph(
                    "Neuropathy, a condition characterized by damage to the peripheral nerves, can "
                    "significantly impact quality of life. Neuropathy refers to a range of "
                    "conditions that affect the peripheral nerves—those outside the brain and "
                    "spinal cord."
                ),
            ),
            section(
                "symptoms",
                symptom_list(
                    "Symptoms of neuropathy",
                    "Symptoms can include numbness, tingling, pain, and weakness in the affected "
                    "areas.",
                    "Numbness",
                    "Tingling",
                    "Pain",
                    "Weakness",
                ),
            ),
            section(
                "causes",
                paragraph(
                    "Neuropathy can result from various causes, including diabetes, infections, "
                    "and exposure to toxins. However, autoimmune diseases are a significant and "
                    "often less recognized cause."
                ),
                key_points(MECHANISMS_LEAD),
            ),
            section("diagnosis", diagnosis_steps(DIAGNOSIS_LEAD)),
            section(
                "treatment",
                paragraph(
                    "Management of autoimmune neuropathy typically involves treating the "
                    "underlying autoimmune disease and addressing neuropathy symptoms."
                ),
            ),
        ],
        "references": REFERENCES,
        "related": [],
    },
    {
        "slug": "rheumatoid-arthritis",
        "title": "Rheumatoid Arthritis",
        "aliases": ["RA"],
        "summary": _disease("rheumatoid-arthritis"),
        "body": [
            section("overview", paragraph(_disease("rheumatoid-arthritis"))),
            section(
                "symptoms",
                symptom_list(
                    "Symptoms of rheumatoid neuropathy",
                    "",
                    "Pain",
                    "Weakness",
                    "Numbness in the extremities",
                ),
            ),
        ],
        "references": [],
        "related": [PERIPHERAL_NEUROPATHY_SLUG],
    },
    {
        "slug": "systemic-lupus-erythematosus",
        "title": "Systemic Lupus Erythematosus",
        "aliases": ["SLE", "Lupus"],
        "summary": _disease("systemic-lupus-erythematosus"),
        "body": [
            section("overview", paragraph(_disease("systemic-lupus-erythematosus"))),
            section(
                "symptoms",
                symptom_list(
                    "Symptoms of lupus neuropathy",
                    "",
                    "Neuropathy",
                ),
            ),
        ],
        "references": [],
        "related": [PERIPHERAL_NEUROPATHY_SLUG],
    },
    {
        "slug": "guillain-barre-syndrome",
        "title": "Guillain-Barré Syndrome",
        "aliases": ["GBS"],
        "summary": _disease("guillain-barre-syndrome"),
        "body": [
            section("overview", paragraph(_disease("guillain-barre-syndrome"))),
            section(
                "symptoms",
                symptom_list(
                    "Symptoms of Guillain-Barré Syndrome",
                    "",
                    "Rapid-onset muscle weakness",
                    "Sensory loss",
                ),
            ),
        ],
        "references": [],
        "related": [PERIPHERAL_NEUROPATHY_SLUG],
    },
    {
        "slug": "multiple-sclerosis",
        "title": "Multiple Sclerosis",
        "aliases": ["MS"],
        "summary": _disease("multiple-sclerosis"),
        "body": [
            section("overview", paragraph(_disease("multiple-sclerosis"))),
            section(
                "symptoms",
                symptom_list(
                    "Symptoms of multiple sclerosis",
                    "",
                    "Symptoms that overlap with those of neuropathy",
                ),
            ),
        ],
        "references": [],
        "related": [PERIPHERAL_NEUROPATHY_SLUG],
    },
    {
        "slug": "sjogrens-syndrome",
        "title": "Sjögren's Syndrome",
        "aliases": ["Sjogren’s Syndrome"],
        "summary": _disease("sjogrens-syndrome"),
        "body": [
            section("overview", paragraph(_disease("sjogrens-syndrome"))),
            section(
                "symptoms",
                symptom_list(
                    "Symptoms of Sjögren's neuropathy",
                    "",
                    "Burning",
                    "Tingling",
                    "Numbness in the limbs",
                ),
            ),
        ],
        "references": [],
        "related": [PERIPHERAL_NEUROPATHY_SLUG],
    },
]
