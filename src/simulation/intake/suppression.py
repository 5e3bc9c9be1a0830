"""Small-count suppression that subtraction cannot undo.

Primary suppression hides counts of 1-4 (shown ``<5``). On its own it falls to arithmetic:
a kelurahan's listed = verified + already covered + rejected, and the kelurahan of a
kecamatan add up to the kecamatan's figure in the other file. Complementary (secondary)
suppression hides further cells (shown ``x``) until every such sum with a hidden cell has
at least two, one of them not a small count: then no hidden cell can be worked out from
the published ones. (Where a whole kecamatan's count is itself below 5, its kelurahan's
counts are known to be no larger; that narrows them, it does not give them away.)

It is the usual heuristic for linked tables (each hidden cell protected in every equation
it is part of, iterated until nothing changes); :func:`exposed_cells` checks the result by
linear programming over all the equations at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SMALL = 5  # counts from 1 to SMALL - 1 are hidden
PRIMARY, SECONDARY = f"<{SMALL}", "x"
TOTAL_LABEL = "Jumlah / Total"
PARTS = ("verified", "already_covered", "rejected")  # listed = their sum, row by row


def equations(frame: pd.DataFrame, group: str, columns: list[str]) -> list[list[tuple]]:
    """Each sum as a list of cells (row index, column); the first cell is the total.

    ``frame`` holds the detail rows, one row per group total (``row_kind == 'group'``) and
    one grand total (``row_kind == 'total'``)."""
    found = []
    detail = frame[frame.row_kind == "detail"]
    groups = frame[frame.row_kind == "group"]
    total = frame.index[frame.row_kind == "total"][0]
    for column in columns:
        for index, row in groups.iterrows():
            members = detail.index[detail[group] == row[group]]
            found.append([(index, column), *((m, column) for m in members)])
        found.append([(total, column), *((g, column) for g in groups.index)])
    if "listed" in columns and all(p in columns for p in PARTS):
        found += [[(index, "listed"), *((index, p) for p in PARTS)] for index in frame.index]
    return found


def complementary_suppression(frame: pd.DataFrame, group: str, columns: list[str]
                              ) -> pd.DataFrame:
    """A boolean frame (same index, ``columns``): True where a count is hidden, primary
    (1 to SMALL - 1) and complementary alike."""
    values = frame[columns].astype(int)
    hidden = values.apply(lambda c: c.between(1, SMALL - 1))
    sums = equations(frame, group, columns)
    changed = True
    while changed:
        changed = False
        for cells in sums:
            secret = [c for c in cells if hidden.at[c]]
            if not secret:
                continue
            # a second hidden cell, and one not bounded by "<5": hidden small counts alone
            # can add up to their limit (4 + 4 + 4 = 12 gives each away)
            if len(secret) >= 2 and any(values.at[c] >= SMALL for c in secret):
                continue
            open_cells = [c for c in cells if not hidden.at[c] and values.at[c] > 0]
            if not open_cells:
                continue  # every non-zero cell of this sum is hidden already
            parts = [c for c in open_cells if c != cells[0]] or open_cells
            chosen = min(parts, key=lambda c: int(values.at[c]))
            hidden.at[chosen] = True
            changed = True
    return hidden


def published(frame: pd.DataFrame, hidden: pd.DataFrame) -> pd.DataFrame:
    """The counts as published text: ``<5`` for small counts, ``x`` for complementary ones."""
    out = frame.copy()
    for column in hidden.columns:
        small = frame[column].astype(int).between(1, SMALL - 1)
        text = frame[column].astype(int).astype(str)
        out[column] = np.where(small, PRIMARY, np.where(hidden[column], SECONDARY, text))
    return out


def exposed_cells(frame: pd.DataFrame, hidden: pd.DataFrame, group: str,
                  columns: list[str]) -> list[tuple]:
    """Hidden cells a reader could pin down from the published ones: for each hidden cell,
    its smallest and largest value consistent with every sum, the published numbers and
    the marks (``<5``: 1-4; ``x``: at least 0). Returns the cells whose range holds a single
    whole number: those a reader can compute."""
    from scipy.optimize import linprog

    secret = [(i, c) for c in columns for i in frame.index if hidden.at[i, c]]
    if not secret:
        return []
    position = {cell: k for k, cell in enumerate(secret)}
    values = frame[columns].astype(int)
    rows, rhs = [], []
    for cells in equations(frame, group, columns):
        row = np.zeros(len(secret))
        known = 0
        for k, cell in enumerate(cells):
            sign = 1 if k == 0 else -1
            if cell in position:
                row[position[cell]] += sign
            else:
                known += sign * int(values.at[cell])
        if row.any():
            rows.append(row)
            rhs.append(-known)
    bounds = [(1, SMALL - 1) if 1 <= values.at[cell] < SMALL else (0, None) for cell in secret]
    exposed = []
    for k, cell in enumerate(secret):
        objective = np.zeros(len(secret))
        objective[k] = 1
        low = linprog(objective, A_eq=rows, b_eq=rhs, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=rows, b_eq=rhs, bounds=bounds, method="highs")
        if not (low.success and high.success):
            continue
        # counts are whole numbers: one whole number in range means it is known
        if np.floor(-high.fun + 1e-6) - np.ceil(low.fun - 1e-6) < 1:
            exposed.append((cell, low.fun, -high.fun))
    return exposed
