"""Every kind of bad input gives a message naming file, line, key path, value and fix."""

import subprocess
import sys

import pytest

from paigen.errors import ProfileError
from paigen.i18n import use_language
from paigen.sources.yamlfile import parse_yaml

from conftest import MINIMAL, problems


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """These tests read the English messages (tests/test_messages_input.py reads the Chinese)."""
    monkeypatch.setenv("PAIGEN_LANG", "en")
    with use_language("en"):
        yield



def one(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_unknown_key_gets_did_you_mean():
    msg = one(MINIMAL + "center:\n  adress: 中心街18号\n")
    assert msg == "村.yaml:6:3 center.adress: unknown key 'adress' (did you mean 'address'?)"


def test_missing_required_key():
    msg = one("village:\n  name: 东庄村\n")
    assert msg.startswith("村.yaml:1:1 village: missing required key 'township'")
    assert "add 'township: …' to village" in msg


def test_yaml_syntax_error_has_line_and_column():
    with pytest.raises(ProfileError) as info:
        parse_yaml("village:\n  name: 东庄村\n  township: [堂二里镇\n".encode(), "村.yaml")
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.column) == (4, 1)
    assert "YAML syntax error" in problem.message
    assert "close the [ ] or { } list" in problem.fix


def test_tab_indentation_is_explained():
    with pytest.raises(ProfileError) as info:
        parse_yaml("village:\n\tname: 东庄村\n".encode(), "村.yaml")
    assert "indent with spaces, not tabs" in str(info.value)


def test_duplicate_key_is_an_error():
    msg = one(MINIMAL + "  name: 西庄村\n")
    assert msg.startswith("村.yaml:5:3 village.name: key 'name' appears twice")


def test_not_a_number_suggests_the_fix():
    msg = one(MINIMAL + "center:\n  floors: 2\n  rooms:\n    - {name: 党员活动室, floor: 二楼}\n")
    assert msg == "村.yaml:8:21 center.rooms[0].floor: '二楼' is not a number (use 2)"


def test_wrong_choice_lists_the_choices():
    msg = one(MINIMAL + "  type: 街道\n")
    assert ("village.type: '街道' is not an organisation type of the preset (use one of 村, 社区, 连队, "
            "or declare it under wording: in paigen.yaml)") in msg
    assert "is not one of 支部, 总支, 党委" in one(MINIMAL + "  party_org: {level: 支书}\n")


def test_duplicate_room_names_including_also_names():
    found = problems(MINIMAL + """\
center:
  rooms:
    - {name: 党员活动室, floor: 1}
    - {name: 党支部办公室, also: [党员活动室], floor: 1}
    - {name: 党员活动室, floor: 1}
""")
    assert len(found) == 2
    assert "center.rooms[1].also[0]: room name '党员活动室' is used twice (also the name of " \
           "center.rooms[0])" in found[0]
    assert found[1].startswith("村.yaml:9:8 center.rooms[2].name: room name '党员活动室' is used twice")
    assert "one to one" in found[1]


def test_room_floor_beyond_center_floors():
    msg = one(MINIMAL + "center:\n  floors: 2\n  rooms:\n    - {name: 档案室, floor: 3}\n")
    assert "center.rooms[0].floor: floor 3 is above center.floors (2)" in msg
    assert "set center.floors to 3" in msg


PEOPLE = """\
people:
  - {name: 王建国, phone: "13812345678"}
  - {name: 李秀英, phone: "13912345678"}
"""


def test_duty_name_not_in_people():
    msg = one(MINIMAL + PEOPLE + "duty:\n  per_day: 2\n  week: {周一: [王建国, 李秀音]}\n")
    assert msg == ("村.yaml:10:20 duty.week.周一[1]: '李秀音' is on duty but not in people "
                   "(did you mean '李秀英'?)")


def test_duty_per_day_mismatch():
    msg = one(MINIMAL + PEOPLE + "duty:\n  per_day: 2\n  week:\n    周二: [王建国]\n")
    assert msg.endswith("duty.week.周二: 周二 has 1 name but duty.per_day is 2 "
                        "(list exactly 2 names, or change duty.per_day)")


def test_duty_unknown_weekday():
    msg = one(MINIMAL + PEOPLE + "duty:\n  per_day: 1\n  week: {周八: [王建国]}\n")
    assert "duty.week.周八: '周八' is not a weekday" in msg


@pytest.mark.parametrize("phone", ["1381234567", "23812345678", "7212345", "0316-72123", "电话"])
def test_malformed_phone_numbers(phone):
    msg = one(MINIMAL + f'people:\n  - {{name: 王建国, phone: "{phone}"}}\n')
    assert f"people[0].phone: '{phone}' is not a phone number" in msg
    assert "a mobile has 11 digits" in msg and "0316-7212345" in msg


@pytest.mark.parametrize(("typed", "stored"), [
    ("138 1234 5678", "13812345678"), ("0316-7212345", "0316-7212345"),
    ("(010)62345678", "010-62345678"), ("0316-7212345-801", "0316-7212345-801"),
    ("03167212345", "0316-7212345"), ("01062345678", "010-62345678"), (3167212345, "0316-7212345"),
    (1062345678, "010-62345678"), (13812345678, "13812345678"),
])
def test_valid_phone_numbers_are_normalised(typed, stored):
    from conftest import load

    value = f'"{typed}"' if isinstance(typed, str) else typed
    assert load(MINIMAL + f"center: {{phone: {value}}}\n").center.phone == stored


WALL = """\
facade:
  walls:
    - name: 南立面
      length_mm: 6000
      height_mm: 3000
      openings:
"""


def test_opening_outside_the_wall():
    found = problems(MINIMAL + WALL +
                     "        - {kind: door, x_mm: 5000, width_mm: 2000, height_mm: 2700}\n"
                     "        - {kind: window, x_mm: 100, sill_mm: 1800, width_mm: 900, height_mm: 1500}\n")
    assert "facade.walls[0].openings[0]: 南立面 opening 0 (door) runs past the wall's end: " \
           "x_mm + width_mm = 7000 > length_mm 6000" in found[0]
    assert "南立面 opening 1 (window) runs above the roof line: sill_mm + height_mm = 3300 > " \
           "height_mm 3000" in found[1]


def test_overlapping_openings():
    msg = one(MINIMAL + WALL +
              "        - {kind: door, x_mm: 2000, width_mm: 1500, height_mm: 2700}\n"
              "        - {kind: 窗, x_mm: 3000, sill_mm: 900, width_mm: 1500, height_mm: 1500}\n")
    assert msg.startswith("村.yaml:12:11 facade.walls[0].openings[1]: 南立面 opening 1 (window) "
                          "overlaps opening 0 (door)")


def test_non_positive_sizes():
    msg = one(MINIMAL + WALL + "        - {kind: door, x_mm: 0, width_mm: 0, height_mm: 2700}\n")
    assert "facade.walls[0].openings[0].width_mm: 0 must be greater than 0" in msg


def test_all_problems_of_a_file_at_once():
    found = problems("""\
village:
  name: 西庄村
  townshp: 堂二里镇
center:
  floors: 2
  phone: 0316-72123
  rooms:
    - {name: 党员活动室, floor: 二楼}
    - {name: 党员活动室, floor: 3}
people:
  - {name: 王建国, phone: "1383161234"}
duty:
  per_day: 2
  week: {周一: [王建国, 王剑国]}
""")
    text = "\n".join(found)
    for expected in ("unknown key 'townshp' (did you mean 'township'?)",
                     "center.phone", "'二楼' is not a number", "floor 3 is above",
                     "people[0].phone", "'王剑国' is on duty but not in people"):
        assert expected in text
    assert "missing required key 'township'" not in text  # the misspelling explains it
    assert len(found) == 6


def test_cli_prints_problems_without_traceback_and_exits_1(tmp_path):
    bad = tmp_path / "西庄村.yaml"
    bad.write_text(MINIMAL + "center:\n  floors: 二\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "paigen", "validate", str(bad)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert f"{bad}:6:3 center.floors: '二' is not a number (use 2)" in run.stderr
    assert "Traceback" not in run.stderr


def test_cli_usage_errors_exit_2(tmp_path):
    run = subprocess.run([sys.executable, "-m", "paigen", "validate", str(tmp_path / "nope.yaml")],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert "does not exist" in run.stderr and "Traceback" not in run.stderr


def test_only_one_main_front():
    msg = one(MINIMAL + """facade:
  walls:
    - {name: 南立面, length_mm: 9000, height_mm: 3600, main: true}
    - {name: 北立面, length_mm: 9000, height_mm: 3600, main: true}
""")
    assert "facade.walls[1].main: walls[0] is already the main front" in msg
