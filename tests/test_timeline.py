"""Timeline dates in each language, as <time> elements, and impossible periods refused."""

import datetime
import re

import pytest
from django.utils import translation
from wagtail.blocks import StructBlockValidationError

from partner_pages.blocks import TimelineBlock, TimelineEventBlock

pytestmark = pytest.mark.django_db

D = datetime.date


def timeline(*events):
    return TimelineBlock().to_python(
        {
            "heading": "Milestones",
            "periods": [
                {
                    "label": "2016 – 2017",
                    "events": [
                        {"title": f"Event {i}", "end_date": None, **event}
                        for i, event in enumerate(events)
                    ],
                }
            ],
        }
    )


def rendered_dates(html):
    """Each event's date line as a visitor reads it."""
    lines = re.findall(r'<p class="timeline__date">(.*?)</p>', html)
    return [re.sub(r"<[^>]+>", "", line) for line in lines]


SEED_EVENTS = [
    {"start_date": D(2016, 6, 1), "precision": "month"},
    {"start_date": D(2017, 8, 1), "end_date": D(2017, 10, 1), "precision": "month"},
    {"start_date": D(2016, 11, 30), "precision": "day"},
    {"start_date": D(2016, 11, 1), "end_date": D(2017, 2, 1), "precision": "month"},
    {"start_date": D(2018, 4, 2), "end_date": D(2018, 4, 4), "precision": "day"},
    {"start_date": D(2016, 1, 1), "end_date": D(2017, 1, 1), "precision": "year"},
]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "June 2016",
                "August – October 2017",
                "30 November 2016",
                "November 2016 – February 2017",
                "2 – 4 April 2018",
                "2016 – 2017",
            ],
        ),
        (
            "zh-hant",
            [
                "2016年6月",
                "2017年8月至10月",
                "2016年11月30日",
                "2016年11月至2017年2月",
                "2018年4月2日至4日",
                "2016年至2017年",
            ],
        ),
        (
            "zh-hans",
            [
                "2016年6月",
                "2017年8月至10月",
                "2016年11月30日",
                "2016年11月至2017年2月",
                "2018年4月2日至4日",
                "2016年至2017年",
            ],
        ),
    ],
)
def test_dates_are_written_the_way_each_language_writes_them(language, expected):
    value = timeline(*SEED_EVENTS)
    with translation.override(language):
        html = TimelineBlock().render(value)
    assert rendered_dates(html) == expected


def test_dates_are_machine_readable_time_elements_in_an_ordered_list():
    html = TimelineBlock().render(timeline(*SEED_EVENTS[:3]))
    assert '<ol class="timeline__events">' in html
    assert html.count('<li class="timeline__event">') == 3
    assert '<time datetime="2016-06">June 2016</time>' in html
    assert (
        '<time datetime="2017-08">August</time> – <time datetime="2017-10">October 2017</time>'
        in html
    )
    assert '<time datetime="2016-11-30">30 November 2016</time>' in html


def test_events_show_their_details_photos_and_link():
    value = TimelineBlock().to_python(
        {
            "heading": "Milestones",
            "periods": [
                {
                    "label": "2020",
                    "events": [
                        {
                            "start_date": D(2020, 3, 1),
                            "precision": "month",
                            "title": "COVID-19 modelling project supported",
                            "description": "<p>Led by Applied Mathematics.</p>",
                            "link_url": "https://www.polyu.edu.hk/",
                            "link_text": "",
                        }
                    ],
                }
            ],
        }
    )
    html = TimelineBlock().render(value)
    assert '<h4 class="timeline__title">COVID-19 modelling project supported</h4>' in html
    assert "<p>Led by Applied Mathematics.</p>" in html
    assert '<a href="https://www.polyu.edu.hk/">Read more</a>' in html


def test_an_end_date_before_the_start_date_is_refused_on_the_end_date():
    block = TimelineEventBlock()
    value = block.to_python(
        {
            "start_date": "2017-10-01",
            "end_date": "2017-08-01",
            "precision": "month",
            "title": "Call for proposals",
        }
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert set(error.value.block_errors) == {"end_date"}
    assert error.value.block_errors["end_date"].messages == [
        "The end date cannot be before the start date."
    ]


def test_a_same_day_range_and_an_open_ended_event_are_accepted():
    block = TimelineEventBlock()
    for end in ("2017-08-01", None):
        value = block.to_python(
            {"start_date": "2017-08-01", "end_date": end, "precision": "day", "title": "Forum"}
        )
        assert block.clean(value)["start_date"] == D(2017, 8, 1)
