"""The portal's settings with the bench's bare page mounted (``bench/bare_page.py``).

Selected only by ``bench/staff_pages.py``, through ``DJANGO_SETTINGS_MODULE=bare_settings`` with
``bench/`` on ``PYTHONPATH``: the portal's own settings and URLs never name this module, so the bare
page is not reachable in production.
"""

from workstation.settings import *  # noqa: F403 - the portal's settings, one thing changed

ROOT_URLCONF = "bare_page"
