"""Calibration: fitting behaviour to the actuals (:mod:`.fit`), back-testing the fit
(:mod:`.backtest`) and writing it as parameters (:mod:`.files`). It sits above the engine
and intake, and below reporting."""
