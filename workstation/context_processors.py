from django.conf import settings
from django.utils.translation import get_language

from workstation.translated import other_language


def portal(request) -> dict:
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "other_language": other_language(language) if language in dict(settings.LANGUAGES) else "",
        "china_time_zone": settings.CHINA_TIME_ZONE,
    }
