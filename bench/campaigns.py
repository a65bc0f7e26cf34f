"""Building and queueing a campaign to a large talent pool, and the sending rate on an SMTP sink.

    .venv/bin/python bench/campaigns.py [--profiles 100000] [--send 2000] [--rebuild]

Uses a database of its own, ``bench_campaigns``, on the PostgreSQL server of ``DATABASE_URL`` (or on
the embedded server when it is unset), created and migrated on first use and kept between runs:
``--profiles`` profiles that consent to news and invitations (half of them reading Chinese, each
with its ledger row), made in bulk.

Measures, as the portal does it (the services the views and the worker call):

- the count staff see before sending (``count_audience``) and the click (``start_sending``);
- queueing every mail in the outbox (``queue_mails``: the audience read in one ordered pass, rows
  written in chunks): time, rows per second, and how far the process's peak memory (``VmHWM``,
  reset before, so the figure is this step's) grew above its size before;
- sending ``--send`` mails in batches (``send_batch``, the rate set out of the way) over SMTP to an
  aiosmtpd sink on loopback in this process: mails per second and per minute, against the default
  ``CAMPAIGN_SEND_RATE``.

Targets: queueing 100,000 in < 60 s with < 150 MB peak growth; sending >= 10x the default rate.
Prints PASS/FAIL, exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_database import bench_database_url, bench_person, setup_django

DATABASE = "bench_campaigns"
QUEUE_TARGET_S = 60.0
MEMORY_TARGET_MB = 150
RATE_TARGET_FACTOR = 10
MARKER = "bench-reader"
CHUNK = 5000


def memory_kb(field: str) -> int:
    """``VmRSS`` (now) or ``VmHWM`` (the peak) of this process, in KiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    return 0


def reset_peak_rss() -> bool:
    """Start ``VmHWM`` again from the current size (Linux 4.0+), so a step's peak is its own."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def ensure_profiles(count: int, rebuild: bool) -> None:
    from django.db import connection

    from talentpool.consents.models import PRIVACY_POLICY_VERSION, Consent
    from talentpool.profiles.models import TalentProfile

    have = TalentProfile.objects.receiving_news().count()
    if have == count and not rebuild:
        return
    print(f"Making {count:,} profiles that consent to news (had {have:,}) ...")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TalentProfile._meta.db_table} RESTART IDENTITY CASCADE")
    for start in range(0, count, CHUNK):
        profiles = TalentProfile.objects.bulk_create(
            TalentProfile(
                name_en=f"Reader {n}",
                email=f"{MARKER}{n}@example.org",
                preferred_language="zh-hans" if n % 2 else "en",
                receives_news=True,
                is_complete=True,
            )
            for n in range(start, min(count, start + CHUNK))
        )
        Consent.objects.bulk_create(
            Consent(
                profile=profile,
                purpose=Consent.Purpose.WORKSTATION_NEWS,
                action=Consent.Action.GIVEN,
                policy_version=PRIVACY_POLICY_VERSION,
            )
            for profile in profiles
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  done in {time.perf_counter() - started:.1f} s")


def fresh_campaign():
    """A new draft; earlier runs' campaigns and their mails go first."""
    from talentpool.campaigns.models import Campaign
    from talentpool.campaigns.services import CAMPAIGN_KIND
    from workstation.reminders.models import Reminder

    Reminder.objects.filter(kind=CAMPAIGN_KIND).delete()
    Campaign.objects.all().delete()
    return Campaign.objects.create(
        subject_zh_hans="兰州人才政策说明会",
        subject_en="Lanzhou talent policy briefing",
        body_zh_hans="诚邀您参加**说明会**，了解兰州新的人才政策。\n\n- 1月15日\n- 圣何塞",
        body_en="Join the **briefing** on Lanzhou's new talent policy.\n\n- 15 January\n- San Jose",
    )


def start_sink():
    """An SMTP server on loopback, on a free port, that takes every message and counts it."""
    import logging
    import socket

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line per command

    class Counting:
        received = 0

        async def handle_DATA(self, server, session, envelope):
            Counting.received += 1
            return "250 Message accepted for delivery"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Counting(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, Counting


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--send", type=int, default=2_000, help="mails to send for the rate")
    parser.add_argument("--rebuild", action="store_true", help="make the profiles again")
    args = parser.parse_args()

    server = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "embedded"
    setup_django(bench_database_url(DATABASE))
    from django.conf import settings

    from talentpool.campaigns import services
    from talentpool.campaigns.models import Campaign

    print(f"Database {DATABASE} ({server})")
    ensure_profiles(args.profiles, args.rebuild)
    # The worker's part runs here, in this process: nothing is handed to a broker.
    services.enqueue_queueing = lambda campaign_id: True
    services.enqueue_batch = lambda campaign_id, countdown=0: True
    staff = bench_person("staff")
    campaign = fresh_campaign()
    failed = False

    started = time.perf_counter()
    count = services.count_audience({})
    counted = time.perf_counter() - started
    started = time.perf_counter()
    services.start_sending(campaign=campaign, actor=staff)
    clicked = time.perf_counter() - started
    print(f"\nAudience: {count:,} people; counted in {counted * 1000:.0f} ms")
    print(f"Send (the click: checks, count, state): {clicked * 1000:.0f} ms")

    exact_peak = reset_peak_rss()
    rss_before = memory_kb("VmRSS")
    started = time.perf_counter()
    queued = services.queue_mails(campaign_id=campaign.pk)
    queue_seconds = time.perf_counter() - started
    growth_mb = (memory_kb("VmHWM") - rss_before) / 1024
    print(f"\nQueueing {queued:,} mails: {queue_seconds:.1f} s ({queued / queue_seconds:,.0f} /s)")
    print(
        f"  peak memory {growth_mb:.0f} MB above the process's {rss_before / 1024:.0f} MB"
        f"{'' if exact_peak else ' (VmHWM could not be reset: the peak of the whole run)'}"
    )
    if queued != count:
        print(f"FAIL: {queued:,} mails queued for {count:,} people")
        failed = True
    if args.profiles >= 100_000:
        ok = queue_seconds < QUEUE_TARGET_S and growth_mb < MEMORY_TARGET_MB
        print(
            f"{'PASS' if ok else 'FAIL'}: < {QUEUE_TARGET_S:.0f} s and "
            f"< {MEMORY_TARGET_MB} MB for 100,000"
        )
        failed |= not ok

    controller, sink = start_sink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    default_rate = settings.CAMPAIGN_SEND_RATE
    settings.CAMPAIGN_SEND_RATE = 6_000_000  # batches of 100, no waiting between them
    batches = 0
    started = time.perf_counter()
    while sink.received < args.send:
        Campaign.objects.filter(pk=campaign.pk).update(next_batch_at=None)
        outcome = services.send_batch(campaign_id=campaign.pk)
        batches += 1
        if outcome != "sent":
            break
    send_seconds = time.perf_counter() - started
    controller.stop()
    per_second = sink.received / send_seconds
    print(
        f"\nSending {sink.received:,} mails in {batches} batches over SMTP (loopback sink): "
        f"{send_seconds:.1f} s, {per_second:,.0f} mails/s = {per_second * 60:,.0f} a minute "
        f"in one worker process"
    )
    ok = per_second * 60 >= RATE_TARGET_FACTOR * default_rate
    print(
        f"{'PASS' if ok else 'FAIL'}: >= {RATE_TARGET_FACTOR}x the default CAMPAIGN_SEND_RATE "
        f"({default_rate} a minute)"
    )
    failed |= not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
