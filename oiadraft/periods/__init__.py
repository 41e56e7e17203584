"""Dates and periods as people write them in New Zealand, parsed strictly.

Day-first numeric dates (13/09/2024), ISO dates (2024-09-13) and written dates
(13 September 2024, 13 Sept 2024, and month first where the month is named: September 13,
2024) are understood; anything impossible or ambiguous raises
PeriodError with a message that says what was wrong and how to write it. Nothing is silently
guessed.

Wording rules (what each phrase means; tests pin every one):

- A date is one day; a month ("March 2023") is the whole month; a year ("2023",
  "calendar year 2023") is 1 January to 31 December; a financial year ("the 2022/23 financial
  year", "2022-23 financial year", "FY2022/23", "FY22/23") is 1 July to 30 June.
- A range takes the first day of its first unit and the last day of its last unit:
  "between March and June 2023" is 1 March to 30 June 2023. A start without a year ("1 March",
  "March") borrows the year of the end; an end never borrows.
- "since X" / "from X" / "starting X" start on the first day of X with an open end; "after X"
  starts the day after X ends. "up to X" / "until X" end on the last day of X with an open
  start; "before X" / "prior to X" end the day before X begins.
- "to date", "to the date of this request", "to present", "until now" (and the like) close the
  period on the day the request is made: `until_request=True`, `end=None`.
- "the start/beginning of X" is X's first day, "the end of X" its last day.
- "as at X" / "as of X" (figures on a day or in a month) is X.
- Relative periods end on `today` and cover exactly N units: "the last two years" on
  13 September 2024 is 14 September 2022 to 13 September 2024 (the day after the same date N
  units earlier). "the 12 months to 30 June 2023" and "the year ending 30 June 2023" use the
  same rule with the given end (1 July 2022 to 30 June 2023). A month-end date counts whole
  months back (the 3 months to 30 June = 1 April to 30 June).
- Refused (PeriodError): impossible dates, a month that is not 1-12 (dates are day first), a
  date or month without a year, vague amounts ("the last few years"), "last year" /
  "last month" without "the" (calendar year or last 12 months?), a period that ends before it
  starts, a relative period with no `today`.

`find_periods` reports the same phrases inside free text, with these extra rules against
false positives: a bare year or month counts only after a cue word ("in 2023", "during March
2023", "for 2023", "throughout", "within", "over", "covering", "across") and only years
1900-2099; the span then starts at the year or month, not the cue. Brackets are a cue for a
range of years ("each year (2019-2024)"); two years in a row there ("(2022-2023)") could be
calendar years or a financial year, so they are a problem, not a guess; so are they in "the
2022-2023 period", while "the years 2019 to 2023" and "calendar years 2019-2023" say years. A lone full date
("on 10 September 2024") is reported as a one-day period. Phrases that do not parse (an
impossible date, a relative period without `today`, an open "until now" with no start) are
skipped, never guessed.

The package: `dates` (one date, `PeriodError`), `grammar` (the phrases as regular
expressions, compiled the first time each is used, so importing this package compiles
nothing), `find` (a match turned into a `Period`; `find_periods`, `first_period`), `parse` (`parse_period`),
`format` (`format_period`, `describe_length`), `taken` (`part_period`: the period a part
covers when it takes an earlier part's).
"""

from oiadraft.periods.dates import (
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_NAMES,
    PeriodError,
    format_date,
    month_number,
    parse_date,
)
from oiadraft.periods.find import (
    PeriodMatch,
    PeriodProblem,
    _interpret,
    _read_unit,
    _span_start,
    find_period_problems,
    find_periods,
    first_period,
)
from oiadraft.periods.format import describe_length, format_period
from oiadraft.periods.grammar import _grammar
from oiadraft.periods.parse import parse_period
from oiadraft.periods.taken import part_period, part_to_follow, period_to_take

__all__ = [
    "MONTHS",
    "MONTH_NAMES",
    "WEEKDAY_NAMES",
    "PeriodError",
    "PeriodMatch",
    "PeriodProblem",
    "_grammar",
    "_interpret",
    "_read_unit",
    "_span_start",
    "describe_length",
    "find_period_problems",
    "find_periods",
    "first_period",
    "format_date",
    "format_period",
    "month_number",
    "parse_date",
    "parse_period",
    "part_period",
    "part_to_follow",
    "period_to_take",
]
