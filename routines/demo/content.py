"""Demo text for the self-care site, as plain Python data.

The seed command reads TOPICS, POINTS, ROUTINES, ARTICLES and DISCLAIMER.
The handout builder also reads RED_FLAGS_EMERGENCY, RED_FLAGS_SOON,
SAFETY_TIPS, PRESSING_TIPS and POSTURE_SECTIONS, so the web pages and the
printed handouts say the same thing.

All text is written in plain language (about grade 6 to 8). The facts come
from the project's content brief; the wording is the project's own. The
instructor, the reviewer and the video are fictional demo material.
"""

from __future__ import annotations

import textwrap

DEMO_SITE_URL = "https://selfcare.example.org"
"""Base address printed on the handouts (a reserved example domain)."""

PICTURE_CREDIT = "Illustration by the Acupressure Self-Care project"

DISCLAIMER = (
    "This page is for education only. It is not a diagnosis or a treatment "
    "plan, and it does not replace care from your doctor, nurse or other "
    "clinician. Self-care such as acupressure may add to your usual care; it "
    "is not a cure. Talk with your care team before you start, especially if "
    "you are pregnant, take blood thinners or have a health condition. Stop "
    "if anything you try causes pain. If you have warning signs, such as new "
    "trouble controlling your bladder or bowels, numbness between your legs "
    "or sudden leg weakness, call 911 or go to the emergency room."
)

TOPICS: list[dict] = [
    {"name": "Low back pain", "slug": "low-back-pain"},
    {"name": "Acupressure", "slug": "acupressure"},
    {"name": "Self-care", "slug": "self-care"},
    {"name": "Posture", "slug": "posture"},
    {"name": "Pain management", "slug": "pain-management"},
]

# --- Safety text shared by the article, the handouts and the points --------

RED_FLAGS_EMERGENCY: list[str] = [
    "New trouble starting or stopping your urine, or you cannot feel when you pee",
    "Stool (poop) leaks out and you cannot control it",
    "Numbness in your groin, between your legs, around your anus or on your "
    "inner thighs",
    "Sudden weakness in one or both legs, or your foot drags when you walk",
    "New pain in both legs",
]

RED_FLAGS_SOON: list[str] = [
    "Your pain started after a fall or an injury",
    "Your pain is there all the time, or it wakes you at night",
    "Pain spreads below your knee, with numbness or tingling",
    "You have a fever, chills, or redness or swelling on your back",
    "You are losing weight without trying",
    "You have had cancer",
    "Your pain lasts more than 6 weeks",
]

PRESSING_TIPS: list[str] = [
    "Sit or lie in a comfortable position. Breathe slowly.",
    "Use your thumb or a fingertip. The eraser end of a pencil works too.",
    "Press firmly but gently. A dull ache is fine. It should never hurt.",
    "Hold the point, or rub in small circles, for 30 seconds to 2 minutes.",
    "Press the same point on both sides of your body.",
    "You can do the routine up to 5 times a day. Give it a few weeks before "
    "you decide if it helps.",
]

SAFETY_TIPS: list[str] = [
    "If you are pregnant, skip LI 4 (hand) and BL 60 (outer ankle), and use "
    "only light pressure on BL 57 (calf). Ask your care team first.",
    "Do not press on a wound, sore, rash, bruise, infection or swollen area. "
    "Stay away from new scars, varicose veins, and any tubes, lines or "
    "devices on your body.",
    "Do not press over a recent blood clot, a tumor, or a spine or bone problem.",
    "Ask your doctor first if you take blood thinners, bruise or bleed "
    "easily, or have fragile skin.",
    "Stop if you feel sharp or shooting pain. Call your provider if your pain "
    "gets worse.",
]

_GENERAL_CAUTION = "Do not press on broken, bruised or swollen skin. Stop if it hurts."

# --- Points --------------------------------------------------------------

POINTS: list[dict] = [
    {
        "code": "EX-UE7",
        "pinyin_name": "Yaotongxue",
        "english_name": "Low Back Pain Points",
        "body_region": "hand",
        "location": (
            "Hold one hand in front of you, palm down.\n"
            "Feel the long bones on the back of your hand, between the "
            "knuckles and the wrist.\n"
            "Slide a fingertip from the wrist toward the knuckles in the "
            "groove between the index and middle finger bones.\n"
            "Stop in the dip about halfway along. It often feels tender. This "
            "is the first point.\n"
            "Find the second point the same way, in the groove between the "
            "ring and little finger bones."
        ),
        "technique": (
            "There are two points on each hand. Press both at once with the "
            "thumb and index finger of your other hand. Hold or rub in small "
            "circles for about 30 seconds. If it feels okay, gently twist and "
            "bend your lower back while you press. Then switch hands."
        ),
        "cautions": (
            "These points are often tender, so start lightly. " + _GENERAL_CAUTION
        ),
        "picture_alt": (
            "Back of a left hand, fingers up. Two ringed dots sit in the "
            "grooves between the hand bones, about halfway between the "
            "knuckles and the wrist: one between the index and middle "
            "fingers, one between the ring and little fingers."
        ),
        "picture_credit": PICTURE_CREDIT,
    },
    {
        "code": "LI 4",
        "pinyin_name": "Hegu",
        "english_name": "Joining Valley",
        "body_region": "hand",
        "location": (
            "Hold one hand in front of you with the back of the hand up.\n"
            "Press your thumb against the side of your index finger. A mound "
            "of muscle pops up between them.\n"
            "Find the highest spot on that mound.\n"
            "Relax your thumb and keep your fingertip on that spot."
        ),
        "technique": (
            "Pinch the web between your thumb and index finger, with your "
            "other thumb on top and your index finger underneath. Press in "
            "firm, gentle circles for 1 to 2 minutes. Then switch hands."
        ),
        "cautions": (
            "Do not use this point if you are pregnant. It is traditionally "
            "avoided during pregnancy. " + _GENERAL_CAUTION
        ),
        "picture_alt": (
            "Back of a left hand. A ringed dot marks the top of the muscle "
            "between the thumb and the index finger bones."
        ),
        "picture_credit": PICTURE_CREDIT,
    },
    {
        "code": "BL 23",
        "pinyin_name": "Shenshu",
        "english_name": "Kidney Shu",
        "body_region": "back",
        "location": (
            "Stand up and put your hands on your waist, thumbs toward your "
            "back.\n"
            "Feel for your lowest ribs and follow them around toward your "
            "spine.\n"
            "Find the bony bumps of your spine in the middle of your back.\n"
            "Move each thumb about two fingers' width out from the spine, "
            "level with your lowest ribs.\n"
            "There is one point on each side of the spine, about at waist "
            "level."
        ),
        "technique": (
            "Keep your hands on your waist and press in with both thumbs at "
            "the same time. Use moderate, steady pressure or small circles. "
            "Breathe slowly. Keep going for about 2 minutes."
        ),
        "cautions": (
            "Press on the muscle beside the spine, never on the spine itself. "
            "Skip this point if you have a spine injury or bone disease. "
            + _GENERAL_CAUTION
        ),
        "picture_alt": (
            "Lower back seen from behind, with the spine down the middle, the "
            "lowest ribs and the hip bones. Two ringed dots sit two fingers' "
            "width out from the spine on each side, level with the lowest "
            "ribs."
        ),
        "picture_credit": PICTURE_CREDIT,
    },
    {
        "code": "BL 40",
        "pinyin_name": "Weizhong",
        "english_name": "Middle of the Crook",
        "body_region": "leg",
        "location": (
            "Sit down with your knee slightly bent.\n"
            "Reach behind your knee and find the crease where it bends.\n"
            "Feel the two cords (tendons) at the inner and outer edges of the "
            "crease.\n"
            "The point is in the middle of the crease, halfway between them."
        ),
        "technique": (
            "Wrap your hands around your knee and press with your fingertips. "
            "Use gentle pressure, because nerves and blood vessels run close "
            "under the skin here. Hold for about 1 minute on each leg."
        ),
        "cautions": (
            "Use gentle pressure only. Skip this point if your knee is swollen "
            "or you have varicose veins behind the knee. " + _GENERAL_CAUTION
        ),
        "picture_alt": (
            "Back of a leg from the thigh to the calf. A ringed dot sits in "
            "the middle of the crease behind the knee, between the two "
            "tendons."
        ),
        "picture_credit": PICTURE_CREDIT,
    },
    {
        "code": "BL 57",
        "pinyin_name": "Chengshan",
        "english_name": "Mountain Support",
        "body_region": "leg",
        "location": (
            "Sit with your lower leg relaxed. Or stand and lift your heel.\n"
            "Find the thick bulge of your calf muscle.\n"
            "Slide your fingers down the middle of the back of your calf.\n"
            "Stop in the dip just below the bulge. It is about halfway "
            "between the knee crease and the ankle."
        ),
        "technique": (
            "Press with your thumb, or with two or three fingers. Hold or rub "
            "in small circles for 1 to 2 minutes on each leg."
        ),
        "cautions": (
            "Use only light pressure if you are pregnant, have a leg injury "
            "or have poor blood flow in your legs. " + _GENERAL_CAUTION
        ),
        "picture_alt": (
            "Back of a lower leg. A ringed dot sits in the dip just below the "
            "bulge of the calf muscle, about halfway between the knee crease "
            "and the heel."
        ),
        "picture_credit": PICTURE_CREDIT,
    },
    {
        "code": "BL 60",
        "pinyin_name": "Kunlun",
        "english_name": "Kunlun Mountains",
        "body_region": "ankle",
        "location": (
            "Sit and rest one foot across the other knee, or on a low stool.\n"
            "Find the bony knob on the outside of your ankle.\n"
            "Slide your finger straight back toward your heel cord (the "
            "Achilles tendon).\n"
            "The point is in the hollow between the ankle bone and the heel "
            "cord."
        ),
        "technique": (
            "Press with your thumb in the hollow, or pinch gently with your "
            "thumb on the outer ankle and your finger on the inner ankle. "
            "Hold for about 30 seconds on each foot."
        ),
        "cautions": ("Do not use this point if you are pregnant. " + _GENERAL_CAUTION),
        "picture_alt": (
            "Outer side of a right ankle and foot. A ringed dot sits in the "
            "hollow between the outer ankle bone and the Achilles tendon."
        ),
        "picture_credit": PICTURE_CREDIT,
    },
    {
        "code": "KI 3",
        "pinyin_name": "Taixi",
        "english_name": "Great Stream",
        "body_region": "ankle",
        "location": (
            "Sit and rest one foot across the other knee.\n"
            "Find the bony knob on the inside of your ankle.\n"
            "Slide your finger straight back toward the heel cord.\n"
            "The point is in the hollow between the tip of the ankle bone and "
            "the heel cord."
        ),
        "technique": (
            "Press with your thumb, or rub in small circles. Hold for about "
            "30 seconds on each foot. This point is often paired with BL 23 "
            "on the lower back."
        ),
        "cautions": _GENERAL_CAUTION,
        "picture_alt": (
            "Inner side of a right ankle and foot. A ringed dot sits in the "
            "hollow between the inner ankle bone and the Achilles tendon."
        ),
        "picture_credit": PICTURE_CREDIT,
    },
    {
        "code": "GB 30",
        "pinyin_name": "Huantiao",
        "english_name": "Jumping Circle",
        "body_region": "hip",
        "location": (
            "Lie on your side with your top hip and knee bent.\n"
            "Find the large bony knob at the side of your hip, where the "
            "thigh bone meets the hip.\n"
            "Find the flat bone at the base of your spine, just above the "
            "crease of your buttocks.\n"
            "Picture a line between the two. The point is one third of the "
            "way along, starting from the bony knob at the side."
        ),
        "technique": (
            "Press with your thumb or knuckles and lean in slowly. The muscle "
            "here is thick, so you can use firm pressure. Hold for about 1 "
            "minute on each side."
        ),
        "cautions": (
            "A large nerve runs deep under this point. Stop at once if you "
            "feel sharp or shooting pain down your leg. " + _GENERAL_CAUTION
        ),
        "picture_alt": (
            "Buttocks and hips seen from behind. A dashed line runs from the "
            "bony knob at the side of the right hip to the base of the spine. "
            "A ringed dot sits one third of the way along the line, near the "
            "hip."
        ),
        "picture_credit": PICTURE_CREDIT,
    },
]

# --- Routine -------------------------------------------------------------

ROUTINES: list[dict] = [
    {
        "title": "Acupressure routine for low back pain",
        "slug": "low-back-pain-routine",
        "summary": (
            "Eight points on your hands, back, hips and legs, pressed for 30 "
            "seconds to 2 minutes each. It takes about 10 minutes. Use it "
            "along with your usual care."
        ),
        "condition": "Low back pain",
        "instructor_name": "Dana Whitfield",
        "instructor_credentials": "LAc, MSOM",
        "instructor_affiliation": "Demo Whole Health Clinic",
        "steps": [
            {
                "order": 1,
                "point": "EX-UE7",
                "side": "both",
                "duration_seconds": 60,
                "instruction": (
                    "Start with your hands. Press the two points on the back "
                    "of one hand at the same time for 30 seconds. Gently twist "
                    "your lower back if that feels okay. Switch hands."
                ),
            },
            {
                "order": 2,
                "point": "LI 4",
                "side": "both",
                "duration_seconds": 60,
                "instruction": (
                    "Pinch the muscle between your thumb and index finger. "
                    "Rub in small circles for 30 seconds, then switch hands. "
                    "Skip this step if you are pregnant."
                ),
            },
            {
                "order": 3,
                "point": "BL 23",
                "side": "both",
                "duration_seconds": 120,
                "instruction": (
                    "Stand with your hands on your waist. Press both thumbs "
                    "into the muscles beside your spine, level with your "
                    "lowest ribs. Breathe slowly as you press."
                ),
            },
            {
                "order": 4,
                "point": "GB 30",
                "side": "both",
                "duration_seconds": 60,
                "instruction": (
                    "Lie on your side, or stand and reach back. Lean your "
                    "thumb or knuckles into the buttock for 30 seconds. Switch "
                    "sides. Stop if pain shoots down your leg."
                ),
            },
            {
                "order": 5,
                "point": "BL 40",
                "side": "both",
                "duration_seconds": 60,
                "instruction": (
                    "Sit and bend your knee a little. Press gently into the "
                    "middle of the crease behind the knee for 30 seconds. "
                    "Switch legs."
                ),
            },
            {
                "order": 6,
                "point": "BL 57",
                "side": "both",
                "duration_seconds": 90,
                "instruction": (
                    "Slide your fingers down the back of your calf to the dip "
                    "below the muscle. Press for about 45 seconds, then switch "
                    "legs."
                ),
            },
            {
                "order": 7,
                "point": "BL 60",
                "side": "both",
                "duration_seconds": 60,
                "instruction": (
                    "Rest one foot on the other knee. Press the hollow behind "
                    "the outer ankle bone for 30 seconds. Switch feet. Skip "
                    "this step if you are pregnant."
                ),
            },
            {
                "order": 8,
                "point": "KI 3",
                "side": "both",
                "duration_seconds": 60,
                "instruction": (
                    "Move your thumb to the hollow behind the inner ankle "
                    "bone. Press for 30 seconds, then switch feet. Finish with "
                    "a few slow breaths."
                ),
            },
        ],
    },
]

# --- Video (an imagined 5-minute demo video) -----------------------------

# Each paragraph of the transcript is a list of caption cues:
# (start seconds, end seconds, text). Captions and transcript are built from
# the same cues, so they always match.
_VIDEO_PARAGRAPHS: list[list[tuple[float, float, str]]] = [
    [
        (
            0,
            6,
            "Hi, I'm Dana Whitfield. Let's learn an acupressure routine "
            "for low back pain.",
        ),
        (
            6,
            13,
            "Acupressure means pressing on certain points with your "
            "fingers. It can add to your usual care. It does not replace it.",
        ),
        (
            13,
            20,
            "Press firmly but gently. A dull ache is fine, but it should never hurt.",
        ),
        (
            20,
            29,
            "If you are pregnant, skip the point between your thumb and "
            "index finger, and the point on your outer ankle.",
        ),
    ],
    [
        (
            30,
            39,
            "We'll start with the hands. Find the groove between your "
            "index and middle finger bones, halfway to the wrist.",
        ),
        (
            39,
            47,
            "The second point is in the groove between the ring and "
            "little finger bones.",
        ),
        (
            47,
            58,
            "Press both points for 30 seconds. If it feels okay, gently "
            "twist your lower back. Then switch hands.",
        ),
        (
            60,
            72,
            "Next, squeeze your thumb against your index finger. Press "
            "the top of the muscle mound in small circles.",
        ),
    ],
    [
        (
            90,
            101,
            "Now stand up and put your hands on your waist. Slide your "
            "thumbs back to the muscles beside your spine.",
        ),
        (
            101,
            110,
            "Stay level with your lowest ribs. Press in with both "
            "thumbs and breathe slowly for 2 minutes.",
        ),
        (
            150,
            162,
            "Next is the buttock. Picture a line from the bony knob at "
            "the side of your hip to the base of your spine.",
        ),
        (
            162,
            172,
            "Press one third of the way along. Stop if you feel pain "
            "shooting down your leg.",
        ),
    ],
    [
        (
            190,
            201,
            "Now sit down. Press gently in the middle of the crease "
            "behind your knee. Go easy here.",
        ),
        (
            225,
            236,
            "Slide down the back of your calf to the dip below the "
            "muscle. Press there on each leg.",
        ),
        (
            265,
            275,
            "Rest one foot on your other knee. Press the hollow behind "
            "the outer ankle bone.",
        ),
        (275, 284, "Then press the hollow behind the inner ankle bone. Switch feet."),
    ],
    [
        (
            285,
            293,
            "That's the whole routine. You can do it up to five times "
            "a day. Give it a few weeks.",
        ),
        (
            293,
            300,
            "If you have trouble with your bladder or bowels, or "
            "sudden leg weakness, call 911.",
        ),
    ],
]


_CAPTION_LINE_LENGTH = 45


def _timestamp(seconds: float) -> str:
    """Format seconds as a WebVTT timestamp, e.g. 00:01:05.000."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _build_captions(paragraphs: list[list[tuple[float, float, str]]]) -> str:
    """Build WebVTT caption text from the transcript cues."""
    blocks = ["WEBVTT"]
    for start, end, text in (cue for para in paragraphs for cue in para):
        lines = textwrap.fill(text, width=_CAPTION_LINE_LENGTH)
        blocks.append(f"{_timestamp(start)} --> {_timestamp(end)}\n{lines}")
    return "\n\n".join(blocks) + "\n"


def _build_transcript(paragraphs: list[list[tuple[float, float, str]]]) -> str:
    """Join the cue texts into plain transcript paragraphs."""
    return "\n\n".join(" ".join(text for _, _, text in para) for para in paragraphs)


VIDEO_CAPTIONS = _build_captions(_VIDEO_PARAGRAPHS)
VIDEO_TRANSCRIPT = _build_transcript(_VIDEO_PARAGRAPHS)


# --- Articles ------------------------------------------------------------


def _bullets(items: list[str]) -> str:
    """Return items as a Markdown bullet list."""
    return "\n".join(f"- {item}" for item in items)


_ACUPRESSURE_BODY = f"""\
## What is acupressure?

Acupressure comes from traditional Chinese medicine. You press on certain \
spots on your body, called points, with your fingers. It is a lot like \
acupuncture, but with no needles. You can learn to do it yourself, at home, \
in a few minutes a day.

## Can it help low back pain?

Low back pain is very common. About 8 in 10 adults have it at some point. \
Most new back pain gets better with time.

Some studies suggest that acupressure may ease low back pain:

- In a study of 129 people, those who got acupressure had less pain and \
could do more in daily life than those who got physical therapy. The benefit \
lasted 6 months.
- In a small first study, 67 people pressed points on themselves for 6 weeks. \
Their pain went down by about one third more than with usual care alone.
- Reviews that pooled many studies also found less pain and few side \
effects. But many of the studies were small, and the quality of the proof \
ranged from moderate to very low.

So the results are promising, but the proof is not strong yet. Not every \
expert group lists acupressure as a proven choice for back pain. A larger \
study, paid for by the VA, started in 2022 to learn more.

Think of acupressure as one more tool that you add to your usual care. It is \
not a cure, and it does not replace care from your doctor. Doctors' groups \
advise trying care without drugs first, such as heat or massage. Keep \
doing what your care team suggests.

## How to press a point

{_bullets(PRESSING_TIPS)}

## Try the routine

The routine below this article uses 8 points: two on the hands, one on the \
lower back, one on the buttock, and four on the legs and ankles. Each step \
has a picture that shows where to press. The whole routine takes about 10 \
minutes. Scroll down to **Acupressure routine for low back pain** to follow \
it step by step. You can also print the handout and keep it nearby.

## Stay safe

Acupressure is low risk. In studies, the only problems were mild soreness \
from pressing too hard. Still, take care:

{_bullets(SAFETY_TIPS)}

## When to get help

**Call 911 or go to the emergency room right away if you have back pain \
and:**

{_bullets(RED_FLAGS_EMERGENCY)}

These can be signs of a rare but serious problem with the nerves at the base \
of your spine. Do not wait.

**See your doctor or nurse soon if:**

{_bullets(RED_FLAGS_SOON)}
"""

POSTURE_INTRO = (
    "How you sit and stand changes the load on your back. Good posture is "
    "not a cure for back pain. But small changes may help you feel better "
    "during long days at a desk or on your feet."
)

POSTURE_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Sitting at a desk",
        [
            "Put your feet flat on the floor. If they do not reach, use a footrest.",
            "Keep your thighs about level with the floor.",
            "Sit all the way back. The backrest should follow the curve of your spine.",
            "No low back support? Put a small pillow or a rolled towel behind "
            "your lower back.",
            "Keep your elbows close to your sides, bent a bit more than a "
            "right angle (90 to 120 degrees).",
            "Keep your head level, not tipped forward or back.",
        ],
    ),
    (
        "Setting up your screen",
        [
            "Put the screen straight in front of you, not off to one side.",
            "The top line of text should be at or just below eye level.",
            "Keep the screen 15 to 30 inches (about 40 to 75 cm) from your "
            "eyes, about an arm's length.",
        ],
    ),
    (
        "Standing",
        [
            "Stand tall, with your ears, shoulders and hips in one line.",
            "Wear shoes that support your arches.",
            "If you stand for a long time, rest one foot on a low stool or "
            "box. Switch feet now and then.",
        ],
    ),
    (
        "Moving often",
        [
            "Stand up and walk around every 30 to 60 minutes.",
            "On long drives, stop and stretch at least once an hour.",
            "Set a timer or a phone reminder to help you remember.",
            "Studies link long stretches of sitting without breaks to a "
            "shorter life. They show a link, not a cause. Still, short breaks "
            "are an easy habit to build.",
        ],
    ),
]


def _posture_body() -> str:
    """Build the posture article body from POSTURE_SECTIONS."""
    parts = ["## Why posture matters", POSTURE_INTRO]
    for heading, items in POSTURE_SECTIONS:
        parts += [f"## {heading}", _bullets(items)]
    parts += [
        "## When to get help",
        "Posture changes are for comfort. See your doctor or nurse if your "
        "back pain lasts more than 6 weeks, wakes you at night, or spreads "
        "below your knee with numbness or tingling.",
        "**Call 911 or go to the emergency room right away if you have back "
        "pain and:**",
        _bullets(RED_FLAGS_EMERGENCY),
    ]
    return "\n\n".join(parts) + "\n"


ARTICLES: list[dict] = [
    {
        "title": "Acupressure for low back pain",
        "slug": "acupressure-for-low-back-pain",
        "summary": (
            "Learn what acupressure is, what the research says, and how to "
            "press 8 points safely at home. Use it along with your usual "
            "care, not instead of it."
        ),
        "body": _ACUPRESSURE_BODY,
        "byline": "Self-Care demo team, reviewed by Dana Whitfield, LAc",
        "topics": ["low-back-pain", "acupressure", "self-care", "pain-management"],
        "featured_routine": "low-back-pain-routine",
        "video_url": "https://www.youtube.com/watch?v=aCuPrEs5uR0",
        "video_captions": VIDEO_CAPTIONS,
        "video_transcript": VIDEO_TRANSCRIPT,
        "hero_alt": (
            "Drawing of a person seen from behind with two ringed dots on "
            "the lower back, one on each side of the spine. Beside the person "
            "is a large hand with three ringed dots on the back of the hand."
        ),
        "disclaimer": DISCLAIMER,
        "days_ago": 3,
        "last_reviewed_days_ago": 3,
        "handout": {
            "title": "Acupressure for low back pain handout",
            "slug": "acupressure-for-low-back-pain-handout",
            "description": (
                "A 2-page printable guide to the 8-point routine, with a "
                "picture of each point, safety tips and warning signs."
            ),
            "language": "en",
            "section_508_conformant": False,
        },
    },
    {
        "title": "Sitting and standing to ease your back",
        "slug": "sitting-and-standing-alignment",
        "summary": (
            "Simple ways to set up your chair and screen, stand with less "
            "strain, and take breaks that help your back."
        ),
        "body": _posture_body(),
        "byline": "Self-Care demo team",
        "topics": ["posture", "self-care", "low-back-pain"],
        "featured_routine": None,
        "video_url": "",
        "video_captions": "",
        "video_transcript": "",
        "hero_alt": (
            "Drawing of a person sitting upright on a chair at a desk, feet "
            "flat on the floor, with a cushion behind the lower back and the "
            "screen at eye level."
        ),
        "disclaimer": DISCLAIMER,
        "days_ago": 10,
        "last_reviewed_days_ago": 10,
        "handout": {
            "title": "Sitting and standing handout",
            "slug": "sitting-and-standing-handout",
            "description": (
                "A 1-page printable checklist for your chair, screen, "
                "standing posture and breaks."
            ),
            "language": "en",
            "section_508_conformant": False,
        },
    },
]

POINTS_BY_CODE: dict[str, dict] = {point["code"]: point for point in POINTS}
ROUTINES_BY_SLUG: dict[str, dict] = {r["slug"]: r for r in ROUTINES}
ARTICLES_BY_SLUG: dict[str, dict] = {a["slug"]: a for a in ARTICLES}
