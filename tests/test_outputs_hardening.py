"""Outputs only ever replace a regular file: a device, a named pipe or a symlink to one is
refused with exit 2 before any work and again when writing (as root, replacing /dev/full
breaks the machine); paths no file can be at are messages, not tracebacks; a run larger
than the memory is a message; the largest accepted projection runs in bounded memory.

Nothing here writes to a device: the destructive checks use named pipes in tmp_path, and
/dev/full is only ever handed to the option check, which writes nothing."""

from __future__ import annotations

import argparse
import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from bounded import run_bounded
from conftest import REPO

from simulation.cli import options
from simulation.errors import InputError
from simulation.files import write_atomically, write_text_atomically


@pytest.fixture
def pipe(tmp_path) -> Path:
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


def is_fifo(path: Path) -> bool:
    return stat.S_ISFIFO(os.stat(path).st_mode)


def test_the_output_checks_accept_only_regular_files_and_folders(tmp_path, pipe):
    (tmp_path / "link.csv").symlink_to(pipe)
    (tmp_path / "loop.csv").symlink_to("loop.csv")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    refused = {
        str(pipe): "special file", str(tmp_path / "link.csv"): "special file",
        "/dev/full": "special file", str(tmp_path / "loop.csv"): "symlink loop",
        str(tmp_path / "file.txt" / "x.csv"): "through a file",
        str(tmp_path / ("a" * 300) / "x.csv"): "too long",
    }
    for value, says in refused.items():
        for check in (options.output_file, options.output_folder):
            with pytest.raises(argparse.ArgumentTypeError, match=says):
                check(value)
    assert is_fifo(pipe)
    assert options.output_file(str(tmp_path / "new.csv"))
    assert options.output_folder(str(tmp_path / "new" / "folder"))


def test_writing_never_replaces_a_pipe_or_a_symlink_to_one(tmp_path, pipe):
    link = tmp_path / "link.csv"
    link.symlink_to(pipe)
    for destination in (pipe, link):
        with pytest.raises(InputError, match="special file"):
            write_text_atomically(destination, "a,b\n")
    assert is_fifo(pipe) and link.is_symlink() and is_fifo(link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "pipe.csv"]  # no temp


def test_a_pipe_that_appears_while_writing_is_not_replaced(tmp_path):
    target = tmp_path / "out.csv"

    def write(temporary: str) -> None:
        Path(temporary).write_text("a,b\n", encoding="utf-8")
        os.mkfifo(target)  # the destination became a pipe after the first check

    with pytest.raises(InputError, match="special file"):
        write_atomically(target, write)
    assert is_fifo(target)


def test_a_symlink_to_a_regular_file_is_replaced_by_the_file_and_its_target_kept(tmp_path):
    # the link, not what it points to, is replaced: a link planted in an output folder can
    # never make jamsos overwrite a file elsewhere
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("kept\n", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(elsewhere)
    write_text_atomically(link, "new\n")
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new\n"
    assert elsewhere.read_text(encoding="utf-8") == "kept\n"


def test_a_symlink_to_standard_output_is_refused(tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to("/proc/self/fd/1")
    done = subprocess.run([sys.executable, "-m", "simulation", "project", "--scenario",
                           "tidak-ada", "--out", str(link)], cwd=REPO, capture_output=True,
                          text=True, timeout=120, check=False)  # stdout: a pipe
    assert done.returncode == 2, done.stderr
    assert "special file" in done.stderr and "Traceback" not in done.stderr
    assert link.is_symlink()


def test_a_run_larger_than_the_memory_is_a_message_with_exit_2(cli, monkeypatch):
    import simulation.params

    def too_large(*_args, **_kwargs):
        raise MemoryError

    # the command imports load_params when it runs: patched where it is looked up
    monkeypatch.setattr(simulation.params, "load_params", too_large)
    status, _, err = cli("project", "--scenario", "all", "--draws", "10000")
    assert status == 2 and "Traceback" not in err
    assert "more memory" in err and "--draws" in err and "--months" in err


def test_a_path_error_while_running_is_a_message_with_exit_2(cli, monkeypatch):
    import simulation.params

    def loop(*_args, **_kwargs):
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), "params/x.yaml")

    monkeypatch.setattr(simulation.params, "load_params", loop)
    status, _, err = cli("project", "--scenario", "baseline")
    assert status == 2 and "Traceback" not in err and "params/x.yaml" in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="Linux /proc")
def test_init_where_no_folder_can_be_made_is_a_message(cli):
    status, _, err = cli("init", "/proc/jamsos-init")
    assert status == 2 and "Traceback" not in err and "jamsos init can create" in err
    assert not Path("/proc/jamsos-init").exists()


def test_init_that_fails_half_way_leaves_nothing(cli, tmp_path, monkeypatch):
    from simulation.cli import workspace

    real = workspace.shutil.copytree

    def full_disk(source, target, *args, **kwargs):  # params/ copied, then the disk is full
        if Path(target).name == "data":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(workspace.shutil, "copytree", full_disk)
    status, _, err = cli("init", tmp_path / "new" / "office")
    assert status == 2 and "Traceback" not in err, err
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "empty").mkdir()
    status, _, _ = cli("init", tmp_path / "empty")
    assert status == 2 and list((tmp_path / "empty").iterdir()) == []


def test_the_largest_accepted_draws_and_months_stay_under_1_gb(tmp_path):
    # 10,000 draws x 240 months (the limits): 1.25 GB in one piece; in chunks about 0.5 GB.
    # One region and one scenario keep the test short; the chunk size does not grow with them
    out = tmp_path / "p.csv"
    measured = run_bounded(["project", "--scenario", "baseline", "--regions", "35.01",
                            "--start", "2020-01", "--months", "240", "--draws", "10000",
                            "--params", str(REPO / "params"), "--data", str(REPO / "data"),
                            "--out", str(out)], cwd=tmp_path)
    assert measured.status == 0, measured.output
    assert measured.peak_mib < 1024, measured
    assert measured.cpu_seconds < 30, measured  # processor time: see tests/bounded.py
    assert out.stat().st_size > 0
