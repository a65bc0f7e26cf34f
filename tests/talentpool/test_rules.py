"""Who sees which profile: the rules and the list querysets agree."""

import pytest

from talentpool.profiles.models import TalentProfile
from tests.factories import TalentProfileFactory, share_with_lanzhou

pytestmark = pytest.mark.django_db


def test_officials_see_only_profiles_shared_with_lanzhou(official, staff):
    shared = share_with_lanzhou(TalentProfileFactory())
    private = TalentProfileFactory()
    assert set(TalentProfile.objects.visible_to(official)) == {shared}
    assert set(TalentProfile.objects.visible_to(staff)) == {shared, private}
    assert official.has_perm("talentpool.view_profile", shared)
    assert not official.has_perm("talentpool.view_profile", private)


def test_withdrawn_consent_hides_the_profile_again(official):
    profile = share_with_lanzhou(TalentProfileFactory())
    share_with_lanzhou(profile, given=False)
    assert list(TalentProfile.objects.visible_to(official)) == []
    assert not official.has_perm("talentpool.view_profile", profile)


def test_a_talent_sees_only_their_own_profile(talent, other_talent):
    own = TalentProfileFactory(user=talent)
    TalentProfileFactory(user=other_talent)
    assert list(TalentProfile.objects.visible_to(talent)) == [own]
    assert talent.has_perm("talentpool.change_profile", own)
    assert not other_talent.has_perm("talentpool.view_profile", own)


def test_pinyin_is_derived_from_the_chinese_name():
    assert TalentProfileFactory(name_zh="吕王伟").name_pinyin == "lv wang wei"
