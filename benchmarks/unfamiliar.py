"""Two county folders nobody tuned the layouts on: a 兵团 连队 with a 30-character name under a
团场, and a 江苏 社区 with twelve rooms on three floors.

``write(folder)`` writes them as ``folder/bingtuan`` and ``folder/kunshan`` (a paigen.yaml and one
profile each) and returns the two folders; benchmarks/design.py and the design tests lay them out.
"""

from __future__ import annotations

from pathlib import Path

COMPANY = "新疆生产建设兵团第三师图木舒克市四十五团托云红旗农场第十二连"  # 30 characters

BINGTUAN_COUNTY = """\
schema: paigen/v1
preset: bazhou-2020
county: 图木舒克市
province: 新疆维吾尔自治区
"""

BINGTUAN = """\
schema: paigen/v1
village:
  name: {name}
  type: 连队
  township: 四十五团
  short_name: 十二连
  party_org:
    level: 支部
    short_name: 中共十二连支部委员会
center:
  address: 四十五团红旗农场十二连连部
  hours: 周一至周五 9:30-13:30 16:00-19:30
  phone: 0998-5621207
  floors: 1
  rooms:
    - name: 连队综合服务站
      floor: 1
      windows: [党务连务服务, 便民服务]
      direction: 左
    - name: 党员活动室
      also: [职工书屋]
      floor: 1
      party: true
      direction: 右
      boards: [入党誓词, 党员的权利, 党员的义务, 三会一课制度]
    - name: 连队办公室
      floor: 1
      direction: 前
people:
  - {{name: 阿不都热依木·买买提, roles: [连队党支部书记, 指导员], phone: "13899621207"}}
  - {{name: 王海军, roles: [连长, 连队党支部副书记], phone: "13565287714"}}
  - {{name: 古丽娜尔·艾山, roles: [连队党支部委员, 妇女主任], phone: "15299821130"}}
  - {{name: 刘振宇, roles: [连务监督委员会主任], phone: "18999621365"}}
duty:
  per_day: 1
  week:
    周一: [阿不都热依木·买买提]
    周二: [王海军]
    周三: [古丽娜尔·艾山]
    周四: [刘振宇]
    周五: [王海军]
services:
  党务连务服务: [党员组织关系转接, 入党申请受理]
  便民服务: [职工社保缴费, 团场政策咨询]
rating: {{year: 2025, stars: 5}}
wayfinding:
  - {{place: 红旗农场主干道路口, direction: 右, distance_m: 400}}
members:
  - {{name: 阿不都热依木·买买提, category: 在职, points: 95, stars: 5}}
  - {{name: 王海军, category: 在职, points: 92, stars: 5}}
  - {{name: 古丽娜尔·艾山, category: 在职, points: 90, stars: 5}}
  - {{name: 张国庆, category: 农民, points: 84, stars: 4}}
  - {{name: 买买提江·吐尔逊, category: 农民, points: 81, stars: 4}}
  - {{name: 李秀兰, category: 年老体弱, points: 70, stars: 3}}
facade:
  walls:
    - name: 南立面
      length_mm: 14400
      height_mm: 4500
      openings:
        - {{kind: door, x_mm: 6300, width_mm: 1800, height_mm: 2700}}
        - {{kind: window, x_mm: 1800, sill_mm: 900, width_mm: 1800, height_mm: 1500}}
        - {{kind: window, x_mm: 10800, sill_mm: 900, width_mm: 1800, height_mm: 1500}}
"""

KUNSHAN_COUNTY = """\
schema: paigen/v1
preset: bazhou-2020
county: 昆山市
province: 江苏省
"""

KUNSHAN = """\
schema: paigen/v1
village:
  name: 朝阳新村社区
  type: 社区
  township: 玉山镇
  party_org:
    level: 总支
center:
  address: 玉山镇朝阳西路288号
  hours: 周一至周六 8:30-17:00
  phone: 0512-57312288
  floors: 3
  rooms:
    - {name: 党群服务大厅, also: [社区综合服务站], floor: 1, direction: 前,
       windows: [党群服务, 社保就业, 民政救助],
       boards: [全程代理制度, 首问负责制度, 服务公开制度], wall_mm: 7000}
    - {name: 新时代文明实践站, floor: 1, direction: 左}
    - {name: 警务室, floor: 1, direction: 右}
    - {name: 人民调解室, also: [法律服务室], floor: 1, direction: 右}
    - {name: 居家养老服务站, floor: 1, direction: 左}
    - {name: 党员活动室, also: [党员教育培训室], floor: 2, party: true, direction: 左,
       boards: [入党誓词, 党员的权利, 党员的义务, 三会一课制度, 主题党日]}
    - {name: 群团工作室, also: [妇女之家, 青年之家, 职工之家], floor: 2, direction: 右}
    - {name: 四点半课堂, floor: 2, direction: 右}
    - {name: 网格化服务管理中心, floor: 2, direction: 左}
    - {name: 社区党总支书记办公室, floor: 3, party: true, direction: 左}
    - {name: 居委会办公室, floor: 3, direction: 右}
    - {name: 档案室, floor: 3, direction: 右}
people:
  - {name: 顾建平, roles: [社区党总支书记, 居委会主任], phone: "13913671208"}
  - {name: 沈丽华, roles: [社区党总支副书记], phone: "13862617745"}
  - {name: 陆志刚, roles: [社区党总支委员, 居委会副主任], phone: "15950137712"}
  - {name: 钱雅琴, roles: [居务监督委员会主任], phone: "18962687730"}
  - {name: 朱晓峰, roles: [网格员], phone: "13771826654"}
duty:
  per_day: 2
  week:
    周一: [顾建平, 朱晓峰]
    周二: [沈丽华, 朱晓峰]
    周三: [陆志刚, 朱晓峰]
    周四: [钱雅琴, 朱晓峰]
    周五: [顾建平, 沈丽华]
    周六: [陆志刚, 朱晓峰]
services:
  党务居务服务: [党员组织关系转接, 入党申请受理, 党费收缴, 居务公开查询]
  便民惠民服务: [社保医保参保登记, 居住证办理, 高龄津贴申领, 就业创业登记, 法律援助咨询]
rating: {year: 2025, stars: 4}
wayfinding:
  - {place: 朝阳西路与前进路路口, direction: 前, distance_m: 200}
"""


def write(folder: Path) -> list[Path]:
    """Write the two county folders under *folder*; return them."""
    out = []
    for sub, county, profile, file in (
        ("bingtuan", BINGTUAN_COUNTY, BINGTUAN.format(name=COMPANY), "十二连.yaml"),
        ("kunshan", KUNSHAN_COUNTY, KUNSHAN, "朝阳新村社区.yaml"),
    ):
        target = folder / sub
        target.mkdir(parents=True, exist_ok=True)
        (target / "paigen.yaml").write_text(county, encoding="utf-8")
        (target / file).write_text(profile, encoding="utf-8")
        out.append(target)
    return out
