"""Random valid annual reports, for property tests and benchmarks.

:func:`random_report` draws everything from one :class:`random.Random`, so the same
seed gives the same report and the module needs nothing beyond the standard library
at run time. :func:`reports` is the Hypothesis strategy: it feeds the same builder a
Hypothesis-controlled ``Random``, so failing examples shrink towards the simplest
draws (every ``random()`` towards 0.0), which this module maps to zero counts, no
applications and the first choices of every list.

Every report satisfies identities 1–4 by construction: section 三 is built column by
column from outcome counts, and section 四 group by group from its four results.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from typing import TYPE_CHECKING, Any

from xxgk.report.form import APPLICANT_COLUMNS, EDITIONS, Edition, expected_edition
from xxgk.report.form import edition as get_edition
from xxgk.report.model import AnnualReport, Number
from xxgk.report.sections import SECTION_KEYS

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

YEARS = {"2019": (2019, 2020), "2021": (2021, 2022, 2023, 2024, 2025)}

_COUNTIES = (
    "偏关县",
    "博爱县",
    "桦川县",
    "积石山县",
    "稷山县",
    "静乐县",
    "沁源县",
    "永和县",
    "汝阳县",
    "通许县",
    "清河县",
    "崇义县",
    "宁化县",
    "泰宁县",
    "都昌县",
    "彭泽县",
    "蓝田县",
    "周至县",
    "麟游县",
    "镇原县",
    "华池县",
    "民乐县",
    "临泽县",
    "和政县",
    "岢岚县",
    "平陆县",
    "武陟县",
    "修武县",
    "汤原县",
    "桦南县",
)
_CITIES = (
    "运城市",
    "焦作市",
    "佳木斯市",
    "忻州市",
    "长治市",
    "平凉市",
    "张掖市",
    "三明市",
    "九江市",
    "宝鸡市",
)
_DISTRICTS = (
    "鼓楼区",
    "城关区",
    "新城区",
    "盐湖区",
    "解放区",
    "前进区",
    "崆峒区",
    "甘州区",
    "三元区",
    "濂溪区",
)
_DEPARTMENTS = (
    "教育局",
    "公安局",
    "财政局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "卫生健康委员会",
    "市场监督管理局",
    "人力资源和社会保障局",
    "民政局",
    "应急管理局",
    "审计局",
    "统计局",
    "医疗保障局",
    "退役军人事务局",
    "行政审批服务管理局",
    "水利局",
    "文化和旅游局",
)
_TOWNS = (
    "城关",
    "天峰坪",
    "新关",
    "东关",
    "柏树",
    "马村",
    "清化",
    "许良",
    "孝敬",
    "月山",
    "金城",
    "水磨",
    "大河家",
)


def agency_names() -> tuple[str, ...]:
    """A fixed list of plausible reporting bodies: governments, departments, townships."""
    names: list[str] = [f"{c}人民政府" for c in _COUNTIES]
    names += [f"{c}人民政府" for c in _CITIES] + [
        f"{c}{d}人民政府" for c in _CITIES[:3] for d in _DISTRICTS[:3]
    ]
    names += [f"{p}{d}" for p in _CITIES + _COUNTIES[:10] for d in _DEPARTMENTS]
    towns = zip(_COUNTIES, _TOWNS * 3, strict=False)
    names += [f"{c}{t}{'乡' if i % 3 == 2 else '镇'}人民政府" for i, (c, t) in enumerate(towns)]
    names += [f"{c}{t}街道办事处" for c in _CITIES[:4] for t in _TOWNS[:3]]
    names += ["平潭综合实验区公安局", "平潭综合实验区经济发展局"]
    return tuple(names)


AGENCIES = agency_names()

_OUTCOME_WEIGHTS = {
    "granted": 10.0,
    "partly_granted": 3.0,
    "unavailable.not_held": 4.0,
    "unavailable.needs_creation": 1.0,
    "unavailable.unclear": 0.7,
    "not_handled.petition": 1.0,
    "not_handled.duplicate": 1.0,
    "not_handled.publication": 0.3,
    "not_handled.vexatious": 0.3,
    "not_handled.confirmation": 0.5,
    "other": 1.5,
    "other.no_correction": 1.0,
    "other.no_fee": 0.3,
    "other.other": 0.8,
}
_ACTIVE = {
    "natural": 0.7,
    "commercial": 0.35,
    "research": 0.05,
    "nonprofit": 0.06,
    "legal": 0.1,
    "other": 0.15,
}


def chance(rng: random.Random, p: float) -> bool:
    """True with probability ``p``; a draw shrunk to 0.0 gives False."""
    return rng.random() >= 1.0 - p


def count(rng: random.Random, p_zero: float = 0.5, big: float = 0.02) -> int:
    """A count as real cells hold them: mostly 0 or small, now and then very large."""
    if not chance(rng, 1.0 - p_zero):
        return 0
    u = rng.random()
    if u < 1.0 - big - 0.15:
        return rng.randint(1, 20)
    if u < 1.0 - big:
        return rng.randint(21, 3000)
    return rng.randint(3001, 500_000)


def money(rng: random.Random) -> Number:
    """An amount in 万元 with at most 4 decimals; sometimes round (``1.8 亿元`` = 18000)."""
    if not chance(rng, 0.8):
        return 0
    kind = rng.random()
    if kind < 0.2:
        return rng.randint(1, 60) * 1000
    value = rng.uniform(0.0001, 50_000)
    return round(value, rng.randint(0, 4)) if kind < 0.9 else round(rng.uniform(0.0001, 50), 4)


def signed(rng: random.Random) -> int:
    """A 本年增/减 value: 0, or an increase or decrease of a few items."""
    if not chance(rng, 0.7):
        return 0
    n = count(rng, p_zero=0.0, big=0.0)
    return -n if chance(rng, 0.5) else n


def _s2_2019(rng: random.Random) -> dict[str, Number]:
    cells: dict[str, Number] = {}
    for row in ("rules", "normative"):
        made = count(rng, 0.6 if row == "normative" else 0.9)
        published = made if chance(rng, 0.7) else count(rng, 0.6)
        cells |= {
            f"s2.{row}.made": made,
            f"s2.{row}.published": published,
            f"s2.{row}.total": published + count(rng, 0.4),
        }
    for row in ("license", "other_service", "penalty", "coercion"):
        prev = count(rng, 0.2)
        delta = max(signed(rng), -prev)
        decisions = count(rng, 0.2, big=0.1)
        if decisions and decisions == prev + delta:
            decisions += 1
        cells |= {f"s2.{row}.prev": prev, f"s2.{row}.delta": delta, f"s2.{row}.decisions": decisions}
    fee_prev = count(rng, 0.3)
    cells |= {"s2.fee.prev": fee_prev, "s2.fee.delta": max(signed(rng), -fee_prev)}
    procurements = count(rng, 0.3)
    cells |= {
        "s2.procurement.count": procurements,
        "s2.procurement.amount": money(rng) or 1 if procurements else 0,
    }
    return cells


def _s2_2021(rng: random.Random) -> dict[str, Number]:
    cells: dict[str, Number] = {}
    for row in ("rules", "normative"):
        issued = count(rng, 0.6 if row == "normative" else 0.9)
        repealed = count(rng, 0.8)
        cells |= {
            f"s2.{row}.issued": issued,
            f"s2.{row}.repealed": repealed,
            f"s2.{row}.in_force": issued + count(rng, 0.3),
        }
    for row in ("license", "penalty", "coercion"):
        cells[f"s2.{row}.decisions"] = count(rng, 0.2, big=0.1)
    cells["s2.fee.amount"] = money(rng)
    return cells


def _split(rng: random.Random, n: int, parts: int) -> list[int]:
    """``n`` cut into ``parts`` positive pieces (``parts`` ≤ ``n``)."""
    cuts = sorted(rng.sample(range(1, n), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, n]
    return [b - a for a, b in itertools.pairwise(bounds)]


def _outcomes(rng: random.Random, ed: Edition, n: int) -> dict[str, int]:
    """``n`` finished applications spread over a few outcome rows, most of them granted."""
    rows = [r.key for r in ed.s3_outcome_rows]
    out = dict.fromkeys(rows, 0)
    if n == 0:
        return out
    k = min(n, 1 + int(rng.random() ** 2 * 4))
    weights = [_OUTCOME_WEIGHTS.get(r, 0.5) for r in rows]
    chosen: list[str] = []
    while len(chosen) < k:
        pick = rng.choices(rows, weights=weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    for key, part in zip(chosen, _split(rng, n, k), strict=True):
        out[key] = part
    return out


def _s3(rng: random.Random, ed: Edition) -> dict[str, int]:
    cells: dict[str, int] = {}
    any_requests = chance(rng, 0.7)
    row_keys = [r.key for r in ed.s3_rows]
    for col in APPLICANT_COLUMNS:
        c = col.key
        active = any_requests and chance(rng, _ACTIVE[c])
        finished = count(rng, 0.0, big=0.01) if active else 0
        outcomes = _outcomes(rng, ed, finished)
        carried_forward = count(rng, 0.7, big=0.0) if active else 0
        carried_over = min(count(rng, 0.7, big=0.0), finished + carried_forward) if active else 0
        values = {
            "received": finished + carried_forward - carried_over,
            "carried_over": carried_over,
            **outcomes,
            "total": finished,
            "carried_forward": carried_forward,
        }
        for r in row_keys:
            cells[f"s3.{r}.{c}"] = values[r]
    for r in row_keys:
        cells[f"s3.{r}.total"] = sum(cells[f"s3.{r}.{col.key}"] for col in APPLICANT_COLUMNS)
    return cells


def _s4(rng: random.Random, ed: Edition) -> dict[str, int]:
    cells: dict[str, int] = {}
    for g in ed.s4_groups:
        parts = [c.key for c in ed.s4_columns if c.key != "total"]
        busy = chance(rng, 0.3 if g.key == "review" else 0.15)
        values = {p: (rng.randint(1, 6) if busy and chance(rng, 0.4) else 0) for p in parts}
        for p in parts:
            cells[f"s4.{g.key}.{p}"] = values[p]
        cells[f"s4.{g.key}.total"] = sum(values.values())
    return cells


def _narratives(rng: random.Random, agency: str, year: int, cells: dict[str, Number]) -> dict[str, str]:
    received = int(cells.get("s3.received.total") or 0)
    reviews = sum(
        int(cells.get(f"s4.{g}.total") or 0) for g in ("review", "suit_direct", "suit_after_review")
    )
    published = rng.randint(80, 6000)
    overview = rng.choice(
        (
            f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
            f"全年主动公开政府信息{published}条，政府信息公开工作有序推进。",
            f"本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等部分组成。{year}年，"
            f"{agency}进一步完善政府信息公开工作机制，加强政策解读和回应关切。",
            f"{year}年，我单位围绕重点领域信息公开，持续推进政务公开标准化规范化建设，通过门户网站发布信息{published}条。",
        )
    )
    proactive = rng.choice(
        (
            "按照《条例》第二十条的规定，主动公开规章、规范性文件及行政许可、行政处罚等信息，具体情况如下。",
            "主动公开政府信息情况统计如下。",
            f"{year}年，{agency}依法主动公开政府信息，有关情况统计如下。",
        )
    )
    requests = (
        f"{year}年共收到政府信息公开申请{received}件，均在法定期限内予以答复。"
        if received
        else f"{year}年，未收到政府信息公开申请。"
    )
    review_text = (
        "本年度政府信息公开行政复议、行政诉讼情况见下表。"
        if reviews
        else "全年未发生因政府信息公开引起的行政复议、行政诉讼。"
    )
    problems = rng.choice(
        (
            "一是信息公开的主动性有待加强；二是政策解读形式还不够丰富。下一步，将进一步完善工作机制，加强业务培训。",
            "主要问题是基层政务公开专业人员不足。改进措施：加强培训，健全考核机制，提升公开质量。",
            "政务公开工作还存在信息更新不及时等问题，下一步将加强日常监管，压实工作责任。",
        )
    )
    other = rng.choice(
        (
            "本年度未收取信息处理费。",
            "本年度没有产生信息公开处理费。",
            "无其他需要报告的事项，本年度未收取信息处理费。",
        )
    )
    texts = (overview, proactive, requests, review_text, problems, other)
    return dict(zip(SECTION_KEYS, texts, strict=True))


def random_report(rng: random.Random, edition: str | None = None) -> AnnualReport:
    """A valid report (identities 1–4 hold) drawn from ``rng``; any edition when ``None``."""
    name = edition or rng.choice(EDITIONS)
    ed = get_edition(name)
    year = rng.choice(YEARS[name])
    agency = rng.choice(AGENCIES)
    cells: dict[str, Any] = _s2_2019(rng) if name == "2019" else _s2_2021(rng)
    cells |= _s3(rng, ed)
    cells |= _s4(rng, ed)
    published_on = dt.date(year + 1, 1, rng.randint(1, 31)) if chance(rng, 0.6) else None
    report = AnnualReport.blank(
        name,
        agency=agency,
        year=year,
        published_on=published_on,
        title=f"{agency}{year}年政府信息公开工作年度报告",
    )
    report.cells.update(cells)
    report.sections = _narratives(rng, agency, year, cells)
    return report


def reports(edition: str | None = None) -> SearchStrategy[AnnualReport]:
    """Hypothesis strategy of valid reports (of ``edition``, or of either)."""
    from hypothesis import strategies as st

    return st.randoms(use_true_random=False).map(lambda rng: random_report(rng, edition))


_DIGITS = re.compile(r"\d+")


def _retell(text: str, source: str | None, copier: str, rng: random.Random) -> str:
    """``text`` as a copier reprints it: the source's names replaced by the copier's own, every
    number changed (years moved on by one)."""
    from xxgk.report.agency import place

    if source:
        theirs, mine = place(source), place(copier)
        units = list(mine.units) or [copier]
        units += [units[-1]] * (len(theirs.units) - len(units))
        swaps = [(source, copier), (theirs.region, mine.region or copier), (theirs.body, mine.body)]
        swaps += list(zip(theirs.units, units, strict=False))
        swaps += [(a[:-1], b[:-1]) for a, b in zip(theirs.units, units, strict=False) if len(a) > 2]
        for old, new in sorted(swaps, key=lambda s: len(s[0]), reverse=True):
            if old and new:
                text = text.replace(old, new)

    def renumber(m: re.Match[str]) -> str:
        n = int(m[0])
        if 1990 <= n <= 2100:
            return str(n + 1)
        return str(rng.randint(0, max(9, n * 2)))

    return _DIGITS.sub(renumber, text)


def copied_report(
    rng: random.Random, source: AnnualReport, agency: str, *, sentences: int = 4
) -> AnnualReport:
    """A report of ``agency`` (a year after ``source``'s) whose narrative reprints a run of about
    ``sentences`` sentences of each of two of ``source``'s sections, names, numbers and dates
    changed, beside text of its own: the 内容雷同 a supervisor looks for."""
    year = (source.year or 2020) + 1
    report = random_report(rng, expected_edition(year))
    report.agency, report.year = agency, year
    report.published_on = dt.date(year + 1, 1, rng.randint(1, 31)) if report.published_on else None
    report.title = f"{agency}{year}年政府信息公开工作年度报告"
    report.sections = _narratives(rng, agency, year, report.cells)
    filled = [k for k in SECTION_KEYS if len(source.sections.get(k, "")) > 60]
    for key in rng.sample(filled, min(2, len(filled))):
        parts = [s for s in re.split(r"(?<=[。；！？])", source.sections[key]) if s.strip()]
        start = rng.randrange(max(len(parts) - sentences, 0) + 1)
        taken = "".join(parts[start : start + sentences])
        report.sections[key] = report.sections.get(key, "") + _retell(taken, source.agency, agency, rng)
    return report


def consecutive_reports(rng: random.Random, agency: str, years: range) -> list[AnnualReport]:
    """``agency``'s reports of consecutive ``years``, each in its year's edition, that agree
    with each other as ``cells.md`` 5–7 require: 上年结转 is last year's 结转下年度, 现行有效
    and 上一年项目数量 carry on from the year before."""
    out: list[AnnualReport] = []
    for year in years:
        report = random_report(rng, expected_edition(year))
        report.agency, report.year = agency, year
        report.title = f"{agency}{year}年政府信息公开工作年度报告"
        report.published_on = dt.date(year + 1, 1, rng.randint(1, 31))
        if out:
            _carry_on(out[-1].cells, report)
        report.sections = _narratives(rng, agency, year, report.cells)
        out.append(report)
    return out


def _carry_on(before: dict[str, Any], report: AnnualReport) -> None:
    cells = report.cells
    for col in APPLICANT_COLUMNS:
        c = col.key
        carried = before[f"s3.carried_forward.{c}"]
        cells[f"s3.carried_over.{c}"] = carried
        shortfall = carried - cells[f"s3.total.{c}"] - cells[f"s3.carried_forward.{c}"]
        cells[f"s3.carried_forward.{c}"] += max(shortfall, 0)
        cells[f"s3.received.{c}"] = cells[f"s3.total.{c}"] + cells[f"s3.carried_forward.{c}"] - carried
    for row in ("received", "carried_over", "carried_forward"):
        cells[f"s3.{row}.total"] = sum(cells[f"s3.{row}.{col.key}"] for col in APPLICANT_COLUMNS)
    if report.edition == "2019" and "s2.fee.prev" in before:
        for row in ("license", "other_service", "penalty", "coercion", "fee"):
            prev = cells[f"s2.{row}.prev"] = before[f"s2.{row}.prev"] + before[f"s2.{row}.delta"]
            delta = cells[f"s2.{row}.delta"] = max(cells[f"s2.{row}.delta"], -prev)
            if row != "fee" and cells[f"s2.{row}.decisions"] and cells[f"s2.{row}.decisions"] == prev + delta:
                cells[f"s2.{row}.decisions"] += 1
    if report.edition == "2021" and "s2.rules.in_force" in before:
        for row in ("rules", "normative"):
            repealed = cells[f"s2.{row}.repealed"] = min(
                cells[f"s2.{row}.repealed"], before[f"s2.{row}.in_force"]
            )
            cells[f"s2.{row}.in_force"] = before[f"s2.{row}.in_force"] + cells[f"s2.{row}.issued"] - repealed
