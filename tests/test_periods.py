"""Dates and periods: every phrase people write, every refusal, find_periods on the seed request,
and property tests (round trips; find_periods never raises and always gives sound spans)."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from property_budget import examples

from oiadraft import periods
from oiadraft.errors import UserError
from oiadraft.model import Period
from oiadraft.periods import (
    PeriodError,
    PeriodMatch,
    describe_length,
    find_periods,
    format_date,
    format_period,
    parse_date,
    parse_period,
)

TODAY = date(2024, 9, 13)  # the day the seed request was made
D = date


# --------------------------------------------------------------------------------------------
# parse_date / format_date (the deadline engineer relies on these)


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-09-13", D(2024, 9, 13)),
    ("13/09/2024", D(2024, 9, 13)),
    ("13/9/24", D(2024, 9, 13)),
    ("13.09.2024", D(2024, 9, 13)),
    ("13 September 2024", D(2024, 9, 13)),
    ("13 Sept 2024", D(2024, 9, 13)),
    ("Friday 13 Sept 2024", D(2024, 9, 13)),
    ("Friday, 13th of September 2024", D(2024, 9, 13)),
    ("  1   October   2020 ", D(2020, 10, 1)),
])
def test_parse_date_reads_nz_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("31/02/2024", ["February 2024 has no day 31"]),
    ("13/13/2024", ["no month 13", "day first"]),
    ("12/13/2024", ["no month 13", "day first", "13 December 2024"]),
    ("", ["no date"]),
    ("13 Septober 2024", ["not a month name"]),
    ("next Tuesday", ["13 September 2024"]),
])
def test_parse_date_refuses_with_a_reason(text, words):
    with pytest.raises(PeriodError) as caught:
        parse_date(text)
    for word in words:
        assert word in str(caught.value)


def test_format_date_is_nz_style():
    assert format_date(D(2024, 9, 13)) == "13 September 2024"
    assert format_date(D(2024, 9, 13), weekday=True) == "Friday 13 September 2024"
    assert format_date(D(2020, 10, 1)) == "1 October 2020"


def test_period_error_is_a_user_error_and_a_value_error():
    assert issubclass(PeriodError, UserError)
    assert issubclass(PeriodError, ValueError)


# --------------------------------------------------------------------------------------------
# parse_period: every phrase the brief lists (today = 13 September 2024)

OPEN = None
PHRASES = [
    # single days, months, years
    ("13/09/2024", D(2024, 9, 13), D(2024, 9, 13), False),
    ("2024-09-13", D(2024, 9, 13), D(2024, 9, 13), False),
    ("13 September 2024", D(2024, 9, 13), D(2024, 9, 13), False),
    ("Sept 2024", D(2024, 9, 1), D(2024, 9, 30), False),
    ("March 2023", D(2023, 3, 1), D(2023, 3, 31), False),
    ("February 2024", D(2024, 2, 1), D(2024, 2, 29), False),
    ("2023", D(2023, 1, 1), D(2023, 12, 31), False),
    ("in 2023", D(2023, 1, 1), D(2023, 12, 31), False),
    ("calendar year 2021", D(2021, 1, 1), D(2021, 12, 31), False),
    ("the 2021 calendar year", D(2021, 1, 1), D(2021, 12, 31), False),
    # financial years: 1 July to 30 June
    ("the 2022/23 financial year", D(2022, 7, 1), D(2023, 6, 30), False),
    ("2022-23 financial year", D(2022, 7, 1), D(2023, 6, 30), False),
    ("2022/2023 financial year", D(2022, 7, 1), D(2023, 6, 30), False),
    ("FY2022/23", D(2022, 7, 1), D(2023, 6, 30), False),
    ("FY 2022/23", D(2022, 7, 1), D(2023, 6, 30), False),
    ("FY22/23", D(2022, 7, 1), D(2023, 6, 30), False),
    ("the financial year 2022/23", D(2022, 7, 1), D(2023, 6, 30), False),
    ("the year ending 30 June 2023", D(2022, 7, 1), D(2023, 6, 30), False),
    ("the financial year ended 30 June 2023", D(2022, 7, 1), D(2023, 6, 30), False),
    # open ends
    ("since October 2020", D(2020, 10, 1), OPEN, False),
    ("since 1 October 2020", D(2020, 10, 1), OPEN, False),
    ("from 1 October 2020", D(2020, 10, 1), OPEN, False),
    ("since 2020", D(2020, 1, 1), OPEN, False),
    ("October 2020 onwards", D(2020, 10, 1), OPEN, False),
    ("after March 2023", D(2023, 4, 1), OPEN, False),
    ("since the beginning of 2020", D(2020, 1, 1), OPEN, False),
    ("up to 13 September 2024", OPEN, D(2024, 9, 13), False),
    ("until the end of June 2023", OPEN, D(2023, 6, 30), False),
    ("before March 2023", OPEN, D(2023, 2, 28), False),
    ("prior to 1 March 2023", OPEN, D(2023, 2, 28), False),
    # ranges
    ("from 1 March 2023 to 30 June 2023", D(2023, 3, 1), D(2023, 6, 30), False),
    ("between March and June 2023", D(2023, 3, 1), D(2023, 6, 30), False),
    ("between 1 March and 30 June 2023", D(2023, 3, 1), D(2023, 6, 30), False),
    ("from 1 March to 30 June 2023", D(2023, 3, 1), D(2023, 6, 30), False),
    ("March to June 2023", D(2023, 3, 1), D(2023, 6, 30), False),
    ("1/10/2020 – 13/9/2024", D(2020, 10, 1), D(2024, 9, 13), False),
    ("1/10/2020 — 13/9/2024", D(2020, 10, 1), D(2024, 9, 13), False),
    ("1/10/2020 - 13/9/2024", D(2020, 10, 1), D(2024, 9, 13), False),
    ("1/10/2020-13/9/2024", D(2020, 10, 1), D(2024, 9, 13), False),
    ("1/10/2020 to 13/9/2024", D(2020, 10, 1), D(2024, 9, 13), False),
    ("1/10/2020 until 13/9/2024", D(2020, 10, 1), D(2024, 9, 13), False),
    ("1/10/2020 through 13/9/2024", D(2020, 10, 1), D(2024, 9, 13), False),
    ("1 October 2020 to 13 September 2024", D(2020, 10, 1), D(2024, 9, 13), False),
    ("October 2020 to March 2021", D(2020, 10, 1), D(2021, 3, 31), False),
    ("2020 to 2023", D(2020, 1, 1), D(2023, 12, 31), False),
    ("between 2020 and 2023", D(2020, 1, 1), D(2023, 12, 31), False),
    ("since 1 October 2020 until 13 September 2024", D(2020, 10, 1), D(2024, 9, 13), False),
    ("FY2020/21 to FY2022/23", D(2020, 7, 1), D(2023, 6, 30), False),
    # relative to today: the N whole units that end today
    ("the last two years", D(2022, 9, 14), D(2024, 9, 13), False),
    ("the past 12 months", D(2023, 9, 14), D(2024, 9, 13), False),
    ("the last 6 weeks", D(2024, 8, 3), D(2024, 9, 13), False),
    ("the last twelve months", D(2023, 9, 14), D(2024, 9, 13), False),
    ("the last three years", D(2021, 9, 14), D(2024, 9, 13), False),
    ("the previous twenty-four months", D(2022, 9, 14), D(2024, 9, 13), False),
    ("last 30 days", D(2024, 8, 15), D(2024, 9, 13), False),
    ("the past year", D(2023, 9, 14), D(2024, 9, 13), False),
    ("the last fortnight", D(2024, 8, 31), D(2024, 9, 13), False),
    ("the 12 months to 30 June 2023", D(2022, 7, 1), D(2023, 6, 30), False),
    ("the three months to 30 June 2023", D(2023, 4, 1), D(2023, 6, 30), False),
    ("the two years to June 2023", D(2021, 7, 1), D(2023, 6, 30), False),
    # to the date of the request
    ("to date", OPEN, OPEN, True),
    ("to the date of this request", OPEN, OPEN, True),
    ("to present", OPEN, OPEN, True),
    ("until now", OPEN, OPEN, True),
    ("up to the date of this request", OPEN, OPEN, True),
    ("since 1 October 2020 to date", D(2020, 10, 1), OPEN, True),
    ("since October 2020 to date", D(2020, 10, 1), OPEN, True),
    ("from 1 October 2020 to the date of this request", D(2020, 10, 1), OPEN, True),
    ("from 1 October 2020 to the present", D(2020, 10, 1), OPEN, True),
    ("1 October 2020 until now", D(2020, 10, 1), OPEN, True),
    ("1 October 2020 – present", D(2020, 10, 1), OPEN, True),
    ("2020 to date", D(2020, 1, 1), OPEN, True),
    ("between 1 October 2020 and the date of my request", D(2020, 10, 1), OPEN, True),
    # no dates at all
    ("any time", OPEN, OPEN, False),
]


@pytest.mark.parametrize(("text", "start", "end", "until_request"), PHRASES)
def test_parse_period_reads_every_listed_phrase(text, start, end, until_request):
    assert parse_period(text, today=TODAY) == Period(start, end, until_request)


@pytest.mark.parametrize("text", [
    "SINCE OCTOBER 2020", "  since   October\n2020. ", "since\u00a0October\u00a02020", "Since Oct. 2020",
])
def test_parse_period_ignores_case_spacing_and_a_final_full_stop(text):
    assert parse_period(text) == Period(D(2020, 10, 1), None)


def test_relative_periods_count_whole_units_back_from_today():
    # the rule: start the day after the same date N units earlier, so the length is exactly N
    assert parse_period("the last 1 year", today=D(2024, 2, 29)) == Period(D(2023, 3, 1),
                                                                        D(2024, 2, 29))
    assert parse_period("the last month", today=D(2024, 3, 31)) == Period(D(2024, 3, 1),
                                                                       D(2024, 3, 31))
    assert parse_period("the past 3 months", today=D(2024, 5, 31)) == Period(D(2024, 3, 1),
                                                                          D(2024, 5, 31))
    assert parse_period("the last 7 days", today=TODAY).days(TODAY) == 7
    assert parse_period("the last two years", today=TODAY).start == D(2022, 9, 14)


def test_relative_periods_outside_the_calendar_are_refused():
    with pytest.raises(PeriodError, match="outside the calendar"):
        parse_period("the last 999 years", today=D(900, 1, 1))
    with pytest.raises(PeriodError, match="outside the calendar"):
        parse_period("the year ending 31 December 9999")
    assert parse_period("the last 999 years", today=TODAY).start == D(1025, 9, 14)


def test_relative_periods_need_today():
    with pytest.raises(PeriodError, match="today"):
        parse_period("the last two years")


ERRORS = [
    ("31/02/2024", ["February 2024 has no day 31"]),
    ("13/13/2024", ["no month 13", "day first"]),
    ("1 July 2023 to 30 June 2023", ["ends (30 June 2023) before it starts (1 July 2023)",
                                     "earlier date first"]),
    ("between November and February 2023", ["before it starts"]),
    ("03/04", ["no year", "day first"]),
    ("last few years", ["not a definite period", "the last 3 years"]),
    ("the last several months", ["not a definite period"]),
    ("a couple of years", ["not a definite period"]),
    ("", ["no period given", "since October 2020"]),
    ("   ", ["no period given"]),
    ("March", ["which year", "March 2024"]),
    ("between March and June", ["which year"]),
    ("since March", ["which year"]),
    ("from 1 March", ["which year"]),
    ("2022/23", ["financial year", "2022 to 2023"]),
    ("2022/24 financial year", ["not a financial year", "2022/23"]),
    ("last year", ["could mean the calendar year 2023", "the last 12 months"]),
    ("last month", ["August 2024", "the last month"]),
    ("the last years", ["how many years"]),
    ("the last 0 years", ["at least one year"]),
    ("09/2024", ["September 2024"]),
    ("sometime recently", ["not a definite period"]),
    ("whenever", ["cannot read", "since October 2020"]),
    ("the last two years and then some", ["not a definite period"]),
    ("32 March 2023", ["no day 32"]),
    ("from 31/02/2024 to 30 June 2024", ["no day 31"]),
]


@pytest.mark.parametrize(("text", "words"), ERRORS)
def test_parse_period_refuses_to_guess(text, words):
    with pytest.raises(PeriodError) as caught:
        parse_period(text, today=TODAY)
    message = str(caught.value)
    for word in words:
        assert word in message, message


def test_error_messages_are_one_plain_line():
    for text, _ in ERRORS:
        with pytest.raises(PeriodError) as caught:
            parse_period(text, today=TODAY)
        message = str(caught.value)
        assert "\n" not in message and "Traceback" not in message
        assert 10 < len(message) < 300


# --------------------------------------------------------------------------------------------
# format_period and describe_length


@pytest.mark.parametrize(("period", "text"), [
    (Period(D(2020, 10, 1), D(2024, 9, 13)), "1 October 2020 to 13 September 2024"),
    (Period(D(2024, 9, 13), D(2024, 9, 13)), "13 September 2024"),
    (Period(D(2020, 10, 1), None), "since 1 October 2020"),
    (Period(None, D(2024, 9, 13)), "up to 13 September 2024"),
    (Period(D(2020, 10, 1), None, until_request=True),
     "1 October 2020 to the date of this request"),
    (Period(None, None, until_request=True), "up to the date of this request"),
    (Period(), "any time"),
])
def test_format_period_nz_style(period, text):
    assert format_period(period) == text
    assert parse_period(text) == period


@pytest.mark.parametrize(("period", "words"), [
    (Period(D(2024, 9, 2), D(2024, 9, 13)), "12 days"),
    (Period(D(2024, 9, 13), D(2024, 9, 13)), "1 day"),
    (Period(D(2024, 3, 1), D(2024, 5, 31)), "3 months"),
    (Period(D(2024, 3, 1), D(2024, 3, 31)), "1 month"),
    (Period(D(2023, 3, 1), D(2023, 6, 30)), "4 months"),
    (Period(D(2024, 3, 1), D(2024, 5, 20)), "about 3 months"),
    (Period(D(2023, 3, 1), D(2024, 7, 31)), "17 months"),
    (Period(D(2022, 7, 1), D(2023, 6, 30)), "1 year"),
    (Period(D(2022, 9, 14), D(2024, 9, 13)), "2 years"),
    (Period(D(2020, 10, 1), D(2024, 9, 13)), "about 4 years"),
    (Period(D(2020, 10, 1), None), "about 4 years"),
    (Period(D(2020, 10, 1), None, until_request=True), "about 4 years"),
    (Period(D(2015, 1, 1), D(2024, 9, 13)), "about 10 years"),
    (Period(None, D(2024, 9, 13)), "no start date"),
    (Period(D(2025, 1, 1), None), "not started yet"),
])
def test_describe_length(period, words):
    assert describe_length(period, TODAY) == words


# --------------------------------------------------------------------------------------------
# find_periods on the seed request (MFAT OIA 29681, sent 13 September 2024)

SEED_PARTS = [
    """The dates on which New Zealand, pursuant to Article 21(2), notified the governments
of Russia, Belarus, Iran, Ukraine and the United States of its obligations under the
Convention on Cluster Munitions.""",
    """The dates on which New Zealand, pursuant to Article 21(2), communicated to the
governments of Russia, Belarus, Iran, Ukraine and the United States in accordance
with its obligation to "make best efforts to discourage States not party to this
Convention from using cluster munitions.\"""",
    """Copies of all communications falling within 1 and 2 above, and the replies received.""",
    """The dates since October 2020 on which legal advice was requested on what New
Zealand needed to do to meet its obligations under the Convention on Cluster
Munitions.""",
    """Copies of all requests since October 2020 for legal advice on what New Zealand
needed to do to meet its obligations under the Convention on Cluster Munitions.""",
    """The dates since October 2020 on which legal advice was provided on what New
Zealand needed to do to meet its obligations under the Convention on Cluster
Munitions.""",
    """Copies of all legal advice provided since October 2020 on what New Zealand needed
to do to meet its obligations under the Convention on Cluster Munitions.""",
    """The dates on which, since October 2020, advice has been provided to the Ministers of
(a) Disarmament and Arms Control and (b) Foreign Affairs that relate to the
Convention on Cluster Munitions and New Zealand's obligations under that
Convention with regard to the conflict in Ukraine.""",
    """Copies of all advice since October 2020 to the Ministers of (a) Disarmament and
Arms Control and (b) Foreign Affairs that relate to the Convention on Cluster
Munitions and New Zealand's obligations under that Convention with regard to the
conflict in Ukraine.""",
    """The dates of all meetings and correspondence with the Ministry of Defence since
October 2020 that relate to the Convention on Cluster Munitions and New Zealand's
obligations under that Convention with regard to the conflict in Ukraine.""",
    """Copies of all meetings notes and correspondence with the Ministry of Defence since
October 2020 that relate to the Convention on Cluster Munitions and New Zealand's
obligations under that Convention with regard to the conflict in Ukraine.""",
    """The dates, since October 2020, of any meetings or correspondence any MFAT official
has had with any member or representative of the government of the United

Kingdom that included mention of either country's obligations under the Convention
on Cluster Munitions.""",
    """The dates, since October 2020, of any meetings or correspondence any New Zealand
government minister has had with any member or representative of the government
of the United Kingdom that included mention of either country's obligations under the
Convention on Cluster Munitions.""",
]
SINCE_OCTOBER_2020 = Period(D(2020, 10, 1), None)
REFINEMENT = "All timeframes are from 1 October 2020 to 13 September 2024."


def test_seed_has_thirteen_parts():
    assert len(SEED_PARTS) == 13


@pytest.mark.parametrize("number", range(1, 4))
def test_seed_parts_1_to_3_state_no_period(number):
    assert find_periods(SEED_PARTS[number - 1], today=TODAY) == []


@pytest.mark.parametrize("number", range(4, 14))
def test_seed_parts_4_to_13_are_since_october_2020(number):
    text = SEED_PARTS[number - 1]
    found = find_periods(text, today=TODAY)
    assert len(found) == 1
    match = found[0]
    assert match.period == SINCE_OCTOBER_2020
    assert text[match.start:match.end] == match.text
    assert re.fullmatch(r"since\s+October\s+2020", match.text)


def test_seed_parts_read_the_same_with_non_breaking_spaces():
    # the FYI.org.nz HTML of the seed has U+00A0 between most words
    for number, text in enumerate(SEED_PARTS, 1):
        plain = find_periods(text, today=TODAY)
        nbsp = find_periods(text.replace(" ", "\u00a0"), today=TODAY)
        assert [(m.start, m.end, m.period) for m in plain] == \
               [(m.start, m.end, m.period) for m in nbsp], number


def test_mfat_refinement_sentence_gives_the_exact_period():
    found = find_periods(REFINEMENT, today=TODAY)
    assert found == [PeriodMatch(19, 59, "from 1 October 2020 to 13 September 2024",
                                 Period(D(2020, 10, 1), D(2024, 9, 13)))]


def test_mfat_response_phrases():
    text = ("Between the dates of 1 October 2020 to the date of your request, the Ministry "
            "requested internal legal advice. The Tenth Meeting took place from 30 August to "
            "2 September 2022. There is a recollection of this topic being raised in "
            "December 2022.")
    found = find_periods(text, today=TODAY)
    assert [m.text for m in found] == [
        "Between the dates of 1 October 2020 to the date of your request",
        "from 30 August to 2 September 2022",
        "December 2022",
    ]
    assert [m.period for m in found] == [
        Period(D(2020, 10, 1), None, until_request=True),
        Period(D(2022, 8, 30), D(2022, 9, 2)),
        Period(D(2022, 12, 1), D(2022, 12, 31)),
    ]


# --------------------------------------------------------------------------------------------
# find_periods in free text


@pytest.mark.parametrize(("text", "phrase", "period"), [
    ("Copies of all advice since October 2020 to the Ministers of X about Z",
     "since October 2020", Period(D(2020, 10, 1), None)),
    ("All briefings in 2023 about Z", "2023", Period(D(2023, 1, 1), D(2023, 12, 31))),
    ("All briefings during 2023.", "2023", Period(D(2023, 1, 1), D(2023, 12, 31))),
    ("The budget for 2023, please", "2023", Period(D(2023, 1, 1), D(2023, 12, 31))),
    ("Reports for calendar year 2023", "calendar year 2023",
     Period(D(2023, 1, 1), D(2023, 12, 31))),
    ("Emails since 2020 about Z", "since 2020", Period(D(2020, 1, 1), None)),
    ("Notes made during March 2023 on Z", "March 2023", Period(D(2023, 3, 1), D(2023, 3, 31))),
    ("Advice in the last two years about Z", "the last two years",
     Period(D(2022, 9, 14), D(2024, 9, 13))),
    ("Texts sent over the past 12 months", "the past 12 months",
     Period(D(2023, 9, 14), D(2024, 9, 13))),
    ("Costs in the 2022/23 financial year", "the 2022/23 financial year",
     Period(D(2022, 7, 1), D(2023, 6, 30))),
    ("Costs for FY2022/23.", "FY2022/23", Period(D(2022, 7, 1), D(2023, 6, 30))),
    ("the statement made on 10 September 2024 in Geneva", "10 September 2024",
     Period(D(2024, 9, 10), D(2024, 9, 10))),
    ("papers dated 1/10/2020 – 13/9/2024 on Z", "1/10/2020 – 13/9/2024",
     Period(D(2020, 10, 1), D(2024, 9, 13))),
    ("minutes between March and June 2023 about Z", "between March and June 2023",
     Period(D(2023, 3, 1), D(2023, 6, 30))),
    ("advice since 1 October 2020 to date.", "since 1 October 2020 to date",
     Period(D(2020, 10, 1), None, until_request=True)),
    ("advice from 1 October 2020 to the date of this request about Z",
     "from 1 October 2020 to the date of this request",
     Period(D(2020, 10, 1), None, until_request=True)),
    ("emails sent until 30 June 2023", "until 30 June 2023", Period(None, D(2023, 6, 30))),
    ("the 12 months to 30 June 2023, please", "the 12 months to 30 June 2023",
     Period(D(2022, 7, 1), D(2023, 6, 30))),
    ("(since 2020-10-01)", "since 2020-10-01", Period(D(2020, 10, 1), None)),
    # an event between "since" / "after" and its date: the period starts with the date,
    # it is not that one year or month
    ("records not disclosed since the Ombudsman's preliminary investigation in 2022.",
     "since the Ombudsman's preliminary investigation in 2022", Period(D(2022, 1, 1), None)),
    ("emails since the review in March 2021 about Z", "since the review in March 2021",
     Period(D(2021, 3, 1), None)),
    ("notes made after the election in October 2023", "after the election in October 2023",
     Period(D(2023, 10, 1), None)),
    ("advice since the meeting on 5 May 2023 to 30 June 2023",
     "since the meeting on 5 May 2023 to 30 June 2023", Period(D(2023, 5, 5), D(2023, 6, 30))),
    ("briefings since the end of 2022", "since the end of 2022", Period(D(2022, 12, 31), None)),
    ("the minutes from the meeting on 5 May 2023", "5 May 2023",
     Period(D(2023, 5, 5), D(2023, 5, 5))),
    # whole financial years (1 July to 30 June) that ended last, counted back from today
    # (13 September 2024): the three ended 30 June 2022, 2023 and 2024
    ("payments during the last three financial years (GST inclusive)",
     "the last three financial years", Period(D(2021, 7, 1), D(2024, 6, 30))),
    ("spending in the last financial year", "the last financial year",
     Period(D(2023, 7, 1), D(2024, 6, 30))),
    ("costs over the past 2 fiscal years", "the past 2 fiscal years",
     Period(D(2022, 7, 1), D(2024, 6, 30))),
    # a date written month first where the month is named: the order is not in doubt
    ("Emails that used the word convoy between February 5 2022 and February 10 2022.",
     "between February 5 2022 and February 10 2022", Period(D(2022, 2, 5), D(2022, 2, 10))),
    ("Notes from the meeting held on October 1, 2024.", "October 1, 2024",
     Period(D(2024, 10, 1), D(2024, 10, 1))),
    ("The speed limit it was set to prior to August 26th 2019.", "prior to August 26th 2019",
     Period(None, D(2019, 8, 25))),
    ("Minutes of Friday, September 13, 2024.", "Friday, September 13, 2024",
     Period(D(2024, 9, 13), D(2024, 9, 13))),
    # figures "as at" a day or a month are bounded by it
    ("The number of purchase cards as at December 2017.", "as at December 2017",
     Period(D(2017, 12, 1), D(2017, 12, 31))),
    ("Staff numbers as at 30 June 2023.", "as at 30 June 2023",
     Period(D(2023, 6, 30), D(2023, 6, 30))),
    ("How many, as of the end of June 2023?", "as of the end of June 2023",
     Period(D(2023, 6, 30), D(2023, 6, 30))),
    # a range of years: in brackets (the brackets are the cue), or named as years
    ("The number of dog attacks reported each year (2019-2024).", "2019-2024",
     Period(D(2019, 1, 1), D(2024, 12, 31))),
    ("Fines issued each year (2019 to 2023)", "2019 to 2023",
     Period(D(2019, 1, 1), D(2023, 12, 31))),
    ("Complaints received (2018 – 2024 inclusive)", "2018 – 2024",
     Period(D(2018, 1, 1), D(2024, 12, 31))),
    ("Fines issued in calendar years 2019-2023.", "calendar years 2019-2023",
     Period(D(2019, 1, 1), D(2023, 12, 31))),
    ("Spending for the years 2019 to 2023.", "the years 2019 to 2023",
     Period(D(2019, 1, 1), D(2023, 12, 31))),
    ("Spending in the years between 2018 and 2020.", "the years between 2018 and 2020",
     Period(D(2018, 1, 1), D(2020, 12, 31))),
    ("Spending over the 2019-2023 period.", "the 2019-2023 period",
     Period(D(2019, 1, 1), D(2023, 12, 31))),
    ("Dog registrations annually 2019-2023.", "2019-2023",
     Period(D(2019, 1, 1), D(2023, 12, 31))),
])
def test_find_periods_in_free_text(text, phrase, period):
    found = find_periods(text, today=TODAY)
    assert [(m.text, m.period) for m in found] == [(phrase, period)]
    assert text[found[0].start:found[0].end] == phrase


@pytest.mark.parametrize("text", [
    "pursuant to Article 21(2) of the Convention",
    "the 12th Meeting of States Parties",
    "a budget of $2023 for the work",
    "in $2023 of spending",
    "call 0800 802 602 or +64 4 439 8000",
    "withheld under section 9(2)(a) and 9(2)(g)(i)",
    "Copies of all communications falling within 1 and 2 above",
    "the 2023 annual report",
    "statement-CCM-12MSP-10-September-2024.pdf",
    "CCM-10MSP-New-Zealand-Statement-Aug-2022.pdf",
    "HansS_20230727_050760000",
    "for 2000 documents",
    "in 1500 pages",
    "items 2020-2023 in the list",
    "since March",
    "last year's report",
    "the last few years",
    "it may take up to date-stamping",
    "up to date records",
    "the 2022/23 budget",
    "version 1.2.3",
    "pages 1-5 and 6-56",
    "under that Convention with regard to the conflict in Ukraine.",
    "",
])
def test_find_periods_avoids_false_positives(text):
    assert find_periods(text, today=TODAY) == []


def test_relative_phrases_need_today_in_free_text():
    assert find_periods("advice in the last two years") == []
    assert len(find_periods("advice in the last two years", today=TODAY)) == 1


def test_find_periods_reports_several_in_order_without_overlap():
    text = ("Part 1: since October 2020. Part 2: from 1 March 2023 to 30 June 2023. "
            "Part 3: in the last 6 weeks. Part 4: the 2022/23 financial year.")
    found = find_periods(text, today=TODAY)
    assert [m.text for m in found] == ["since October 2020", "from 1 March 2023 to 30 June 2023",
                                       "the last 6 weeks", "the 2022/23 financial year"]
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_an_impossible_phrase_is_skipped_whole():
    # never reported in pieces: the user wrote a range, so "30 June 2024" alone would mislead
    assert find_periods("from 31/02/2024 to 30 June 2024 about Z") == []
    assert find_periods("from 1 July 2024 to 30 June 2024") == []
    text = "from 31/02/2024 to 30 June 2024; since October 2020"
    assert [m.text for m in find_periods(text)] == ["since October 2020"]


def test_find_periods_prefers_the_longest_reading():
    found = find_periods("from 1 October 2020 to 13 September 2024", today=TODAY)
    assert [m.text for m in found] == ["from 1 October 2020 to 13 September 2024"]
    found = find_periods("papers 1 October 2020 onwards", today=TODAY)
    assert [m.text for m in found] == ["1 October 2020 onwards"]


# --------------------------------------------------------------------------------------------
# Property tests

dates = st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31))


@st.composite
def any_period(draw):
    first, second = sorted([draw(dates), draw(dates)])
    kind = draw(st.sampled_from(["both", "start", "end", "start-request", "request", "none"]))
    return {
        "both": Period(first, second),
        "start": Period(first, None),
        "end": Period(None, second),
        "start-request": Period(first, None, until_request=True),
        "request": Period(None, None, until_request=True),
        "none": Period(),
    }[kind]


@settings(max_examples=examples(300), deadline=None)
@given(any_period())
def test_format_then_parse_is_the_same_period(period):
    assert parse_period(format_period(period)) == period


@settings(max_examples=examples(300), deadline=None)
@given(dates)
def test_parse_date_reads_format_date(day):
    assert parse_date(format_date(day)) == day
    assert parse_date(format_date(day, weekday=True)) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day


@settings(max_examples=examples(200), deadline=None)
@given(dates, st.integers(min_value=1, max_value=40),
       st.sampled_from(["days", "weeks", "months", "years"]))
def test_the_last_n_units_ends_today_and_starts_after_the_same_day_back(today, count, unit):
    try:
        period = parse_period(f"the last {count} {unit}", today=today)
    except PeriodError as error:
        assert "outside the calendar" in str(error)
        return
    assert period.end == today and period.start <= today
    if unit == "days":
        assert period.days(today) == count
    if unit == "weeks":
        assert period.days(today) == 7 * count


def _check_matches(text, found):
    assert isinstance(found, list)
    previous_end = 0
    for match in found:
        assert isinstance(match, PeriodMatch)
        assert 0 <= previous_end <= match.start < match.end <= len(text)
        assert text[match.start:match.end] == match.text
        assert isinstance(match.period, Period)
        previous_end = match.end


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.one_of(st.none(), dates))
def test_find_periods_never_raises_on_any_text(text, today):
    found = find_periods(text, today=today)
    _check_matches(text, found)
    assert find_periods(text, today=today) == found


# Text built from the words periods are made of, so the interesting paths are exercised.
VOCABULARY = [
    "since", "from", "between", "and", "to", "until", "through", "the", "last", "past", "two",
    "twelve", "12", "months", "years", "year", "weeks", "October", "Sept", "March", "June",
    "May", "2020", "2023", "2024", "1", "13", "30", "31", "1st", "financial", "calendar",
    "2022/23", "FY2022/23", "2022-23", "in", "during", "for", "up", "date", "of", "this",
    "request", "present", "now", "onwards", "–", "-", "/", "31/02/2024", "1/10/2020",
    "13/9/2024", "2024-09-13", "end", "start", "beginning", "on", "or", "after", "before",
    "prior", "no", "later", "than", "ending", "Friday", "documents", "$2023", "Article",
    "21(2)", "9(2)(a)", "few", "ū", "Manatū", "😀", "\u00a0", ".", ",", "(", ")", "0800",
    "12th", "dates", "period", "month", "close", "fiscal", "cy2021", "thru", "till", "ended",
    "İ", "K", "commencing", "starting", "2 September 2022", "30 August", "pages", "review",
    "Ombudsman's", "the review in", "the floods of", "three", "fiscal years",
]
SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "\n", ", ", "-", "–", "\u00a0", ""])


@st.composite
def period_like_text(draw):
    words = draw(st.lists(st.sampled_from(VOCABULARY), max_size=30))
    out = []
    for word in words:
        out.append(word)
        out.append(draw(SEPARATORS))
    return "".join(out)


def _reference_find(text, today):
    """What the whole free-text grammar finds when tried at every character (slow)."""
    grammar = periods._grammar(find=True)
    found = []
    for match in grammar.finditer(text):
        try:
            period = periods._interpret(match, today)
        except ValueError:
            continue
        start = periods._span_start(match)
        found.append(PeriodMatch(start, match.end(), text[start:match.end()], period))
    return found


@settings(max_examples=examples(400), deadline=None)
@given(period_like_text(), st.one_of(st.none(), st.just(TODAY)))
def test_find_periods_on_period_like_text(text, today):
    found = find_periods(text, today=today)
    _check_matches(text, found)
    assert find_periods(text, today=today) == found
    # the fast path (words that can begin a phrase, checked against the next word) finds
    # exactly what the whole grammar finds
    assert found == _reference_find(text, today)
    # each phrase found reads back to the same period on its own
    for match in found:
        assert parse_period(match.text, today=today) == match.period


@settings(max_examples=examples(10), deadline=None)
@given(st.lists(period_like_text(), min_size=1, max_size=5), st.integers(200, 2000))
def test_find_periods_on_huge_text(pieces, repeat):
    text = (" ".join(pieces) + " ") * repeat
    found = find_periods(text, today=TODAY)
    _check_matches(text, found)


def test_find_periods_on_a_huge_text_of_dates_is_linear():
    text = "since October 2020, 31/02/2024 and 2023 " * 5000  # 200 kB
    found = find_periods(text, today=TODAY)
    assert len(found) == 5000 and all(m.period == SINCE_OCTOBER_2020 for m in found)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=60), st.one_of(st.none(), dates))
def test_parse_period_raises_only_period_error(text, today):
    try:
        period = parse_period(text, today=today)
    except PeriodError as error:
        assert str(error)
    else:
        assert isinstance(period, Period)


def test_two_digit_years_are_this_century_but_never_the_future(monkeypatch):
    monkeypatch.setenv("OIADRAFT_TODAY", "2026-11-28")
    assert parse_date("13/9/24") == D(2024, 9, 13)
    assert parse_date("1/1/27") == D(2027, 1, 1)
    with pytest.raises(PeriodError, match="year in full"):
        parse_date("13/9/99")


# --------------------------------------------------------------------------------------------
# Financial-year ranges, "the period X and Y", a day or month with no year

@pytest.mark.parametrize("phrase,start,end", [
    ("each financial year from 2020/21 to 2023/24", D(2020, 7, 1), D(2024, 6, 30)),
    ("the 2022/23 and 2023/24 financial years", D(2022, 7, 1), D(2024, 6, 30)),
    ("financial years 2020/21 - 2023/24", D(2020, 7, 1), D(2024, 6, 30)),
    ("the 2021/22, 2022/23 and 2023/24 financial years", D(2021, 7, 1), D(2024, 6, 30)),
    ("in the period 1 February 2020 and 30 June 2020", D(2020, 2, 1), D(2020, 6, 30)),
    ("the period 1 March 2024 to 31 May 2024", D(2024, 3, 1), D(2024, 5, 31)),
    ("each year from 2019 to 2023", D(2019, 1, 1), D(2023, 12, 31)),
])
def test_ranges_are_read_whole_in_answers_and_in_text(phrase, start, end):
    assert parse_period(phrase, today=TODAY) == Period(start, end)
    found = find_periods(f"Emails about the port {phrase}.", today=TODAY)
    assert [(m.period.start, m.period.end) for m in found] == [(start, end)]


def test_a_range_between_two_dates_is_never_read_as_one_day():
    text = "All email correspondence in the period 1 February 2020 and 30 June 2020."
    (found,) = find_periods(text, today=TODAY)
    assert found.period.start != found.period.end
    assert found.text == "period 1 February 2020 and 30 June 2020"


def test_financial_years_written_bare_are_not_guessed_without_the_words():
    for answer in ("from 2020/21 to 2023/24", "between 2020/21 and 2023/24"):
        with pytest.raises(PeriodError, match="write 'the financial years 2020/21 to 2023/24'"):
            parse_period(answer, today=TODAY)
    assert find_periods("Emails from 2020/21 to 2023/24.", today=TODAY) == []


@pytest.mark.parametrize("text,quote,advice", [
    ("Emails from 2020/21 to 2023/24.", "2020/21 to 2023/24",
     "'the financial years 2020/21 to 2023/24' (1 July 2020 to 30 June 2024)"),
    ("Data for the decade 2012/13 through 2022/23 for refugees.", "2012/13 through 2022/23",
     "'the financial years 2012/13 to 2022/23' (1 July 2012 to 30 June 2023)"),
    ("Spending on cars in 2022/23.", "in 2022/23",
     "'the 2022/23 financial year' (1 July 2022 to 30 June 2023)"),
])
def test_financial_years_written_bare_are_asked_about(text, quote, advice):
    (problem,) = periods.find_period_problems(text, today=TODAY)
    assert problem.text == quote
    assert "does not say which kind of year" in problem.message and advice in problem.message


def test_a_bare_financial_year_range_written_backwards_is_asked_about():
    (problem,) = periods.find_period_problems("Budgets 2022/23 to 2020/21.", today=TODAY)
    assert "ends before it starts" in problem.message


def test_up_until_is_one_phrase_with_its_end():
    (found,) = find_periods("All emails about the port up until 1 November 2019.", today=TODAY)
    assert found.text == "up until 1 November 2019"
    assert found.period == Period(None, D(2019, 11, 1))


def test_month_first_dates_parse_and_keep_their_checks():
    assert parse_date("September 13, 2024") == D(2024, 9, 13)
    with pytest.raises(PeriodError, match="no day 30"):
        parse_date("February 30, 2024")
    assert find_periods("In March 12 staff left.", today=TODAY) == []


@pytest.mark.parametrize("text", ["Information for the years 1990 to present.",
                                  "Claims declined for respective years 1990 to date."])
def test_years_to_date_run_to_the_request(text):
    (found,) = find_periods(text, today=TODAY)
    assert found.period == Period(D(1990, 1, 1), None, until_request=True)


def test_the_years_of_a_two_year_period_ask_which_are_meant():
    (problem,) = periods.find_period_problems("Costs over the 2022-2023 period.", today=TODAY)
    assert "2022/23 financial year" in problem.message
    assert parse_period("the years 2022 to 2023", today=TODAY) == \
        Period(D(2022, 1, 1), D(2023, 12, 31))


@pytest.mark.parametrize("text", ["Smith (2019) found", "pages 2019-2024 of the file",
                                  "items (2019, 2024)"])
def test_years_in_brackets_need_a_range_and_the_brackets(text):
    assert find_periods(text, today=TODAY) == []
    assert periods.find_period_problems(text, today=TODAY) == []


def test_two_years_in_a_row_in_brackets_ask_which_years_are_meant():
    text = "Travel costs (2022-2023)"
    assert find_periods(text, today=TODAY) == []
    (problem,) = periods.find_period_problems(text, today=TODAY)
    assert problem.text == "2022-2023"
    assert "2022/23 financial year" in problem.message
    assert "calendar years 2022 and 2023" in problem.message


def test_financial_years_out_of_order_are_refused():
    assert find_periods("the 2023/24 and 2021/22 financial years", today=TODAY) == []
    with pytest.raises(PeriodError, match="before it starts"):
        parse_period("the 2023/24 and 2021/22 financial years", today=TODAY)


@pytest.mark.parametrize("text,quote", [
    ("Any communications to ministers since 28th feb till today.", "since 28th feb till today"),
    ("All emails since 28th feb.", "since 28th feb"),
    ("Briefings from March to June.", "from March"),
])
def test_a_day_or_month_without_a_year_is_a_problem_not_a_guess(text, quote):
    assert find_periods(text, today=TODAY) == []
    (problem,) = periods.find_period_problems(text, today=TODAY)
    assert problem.text == quote == text[problem.start:problem.end]
    assert "which year" in problem.message


def test_readable_periods_are_not_problems():
    assert periods.find_period_problems("Emails since 28 February 2024.", today=TODAY) == []
    assert periods.find_period_problems("", today=TODAY) == []


def test_importing_the_period_grammar_compiles_nothing():
    import subprocess
    import sys

    code = ("import re\n"
            "import oiadraft.model, oiadraft.clock, oiadraft.errors\n"
            "calls = []\n"
            "original = re._compile\n"
            "re._compile = lambda p, f: (calls.append(p), original(p, f))[1]\n"
            "import oiadraft.periods\n"
            "print(len(calls))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "0"


def test_a_part_covering_another_parts_period_reads_it_now_and_survives_a_loop():
    from oiadraft.model import Part
    from oiadraft.periods import part_period

    first = Part(text="Cabinet papers on the Convention in 2023")
    second = Part(text="Emails about them in that period", period_from=first.id)
    third = Part(text="Notes of meetings in that period", period_from=second.id)
    parts = [first, second, third]
    assert part_period(third, parts) == Period(date(2023, 1, 1), date(2023, 12, 31))
    first.text = "Cabinet papers on the Convention in 2021"
    assert part_period(second, parts) == Period(date(2021, 1, 1), date(2021, 12, 31))
    assert part_period(second, [second, third]) is None  # the part it followed is gone
    first.period_from, first.text = third.id, "Cabinet papers"
    assert part_period(second, parts) is None  # a loop gives no period, and ends
