"""Rendering one report in a worker: papermill with an explicit kernel, working directory
and timeout into a temporary folder, the offline HTML page, then the finished folder into
the run's staged month tree (the run publishes the whole month at once, see
:mod:`.publishing`).

Kernels talk over IPC sockets in a private folder, so parallel kernels never race for TCP
ports; where there are none (Windows), over TCP, retrying a kernel that failed to start. A
failure is described (cell, error name and value) instead of raised, so one
region failing does not stop the others.

On a Dask worker (:func:`render_task`) the same, with three differences: the run's staged
tree must already be there (on a worker of another machine: the reports folder on a
filesystem every worker mounts at the same path), and is never created, so a task that
outlives its run cannot bring back a tree the next run removed; a report an earlier
attempt finished (its worker died before saying so, and Dask ran the task again) is
replaced whole; and a worker process renders one report at a time (papermill changes the
process's working directory), whatever its number of threads.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..reporting.content.outputs import workbook_name
from ..reporting.design.web import fetched_resources
from ..reporting.words.texts import text
from .kernel_forks import ForkedKernel, KernelForks, here, start_here
from .plan import SUMMARY_FOLDER, Job, sha256
from .snapshot import SOCKETS_PREFIX, private_temporary
from .workers import may_publish


@dataclass
class Outcome:
    slug: str
    status: str  # "ok" | "failed"
    duration_s: float
    error: dict | None = None
    outputs: dict = field(default_factory=dict)  # file name -> sha256


KERNEL_START_ATTEMPTS = 3  # over TCP, two kernels can pick the same free port
SETTLE_S = 0.02  # a kernel is ready once its IOPub is this long quiet; its end polled as often


def ipc_available() -> bool:
    """Whether kernels can talk over IPC (Unix-domain) sockets: not on Windows, where
    pyzmq has none."""
    import socket

    return os.name != "nt" and hasattr(socket, "AF_UNIX")


def _kernel_manager(socket_dir: str, ipc: bool, forks: KernelForks | None = None):
    """A kernel manager on IPC sockets in a private folder where there are any (no port
    races between parallel kernels), else jupyter_client's default TCP on localhost; its
    kernel forked warm from ``forks`` where that serves the kernel's command."""
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.channels import AsyncZMQSocketChannel
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Type, default

    class SettlingChannel(AsyncZMQSocketChannel):
        """IOPub, whose waits are cut to :data:`SETTLE_S` while the kernel is made ready."""

        settling = False

        async def get_msg(self, timeout: float | None = None):  # noqa: ANN202
            if self.settling and timeout is not None:
                timeout = min(timeout, SETTLE_S)
            return await super().get_msg(timeout)

    class PromptClient(AsyncKernelClient):
        """Ready once the kernel has answered and IOPub is quiet for :data:`SETTLE_S`, not
        0.2 s (jupyter_client's drain of the kernel_info messages, which nothing reads:
        nbclient takes a cell's messages by its request)."""

        iopub_channel_class = Type(SettlingChannel)

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            self.iopub_channel.settling = True
            try:
                await super().wait_for_ready(timeout)
            finally:
                self.iopub_channel.settling = False

    class QuietKernelManager(AsyncKernelManager):
        """The kernel's own stderr (ZMQ and shutdown noise when a cell times out) goes to a
        log beside its sockets, not to the run's terminal; its client is ready as soon as
        the kernel is, and its end is seen within :data:`SETTLE_S`, not 0.1 s."""

        @default("client_factory")
        def _default_client_factory(self):  # noqa: ANN202
            return PromptClient

        async def _async_finish_shutdown(self, waittime=None, pollinterval=0.1,  # noqa: ANN001
                                         restart=False) -> None:  # noqa: ANN001
            await super()._async_finish_shutdown(waittime, min(pollinterval, SETTLE_S),
                                                 restart)

        async def _async_launch_kernel(self, kernel_cmd, **kw):  # noqa: ANN001, ANN202
            log = os.path.join(socket_dir, "kernel.log")
            if forks is not None and forks.serves(kernel_cmd, kw.get("env")):
                try:
                    kernel = forks.start(kernel_cmd, kw.get("cwd"), kw.get("env"), log)
                except OSError:  # the warm process has gone or refused: start one cold
                    pass
                else:
                    return self._launch_forked(kernel)
            with open(log, "ab") as stream:  # the child dups it
                kw.setdefault("stderr", stream)
                return await super()._async_launch_kernel(kernel_cmd, **kw)

        def _launch_forked(self, kernel: ForkedKernel) -> None:
            """What the local provisioner does after starting a process, for a forked one
            (its own process group: interrupts and kills reach it alone)."""
            provisioner = self.provisioner
            provisioner.process, provisioner.pid, provisioner.pgid = kernel, kernel.pid, kernel.pid
            self._reconcile_connection_info(provisioner.connection_info)

    if not ipc:
        return QuietKernelManager

    class IPCKernelManager(QuietKernelManager):
        @default("transport")
        def _default_transport(self):
            return "ipc"

        @default("ip")
        def _default_ip(self):
            return os.path.join(socket_dir, "kernel")

    return IPCKernelManager


def _kernel_start_failed(error: Exception) -> bool:
    """A TCP port race or a kernel that died while starting: worth one more try."""
    words = f"{type(error).__name__}: {error}"
    return any(sign in words for sign in ("Address already in use", "ZMQError",
                                          "Kernel died before replying", "kernel_info"))


_ONE_AT_A_TIME = threading.Lock()  # a Dask worker's threads: one papermill run at a time
SHARED_HINT = ("the run's folder {tree} is not on this worker: put --out on a filesystem "
               "every Dask worker mounts at the same path")


def render_task(job: Job) -> Outcome:
    """:func:`render` as a Dask task (see the module's docstring)."""
    started = time.perf_counter()
    with _ONE_AT_A_TIME:
        if not Path(job.staging_dir).is_dir():  # another machine, or the run has ended
            return Outcome(job.slug, "failed", round(time.perf_counter() - started, 2),
                           {"type": "FileNotFoundError",
                            "message": SHARED_HINT.format(tree=job.staging_dir)})
        start_here()  # this worker's warm kernels, for this report and the next
        return render(job, in_task=True)


def render(job: Job, in_task: bool = False) -> Outcome:
    """Execute one template into a temporary folder, export HTML, and move the finished
    folder to ``<staging_dir>/<slug>``. Runs in a worker."""
    import papermill

    from .notebook_engine import register

    engine = register()
    started = time.perf_counter()
    tree = Path(job.staging_dir)
    finished = tree / job.slug
    if finished.parent != tree or job.slug in ("", ".", ".."):  # checked by plan; a bug
        raise ValueError(f"a report folder outside {tree}: {job.slug!r}")
    if not in_task:
        tree.mkdir(parents=True, exist_ok=True)
    staged = tree / f".tmp-{job.slug}-{uuid.uuid4().hex[:8]}"  # this attempt's own
    staged.mkdir()
    sockets = str(private_temporary(SOCKETS_PREFIX))  # pid in the name: see snapshot
    notebook = staged / "report.ipynb"
    try:
        parameters = {**job.parameters, "summary_path": str(staged / "summary.json"),
                      "workbook_path": str(staged / workbook_name(job.slug,
                                                                  job.parameters["month"]))}
        if job.slug != SUMMARY_FOLDER:  # district reports: the deck and the explorer too
            parameters["deck_path"] = str(staged / "briefing.pdf")
            parameters["pptx_path"] = str(staged / "briefing.pptx")
            parameters["explorer_path"] = str(staged / "explorer.html")
        ipc = ipc_available()
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                papermill.execute_notebook(
                    job.template, str(notebook), parameters=parameters,
                    kernel_name=job.kernel, cwd=str(staged), execution_timeout=job.timeout_s,
                    progress_bar=False, log_output=False, engine_name=engine,
                    kernel_manager_class=_kernel_manager(sockets, ipc, here()))
                break
            except Exception as error:
                if ipc or attempt == KERNEL_START_ATTEMPTS or not _kernel_start_failed(error):
                    raise
                time.sleep(0.5 * attempt)
        json.loads((staged / "summary.json").read_text(encoding="utf-8"))  # must be valid
        lang = job.parameters.get("lang", "id")
        title = (text("report_title", lang, region=job.name) if job.slug != SUMMARY_FOLDER
                 else job.name)
        # nbconvert, imported only where a page is written (a run's workers import it
        # before their first report: see .workers.load_renderer)
        from ..reporting.formats.page.htmlpage import notebook_page

        page = notebook_page(notebook, title, lang)
        external = fetched_resources(page)
        explorer = staged / "explorer.html"
        if explorer.exists():
            external += fetched_resources(explorer.read_text(encoding="utf-8"),
                                          inline_scripts=True)
        if external:
            raise RuntimeError(f"a page would fetch {external[0]!r} from the network")
        (staged / "report.html").write_text(page, encoding="utf-8")
        outputs = {p.name: sha256(p) for p in sorted(staged.iterdir()) if p.is_file()}
        if not may_publish():  # the run was stopped or died: finish nothing more
            raise RuntimeError("the run stopped before this report was finished")
        if in_task and finished.is_dir() and not finished.is_symlink():
            shutil.rmtree(finished)  # an earlier attempt's, whole: this one replaces it
        os.replace(staged, finished)
        return Outcome(job.slug, "ok", round(time.perf_counter() - started, 2), None, outputs)
    except Exception as error:  # one report failing must not stop the others
        described = _describe(error)
        try:  # keep the failed notebook to look at; a full disk must not stop the run
            if notebook.exists():
                failed = Path(job.failed_dir)
                failed.mkdir(parents=not in_task, exist_ok=True)
                shutil.copy(notebook, failed / f"{job.slug}.ipynb")
        except OSError as copy_error:
            described["kept_notebook"] = f"not kept: {copy_error.strerror}"
        return Outcome(job.slug, "failed", round(time.perf_counter() - started, 2), described)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
        shutil.rmtree(sockets, ignore_errors=True)


def _describe(error: Exception) -> dict:
    described = {"type": type(error).__name__, "message": str(error).strip()[-2000:]}
    for attribute in ("cell_index", "exec_count", "ename", "evalue"):
        if getattr(error, attribute, None) is not None:
            described[attribute] = getattr(error, attribute)
    return described
