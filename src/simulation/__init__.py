"""jamsos: BPU enrolment and subsidy-budget scenarios for BPJS Ketenagakerjaan Cabang Madiun.

Layers (one-way, see README "Layout"): cli -> batch -> reporting -> calibration ->
engine | intake -> params -> errors, defaults, months, files.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jamsos")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"
