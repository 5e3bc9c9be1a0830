"""A projection in chunks of regions, so that a national run's memory does not grow with
the number of regions, and its chunks can run as tasks on other processes or machines.

Each chunk is :func:`~.chunked.project_in_chunks` for some of the regions (itself in chunks
of draws), a pure function of the parameters, the request and the chunk's codes. A region's
numbers do not depend on the other regions of its chunk: every parameter's draws come from
a stream keyed by the seed and the parameter's name (see :mod:`.sampling`), the same in
every region. So the per-region rows are those of one run with every region, whatever the
chunks.

A chunked run keeps no draws across chunks, so its totals cannot be percentiles of a sum
(the p50 of a sum is not the sum of the p50s, and its p10 and p90 need every draw of every
region at once). Its totals, a row per province (``total-35``) and one for the run
(``total``), are the SUM OF THE REGIONS' p50 in the ``p50`` column, with ``p10`` and ``p90``
empty (NaN), and only for metrics that add up (counts and Rupiah, not ratios). A run of at
most :data:`SMALL_RUN` regions (the Madiun branch) runs in one piece as before: its totals
are true percentiles of the summed draws, and its tables have no ``province`` column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from ..months import format_month
from ..params import ParamSet
from .chunked import Projection, project_in_chunks
from .inputs import ProjectionRequest
from .summaries import TOTAL_SLUG, tidy_table

SMALL_RUN = 12  # regions a run may have and still run in one piece, with true totals
# a chunk's per-draw metrics (the store of one scenario): two workers' chunks, their model
# runs and this process stay within 2 GB (256 MB took them to 1.9 GB, 128 MB to 1.5 GB
# but 20% more time: the total unit and the tables of more chunks)
REGION_CHUNK_BYTES = 192 * 1024**2
STORED_METRICS = 32  # per-draw metrics a scenario keeps per unit (see chunked.DrawStore)
MOST_REGIONS = 64  # per chunk: more only adds time before the first chunk reports
CHUNKS_PER_WORKER = 3  # at least, with several workers: the last chunks finish together
PROVINCE = "province"
TOTAL_PREFIX = f"{TOTAL_SLUG}-"  # total-35: the sum of a province's regions
# ratios: a sum of them means nothing (coverage is active over pool, cost per additional
# worker a spend over a count, cap_binds a share of draws)
NOT_ADDITIVE = frozenset({"coverage", "cap_binds", "cost_per_additional_worker_year_rp"})

# runs every chunk: (function, chunks, broadcast) -> results in the chunks' order
ChunkRunner = Callable[[Callable, Sequence, dict], list]


def is_large(request: ProjectionRequest) -> bool:
    """More regions than one piece should hold: the run goes in chunks of regions."""
    return len(request.regions) > SMALL_RUN


def validate(request: ProjectionRequest) -> None:
    """The request's checks (bad input, exit 2). Its guard on cells (draws x regions x
    months) bounds what one piece holds: a large run holds one chunk at a time, so the
    guard applies to its largest chunk, not to every region at once."""
    if is_large(request):
        largest = max(len(chunk) for chunk in region_chunks(request))
        request = replace(request, regions=request.regions[:largest])
    request.validate()


def regions_per_chunk(request: ProjectionRequest) -> int:
    """Regions per chunk, such that one scenario's per-draw metrics of a chunk stay within
    :data:`REGION_CHUNK_BYTES` (12 regions at 1,000 draws x 60 months, 6 at 1,000 x 120);
    at least two (a chunk of one has no total unit, and would run another code path)."""
    per_region = request.draws * (request.months + 1) * 8 * STORED_METRICS
    return max(2, min(MOST_REGIONS, REGION_CHUNK_BYTES // per_region))


def region_chunks(request: ProjectionRequest, size: int | None = None, at_least: int = 1
                  ) -> list[tuple[str, ...]]:
    """The request's region codes in chunks of at most ``size`` (default
    :func:`regions_per_chunk`), and at least ``at_least`` chunks where there are regions
    enough (so that every worker has some), as even as can be; no chunk of one region."""
    codes = [r.code for r in request.regions]
    size = size or regions_per_chunk(request)
    count = max(1, min(max(-(-len(codes) // size), at_least), len(codes) // 2))
    bounds = np.linspace(0, len(codes), count + 1).round().astype(int)
    return [tuple(codes[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def run_region_chunk(codes: Sequence[str], *, params: ParamSet, request: ProjectionRequest
                     ) -> Projection:
    """The projection of the regions ``codes`` (a chunk of ``request``'s): its per-region
    rows with a ``province`` column, without the chunk's totals (not the run's)."""
    by_code = {r.code: r for r in request.regions}
    regions = tuple(by_code[code] for code in codes)
    part = project_in_chunks(replace(params, regions=regions),
                             replace(request, regions=regions))
    slugs = {r.slug for r in regions}
    table = part.table[part.table["region"].isin(slugs)].reset_index(drop=True)
    table[PROVINCE] = table["region_code"].str[:2]
    for column, values in text_categories(request, table["metric"].unique()).items():
        table[column] = pd.Categorical(table[column], categories=values)
    budget = part.budget
    if len(budget):
        budget = budget[budget["region"].isin(slugs)].reset_index(drop=True)
        province = {r.slug: r.code[:2] for r in regions}
        budget[PROVINCE] = budget["region"].map(province)
    return Projection(table, budget, part.stuck)


def text_categories(request: ProjectionRequest, metrics) -> dict[str, list[str]]:
    """The values of a large run's text columns, sorted as text (so a sort by them is the
    sort by the text): categories, a code per row in place of a string, so that 514
    regions x 29 metrics x 121 months x scenarios of rows take tens of MB, not GB."""
    codes = [r.code for r in request.regions]
    provinces = sorted({code[:2] for code in codes})
    return {"scenario": sorted(set(request.scenarios)),
            "region": sorted({r.slug for r in request.regions} | {TOTAL_SLUG}
                             | {TOTAL_PREFIX + p for p in provinces}),
            "region_code": sorted({*codes, ""}),
            "month": [format_month(request.start - 1 + k) for k in range(request.months + 1)],
            "metric": sorted(set(metrics)),
            PROVINCE: sorted({*provinces, TOTAL_SLUG})}


def combine(parts: Sequence[Projection], request: ProjectionRequest) -> Projection:
    """One projection of the chunks' of ``request`` (in any order): their rows in the
    order of a run in one piece, then the totals per province and for the run (sums of
    p50)."""
    table = tidy_table([p.table for p in parts])
    table = pd.concat([table, _table_totals(table)], ignore_index=True)
    # a chunk without any cap has a column of None: numbers again once they meet
    budget = pd.concat([p.budget for p in parts], ignore_index=True).infer_objects()
    if len(budget):  # as budget_rows orders them: scenario, year, then region
        scenario = {name: i for i, name in enumerate(dict.fromkeys(request.scenarios))}
        region = {r.slug: i for i, r in enumerate(request.regions)}
        order = np.lexsort((budget["region"].map(region).to_numpy(),
                            budget["year"].to_numpy(),
                            budget["scenario"].map(scenario).to_numpy()))
        budget = budget.iloc[order].reset_index(drop=True)
        # whole Rupiah stay whole beside the totals' empty p10, p90
        whole = {c: "Int64" for c in budget.columns if budget[c].dtype.kind == "i"}
        budget = pd.concat([budget.astype(whole), _budget_totals(budget).astype(whole)],
                           ignore_index=True)
    return Projection(table, budget, [s for p in parts for s in p.stuck])


def project_by_regions(params: ParamSet, request: ProjectionRequest,
                       run_chunks: ChunkRunner | None = None, workers: int = 1) -> Projection:
    """The projection of a request: a small one in one piece (:data:`SMALL_RUN`), a large
    one in chunks of regions, run by ``run_chunks`` (default: one after another here) on
    ``workers`` processes (a few chunks each, so that none waits for a slow one)."""
    validate(request)
    if not is_large(request):
        return project_in_chunks(params, request)
    return combine(region_parts(params, request, run_chunks, workers), request)


def region_parts(params: ParamSet, request: ProjectionRequest,
                 run_chunks: ChunkRunner | None = None, workers: int = 1) -> list[Projection]:
    """The chunks' projections of a large request (see :func:`project_by_regions`), for
    :func:`combine` once the workers are gone."""
    chunks = region_chunks(request, at_least=CHUNKS_PER_WORKER * workers if workers > 1 else 1)
    return (run_chunks or _in_process)(run_region_chunk, chunks,
                                       {"params": params, "request": request})


def run_in_one_piece(request: ProjectionRequest, *, params: ParamSet) -> Projection:
    """:func:`~.chunked.project_in_chunks` as a task (its request first): a small run on a
    cluster."""
    return project_in_chunks(params, request)


def _in_process(function: Callable, chunks: Sequence, broadcast: dict) -> list:
    return [function(chunk, **broadcast) for chunk in chunks]


def _table_totals(table: pd.DataFrame) -> pd.DataFrame:
    """Per scenario, metric and month, the sum of the regions' p50 in each province and in
    the whole run (p10, p90 NaN): see the module's docstring."""
    additive = table[~table["metric"].isin(NOT_ADDITIVE)]
    keys = ["scenario", "metric", "month"]
    by_province = additive.groupby([*keys, PROVINCE], sort=False, observed=True)["p50"].sum()
    whole = additive.groupby(keys, sort=False, observed=True)["p50"].sum()
    frames = []
    for sums, province in ((by_province.reset_index(), None), (whole.reset_index(), "")):
        if province is None:
            sums["region"] = TOTAL_PREFIX + sums[PROVINCE].astype(str)
        else:
            sums["region"], sums[PROVINCE] = TOTAL_SLUG, TOTAL_SLUG
        sums["region_code"] = ""
        sums["p10"] = sums["p90"] = np.nan
        sums["p50"] = np.round(sums["p50"], 2)  # the regions' rounding, not the sum's noise
        frames.append(sums)
    totals = pd.concat(frames, ignore_index=True)[list(table.columns)]
    for column in table.columns:  # the regions' categories: one column type in the table
        if isinstance(table[column].dtype, pd.CategoricalDtype):
            totals[column] = pd.Categorical(totals[column].astype(str),
                                            categories=table[column].cat.categories)
    return totals.sort_values(["scenario", "region", "metric", "month"], kind="stable",
                              ignore_index=True)


def _budget_totals(budget: pd.DataFrame) -> pd.DataFrame:
    """The budget's totals: per scenario, APBD year and province (and the run), each item's
    sum of the regions' p50; no percentiles, payer, cap or limit of a sum."""
    medians = [c for c in budget.columns if c.endswith("_rp_p50")]
    spread = [c for c in budget.columns if c.endswith(("_rp_p10", "_rp_p90"))]
    keys = ["scenario", "year", "months"]
    frames = []
    for by, name in (([*keys, PROVINCE], None), (keys, TOTAL_SLUG)):
        sums = budget.groupby(by, sort=False)[medians].sum().reset_index()
        if name is None:
            sums["region"] = TOTAL_PREFIX + sums[PROVINCE]
        else:
            sums["region"], sums[PROVINCE] = name, name
        for column in spread:
            sums[column] = np.nan
        frames.append(sums)
    totals = pd.concat(frames, ignore_index=True).reindex(columns=budget.columns)
    return totals.sort_values(["scenario", "region", "year"], kind="stable",
                              ignore_index=True)
