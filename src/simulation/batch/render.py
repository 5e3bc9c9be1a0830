"""Rendering one report in a worker: papermill with an explicit kernel, working directory
and timeout into a staging folder, the offline HTML page, then publishing.

Kernels talk over IPC sockets in a private folder, so parallel kernels never race for TCP
ports. A failure is described (cell, error name and value) instead of raised, so one
region failing does not stop the others.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..reporting.htmlpage import fetched_resources, notebook_page
from ..reporting.texts import text
from .plan import SUMMARY_FOLDER, Job, sha256
from .publishing import publish


@dataclass
class Outcome:
    slug: str
    status: str  # "ok" | "failed"
    duration_s: float
    error: dict | None = None
    outputs: dict = field(default_factory=dict)  # file name -> sha256


def _ipc_kernel_manager(socket_dir: str):
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self):
            return "ipc"

        @default("ip")
        def _default_ip(self):
            return os.path.join(socket_dir, "kernel")

    return IPCKernelManager


def render(job: Job) -> Outcome:
    """Execute one template into a staging folder, export HTML, publish. Runs in a worker."""
    import papermill

    started = time.perf_counter()
    destination = Path(job.destination).resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    staged = destination.parent / f".tmp-{job.slug}-{uuid.uuid4().hex[:8]}"
    staged.mkdir()
    sockets = tempfile.mkdtemp(prefix="jamsos-k-")
    notebook = staged / "report.ipynb"
    try:
        parameters = {**job.parameters, "summary_path": str(staged / "summary.json")}
        if job.slug != SUMMARY_FOLDER:  # district reports also write their briefing deck
            parameters["deck_path"] = str(staged / "briefing.pdf")
        papermill.execute_notebook(
            job.template, str(notebook), parameters=parameters, kernel_name=job.kernel,
            cwd=str(staged), execution_timeout=job.timeout_s, progress_bar=False,
            log_output=False, kernel_manager_class=_ipc_kernel_manager(sockets))
        json.loads((staged / "summary.json").read_text(encoding="utf-8"))  # must be valid
        lang = job.parameters.get("lang", "id")
        title = (text("report_title", lang, region=job.name) if job.slug != SUMMARY_FOLDER
                 else job.name)
        page = notebook_page(notebook, title, lang)
        external = fetched_resources(page)
        if external:
            raise RuntimeError(f"the HTML page would fetch {external[0]!r} from the network")
        (staged / "report.html").write_text(page, encoding="utf-8")
        outputs = {p.name: sha256(p) for p in sorted(staged.iterdir()) if p.is_file()}
        publish(staged, destination)
        return Outcome(job.slug, "ok", round(time.perf_counter() - started, 2), None, outputs)
    except Exception as error:  # one report failing must not stop the others
        failed = Path(job.failed_dir)
        if notebook.exists():
            failed.mkdir(parents=True, exist_ok=True)
            shutil.copy(notebook, failed / f"{job.slug}.ipynb")
        return Outcome(job.slug, "failed", round(time.perf_counter() - started, 2),
                       _describe(error))
    finally:
        shutil.rmtree(staged, ignore_errors=True)
        shutil.rmtree(sockets, ignore_errors=True)


def _describe(error: Exception) -> dict:
    described = {"type": type(error).__name__, "message": str(error).strip()[-2000:]}
    for attribute in ("cell_index", "exec_count", "ename", "evalue"):
        if getattr(error, attribute, None) is not None:
            described[attribute] = getattr(error, attribute)
    return described
