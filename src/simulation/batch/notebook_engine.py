"""papermill's nbclient engine, writing the executed notebook once instead of twice a cell.

papermill writes the whole notebook at the start and at the end of every cell so that
someone can watch it run; each write serialises and validates every chart the notebook
holds so far (about 40 writes a report, 0.3 s). Nobody watches a report run here. This
engine writes it when the run ends, finished or not (a cell that fails or times out, a
kernel that dies): the notebook a failed report keeps is the same.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

ENGINE_NAME = "jamsos"


class _WrittenAtTheEnd(NotebookExecutionManager):
    """papermill's execution manager, writing only once execution has ended."""

    def save(self, **kwargs):
        if self.end_time is not None:  # set by notebook_complete, which papermill always calls
            super().save(**kwargs)


class WrittenAtTheEndEngine(NBClientEngine):
    """:class:`papermill.engines.NBClientEngine` with :class:`_WrittenAtTheEnd`."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True,
                         log_output=False, autosave_cell_every=30, **kwargs):
        # papermill's Engine.execute_notebook, with this engine's manager
        manager = _WrittenAtTheEnd(nb, output_path=output_path, progress_bar=progress_bar,
                                   log_output=log_output, autosave_cell_every=autosave_cell_every)
        manager.notebook_start()
        try:
            cls.execute_managed_notebook(manager, kernel_name, log_output=log_output, **kwargs)
        finally:
            manager.cleanup_pbar()
            manager.notebook_complete()
        return manager.nb


def register() -> str:
    """Register the engine with papermill (again is harmless); returns its name."""
    papermill_engines.register(ENGINE_NAME, WrittenAtTheEndEngine)
    return ENGINE_NAME
