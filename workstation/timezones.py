"""Times as the portal shows them: the workstation's clock (Pacific) and China Standard Time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.translation import pgettext, pgettext_lazy

PACIFIC = "pacific"
CHINA = "china"

# The zones' names as people read them: English keeps the abbreviations, Chinese says 北京时间.
ZONE_NAMES = {
    "PDT": pgettext_lazy("time zone", "PDT"),
    "PST": pgettext_lazy("time zone", "PST"),
    "CST": pgettext_lazy("time zone", "CST"),
}


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(settings.CHINA_TIME_ZONE if name == CHINA else settings.TIME_ZONE)


def wall_time_readings(naive: datetime, zone_name: str) -> list[datetime]:
    """The moments (in UTC) a wall-clock time names in a zone, the earlier first: none when the
    clock skips it (spring forward), two when the clock shows it twice (fall back), else one."""
    tz = zone(zone_name)
    readings = []
    for fold in (0, 1):  # before and after a clock change
        moment = naive.replace(tzinfo=tz, fold=fold).astimezone(UTC)
        if moment.astimezone(tz).replace(tzinfo=None) == naive and moment not in readings:
            readings.append(moment)
    return readings


def zone_with_offset(moment: datetime, zone_name: str) -> str:
    """The zone's name at a moment with its offset, e.g. "PDT (UTC−7)": which side of a clock
    change the moment is on."""
    local = timezone.localtime(moment, zone(zone_name))
    minutes = int(local.utcoffset().total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    offset = f"UTC{'+' if minutes >= 0 else '−'}{hours}{f':{rest:02d}' if rest else ''}"
    abbreviation = local.tzname() or ""
    return pgettext("time zone", "%(zone)s (%(offset)s)") % {
        "zone": ZONE_NAMES.get(abbreviation, abbreviation),
        "offset": offset,
    }


def wall_time_of(moment: datetime | None, zone_name: str) -> datetime | None:
    """The wall-clock time (without a zone) a moment shows in a zone: what a form shows."""
    if moment is None:
        return None
    return timezone.localtime(moment, zone(zone_name)).replace(tzinfo=None)


def with_zone_name(local: datetime, time_format: str) -> str:
    abbreviation = local.tzname() or ""
    return f"{dateformat.format(local, time_format)} {ZONE_NAMES.get(abbreviation, abbreviation)}"


def zoned_time(moment: datetime, zone_name: str) -> str:
    """e.g. "Tue 15 Sep 10:00 PDT": the day and the zone's name, DST included."""
    # Translators: a date format (as for Django's "date" filter) of a meeting time.
    time_format = pgettext("dual time", "D j M H:i")
    return with_zone_name(timezone.localtime(moment, zone(zone_name)), time_format)


def dual_time(moment: datetime | None) -> str:
    """A moment in Pacific and China Standard Time, e.g. "Tue 15 Sep 10:00 PDT · Wed 16 Sep
    01:00 CST"."""
    if moment is None:
        return ""
    return f"{zoned_time(moment, PACIFIC)} · {zoned_time(moment, CHINA)}"


def zoned_span(start: datetime, end: datetime | None, zone_name: str) -> str:
    """e.g. "Sat 7 Mar 10:00 PST – 14:00 PST": the end without its day when it is the same."""
    if end is None:
        return zoned_time(start, zone_name)
    tz = zone(zone_name)
    if timezone.localtime(start, tz).date() == timezone.localtime(end, tz).date():
        end_text = with_zone_name(timezone.localtime(end, tz), "H:i")
    else:
        end_text = zoned_time(end, zone_name)
    return f"{zoned_time(start, zone_name)} – {end_text}"


def dual_span(start: datetime | None, end: datetime | None = None) -> list[str]:
    """A span of time in Pacific time and in China Standard Time, one line each."""
    if start is None:
        return []
    return [zoned_span(start, end, PACIFIC), zoned_span(start, end, CHINA)]


def datetime_attribute(moment: datetime | None) -> str:
    """A moment as the datetime attribute of <time> takes it: HTML allows at most three digits
    of a second, so whole seconds (Django's "c" format keeps the microseconds)."""
    if moment is None:
        return ""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def workstation_time(moment: datetime | None) -> str:
    """A record's time on the workstation's clock, e.g. "2026-11-23 17:02 PST"."""
    if moment is None:
        return ""
    return with_zone_name(timezone.localtime(moment, zone(PACIFIC)), "Y-m-d H:i")


def workstation_date(moment: datetime) -> date:
    """The day a moment falls on, on the workstation's clock, whatever zone is active."""
    return timezone.localdate(moment, zone(PACIFIC))
