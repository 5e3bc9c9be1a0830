"""`jamsos project` for many regions: a Parquet dataset partitioned by province that reads
back whole, never half a dataset after a failure, a mistyped region stopped before any
work, and the same numbers in this process as on a local Dask cluster."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

JATIM = ["--regions", "jawa-timur", "--draws", "20", "--months", "12"]


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def jatim_dataset(tmp_path_factory):
    """Jawa Timur's 38 regions written as a Parquet dataset, with the process's output."""
    from simulation.cli.main import main

    out = tmp_path_factory.mktemp("national") / "jatim.parquet"
    budget = out.with_name("budget.parquet")
    status = main(["project", *JATIM, "--out", str(out), "--budget-out", str(budget)])
    return status, out, budget


def test_a_province_goes_to_a_parquet_dataset_partitioned_by_province(jatim_dataset):
    status, out, budget = jatim_dataset
    assert status == 0
    assert sorted(p.name for p in out.iterdir()) == ["province=35", "province=total"]
    table = pd.read_parquet(out)
    regions = table[table["region_code"] != ""]
    assert regions["region_code"].nunique() == 38 and regions["region"].nunique() == 38
    assert len(regions) == 38 * 29 * 13
    assert set(table["province"].astype(str)) == {"35", "total"}
    # the province's total is the sum of its regions' p50, and has no spread
    end = table[(table["metric"] == "active") & (table["month"] == "2027-10")]
    total = end[end["region"] == "total-35"]
    assert total["p50"].iloc[0] == pytest.approx(end[end["region_code"] != ""]["p50"].sum(),
                                                 abs=0.01)
    assert total["p10"].isna().all()
    spend = pd.read_parquet(budget)
    assert spend["region"].nunique() == 38 + 2 and (spend["worker_rp_p50"] > 0).all()


def test_a_failed_write_leaves_the_old_dataset_as_it_was(jatim_dataset, cli, monkeypatch):
    import pyarrow.parquet as pq

    _, out, _ = jatim_dataset
    before = files_of(out)
    assert before
    written = pq.write_to_dataset

    def full_disk_half_way(table, root_path, **options):
        written(table.slice(0, 10), root_path, **options)  # some of it is on disk
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_to_dataset", full_disk_half_way)
    status, _, err = cli("project", *JATIM, "--seed", "7", "--out", str(out))
    assert status != 0 and "Traceback" not in err
    assert files_of(out) == before  # the old dataset, byte for byte
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []


def test_a_dataset_is_never_written_over_a_folder_of_other_files(tmp_path, cli):
    folder = tmp_path / "mine.parquet"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    status, _, err = cli("project", *JATIM, "--out", str(folder))
    assert status == 2 and "Parquet dataset jamsos wrote" in err
    assert (folder / "notes.txt").read_text() == "keep me"


def test_a_region_nobody_knows_is_exit_2_before_any_work(tmp_path, cli):
    out = tmp_path / "x.parquet"
    status, _, err = cli("project", "--regions", "nowhere", "--out", str(out))
    assert status == 2 and "nowhere" in err and "--regions" in err
    status, _, err = cli("project", "--regions", "jawa-timor", "--out", str(out))
    assert status == 2 and "nearest" in err and "jawa-timur" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.xdist_group("dask")
@pytest.mark.skipif(importlib.util.find_spec("simulation.cluster") is None,
                    reason="simulation.cluster (the Dask plumbing) is not there yet")
def test_a_local_cluster_gives_the_numbers_of_this_process(jatim_dataset, tmp_path, cli):
    _, here, budget_here = jatim_dataset
    there, budget_there = tmp_path / "there.parquet", tmp_path / "budget.parquet"
    status, _, err = cli("project", *JATIM, "--workers", "2", "--out", there,
                         "--budget-out", budget_there)
    assert status == 0, err
    assert "6/6 region chunks done" in err  # at least three chunks a worker: on the cluster
    one, other = pd.read_parquet(here), pd.read_parquet(there)
    pd.testing.assert_frame_equal(one, other, check_exact=True)
    for column in ("p10", "p50", "p90"):
        assert np.array_equal(one[column], other[column], equal_nan=True)
    pd.testing.assert_frame_equal(pd.read_parquet(budget_here), pd.read_parquet(budget_there),
                                  check_exact=True)


def test_the_summary_of_a_large_run_is_per_province(cli):
    status, out, _ = cli("project", "--regions", "jawa-timur,35.78,kota-madiun", "--draws",
                         "5", "--months", "6")
    assert status == 0
    assert "35 Jawa Timur" in out and "all regions" in out
    assert "kota-madiun" not in out  # not a line per region
    assert len(out.splitlines()) < 20


def test_formula_looking_text_is_neutralised_in_categories_too(tmp_path):
    from simulation.cli.results import write_table

    frame = pd.DataFrame({
        "scenario": pd.Categorical(["=HYPERLINK(\"http://x\")", "baseline"]),
        "region": pd.Categorical(["kota-madiun", "+cmd"]), "region_code": ["35.77", "35.01"],
        "p50": [1.0, 2.0], "province": ["35", "35"]})
    write_table(frame, str(tmp_path / "t.csv"), None, "--out", large=True)
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'+cmd" in text and "\n=" not in text
    write_table(frame, str(tmp_path / "t.parquet"), None, "--out", large=True)
    back = pd.read_parquet(tmp_path / "t.parquet")
    assert set(back["scenario"].astype(str)) == {"'=HYPERLINK(\"http://x\")", "baseline"}
    assert set(back["region"].astype(str)) == {"kota-madiun", "'+cmd"}


def test_a_large_run_to_csv_says_parquet_would_be_smaller(tmp_path, cli):
    status, _, err = cli("project", *JATIM, "--out", tmp_path / "jatim.csv")
    assert status == 0 and "Parquet dataset" in err
    table = pd.read_csv(tmp_path / "jatim.csv", keep_default_na=False)
    assert table["region_code"].replace("", np.nan).dropna().nunique() == 38


@pytest.mark.xdist_group("dask")
@pytest.mark.skipif(importlib.util.find_spec("simulation.cluster") is None,
                    reason="simulation.cluster (the Dask plumbing) is not there yet")
def test_with_a_scheduler_even_the_madiun_run_goes_to_the_cluster(cli):
    from dask_processes import local_dask

    quick = ["--draws", "30", "--months", "12"]
    status, here, _ = cli("project", *quick)
    assert status == 0
    with local_dask(1) as dask:
        status, there, err = cli("project", *quick, "--scheduler", dask.address)
    assert status == 0, err
    assert "1/1 projection done" in err  # one task, on the scheduler's worker
    assert there == here  # the same summary, to the digit


@pytest.mark.xdist_group("dask")
@pytest.mark.skipif(importlib.util.find_spec("simulation.cluster") is None,
                    reason="simulation.cluster (the Dask plumbing) is not there yet")
def test_jawa_timur_on_a_real_scheduler_gives_the_numbers_of_this_process(jatim_dataset,
                                                                          tmp_path, cli):
    """The 38 regions through --scheduler: a `dask scheduler` and two `dask worker`
    processes of their own, the same dataset as the run in one process, number for number."""
    from dask_processes import local_dask

    _, here, budget_here = jatim_dataset
    there, budget_there = tmp_path / "there.parquet", tmp_path / "budget.parquet"
    with local_dask(2) as dask:
        status, _, err = cli("project", *JATIM, "--scheduler", dask.address, "--out", there,
                             "--budget-out", budget_there)
    assert status == 0, err
    assert "region chunks done" in err
    one, other = pd.read_parquet(here), pd.read_parquet(there)
    pd.testing.assert_frame_equal(one, other, check_exact=True)
    pd.testing.assert_frame_equal(pd.read_parquet(budget_here), pd.read_parquet(budget_there),
                                  check_exact=True)


@pytest.mark.xdist_group("dask")
@pytest.mark.skipif(importlib.util.find_spec("simulation.cluster") is None,
                    reason="simulation.cluster (the Dask plumbing) is not there yet")
def test_workers_without_jamsos_are_bad_input_before_the_projection(tmp_path, cli):
    from dask_processes import WITHOUT_JAMSOS, local_dask

    out = tmp_path / "jatim.parquet"
    with local_dask(1, worker_python_args=WITHOUT_JAMSOS) as dask:
        status, _, err = cli("project", *JATIM, "--scheduler", dask.address, "--out", out)
    assert status == 2, err
    assert "without jamsos" in err and "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
