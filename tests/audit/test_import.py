"""Importing reports into the corpus: each document once, resumable, in the background, read again."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from audit_corpus import COPIERS, TWO_YEARS
from corpus import SEEDS
from django.core.management import call_command
from django.core.management.base import CommandError

from xxgk.agencies.models import Agency
from xxgk.audit import services
from xxgk.audit.models import CorpusAgency, Document, Finding, ImportRun, ItemStatus, Report, RunStatus
from xxgk.ingest.version import parser_version

pytestmark = pytest.mark.django_db


def test_a_folder_is_imported_once_by_content(genuine_folders, capsys):
    call_command("import_reports", *genuine_folders, "--jobs", "1")
    out = capsys.readouterr().out
    documents = Document.objects.count()
    assert documents >= 5 and Report.objects.count() == documents
    assert "导入完成" in out and "报告间核查" in out
    call_command("import_reports", str(SEEDS), "--jobs", "1")
    assert Document.objects.count() == documents, "the same bytes are not stored twice"
    assert "已在语料库中 5" in capsys.readouterr().out
    report = Report.objects.get(document__source__endswith=sorted(SEEDS.glob("*.txt"))[0].name)
    assert report.agency.name == "偏关县人民政府" and report.year == 2020 and report.edition == "2019"
    assert report.parser_version == parser_version()
    assert report.provenance["s3.received.total"]["where"].startswith("第")
    assert report.sections["overview"] and len(report.cells) == 198
    assert report.document.data() == sorted(SEEDS.glob("*.txt"))[0].read_bytes()


def test_agencies_get_their_region_and_level_from_the_name(genuine_folders):
    call_command("import_reports", *genuine_folders, "--jobs", "1", "--no-corpus-check")
    pgx = CorpusAgency.objects.get(name="偏关县人民政府")
    assert (pgx.region, pgx.level, pgx.kind, pgx.place_from) == ("偏关县", "county", "government", "name")


def test_two_processes_store_what_one_does(made, genuine_folders):
    call_command("import_reports", *genuine_folders, str(made["河曲县人民政府"].parent), "--jobs", "2")
    two = sorted(Report.objects.values_list("document__sha256", "agency_name", "year", "cells"))
    Report.objects.all().delete()
    Document.objects.all().delete()
    call_command("import_reports", *genuine_folders, str(made["河曲县人民政府"].parent), "--jobs", "1")
    assert sorted(Report.objects.values_list("document__sha256", "agency_name", "year", "cells")) == two


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def web_folder(made):
    folder = made["河曲县人民政府"].parent
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", folder
    server.shutdown()
    server.server_close()


def test_a_list_of_urls_is_fetched_over_http(web_folder, tmp_path):
    base, folder = web_folder
    names = sorted(p.name for p in folder.iterdir())
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# 各机关报告\n" + "\n".join(f"{base}/{n}" for n in names) + f"\n{base}/missing.txt\n",
        encoding="utf-8",
    )
    call_command("import_reports", str(listing), "--jobs", "1")
    run = ImportRun.objects.get()
    assert run.items.filter(status=ItemStatus.NEW).count() == len(names)
    failed = run.items.get(status=ItemStatus.FAILED)
    assert failed.source.endswith("missing.txt") and "404" in failed.error
    assert set(Report.objects.values_list("agency_name", flat=True)) == {*COPIERS, TWO_YEARS}


def test_an_interrupted_import_resumes_where_it_stopped(made, genuine_folders, monkeypatch):
    monkeypatch.setattr(services, "WRITE_BATCH", 2)
    monkeypatch.setattr(services, "PROGRESS_SECONDS", 0.0)
    run = services.start_import([*genuine_folders, str(made[TWO_YEARS + "2022"].parent)])
    total = run.items.count()

    def interrupt(summary: services.ImportSummary) -> None:
        if summary.done >= 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        services.run_import(run, progress=interrupt)
    run.refresh_from_db()
    assert run.status == RunStatus.INTERRUPTED
    pending = run.items.filter(status=ItemStatus.PENDING).count()
    assert 0 < pending < total
    call_command("import_reports", "--resume", "--jobs", "1")
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and not run.items.filter(status=ItemStatus.PENDING).exists()
    assert Document.objects.count() == run.items.filter(status=ItemStatus.NEW).count()
    with pytest.raises(CommandError, match="没有需要接着完成的导入"):
        call_command("import_reports", "--resume")


def test_nothing_to_import_is_said_in_chinese(tmp_path):
    with pytest.raises(CommandError, match="没有找到可导入的文件"):
        call_command("import_reports", str(tmp_path))
    with pytest.raises(CommandError, match="找不到机关"):
        call_command("import_reports", str(SEEDS), "--scope", "nope")


def test_reparse_rereads_what_an_older_parser_read(genuine_folders, capsys):
    call_command("import_reports", str(SEEDS), "--jobs", "1", "--no-corpus-check")
    old = Report.objects.order_by("pk").first()
    Report.objects.filter(pk=old.pk).update(parser_version="0.0.1+old", cells={}, year=None)
    Finding.objects.filter(report=old).delete()
    call_command("reparse", "--jobs", "1")
    old.refresh_from_db()
    assert old.parser_version == parser_version() and old.year == 2020 and old.cells
    assert "重新读取完成：共 1 份" in capsys.readouterr().out
    call_command("reparse")
    assert "无需重新读取" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_background_import_runs_on_db_workers_and_checks_the_corpus_at_the_end(made, genuine_folders):
    call_command("import_reports", *genuine_folders, str(made[TWO_YEARS + "2022"].parent), "--background")
    run = ImportRun.objects.get()
    assert run.items.filter(status=ItemStatus.PENDING).count() == run.items.count()
    call_command("db_worker", "--batch", "--interval", "0")
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.checked
    assert Report.objects.count() == Document.objects.count() > 0
    assert Finding.objects.filter(rule="copied-text").exists(), (
        "the corpus was checked when the last chunk ended"
    )


def test_a_mapping_file_sets_region_level_and_the_register_agency(genuine_folders, province, tmp_path):
    call_command("import_reports", str(SEEDS), "--jobs", "1", "--no-corpus-check")
    mapping = tmp_path / "agencies.csv"
    mapping.write_text(
        "\ufeff机关名称,地区,层级,机关代码,应报起始年度\n偏关县人民政府,山西省忻州市偏关县,县级,pgx,2019\n"
        "河曲县人民政府,山西省忻州市河曲县,县级,,2020\n",
        encoding="utf-8",
    )
    call_command("corpus_agencies", str(mapping))
    pgx = CorpusAgency.objects.get(name="偏关县人民政府")
    assert (pgx.region, pgx.level, pgx.place_from, pgx.expected_since) == (
        "山西省忻州市偏关县",
        "county",
        "mapping",
        2019,
    )
    assert pgx.agency == Agency.objects.get(code="pgx") and pgx.scope == pgx.agency
    assert CorpusAgency.objects.get(name="河曲县人民政府").reports.count() == 0, (
        "expected though not yet reporting"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "机关名称,层级,机关代码\n保德县人民政府,地级,\n偏关县人民政府,县级,nope\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match=r"第2行：层级“地级”.*\n.*第3行：找不到机关代码“nope”"):
        call_command("corpus_agencies", str(bad))
    assert not CorpusAgency.objects.filter(name="保德县人民政府").exists(), "a wrong file changes nothing"
