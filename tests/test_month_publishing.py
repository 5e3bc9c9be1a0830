"""A month is published as one unit, from one copy of the inputs, never outside its folder.

These tests replace the notebook rendering by a stand-in that writes a report folder at
once (no kernel), so they run in a second; tests/test_batch.py kills a real run."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import PARAMS, REPO

from simulation.batch import plan as plan_module
from simulation.batch import publishing, runner
from simulation.batch.plan import RunSettings, sha256
from simulation.batch.publishing import month_lock, recover, swap
from simulation.batch.render import Outcome
from simulation.batch.snapshot import clean_stale_temporaries, tree_hash
from simulation.errors import InputError

MONTH = "2026-10"
SUMMARY = {"horizon_end": "2027-10", "apbd_year": 2027, "scenarios": [],
           "now": {"active": {"p50": 100}, "coverage": 0.1}}


def month_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def stand_in(label: str, failing: tuple[str, ...] = (), seen: list | None = None):
    """A render that writes report.html and summary.json naming ``label`` into the staged
    tree, as the real one does, or fails for the slugs in ``failing``."""

    def render(job):
        if seen is not None:
            seen.append(job)
        if job.slug in failing:
            return Outcome(job.slug, "failed", 0.1, {"type": "X", "message": "kernel"})
        folder = Path(job.staging_dir) / job.slug
        folder.mkdir(parents=True)
        (folder / "report.html").write_text(f"<p>{job.slug} {label}</p>")
        (folder / "summary.json").write_text(json.dumps({**SUMMARY, "label": label}))
        outputs = {p.name: sha256(p) for p in sorted(folder.iterdir())}
        return Outcome(job.slug, "ok", 0.1, None, outputs)

    return render


def settings(out: Path, data: Path | None = None) -> RunSettings:
    return RunSettings(month=MONTH, params_dir=str(PARAMS), out_root=str(out),
                       data_dir=str(data or REPO / "data"), draws=10)


def run_with(monkeypatch, out: Path, render, regions="ngawi,pacitan", **options) -> dict:
    monkeypatch.setattr(runner, "render", render)
    return runner.run(settings(out, options.pop("data", None)), regions=regions, jobs=1,
                      progress=lambda message: None, **options)


def assert_manifest_matches_files(month: Path) -> None:
    manifest = json.loads((month / "manifest.json").read_text())
    for slug, entry in manifest["regions"].items():
        for name, digest in entry.get("outputs", {}).items():
            assert sha256(month / slug / name) == digest, (slug, name)


def test_a_run_publishes_reports_summary_index_and_manifest_together(tmp_path, monkeypatch):
    run_with(monkeypatch, tmp_path, stand_in("one"))
    first = month_bytes(tmp_path / MONTH)
    content = run_with(monkeypatch, tmp_path, stand_in("two", failing=("pacitan",)))
    month = tmp_path / MONTH
    assert content["failed"] == ["pacitan"] and content["record"] == str(month / "manifest.json")
    assert "two" in (month / "ngawi" / "report.html").read_text()
    assert "two" in (month / "ringkasan" / "report.html").read_text()
    assert (month / "pacitan" / "report.html").read_bytes() == first["pacitan/report.html"]
    manifest = json.loads((month / "manifest.json").read_text())
    assert manifest["regions"]["pacitan"]["kept_previous"] is True
    assert_manifest_matches_files(month)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".{MONTH}.lock", MONTH]
    assert not list(month.rglob(".*"))  # no marker, lock or temporary inside the month


def test_an_interrupted_run_publishes_nothing(tmp_path, monkeypatch):
    run_with(monkeypatch, tmp_path, stand_in("one"))
    before = month_bytes(tmp_path / MONTH)
    finished = stand_in("two")

    def interrupted(job):
        if job.slug == "pacitan":
            raise KeyboardInterrupt  # Ctrl-C once ngawi has finished
        return finished(job)

    with pytest.raises(KeyboardInterrupt):
        run_with(monkeypatch, tmp_path, interrupted)
    assert month_bytes(tmp_path / MONTH) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".{MONTH}.lock", MONTH]


def build(folder: Path, label: str) -> Path:
    for slug in ("ngawi", "ringkasan"):
        (folder / slug).mkdir(parents=True)
        (folder / slug / "report.html").write_text(f"{slug} {label}")
    (folder / "manifest.json").write_text(label)
    (folder / "index.html").write_text(label)
    return folder


@pytest.mark.parametrize("killed_at", ["first rename", "second rename", "deleting the old"])
def test_a_kill_at_any_step_of_the_swap_leaves_the_whole_old_or_new_month(tmp_path,
                                                                          monkeypatch,
                                                                          killed_at):
    month = build(tmp_path / MONTH, "old")
    old = month_bytes(month)
    staging = build(tmp_path / f".staging-{MONTH}-1a2b3c4d", "new")
    new = month_bytes(staging)
    publishing.mark_complete(staging)
    steps = {"first rename": 1, "second rename": 2, "deleting the old": 3}
    calls = []

    class Killed(BaseException):
        pass

    def step(real):
        def wrapped(*args, **kwargs):
            calls.append(args)
            if len(calls) == steps[killed_at]:
                raise Killed  # the process ends here: no clean-up runs
            return real(*args, **kwargs)
        return wrapped

    monkeypatch.setattr(publishing.os, "replace", step(os.replace))
    monkeypatch.setattr(publishing.shutil, "rmtree", step(shutil.rmtree))
    with pytest.raises(Killed):
        swap(staging, month)
    monkeypatch.undo()
    recover(month)
    assert month_bytes(month) in (old, new)
    assert month_bytes(month) == (old if killed_at == "first rename" else new)
    assert sorted(p.name for p in tmp_path.iterdir()) == [MONTH]


def test_recover_puts_the_old_month_back_when_the_new_one_is_not_complete(tmp_path):
    build(tmp_path / f".old-{MONTH}-1a2b3c4d", "old")
    build(tmp_path / f".staging-{MONTH}-1a2b3c4d", "half")  # no .complete
    recover(tmp_path / MONTH)
    assert (tmp_path / MONTH / "manifest.json").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [MONTH]


BAD_SLUGS = ["..", "../../x", "/abs", "", ".", "_failed", "ringkasan", "RINGKASAN", "Ngawi",
             ".hidden", "index.html", "a/b", "a\\b", " pacitan"]


@pytest.mark.parametrize("slug", BAD_SLUGS)
def test_a_slug_that_leaves_its_folder_is_refused_before_anything_is_touched(
        tmp_path, monkeypatch, slug):
    out = tmp_path / "reports"
    (tmp_path / "beside.txt").write_text("a file next to the reports")
    run_with(monkeypatch, out, stand_in("one"))
    before, around = month_bytes(tmp_path), sorted(os.listdir(tmp_path))
    real = plan_module.load_params

    def with_bad_slug(root, **options):  # what params check now refuses, let through
        params = real(root, **options)
        regions = tuple(dataclasses.replace(r, slug=slug) if r.slug == "pacitan" else r
                        for r in params.regions)
        return dataclasses.replace(params, regions=regions)

    monkeypatch.setattr(plan_module, "load_params", with_bad_slug)
    with pytest.raises(InputError) as refused:
        run_with(monkeypatch, out, stand_in("two"), regions=None)
    assert repr(slug) in str(refused.value) and "region slug" in str(refused.value)
    assert month_bytes(tmp_path) == before and sorted(os.listdir(tmp_path)) == around


def test_every_report_of_a_run_reads_one_copy_of_the_data(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns(".*"))
    store = data / "actuals" / "actuals.csv"
    old_store, old_hash = store.read_bytes(), tree_hash(data)
    real_plan = runner.plan

    def plan_then_import(*args, **kwargs):  # an `actuals import --replace` once planned
        planned = real_plan(*args, **kwargs)
        store.write_bytes(old_store.replace(b"35.01,2026-10,", b"35.01,2026-10,9"))
        return planned

    monkeypatch.setattr(runner, "plan", plan_then_import)
    seen, read = [], []
    finished = stand_in("one", seen=seen)

    def render(job):
        read.append((Path(job.parameters["data_dir"]) / "actuals" / "actuals.csv").read_bytes())
        return finished(job)

    content = run_with(monkeypatch, tmp_path / "out", render, data=data)
    assert store.read_bytes() != old_store  # the live store did change during the run
    assert len(seen) == 3 and read == [old_store] * 3
    assert len({(j.parameters["data_dir"], j.parameters["params_dir"]) for j in seen}) == 1
    assert not Path(seen[0].parameters["data_dir"]).exists()  # the copy is removed
    assert content["last_run_inputs"]["data_hash"] == old_hash != tree_hash(data)
    assert {e["inputs"]["data_hash"] for e in content["regions"].values()} == {old_hash}


def test_the_copy_of_the_inputs_is_removed_when_planning_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(InputError):
        runner.run(settings(tmp_path / "out"), regions="bojonegoroo",
                   progress=lambda message: None)
    assert not list(tmp_path.glob("jamsos-*"))


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_the_next_run_removes_what_killed_runs_left_in_the_temporary_folder(tmp_path,
                                                                            monkeypatch):
    dead, live = dead_pid(), os.getppid()
    for name in (f"jamsos-k-{dead}-x1", f"jamsos-in-{dead}-x2", f"jamsos-k-{live}-x3",
                 "jamsos-k-abcdefgh", "jamsos-k-old_1234", "other-123-x"):
        (tmp_path / name).mkdir()
    day_old = time.time() - 2 * 86_400  # an older version's, without a pid in its name
    os.utime(tmp_path / "jamsos-k-old_1234", (day_old, day_old))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    run_with(monkeypatch, tmp_path / "out", stand_in("one"), regions="ngawi")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([
        "jamsos-k-abcdefgh", f"jamsos-k-{live}-x3", "other-123-x", "out"])
    assert clean_stale_temporaries(tmp_path) == []


def test_the_lock_lives_beside_the_month_and_a_stale_owner_misleads_no_one(tmp_path):
    owner = tmp_path / f".{MONTH}.lock.owner"
    owner.write_text(f"pid {dead_pid()} on {publishing.socket.gethostname()}, since then\n")
    assert publishing._holder(owner) == "another process"  # noqa: SLF001
    with month_lock(tmp_path / MONTH):
        assert owner.read_text().startswith(f"pid {os.getpid()} ")
        assert not (tmp_path / MONTH).exists()
    assert not owner.exists()


def test_a_run_that_rendered_nothing_points_to_the_record_it_wrote(tmp_path, monkeypatch, cli):
    monkeypatch.setattr(runner, "render", stand_in("one", failing=("ngawi",)))
    status, _, stderr = cli("report", "--region", "ngawi", "--out", tmp_path, "--draws", "10",
                            "--params", PARAMS)
    record = tmp_path / MONTH / "_failed" / "last-failed-run.json"
    assert status == 1 and f"see {record}" in stderr
    assert json.loads(record.read_text())["failed"] == ["ngawi"]
    assert not (tmp_path / MONTH / "manifest.json").exists()


def lock_leftovers(out: Path) -> list[str]:
    """Anything of the lock machinery, or any hidden file, inside the published month."""
    return [str(p.relative_to(out)) for p in (out / MONTH).rglob("*")
            if p.name.startswith(".") or "lock" in p.name]


@pytest.mark.parametrize("words, failing", [
    (["report", "--region", "ngawi"], ()),
    (["report", "--region", "ngawi"], ("ngawi",)),  # a run that rendered nothing
    (["monthly", "--regions", "ngawi,pacitan", "--jobs", "1"], ()),
    (["monthly", "--regions", "ngawi,pacitan", "--jobs", "1"], ("pacitan",)),
])
def test_nothing_of_the_lock_is_left_in_the_published_month(tmp_path, monkeypatch, cli,
                                                            words, failing):
    monkeypatch.setattr(runner, "render", stand_in("one", failing=failing))
    status, _, err = cli(*words, "--out", tmp_path, "--draws", "10", "--params", PARAMS,
                         "--month", MONTH)
    assert status == (1 if failing else 0), err
    assert lock_leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".{MONTH}.lock", MONTH]


def test_a_lock_an_older_version_left_inside_the_month_is_removed(tmp_path, monkeypatch):
    run_with(monkeypatch, tmp_path, stand_in("one"))
    month = tmp_path / MONTH
    for name in (".lock", ".lock.owner"):  # where the lock lived before the month was swapped
        (month / name).write_text("pid 1 on elsewhere\n")

    def interrupted(job):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):  # a run that publishes nothing still tidies
        run_with(monkeypatch, tmp_path, interrupted)
    assert lock_leftovers(tmp_path) == []
    (month / ".lock").write_text("")
    run_with(monkeypatch, tmp_path, stand_in("two"))
    assert lock_leftovers(tmp_path) == []


def test_a_run_whose_reports_start_no_kernel_starts_no_warm_process(tmp_path, monkeypatch):
    from simulation.batch.kernel_forks import here

    seen = []

    def stand_in(job):
        seen.append(here().process)
        return Outcome(job.slug, "failed", 0.1, {"type": "X", "message": "stand-in"})

    run_with(monkeypatch, tmp_path, stand_in, regions="ngawi", with_summary=False)
    assert seen == [None]  # the warm kernels were there, not started
    assert here() is None  # and gone with the run
