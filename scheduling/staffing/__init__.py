"""Staffing: how many agents a forecast needs, and the job that turns forecasts into slots.

The math is pure (NumPy/SciPy, no Django): `queueing` holds the Erlang C and Erlang A formulas,
`required` the agents each channel needs; both are tested and benchmarked alone, and their public
names are importable from here (`staffing.required_agents(...)`). `services` recomputes a
program's slots from its forecast as a job; `receivers` starts that job when a forecast is
published or a program's targets change.
"""

from scheduling.staffing.required import *  # noqa: F403
from scheduling.staffing.required import __all__  # noqa: F401
