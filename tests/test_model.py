"""Derived names and the shape of the validated model."""

import textwrap

import pytest

from paigen.inputs import open_inputs

from conftest import MINIMAL, SAMPLES, load


@pytest.mark.parametrize(
    ("level", "expected"),
    [("支部", "中共东庄村支部委员会"), ("总支", "中共东庄村总支部委员会"), ("党委", "中共东庄村委员会")],
)
def test_party_org_name_derives_from_level(level, expected):
    profile = load(MINIMAL + f"  party_org: {{level: {level}}}\n")
    assert profile.village.party_org.name == expected


def test_village_committees_and_center_name():
    v = load(MINIMAL)
    assert v.village.type == "村"
    assert v.village.committee == "东庄村村民委员会"
    assert v.village.supervision == "东庄村村务监督委员会"
    assert v.center.name == "东庄村党员群众服务中心"  # bazhou-2020: {village}党员群众服务中心


def test_community_committees():
    v = load("""\
        village: {name: 康宁社区, type: 社区, township: 裕华街道, party_org: {level: 党委}}
        """)
    assert v.village.party_org.name == "中共康宁社区委员会"
    assert v.village.committee == "康宁社区居民委员会"
    assert v.village.supervision == "康宁社区居务监督委员会"


def test_given_names_win_over_derived_ones():
    v = load(MINIMAL + "  committee: 东庄村民委员会\ncenter: {name: 东庄村党群服务站}\n")
    assert v.village.committee == "东庄村民委员会"
    assert v.center.name == "东庄村党群服务站"


def test_model_is_frozen_and_typed():
    v = load(MINIMAL + textwrap.dedent("""\
        center:
          floors: 2
          phone: 0316 7212345
          rooms:
            - {name: 党员活动室, floor: 2, area_m2: 90, also: 党员教育室, party: 是}
        people:
          - {name: 王建国, phone: 13812345678}
        duty:
          per_day: 1
          week: {星期三: [王建国], 周一: [王建国]}
        """))
    room = v.center.rooms[0]
    assert (room.floor, room.area_m2, room.also, room.party) == (2, 90, ("党员教育室",), True)
    assert v.center.phone == "0316-7212345"
    assert v.people[0].phone == "13812345678"  # unquoted YAML number kept as text
    assert [d.day for d in v.duty.week] == ["周一", "周三"]  # canonical weekday order
    with pytest.raises(AttributeError):
        v.village.name = "西庄村"


def test_county_defaults_fill_county_and_province():
    inputs = open_inputs(SAMPLES)
    assert {p.village.county for p in inputs.profiles} == {"霸州市"}
    assert {p.village.province for p in inputs.profiles} == {"河北省"}


def test_samples_exercise_the_schema():
    profiles = {p.name: p for p in open_inputs(SAMPLES).profiles}
    assert set(profiles) == {"东庄村", "康宁社区", "小王庄村"}
    dz, kn, xw = profiles["东庄村"], profiles["康宁社区"], profiles["小王庄村"]
    assert dz.center.floors == 2 and dz.village.party_org.level == "支部"
    assert kn.village.type == "社区" and kn.center.floors == 3
    assert kn.village.party_org.name == "中共康宁社区委员会"
    assert xw.center.name == "小王庄村党群服务站" and xw.center.rooms[0].area_m2 == 40
    assert xw.village.party_org.name == "中共小王庄村总支部委员会"
    # every profile carries where it came from, for error messages later in the pipeline
    assert str(dz.origin.locate(("center", "rooms", 1, "name"))).endswith("东庄村.yaml:22:7")
