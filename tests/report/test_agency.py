"""What an agency's name says about its place: units, level, kind."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xxgk.report.agency import names_of, place
from xxgk.report.generate import AGENCIES


@pytest.mark.parametrize(
    ("name", "region", "level", "kind"),
    [
        ("偏关县人民政府", "偏关县", "county", "government"),
        ("运城市盐湖区人民政府", "运城市盐湖区", "county", "government"),
        ("运城市河津市人民政府", "运城市河津市", "county", "government"),
        ("忻州市城市管理局", "忻州市", "city", "department"),
        ("偏关县住房和城乡建设局", "偏关县", "county", "department"),
        ("偏关县市场监督管理局", "偏关县", "county", "department"),
        ("偏关县天峰坪镇人民政府", "偏关县天峰坪镇", "township", "township"),
        ("运城市城关街道办事处", "运城市城关街道", "township", "township"),
        ("山西省人民政府", "山西省", "province", "government"),
        ("内蒙古自治区鄂尔多斯市人民政府", "内蒙古自治区鄂尔多斯市", "city", "government"),
        ("国家税务总局偏关县税务局", "", None, "other"),
    ],
)
def test_the_name_tells_region_level_and_kind(name, region, level, kind):
    p = place(name)
    assert (p.region, p.level, p.kind) == (region, level, kind)


def test_own_names_include_the_short_forms():
    assert {"偏关县人民政府", "偏关县政府", "偏关县", "偏关"} <= set(names_of("偏关县人民政府"))
    assert "教育局" in names_of("偏关县教育局")
    assert names_of(None) == ()


@given(st.sampled_from(AGENCIES))
def test_units_and_body_make_the_name(name):
    p = place(name)
    assert p.region + p.body == name
