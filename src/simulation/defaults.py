"""Every default in one place: the command line, the runner, the notebooks' parameter cells
(a test keeps them in step) and the scenario lab read them from here."""

from __future__ import annotations

from pathlib import Path

SEED = 20191022  # the day of the branch's October 2019 membership count
BASELINE = "baseline"  # the scenario that is the policy in force
SCENARIOS = "baseline,sosialisasi,bantuan-iuran,kombinasi,bantuan-sementara"
PROJECTION_START = "2020-01"  # first APBD year after the sourced October 2019 counts: where
                              # a replay of the policy in force starts (jamsos hindcast)
REPORT_MONTH = "2026-10"  # the latest month of the shipped data (what the CLI finds there)
HORIZON_MONTHS = 60
PROJECT_DRAWS = 1  # `jamsos project`: the central path unless asked
REPORT_DRAWS = 500  # reports and decks show p10-p90 bands
HINDCAST_DRAWS = 300  # enough for a stable p10-p90 band at every published point
LAB_DRAWS = 300
LANG = "id"
LANGUAGES = ("id", "en")
# who pays and what for: the names parameter files and the command line accept (here, not in
# params/, so that the command line can list them without loading the parameter schema)
PAYERS = ("apbn", "apbd_kabkota", "apbd_provinsi", "dbhcht", "csr", "baznas", "worker")
SECTORS = ("other", "transport")  # a relief may hold for one sector only (PP 50/2025)
PACKAGES = {"bpu_jkk_jkm": "bpu", "bpu_jht": "bpu", "pu_jkk_jkm": "pu"}  # package -> group
DEFAULT_PAYER = "apbd_kabkota"  # who pays a subsidy a scenario creates without a scheme
DEFAULT_PACKAGE = "bpu_jkk_jkm"
TIMEOUT_S = 600  # seconds a notebook cell may run

# limits the command line states and checks before any work (README, "Limits")
MAX_DRAWS = 10_000  # 500 give stable p10-p90 bands; 10,000 take minutes per report
MAX_MONTHS = 240  # twenty years: beyond that no assumption here means anything
# a report keeps every draw of every scenario in memory (about 2 KB per draw and month:
# 10,000 draws x 60 months take some 1.2 GB); `jamsos project` works in chunks instead
MAX_REPORT_DRAW_MONTHS = 600_000
MAX_SEED = 2**32 - 1
MIN_TIMEOUT_S = 10  # a report's slowest cell needs a few seconds
MAX_TIMEOUT_S = 86_400
MAX_JOBS = 64
MAX_WORKERS = 10_000_000  # `jamsos cost --workers`: more than Jawa Timur's informal workers
MAX_SAMPLE_ROWS = 10_000  # `jamsos sample-lists --rows`, per kelurahan
FIRST_MONTH, LAST_MONTH = "2000-01", "2100-12"  # months the intake accepts: typed, Excel
                                                # dates and `verify --month` alike
LIST_REGION = "kota-madiun"  # the region whose kelurahan lists ship
SUBSIDY_SCENARIO = "bantuan-iuran"  # what `jamsos verify --scenario-out` builds on

PARAMS_DIR = "params"
DATA_DIR = "data"
ACTUALS_STORE = "data/actuals/actuals.csv"
PENDATAAN_DIR = "data/pendataan"
PRIVATE_DIR = "data/private"
REPORTS_DIR = "reports"
ACTUALS_FILE = Path("actuals") / "actuals.csv"  # inside a data folder
PENDATAAN_FOLDER = "pendataan"  # inside a data folder
POINTS_FILE = Path("published") / "points.yaml"  # inside a data folder
CLAIMS_FILE = Path("published") / "claims.yaml"  # inside a data folder
FIT_FILE = Path("calibrated") / "fit.json"  # inside a params folder

PACKAGE_ROOT = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_ROOT.parents[1]
BUNDLE = PACKAGE_ROOT / "bundle"  # in a wheel: params/, data/, notebooks/ (see setup.py)


def shipped(folder: str) -> Path:
    """A folder the package ships (params, data, notebooks/...): the wheel's copy, or the
    checkout's in an editable install."""
    bundled = BUNDLE / folder
    return bundled if bundled.exists() else REPO_ROOT / folder


# templates: the working folder's own (jamsos init writes them), else the shipped ones
TEMPLATES_DIR = (Path("notebooks/templates").resolve()
                 if Path("notebooks/templates/district_report.ipynb").is_file()
                 else shipped("notebooks/templates"))
