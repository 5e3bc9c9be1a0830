"""papermill's nbclient engine, without papermill's writes of the notebook at every cell.

papermill writes the whole notebook at the start and at the end of every cell so that
someone can watch it run; each write serialises and validates every chart the notebook
holds so far (about 40 writes a report, 0.3 s). Nobody watches a report run here. papermill
writes the executed notebook itself when the run returns, and after a cell that failed;
this engine writes it only when execution is cut short (a cell that times out, a kernel
that dies), where papermill would leave nothing: the notebook a failed report keeps is the
same as before.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

ENGINE_NAME = "jamsos"


class _WrittenIfCutShort(NotebookExecutionManager):
    """papermill's execution manager, writing only once an execution was cut short."""

    cut_short = False

    def save(self, **kwargs):
        if self.cut_short and self.end_time is not None:  # in notebook_complete
            super().save(**kwargs)


class WrittenIfCutShortEngine(NBClientEngine):
    """:class:`papermill.engines.NBClientEngine` with :class:`_WrittenIfCutShort`."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True,
                         log_output=False, autosave_cell_every=30, **kwargs):
        # papermill's Engine.execute_notebook, with this engine's manager
        manager = _WrittenIfCutShort(nb, output_path=output_path, progress_bar=progress_bar,
                                     log_output=log_output,
                                     autosave_cell_every=autosave_cell_every)
        manager.notebook_start()
        try:
            cls.execute_managed_notebook(manager, kernel_name, log_output=log_output, **kwargs)
        except BaseException:
            manager.cut_short = True  # papermill writes nothing after this: write it here
            raise
        finally:
            manager.cleanup_pbar()
            manager.notebook_complete()
        return manager.nb


def register() -> str:
    """Register the engine with papermill (again is harmless); returns its name."""
    papermill_engines.register(ENGINE_NAME, WrittenIfCutShortEngine)
    return ENGINE_NAME
