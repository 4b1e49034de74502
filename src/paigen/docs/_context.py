"""The variables document templates read: the township, each village and what its kit implies.

A village's entry says what it has (building, rooms, people, facts), how it stands against the
chosen checklist (达标/未达标/现场核查 counts, 好/一般/差) and what the sign kit makes for it
(plaques, door plates, guide and road signs, boards, window plates, facade walls and areas), so a
plan can name real rooms, real walls and real quantities. Values are plain dicts, lists and
numbers: a clerk editing a template sees exactly what the README lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from paigen._pattern import fill
from paigen.docs._calendar import county_holidays, working_day
from paigen.docs._checklists import FAIL, ON_SITE, PASS, Checklist, ItemResult
from paigen.docs._facts import fmt, room_text
from paigen.docs._meta import DocMeta, date_text
from paigen.model.profile import ORG_TYPES, Profile
from paigen.model.settings import Settings

# 实施步骤: name, length in days, whether it works outdoors (paints), the work and what it delivers.
PHASES = (
    ("调查摸底", 15, False, "逐{w}核实服务中心建筑面积、功能室、外墙和现有标识，对照验收标准评估现状",
     "各{w}现状台账和建设任务清单"),
    ("设计制作", 30, False,
     "按统一样式出具标识标牌设计稿和印刷文件，逐{w}核对名称、功能室和人员信息后交付制作",
     "标识标牌设计稿、印刷文件和制作清单"),
    ("安装施工", 30, True,
     "完成外墙色带粉刷、名称标识和组织吊牌安装、功能室门牌和制度牌上墙，留存施工前后影像资料",
     "安装到位的标识标牌和施工影像资料"),
    ("验收总结", 20, False, "组织综合验收工作组逐{w}验收，对未达标项目限期整改并复验，总结推广经验做法",
     "各{w}验收报告和工作总结"),
)
def work_day(settings: Settings | None, day: dt.date) -> dt.date:
    """*day*, or the next working day (no weekend, statutory or county holiday)."""
    return working_day(day, county_holidays(settings))


SELF_CHECK_DAYS = 5  # 自查自评 after the works end, before the inspection
RECTIFY_DAYS = 30  # 整改 after the acceptance report


def frost_months(settings: Settings | None) -> set[int]:
    """Months in which exterior paint cannot go on (``climate.frost_months`` of the preset)."""
    if settings is None:
        return set()
    months = settings.section("climate").get("frost_months") or []
    return {int(m) for m in months if isinstance(m, int) and 1 <= m <= 12}


def _outdoor_start(day: dt.date, length: int, frost: set[int]) -> dt.date:
    """The first day from *day* on whose *length*-day window has no frost month."""
    for _ in range(400):
        window = [day + dt.timedelta(days=i) for i in range(length)]
        hit = next((d for d in window if d.month in frost), None)
        if hit is None:
            return day
        day = hit.replace(day=1)
        while day.month in frost:  # the first of the month after the frost
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day


def _phase_dates(day: dt.date, settings: Settings | None) -> list[tuple[dt.date, dt.date]]:
    frost = frost_months(settings)
    out = []
    start = day
    for _, length, outdoor, _, _ in PHASES:
        if outdoor and frost:
            start = _outdoor_start(start, length, frost)
        start = work_day(settings, start)
        end = work_day(settings, start + dt.timedelta(days=length - 1))  # a deadline: a working day
        out.append((start, end))
        start = end + dt.timedelta(days=1)
    return out


def document_dates(day: dt.date, settings: Settings | None = None,
                   given: dict[str, dt.date] | None = None) -> dict[str, dt.date]:
    """成文日期 of each document: the 印发 notice and its plan on the document date, the
    acceptance notice (the next 发文字号) ten days before the works end, the report on the last
    day of the acceptance phase — unless ``documents.dates`` gives a kind its date (*given*)."""
    phases_ = _phase_dates(day, settings)
    works_end = phases_[2][1]
    derived = {"notice": work_day(settings, day), "plan": work_day(settings, day),
               "acceptance-notice": work_day(settings, max(day + dt.timedelta(days=1),
                                                    works_end - dt.timedelta(days=10))),
               "acceptance": phases_[3][1]}
    return derived | dict(given or {})


def milestones(day: dt.date, settings: Settings | None = None) -> dict[str, str]:
    """Deadlines the notices set, each after the works it follows."""
    phases_ = _phase_dates(day, settings)
    works_end, accept_end = phases_[2][1], phases_[3][1]
    self_check = work_day(settings, works_end + dt.timedelta(days=SELF_CHECK_DAYS))
    inspect_start = work_day(settings, self_check + dt.timedelta(days=1))
    return {"works_end": date_text(works_end), "self_check": date_text(self_check),
            "inspection": range_text(inspect_start, accept_end),
            "rectify": date_text(work_day(settings, accept_end + dt.timedelta(days=RECTIFY_DAYS))),
            "survey_end": date_text(phases_[0][1])}


# Sign types a village's kit may hold (keys of ``village.qty``; 0 when the kit has none).
SIGN_TYPES = ("plaque", "center-name", "door-plate", "guide", "wayfinding", "window", "service-wall",
              "board", "duty", "services", "rating")


def unit_of(township: str) -> str:
    """镇, 乡 or 街道: how the township calls itself (全镇, 我街道)."""
    for suffix in ("街道", "镇", "乡"):
        if township.endswith(suffix):
            return suffix
    if township.endswith(("农场", "牧场", "团场", "团")):  # 兵团: a 团场 and its 连队
        return "团场"
    return "镇"


def range_text(start: dt.date, end: dt.date) -> str:
    """2026年5月26日—6月9日 (the year once when it does not change)."""
    tail = f"{end.month}月{end.day}日" if end.year == start.year else date_text(end)
    return f"{date_text(start)}—{tail}"


def phases(day: dt.date, settings: Settings | None = None, word: str = "村（社区）") -> list[dict[str, Any]]:
    """The plan's 实施步骤 from the document date; the outdoor phase skips the frost months."""
    out = []
    for (name, _, _, work, deliverables), (start, end) in zip(PHASES, _phase_dates(day, settings),
                                                             strict=True):
        out.append({"name": name, "start": date_text(start), "end": date_text(end),
                    "range": range_text(start, end), "work": work.format(w=word),
                    "deliverables": deliverables.format(w=word)})
    return out


def wall_figures(profile: Profile, settings: Settings) -> list[dict[str, Any]]:
    """Each facade wall's size, paintable area and colour-band (red) area, in metres, from the
    same band geometry and scaling rule as the facade drawings and paint.csv."""
    from paigen.layout.facade import facade_walls, takeoff_row

    out = []
    for wall, bands in zip(profile.facade.walls, facade_walls(profile, settings), strict=True):
        row = takeoff_row(bands)
        length, height = wall.length_mm / 1000, wall.height_mm / 1000
        out.append({"name": wall.name, "length": round(length, 2), "height": round(height, 2),
                    "openings": len(wall.openings),
                    "area": round(row["wall_m2"] - row["openings_m2"], 1),
                    "band_area": round(row["red_m2"], 1),
                    "text": f"{wall.name}{fmt(length)}米×{fmt(height)}米"})
    return out


def sign_rows(profile: Profile, settings: Settings) -> list[dict[str, Any]]:
    """What the sign kit makes for this village: type, quantity, size and material."""
    signs = settings.section("signs")
    rooms = profile.center.rooms
    windows = profile.center.windows
    boards = sum(len(r.boards) for r in rooms)

    def row(key: str, qty: int, note: str = "") -> dict[str, Any] | None:
        if qty <= 0 or key not in signs:
            return None
        sign = signs[key]
        size = sign.get("size_mm")
        return {"type": key, "title": sign.get("title", key), "qty": qty,
                "size": f"{fmt(size[0])}×{fmt(size[1])}" if size else "按图",
                "material": sign.get("material", ""), "note": note}

    party = sum(1 for r in rooms if r.party)
    plaque = signs.get("plaque", {})
    strips = sum(len(r.also) for r in rooms)
    rows = [
        row("plaque", len(plaque.get("set", [])), plaque.get("order_note", "")),
        row("center-name", 1, profile.center.name),
        row("door-plate", len(rooms), f"党建红色{party}块、蓝色{len(rooms) - party}块"
            + (f"，加挂名称条{strips}条" if strips else "")),
        row("guide", 1 if rooms else 0, "与功能室门牌一一对应"),
        row("wayfinding", len(profile.wayfinding), "、".join(w.place for w in profile.wayfinding)),
        row("window", len(windows), "、".join(windows)),
        row("service-wall", 1 if windows else 0, "综合服务站背景墙"),
        row("board", boards, "上墙制度牌"),
        row("duty", 1 if profile.duty and profile.duty.week else 0, "坐班值班表"),
        row("services", 1 if profile.services else 0, "服务事项公开"),
        row("rating", 1 if profile.rating else 0, "党员活动室门口"),
    ]
    return [r for r in rows if r]


def assess(results: list[ItemResult]) -> dict[str, Any]:
    """Counts of each verdict and the 好/一般/差 grade seed 000 sorts villages into."""
    failed = [r for r in results if r.verdict == FAIL]
    onsite = [r for r in results if r.verdict == ON_SITE]
    passed = [r for r in results if r.verdict == PASS]
    if not failed and len(onsite) > len(passed):
        grade = "待评估"  # the profile decides too little to grade the centre: survey first
    else:
        grade = "好" if not failed else "一般" if len(failed) <= 2 else "差"
    action = {
        "待评估": "在调查摸底阶段逐项核实现状后确定建设任务",
        "好": "在现有基础上统一标识、提升功能，打造示范点",
        "一般": "重点补齐" + "、".join(r.item.name for r in failed),
        "差": "列入改扩建计划，逐项补齐" + "、".join(r.item.name for r in failed),
    }[grade]
    return {"pass": len(passed), "fail": len(failed), "onsite": len(onsite), "grade": grade,
            "action": action, "failed": [_result(r) for r in failed],
            "onsite_items": [_result(r) for r in onsite]}


def _result(r: ItemResult) -> dict[str, Any]:
    return {"id": r.item.id, "name": r.item.name, "requirement": r.item.requirement,
            "threshold": r.threshold, "measured": r.measured, "verdict": r.verdict,
            "on_site": r.item.on_site}


def village(profile: Profile, settings: Settings, results: list[ItemResult]) -> dict[str, Any]:
    v, c = profile.village, profile.center
    rooms = [{"name": r.name, "names": list(r.names), "label": room_text(r), "floor": r.floor,
              "area": r.area_m2, "party": r.party, "seats": r.seats, "windows": list(r.windows),
              "boards": list(r.boards)} for r in c.rooms]
    walls = wall_figures(profile, settings)
    signs = sign_rows(profile, settings)
    qty = dict.fromkeys(SIGN_TYPES, 0) | {s["type"]: s["qty"] for s in signs}
    secretary = next((p.name for p in profile.people
                      if any("书记" in r and "副" not in r for r in p.roles)), "")
    stars = "一二三四五"[profile.rating.stars - 1] if profile.rating else ""
    facts = {k: getattr(profile.facts, k) for k in profile.facts.__dataclass_fields__}
    return {
        "name": v.name, "type": v.type, "township": v.township, "county": v.county,
        "party_org": v.party_org.name, "committee": v.committee, "supervision": v.supervision,
        "center_name": c.name, "address": c.address, "hours": c.hours, "phone": c.phone,
        "building_area": c.building_area_m2, "floors": c.floors,
        "rooms": rooms, "room_names": "、".join(r.name for r in c.rooms),
        "party_rooms": [r.name for r in c.rooms if r.party],
        "boards": [{"room": r.name, "boards": list(r.boards)} for r in c.rooms if r.boards],
        "windows": list(c.windows),
        "services": [{"name": s.name, "items": list(s.items)} for s in profile.services],
        "service_items": sum(len(s.items) for s in profile.services),
        "duty_per_day": profile.duty.per_day if profile.duty else None,
        "people": len(profile.people), "secretary": secretary,
        "rating": f"{profile.rating.year}年度{stars}星级" if profile.rating else "",
        "walls": walls, "wall_area": round(sum(w["area"] for w in walls), 1),
        "band_area": round(sum(w["band_area"] for w in walls), 1),
        "signs": signs, "qty": qty, "sign_total": sum(s["qty"] for s in signs),
        "facts": facts, "results": [_result(r) for r in results], **assess(results),
        "tally": counts_text([("达标", len([r for r in results if r.verdict == PASS]), "项"),
                              ("未达标", len([r for r in results if r.verdict == FAIL]), "项"),
                              ("需现场核查", len([r for r in results if r.verdict == ON_SITE]), "项")], "、"),
        "signoff": [f"{v.township}{'党工委' if unit_of(v.township) == '街道' else '党委'}",
                    f"{v.township}综合验收工作组", v.party_org.name, "施工单位"],
    }


def counts_text(parts: list[tuple[str, int, str]], sep: str = "，") -> str:
    """'现状较好的2个，较差的1个': every count but the zeros, as a person writes it."""
    return sep.join(f"{label}{n}{unit}" for label, n, unit in parts if n)


def org_words(settings: Settings | None, types: list[str]) -> dict[str, str]:
    """The preset's wording (``wording.<type>``) for one or several organisation types, joined."""
    words: dict[str, list[str]] = {"short": [], "plaques": [], "affairs": []}
    for kind in types:
        entry = settings.wording(kind) if settings is not None else {}
        for key in words:
            value = str(entry.get(key) or (kind if key == "short" else ""))
            if value and value not in words[key]:
                words[key].append(value)
    return {"short": "（".join(words["short"][:1]) + "".join(f"（{w}）" for w in words["short"][1:]),
            "plaques": "；".join(words["plaques"]), "affairs": "、".join(words["affairs"])}


def township(name: str, villages: list[dict[str, Any]], settings: Settings | None = None) -> dict[str, Any]:
    types = {v["type"] for v in villages}
    known = settings.org_types if settings is not None else ORG_TYPES
    ordered = sorted(types, key=lambda t: known.index(t) if t in known else len(known))
    word = org_words(settings, ordered)["short"] or "村"  # 村, 社区, 连队; 村（社区） when mixed

    def total(key: str) -> int:
        return sum(v["qty"].get(key, 0) for v in villages)

    totals = {key: total(key) for key in SIGN_TYPES}
    totals.update(rooms=sum(len(v["rooms"]) for v in villages), walls=sum(len(v["walls"]) for v in villages),
                  wall_area=round(sum(v["wall_area"] for v in villages), 1),
                  band_area=round(sum(v["band_area"] for v in villages), 1),
                  signs=sum(v["sign_total"] for v in villages))
    grades = {g: [v["name"] for v in villages if v["grade"] == g] for g in ("好", "一般", "差", "待评估")}
    unit = unit_of(name)
    party = "党工委" if unit == "街道" else "党委"
    each = "各" if len(villages) > 1 else ""  # 各村党组织, but 康宁社区 alone is no 各
    who = f"各{word}" if len(villages) > 1 else (villages[0]["name"] if villages else word)
    graded = [("现状较好的", len(grades["好"]), "个"), ("一般的", len(grades["一般"]), "个"),
              ("较差的", len(grades["差"]), "个"), ("待调查摸底后评估的", len(grades["待评估"]), "个")]
    if len(villages) == 1:
        grade = villages[0]["grade"]
        grades_text = (f"{villages[0]['name']}现状待调查摸底后评估" if grade == "待评估"
                       else f"{villages[0]['name']}现状评估为“{grade}”")
    else:
        grades_text = f"全{unit}{len(villages)}个{word}中，{counts_text(graded)}"
    made = counts_text([("功能室门牌", totals["door-plate"], "块"), ("导引牌", totals["guide"], "块"),
                        ("道路指引牌", totals["wayfinding"], "块")])
    return {"name": name, "unit": unit, "party": party, "word": word, **org_words(settings, ordered),
            "grades_text": grades_text, "made_text": made,
            "signoff": [f"{name}{party}", f"{name}综合验收工作组", f"{who}党组织", "施工单位"],
            "level": "村级" if word == "村" else word,
            "each": each,
            "who": who,
            "villages": villages, "count": len(villages),
            "names": "、".join(v["name"] for v in villages), "totals": totals, "grades": grades}


# The plan's framing when the preset gives none: paigen's own neutral words.
FRAMING = {"approach": "坚持统一规范与因地制宜相结合，"
                       "把{level}党员群众服务中心建设成为党员群众议事、办事、活动的固定阵地",
           "goal": "做到场所有标识、服务有窗口、制度有公开"}


def framing(settings: Settings, town: dict[str, Any]) -> dict[str, str]:
    """The plan's framing sentences (``documents.framing``), filled with the township's words."""
    raw = settings.section("documents").get("framing") or {}
    values = {"level": town["level"], "township": town["name"], "word": town["word"]}
    return {key: fill(str(raw.get(key) or default), values) for key, default in FRAMING.items()}


def checklist_dict(checklist: Checklist, village_type: str = "村") -> dict[str, Any]:
    return {"key": checklist.key, "name": checklist.name, "title": checklist.title,
            "source": checklist.source,
            "count": len(checklist.items),
            "items": [{"id": i.id, "name": i.name, "requirement": i.requirement,
                       "threshold": i.threshold_for(village_type), "on_site": i.on_site}
                      for i in checklist.items]}


def meta_dict(meta: DocMeta) -> dict[str, Any]:
    return {"office": meta.office, "mark": meta.mark, "date": meta.date_text, "year": meta.year,
            "addressees": meta.addressees, "cc": list(meta.cc), "printed_by": meta.printed_by,
            "notice_number": meta.number(0), "acceptance_number": meta.number(1)}


def bands_text(settings: Settings) -> str:
    """The facade colour-band rule in words, from the preset (seed 000 三(一)1)."""
    facade = settings.section("facade")
    names = {}
    for name in {b["color"] for key in ("bottom_bands", "top_bands") for b in facade.get(key, [])}:
        note = settings.swatch(name).note
        label = note + name
        names[name] = "红色" if "红" in label else "白色" if "白" in label or name == "white" else name
    bottom = "，".join(f"{names[b['color']]}带{fmt(b['mm'] / 10)}cm" for b in facade.get("bottom_bands", []))
    top = "，".join(f"{names[b['color']]}带{fmt(b['mm'] / 10)}cm" for b in facade.get("top_bands", []))
    return f"自地面向上依次为{bottom}；自房顶向下依次为{top}；其余为白色主墙"
