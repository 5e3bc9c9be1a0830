"""The notebook engine (simulation.batch.notebook_engine): papermill's nbclient engine
without papermill's writes at the start and end of every cell: the executed notebook is
written once, and a report that fails or times out keeps the notebook it got to."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
import papermill.engines
import papermill.execute
import pytest
from small_notebooks import write_notebook

from simulation.batch.kernel_forks import warm_kernels
from simulation.batch.notebook_engine import register
from simulation.batch.render import _kernel_manager


@pytest.fixture(scope="module")
def forks():
    with warm_kernels() as started:  # where kernels cannot be forked, they start cold
        yield started


@pytest.fixture
def writes(monkeypatch) -> list[str]:
    """The paths papermill writes a notebook to, in order (its engines and its own final
    write after a run)."""
    written: list[str] = []
    original = papermill.engines.write_ipynb

    def counted(nb, path, *args, **kwargs):
        written.append(str(path))
        return original(nb, path, *args, **kwargs)

    monkeypatch.setattr(papermill.engines, "write_ipynb", counted)
    monkeypatch.setattr(papermill.execute, "write_ipynb", counted)
    return written


def _run(forks, notebook: Path, folder: Path, engine: str | None, timeout: int = 60):
    sockets = folder / "sockets"
    sockets.mkdir(exist_ok=True)
    return papermill.execute_notebook(
        str(notebook), str(folder / "out.ipynb"), kernel_name="python3", cwd=str(folder),
        progress_bar=False, execution_timeout=timeout, engine_name=engine,
        kernel_manager_class=_kernel_manager(str(sockets), True, forks))


def test_the_notebook_is_written_once_with_every_output(forks, tmp_path, writes):
    cells = ("print(1)", "print(2)", "print(3)", "print(4)")
    executed = _run(forks, write_notebook(tmp_path / "nb.ipynb", *cells), tmp_path, register())
    assert writes == [str(tmp_path / "out.ipynb")]  # papermill's own engine: 2 per cell more
    kept = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert [c.outputs[0]["text"].strip() for c in kept.cells] == ["1", "2", "3", "4"]
    assert kept.metadata.papermill["duration"] > 0
    assert [c.outputs for c in executed.cells] == [c.outputs for c in kept.cells]
    writes.clear()
    _run(forks, write_notebook(tmp_path / "nb.ipynb", *cells), tmp_path, None)
    assert len(writes) >= 2 * len(cells)  # what the engine saves


def test_a_cell_that_fails_or_times_out_leaves_the_notebook_it_got_to(forks, tmp_path,
                                                                        writes):
    failing = write_notebook(tmp_path / "fails.ipynb", "print('before')", "1 / 0", "print('x')")
    with pytest.raises(papermill.PapermillExecutionError, match="ZeroDivisionError"):
        _run(forks, failing, tmp_path, register())
    assert writes == [str(tmp_path / "out.ipynb")]  # by papermill, with the error marked
    kept = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    code = [c for c in kept.cells if c.cell_type == "code"]
    assert code[0].outputs[0]["text"].strip() == "before"
    assert code[1].outputs[0]["ename"] == "ZeroDivisionError" and not code[2].outputs
    (tmp_path / "out.ipynb").unlink()
    writes.clear()
    slow = write_notebook(tmp_path / "slow.ipynb", "print('before')", "import time; time.sleep(60)")
    with pytest.raises(Exception, match="(?i)timed out|timeout"):
        _run(forks, slow, tmp_path, register(), timeout=2)
    assert writes == [str(tmp_path / "out.ipynb")]  # by the engine: papermill writes none
    kept = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert kept.cells[0].outputs[0]["text"].strip() == "before"
    assert kept.metadata.papermill["end_time"]
