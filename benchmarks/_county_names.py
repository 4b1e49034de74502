"""Village, community and company names for the generated benchmark county.

Written for the benchmark, in the shape real county rolls have (not the samples' stems): plain
村 names, 社区 of a town's streets, long names of merged villages, and 连队 of a 团场.
"""

from __future__ import annotations

VILLAGES = [
    "杨家洼", "三堡", "西辛庄", "后营", "北高各庄", "刘家务", "王庄子", "大王庄", "小刘庄", "冯家坊",
    "韩家堡", "前屯", "后屯", "柳河", "桃园", "杜家楼", "石佛寺", "马家坟", "孟家营", "宋家庄",
    "东段", "西段", "大河口", "牛角洼", "苏家桥", "邵家坊", "高家场", "于家堤", "沙窝", "北辛店",
    "南辛店", "东王庄", "张家台", "李家台", "三里铺", "五里桥", "七里庄", "九间房", "十里河", "夏家屯",
    "常家营", "龙王庙", "三官庙", "关帝庙", "刘官屯", "郭家楼", "范家营", "崔家码头", "黄家疃", "贾家务",
    "董家堼", "魏家河", "程家寨", "蔡家埝", "翟家口", "胡家场", "葛家湾", "江家岗", "徐家园", "青龙湾",
    "白塔", "红旗", "胜利", "团结", "前进", "新民", "兴隆", "永安", "太平", "丰收",
    "富庄", "万庄", "千佛寺", "大辛阁", "小辛阁", "信安", "左家庄", "右营", "金台", "玉皇堂",
    "枣林", "杏园", "梨园", "柿子园", "荷花淀", "芦苇荡", "南码头", "北码头", "东关", "西关",
    "辛章", "崔庄子", "田家疃", "焦家庄", "霍家楼", "岳家庄", "付家营", "齐家堡", "殷家务", "史家堤",
    "牛家坊", "侯家场",
]

LONG_VILLAGES = [
    "东杨庄西王家堡南辛庄联合",  # merged villages keep all their names
    "大王庄小王庄后屯三村合并",
    "胜芳镇东段西段老街片区联合",
    "北高各庄南高各庄中高各庄",
]

COMMUNITIES = [
    "康宁", "裕华", "迎宾", "建设", "文化", "金康", "益津", "幸福", "和平", "新华",
    "朝阳", "东方", "滨河", "花园", "盛世", "阳光", "华夏", "锦绣",
]

LONG_COMMUNITIES = ["益津南路与迎宾道交叉口东侧新时代", "胜芳古镇文化旅游特色街区"]

COMPANIES = ["一连", "二连", "三连", "五连", "八连", "十二连", "十六连",
             "新疆生产建设兵团第三师图木舒克市四十五团托云红旗农场第十二连"]

TOWNSHIPS = ["堂二里镇", "南孟镇", "信安镇", "胜芳镇", "裕华街道", "东杨庄乡", "岔河集乡",
             "康仙庄乡", "王庄子乡", "煎茶铺镇", "杨芬港镇", "辛章乡", "霸州镇", "东段乡",
             "南孟经济开发区管理委员会"]
FARMS = ["四十五团", "五十一团"]  # the 团场 whose 连队 the county lists


def names(count: int, rng) -> list[tuple[str, str, str]]:
    """*count* distinct (township, name, type) triples: mostly 村, some 社区, a few 连队."""
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    pools = [(VILLAGES, "村", 14), (LONG_VILLAGES, "村", 1), (COMMUNITIES, "社区", 3),
             (LONG_COMMUNITIES, "社区", 1), (COMPANIES, "连队", 1)]
    weights = [w for *_, w in pools]
    while len(out) < count:
        stems, kind, _w = rng.choices(pools, weights)[0]
        stem = rng.choice(stems)
        township = rng.choice(FARMS if kind == "连队" else TOWNSHIPS)
        name = stem if kind == "连队" else stem + kind
        if (township, name) in seen:
            name = (stem + rng.choice("东西南北前后") + kind) if kind != "连队" else stem + "二分队"
            if (township, name) in seen:
                continue
        seen.add((township, name))
        out.append((township, name, kind))
    return out
