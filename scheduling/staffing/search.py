"""The whole-number search behind every required-agents answer: the least ``N`` meeting a
monotone condition, for whole arrays of intervals at once, and the guesses it starts from.

Pure NumPy/SciPy, no Django (checked strictly by mypy, as all of the staffing math).
"""

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr

# Rounds ratios such as 84 / 0.7 = 120.00000000000001 back to the whole number they stand for.
DECIMALS = 9
_UNKNOWN = np.iinfo(np.int64).max // 4
_NEWTON_STEPS = 8


def ceil_ignoring_dust(value: NDArray[np.float64] | np.float64) -> NDArray[np.float64]:
    """Ceiling that ignores floating-point dust: 120.00000000000001 is 120."""
    return np.ceil(np.round(value, DECIMALS))


def least_meeting(
    meets: Callable[[NDArray[np.int64], NDArray[np.intp]], NDArray[np.bool_]],
    low: NDArray[np.int64],
    guess: NDArray[np.int64],
) -> NDArray[np.int64]:
    """Per element, the least whole ``n >= low`` with ``meets(n, index)``, which is monotone in n.

    Probes the guess, gallops away from it (steps 1, 2, 4, …) until the answer is bracketed,
    then bisects. Each step evaluates only the elements still open, all at once.
    """
    index = np.arange(low.size)
    probe = np.maximum(guess, low)
    ok = meets(probe, index)
    good = np.where(ok, probe, _UNKNOWN)
    bad = np.where(ok, low - 1, probe)
    direction = np.where(ok, -1, 1)
    step = np.ones_like(low)
    while (index := index[good[index] - bad[index] > 1]).size:
        g, b, s, d = good[index], bad[index], step[index], direction[index]
        probe = np.where(d > 0, b + s, np.where(d < 0, g - s, b + (g - b) // 2))
        probe = np.clip(probe, b + 1, g - 1)
        ok = meets(probe, index)
        good[index] = np.where(ok, probe, g)
        bad[index] = np.where(ok, b, probe)
        direction[index] = np.where((d > 0) & ok | (d < 0) & ~ok, 0, d)
        step[index] = 2 * s
    return good


def square_root_staffing_guess(
    traffic: NDArray[np.float64],
    aht: NDArray[np.float64],
    target: NDArray[np.float64],
    answer: NDArray[np.float64],
) -> NDArray[np.int64]:
    """``A + β√A`` with β from the Halfin–Whitt approximation of Erlang C's service level."""
    root = np.sqrt(traffic)
    decay = root * answer / aht
    goal = -np.log1p(-target)  # solve ln(1 + βΦ/φ) + β·decay = −ln(1 − SL)
    beta = np.zeros_like(traffic)
    for _ in range(_NEWTON_STEPS):
        mills = ndtr(beta) * np.sqrt(2 * np.pi) * np.exp(beta**2 / 2)  # Φ(β)/φ(β)
        gain = beta * mills
        slope = (mills * (1 + beta**2) + beta) / (1 + gain) + decay
        beta = np.clip(beta - (np.log1p(gain) + beta * decay - goal) / slope, 0, 8)
    return np.ceil(traffic + beta * root).astype(np.int64)


def least_for_occupancy(
    traffic: NDArray[np.float64], max_occupancy: NDArray[np.float64]
) -> NDArray[np.int64]:
    return ceil_ignoring_dust(traffic / max_occupancy).astype(np.int64)


def fewest_for_target(
    traffic: NDArray[np.float64], target: NDArray[np.float64]
) -> NDArray[np.int64]:
    """A floor for Erlang A: ``N`` agents answer at most ``N`` of ``A`` Erlangs, so ``SL ≤ N/A``."""
    return np.floor(target * traffic).astype(np.int64)


def fluid_guess(
    traffic: NDArray[np.float64],
    target: NDArray[np.float64],
    answer: NDArray[np.float64],
    patience: NDArray[np.float64],
) -> NDArray[np.int64]:
    """Erlang A's fluid limit (Whitt 2006): ``A · max(target, e^(−answer / patience))``.

    With ``N < A`` agents the answered ``N/A`` of callers all wait about ``patience · ln(A/N)``,
    so the target needs ``N/A ≥ target`` and that wait within the answer time. Short patience
    puts the answer near it, far below the square-root guess.
    """
    return np.ceil(traffic * np.maximum(target, np.exp(-answer / patience))).astype(np.int64)
