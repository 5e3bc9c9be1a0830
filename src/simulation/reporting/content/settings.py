"""The parameters of a report (month, scenarios, horizon, draws, seed, language), checked."""

from __future__ import annotations

from dataclasses import dataclass

from ... import __version__, defaults
from ...errors import InputError, Problem
from ...months import format_month, month_of_year, parse_month, year_of
from ...params import BASELINE, ParamSet, scenario_names

FIRST_REPORT_MONTH = parse_month(defaults.PROJECTION_START) - 1  # the first starting state


@dataclass(frozen=True)
class ReportSettings:
    """The parameters of a report notebook, checked."""

    month: int
    scenarios: tuple[str, ...]
    horizon_months: int
    draws: int
    seed: int
    lang: str
    code_version: str = __version__
    left_out: tuple[str, ...] = ()  # asked for, but changing nothing in the report's region

    @property
    def horizon_end(self) -> int:
        return self.month + self.horizon_months

    @property
    def apbd_year(self) -> int:
        """The APBD year a report speaks of: this one until June; from July, when KUA-PPAS
        for the next year is drafted, the next one."""
        return year_of(self.month) + (1 if month_of_year(self.month) >= 7 else 0)


def check_month_and_language(month: str, lang: str, month_source: str = "month",
                             lang_source: str = "lang") -> int:
    """The report month as an index; bad input names the option or notebook parameter."""
    month_index = parse_month(month, month_source)
    problems = []
    if month_index < FIRST_REPORT_MONTH:
        problems.append(Problem(month_source, "", month, f"{format_month(FIRST_REPORT_MONTH)} "
                                "or later (the first month with a starting state)"))
    if lang not in defaults.LANGUAGES:
        problems.append(Problem(lang_source, "", lang, "'id' or 'en'"))
    if problems:
        raise InputError(problems)
    return month_index


def report_size_problem(option: str, draws: int, horizon_months: int) -> Problem:
    """Draws times months beyond what a report holds in memory (see defaults)."""
    return Problem(option, "", f"{draws:,} draws x {horizon_months:,} months",
                   f"at most {defaults.MAX_REPORT_DRAW_MONTHS:,} draws x months in a report "
                   f"(e.g. {defaults.MAX_REPORT_DRAW_MONTHS // 60:,} draws over 60 months): a "
                   "report keeps every draw in memory; jamsos project takes more")


def settings_from(params: ParamSet, month: str, scenarios: str | list[str], horizon_months: int,
                  draws: int, seed: int, lang: str, code_version: str | None = None
                  ) -> ReportSettings:
    """Validate notebook parameters; bad ones are :class:`InputError` naming the parameter."""
    problems = []
    try:
        month_index = check_month_and_language(month, lang)
    except InputError as error:
        problems.extend(error.problems)
    if not 1 <= int(horizon_months) <= defaults.MAX_MONTHS:
        problems.append(Problem("horizon_months", "", horizon_months,
                                f"1 to {defaults.MAX_MONTHS} months"))
    if not 1 <= int(draws) <= defaults.MAX_DRAWS:
        problems.append(Problem("draws", "", draws, f"1 to {defaults.MAX_DRAWS:,} draws"))
    elif int(draws) * int(horizon_months) > defaults.MAX_REPORT_DRAW_MONTHS:
        problems.append(report_size_problem("draws", int(draws), int(horizon_months)))
    if problems:
        raise InputError(problems)
    text_scenarios = scenarios if isinstance(scenarios, str) else ",".join(scenarios)
    names = scenario_names(params, text_scenarios, "scenarios")
    names = [BASELINE, *[n for n in names if n != BASELINE]]
    return ReportSettings(month_index, tuple(names), int(horizon_months), int(draws), int(seed),
                          lang, code_version or __version__)
