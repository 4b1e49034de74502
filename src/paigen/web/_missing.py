"""An artwork that could not be laid out, said in the clerk's words: what is missing, why, and
what to change, from the manifest's `missing` entry (whose reason and fix the layout wrote)."""

from __future__ import annotations

import re

_SIZE = r"(?P<w>[\d.]+) × (?P<h>[\d.]+) mm"
_FIX_SIZE = "，或在 paigen.yaml 中调小该牌的最小字高、调大成品尺寸（size_mm），然后重新生成"

# (pattern over the layout's reason, the reason in Chinese, the fix in Chinese); the first match wins
_SAID: list[tuple[re.Pattern, str, str]] = [
    (re.compile(rf"'(?P<text>.*)' does not fit the {_SIZE} text area at the minimum size of "
                r"(?P<min>[\d.]+) mm"),
     "“{text}”在最小字高 {min} mm 下仍放不进 {w} × {h} mm 的文字区",
     "缩短这段文字（服务中心名称过长时，在村庄档案中填写较短的名称）" + _FIX_SIZE),
    (re.compile(rf"the text does not fit the {_SIZE} body at the minimum size of (?P<min>[\d.]+) mm"),
     "正文在最小字高 {min} mm 下仍放不进 {w} × {h} mm 的版面",
     "删减这块牌的文字" + _FIX_SIZE),
    (re.compile(r"a room name does not fit the guide board at (?P<min>[\d.]+)"),
     "有功能室名称在最小字高 {min} mm 下放不进楼层导视牌",
     "在村庄档案中缩短过长的功能室名称，或在 paigen.yaml 中修改 signs.guide 的尺寸，然后重新生成"),
    (re.compile(r"the area heading '(?P<text>.*)' does not fit"),
     "栏目标题“{text}”两行内放不下",
     "在村庄档案中缩短这个栏目标题，然后重新生成"),
    (re.compile(r"'(?P<text>.*)' \(\d+ mm long\) does not fit an A3 sheet"),
     "“{text}”太长，任何比例下都放不进 A3 图纸",
     "在村庄档案中缩短服务中心名称，或在 paigen.yaml 中增加更小的出图比例，然后重新生成"),
    (re.compile(r"the wall \((?P<w>[\d.]+) × (?P<h>[\d.]+) mm\) does not fit"),
     "墙面（{w} × {h} mm）在任何比例下都放不进图纸",
     "在 paigen.yaml 的 facade.scales 中增加更小的出图比例，然后重新生成"),
    (re.compile(r"the facade legend does not fit"),
     "立面图的说明文字放不下",
     "在 paigen.yaml 中缩短 facade.rule_text，然后重新生成"),
]


def said(missing: dict) -> dict:
    """*missing* as the job page shows it: the title, the reason and the fix in Chinese, and the
    layout's own words kept for whoever maintains the settings."""
    title = str(missing.get("title") or missing.get("type") or "成品")
    reason = str(missing.get("reason", ""))
    for pattern, why, fix in _SAID:
        found = pattern.search(reason)
        if found:
            values = {k: v for k, v in found.groupdict().items() if v is not None}
            return {"title": title, "reason": why.format(**values), "fix": fix, "detail": reason}
    _where, sep, said_ = reason.partition("：")
    if sep and missing.get("fix"):  # the layout said it in Chinese already (its own catalogue)
        return {"title": title, "reason": said_, "fix": f"{missing['fix']}，然后重新生成",
                "detail": reason}
    return {"title": title, "reason": f"{title}无法排版：版面放不下所需的文字或图形",
            "fix": "修改村庄档案中这块牌的文字，或在 paigen.yaml 中调整它的尺寸（size_mm），然后重新生成",
            "detail": reason}
