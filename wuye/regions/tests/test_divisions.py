"""The GB/T 2260 divisions of Inner Mongolia, loaded by migration from the shipped CSV."""

import pytest

from wuye.core.scoping import division_prefix
from wuye.regions.models import Division, division_for_area

pytestmark = pytest.mark.django_db

LEAGUES = {
    "150100": "呼和浩特市",
    "150200": "包头市",
    "150300": "乌海市",
    "150400": "赤峰市",
    "150500": "通辽市",
    "150600": "鄂尔多斯市",
    "150700": "呼伦贝尔市",
    "150800": "巴彦淖尔市",
    "150900": "乌兰察布市",
    "152200": "兴安盟",
    "152500": "锡林郭勒盟",
    "152900": "阿拉善盟",
}


def test_region_leagues_and_counties_are_all_there():
    assert Division.objects.get(code="150000").name == "内蒙古自治区"
    leagues = dict(Division.objects.filter(level="league").values_list("code", "name"))
    assert leagues == LEAGUES
    # 103 county-level divisions: 23 districts, 11 cities, 17 counties, 49 banners, 3 autonomous banners.
    assert Division.objects.filter(level="county").count() == 103


def test_every_county_hangs_under_its_league():
    for county in Division.objects.filter(level="county").select_related("parent"):
        assert county.parent.code == county.code[:4] + "00"
        assert county.parent.level == "league"


def test_retired_codes_and_placeholders_are_not_loaded():
    assert not Division.objects.filter(code="150201").exists()  # 市辖区
    assert not Division.objects.filter(code="152100").exists()  # 呼伦贝尔盟, now 150700


def test_prefix_covers_the_division_and_everything_below():
    assert (division_prefix("150000"), division_prefix("150200"), division_prefix("150203")) == (
        "15",
        "1502",
        "150203",
    )


def test_area_codes_fall_back_to_their_league_then_the_region():
    assert division_for_area("150203").code == "150203"
    assert division_for_area("150201").code == "150200"  # a retired or placeholder county code
    assert division_for_area("110105") is None
