"""Command: render — reports as the official document (DOCX, HTML, PDF, text, Markdown)
or as data (JSON, XLSX, CSV); every format is read back by ``xxgk parse``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xxgk.cli.app import EXIT_USAGE, console, escape, fail
from xxgk.cli.batch import expand
from xxgk.render import FORMATS, Format, RenderError, format_named, format_of_path, render_many
from xxgk.report.model import AnnualReport

MANY_STEM = "reports"
"""The file name (without suffix) of a dataset of several sources written without ``-o``."""


def register(commands: argparse._SubParsersAction) -> None:
    formats = "\n".join(f"  {f.name:<5} {f.description}" for f in FORMATS.values())
    p = commands.add_parser(
        "render",
        help="按国务院统一格式生成报告文档，或导出数据（多份报告可合成一个 XLSX/CSV/JSON Lines）",
        description="按国务院统一格式生成年度报告文档，或导出数据。输出格式：\n" + formats,
        usage="xxgk render 文件 [文件 ...] --to 格式 [-o 输出文件]",
        epilog="示例：\n  xxgk render examples/稷山县-2021.txt --to docx\n"
        "  xxgk render examples/偏关县-2020.txt --to txt\n"
        "  xxgk render examples/ --to xlsx -o 年度报告数据.xlsx\n"
        "  xxgk render examples/ --to csv > 年度报告数据.csv",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="文件",
        help="报告：parse 能读的文档或 xxgk 输出的数据，文件夹，或 - 表示标准输入；xlsx、csv、json 可给多份",
    )
    p.add_argument(
        "-t", "--to", metavar="格式", help=f"输出格式：{'、'.join(FORMATS)}（给出 -o 时可由其扩展名推定）"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="输出文件",
        help="输出文件（- 为标准输出）。未给出时：文本格式输出到标准输出，"
        "docx、pdf、xlsx 写入当前文件夹的“原文件名.格式”",
    )
    p.set_defaults(handler=render)


def choose_format(to: str | None, output: str | None) -> Format | str:
    """The output format, or why it cannot be chosen (``--to`` against ``-o``'s suffix)."""
    by_suffix = format_of_path(output) if output and output != "-" else None
    if to is None:
        if by_suffix is None:
            return "请用 --to 指定输出格式（" + "、".join(FORMATS) + "）"
        return by_suffix
    chosen = format_named(to)
    if chosen is None:
        return f"不支持的输出格式“{to}”，可选：{'、'.join(FORMATS)}"
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    if suffix and suffix != chosen.suffix and (by_suffix is None or by_suffix.name != chosen.name):
        return f"输出文件“{output}”的扩展名与格式 {chosen.name} 不符（应为 {chosen.suffix}）"
    return chosen


def render(ns: argparse.Namespace) -> int:
    fmt = choose_format(ns.to, ns.output)
    if isinstance(fmt, str):
        return fail(fmt, EXIT_USAGE)
    try:
        sources = expand(ns.files)
    except ValueError as e:
        return fail(str(e))
    reports, unreadable = _load_all(sources, keep_going=fmt.many)
    if unreadable and not fmt.many:
        return fail(unreadable[0])
    if not reports:
        return fail("没有可输出的报告")
    if len(reports) > 1 and not fmt.many:
        return fail(
            f"{fmt.name} 格式一次只能生成一份报告，却给出了 {len(reports)} 份"
            "（多份报告请用 --to xlsx、csv 或 json）",
            EXIT_USAGE,
        )
    output = ns.output
    if output is None and fmt.binary:
        target = Path(
            (Path(sources[0]).stem if _is_file(sources[0]) and len(sources) == 1 else MANY_STEM) + fmt.suffix
        )
        if any(_is_file(s) and target.resolve() == Path(s).resolve() for s in sources):
            return fail(f"输出文件会覆盖原文件“{target}”，请用 -o 指定输出文件", EXIT_USAGE)
        output = str(target)
    try:
        data = render_many(reports, fmt.name)
    except RenderError as e:
        return fail(str(e))
    except ValueError as e:
        return fail(str(e))
    code = _write(data, output)
    if unreadable:
        console(stderr=True).print(f"{len(unreadable)} 个文件无法读取，未列入输出")
        return 1
    return code


def _is_file(source: str) -> bool:
    return source != "-" and not source.startswith(("http://", "https://"))


def _load_all(sources: list[str], *, keep_going: bool) -> tuple[list[AnnualReport], list[str]]:
    from xxgk.ingest import ReadError, load

    reports: list[AnnualReport] = []
    unreadable: list[str] = []
    err = console(stderr=True)
    for source in sources:
        try:
            reports.extend(load(source))
        except ReadError as e:
            unreadable.append(f"无法读取 {source}：{e}")
            if not keep_going:
                break
            err.print(f"[red]无法读取 {escape(source)}[/red]：{escape(str(e))}")
    return reports, unreadable


def _write(data: bytes, output: str | None) -> int:
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    target = Path(output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except IsADirectoryError:
        return fail(f"无法写入“{output}”：这是一个文件夹")
    except PermissionError:
        return fail(f"无法写入“{output}”：没有写入权限")
    except OSError as e:
        return fail(f"无法写入“{output}”（系统错误代码 {e.errno}）")
    console(stderr=True).print(f"已写入 {escape(output)}")
    return 0
