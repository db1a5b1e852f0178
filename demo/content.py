"""The seed's partnership pages, as structured English content.

Every fact comes from shared/seed/000_3ba362e9a006aa7b.txt. Where the seed
hides a detail (e-mail addresses shown as images, photographs shown as
"[Image]", links without their address), the field is left empty or gets a
placeholder that says what it stands for: nothing is invented.
Translations of every string live in translations/<locale>.json.
"""

import datetime

RESEARCH_AREAS = [
    # (slug, name)
    ("big-data", "Big data"),
    ("cloud-computing", "Cloud computing"),
    ("artificial-intelligence", "Artificial intelligence"),
    ("communication", "Communication"),
    ("mobile-networks", "Mobile networks"),
    ("crowdsourcing-platforms", "Crowdsourcing platforms"),
    ("wearable-devices", "Wearable devices"),
    ("algorithms", "Algorithms"),
    ("materials", "Materials"),
    ("optical-communication", "Optical communication"),
    ("advanced-computing", "Advanced computing"),
]

ITDO = "Innovation and Technology Development Office (ITDO)"

CONTACTS = {
    # key: fields; the seed shows e-mail addresses only as images, so none is given.
    "karen-jiang": {"name": "Ms. Karen Jiang", "unit": ITDO, "phones": []},
    "victor-zhao": {"name": "Victor Zhao", "unit": "", "phones": ["3400 2862"]},
    "steven-lam": {"name": "Steven Lam", "unit": "", "phones": ["3400 2864"]},
}

# Photographs the seed shows as "[Image]": four per group.
PHOTO_GROUPS = {
    "alibaba-2016": "Alibaba – PolyU activities, 2016 – 2017",
    "alibaba-2018": "Alibaba – PolyU activities, 2018 – 2019",
    "joint-lab": "PolyU-Huawei Joint Laboratory",
}
PHOTOS_PER_GROUP = 4


def photo_alt_text(group):
    return f"Placeholder for a photograph of {PHOTO_GROUPS[group]} (the original is not available)"


def month(year, month_number):
    return datetime.date(year, month_number, 1).isoformat()


ALIBABA_TIMELINE = [
    (
        "2016 – 2017",
        [
            {
                "start_date": month(2016, 6),
                "title": "1st Alibaba Technology Forum on Big Data and Cloud Computing "
                "Technologies in Hong Kong @PolyU",
            },
            {
                "start_date": month(2016, 8),
                "title": "Collaborative Research Seminar held at Alibaba Hangzhou HQ for PolyU",
            },
            {
                "start_date": month(2016, 9),
                "title": "Alibaba has been a member of the Departmental Advisory Committee (DAC) "
                "of the Department of Computing @PolyU since September 2016",
            },
            {
                "start_date": month(2017, 4),
                "title": "1st Alibaba – PolyU collaborative project kicks off, which is also "
                "Alibaba's 1st joint project with a university outside mainland China",
            },
            {
                "start_date": month(2017, 8),
                "end_date": month(2017, 10),
                "title": "ITDO coordinates the Alibaba Innovation Program call for proposals, "
                "and a technology match-making meeting with faculty members",
            },
            {
                "start_date": month(2017, 10),
                "title": "Alibaba VP Dr. Hua Xianshen gives a public lecture at PolyU",
            },
        ],
    ),
    (
        "2018 – 2019",
        [
            {
                "start_date": month(2018, 4),
                "title": "PolyU team meets Alibaba's Chief Technology Officer",
                "description": "<p>Professor Alex Wai, Vice President (Research Development) of "
                "PolyU, led the team from the Faculty of Engineering and the Innovation and "
                "Technology Development Office to have in-depth discussion with Mr. Zhang "
                "Jianfeng, Chief Technology Officer of Alibaba, for more high-impact "
                "collaborations.</p>",
            },
            {
                "start_date": month(2018, 4),
                "title": "Keynote and Best Partner Award at the Alibaba Annual Research "
                "Collaboration Summit",
                "description": "<p>Professor Cao Jiannong, Chair Professor of the Department of "
                "Computing, gave a keynote speech on Smart Internet of Things.</p>"
                "<p>Professor Zhang Lei, Chair Professor and Associate Head of the Department of "
                "Computing, was presented with The Best Partner Award in Alibaba-Academic "
                "Collaboration at the Summit, with technology successfully applied in Alibaba's "
                "“City Brain” initiatives.</p>",
            },
            {
                "start_date": month(2018, 9),
                "title": "Speech at Alibaba's Computing Conference 2018 in Hangzhou",
                "description": "<p>Professor Zhang Lei, Chair Professor of Computer Vision and "
                "Image Analysis of the Department of Computing, delivered a speech and shared his "
                "views on deep learning and a PID controller approach for optimization of deep "
                "networks.</p>",
            },
            {
                "start_date": month(2018, 11),
                "title": "MoU Signing Ceremony between PolyU and Alibaba Cloud on Artificial "
                "Intelligence Collaboration",
                "description": "<p>PolyU and Alibaba Cloud signed a Memorandum of Understanding "
                "(MoU) to strengthen their cooperation in Artificial Intelligence research, "
                "particularly focusing on the areas of smart cities and smart healthcare.</p>"
                "<p>The two parties hope to translate research findings into real applications "
                "which can be initially adopted in Hong Kong as a pilot and then rolled out to the "
                "rest of the Greater Bay Area and other overseas cities.</p>",
            },
        ],
    ),
    (
        "2020",
        [
            {
                "start_date": month(2020, 1),
                "title": "PolyU students leverage industry experience and shine at AI challenge",
            },
            {
                "start_date": month(2020, 3),
                "title": "Alibaba supports a collaborative research project modelling the "
                "COVID-19 pandemic",
                "description": "<p>The project is led by the research team from the PolyU "
                "Department of Applied Mathematics and the PolyU School of Nursing.</p>",
            },
        ],
    ),
]

ALIBABA_COLLABORATION_FORMS = [
    "Exchange of research and professional knowledge",
    "Visiting academic staff and students",
    "Joint supervision of research students",
    "Joint seminars, workshops and conferences",
    "Collaboration in technology development and the promotion of research outputs",
    "Joint participation in internationally funded projects",
]

HUAWEI_DEPARTMENTS = [
    "Department of Electronic and Information Engineering",
    "Department of Electrical Engineering",
    "Department of Computing",
    "Interdisciplinary Division of Biomedical Engineering",
    "Department of Applied Mathematics",
    "Department of Applied Physics",
]

HIRP_FIELDS = [
    "Advanced Semiconductor Technology",
    "Compiler & Programming Language",
    "BlockChain",
    "Software Engineering",
    "Operation System",
    "Engineering Technology",
    "Data Management and Process",
    "Wireless Communication Technology",
    "Future Networks",
    "Optical Technology Computing Technology",
    "BigData & Artificial Intelligence",
    "Media Technology",
    "Storage Technology",
]


# The funding calls page (partner_pages.FundingCallsPage): every programme's call in one list.
FUNDING_CALLS_PAGE = {
    "title": "Funding calls",
    "slug": "funding-calls",
    "introduction": "<p>Every funding programme of PolyU's industry partnerships in one list: "
    "which calls are open, which open soon, and by when to apply. Filter them by status, partner, "
    "audience or research area.</p>",
}
