"""Queueing formulas behind staffing: Erlang C (M/M/N) and Erlang A (M/M/N+M).

Pure Python and NumPy/SciPy, no Django. Every function takes scalars or NumPy arrays (broadcast
together) and works on whole arrays at once; ``scheduling.staffing`` turns them into requirements.

Traffic. ``A = contacts × AHT / interval`` Erlangs: the average number of agents busy.

Erlang C (M/M/N, voice). With Poisson arrivals, exponential handling and no abandonment, the
probability that a contact waits is ``C(N, A) = B / (1 − ρ(1 − B))`` with ``ρ = A/N`` and Erlang B
``B(N, A) = (e^−A A^N / N!) / P(Poisson(A) ≤ N)``. Both parts come from SciPy in log space
(``gammaln`` for the Poisson term, the regularised upper incomplete gamma ``gammaincc(N+1, A)`` for
the Poisson CDF), so 50,000 Erlangs neither overflows nor loses precision; with ``N ≤ A`` the queue
grows without bound and ``C = 1``. Then, for an answer time ``t``:

- service level ``SL = 1 − C · exp(−(N − A) t / AHT)`` (0 when ``N ≤ A``),
- average speed of answer ``ASA = C · AHT / (N − A)`` (infinite when ``N ≤ A``).

Erlang A (M/M/N+M, Palm 1943; Garnett, Mandelbaum & Reiman 2002): callers abandon after an
exponential patience with mean ``P``. With ``λ`` arrivals per second, ``μ = 1/AHT``,
``θ = 1/P``, ``x = λ/θ`` and ``y = Nμ/θ``, the queue part of the birth–death chain sums to the
Kummer function ``S = M(1, y + 1, x) = Γ(y+1) e^x x^−y P(y, x)``, and

- P(wait) = ``B S / (1 + (S − 1) B)``,
- P(abandon) = ``P(wait) · (1 − (1 − 1/S) / ρ)``,
- handled traffic (mean busy agents) = ``A · (1 − P(abandon))`` and occupancy = that over ``N``:
  a caller who hangs up takes no agent time,
- service level = fraction of *all* arrivals answered within ``t`` (an abandoned caller counts as
  not answered, whenever they hang up): ``1 − P(wait) + P(wait) · (1 − 1/S) / ρ · (1 − e^Δ)``
  with ``Δ = x(1 − e^−θt) − (y + 1)θt + ln M(1, y+2, x e^−θt) − ln M(1, y+2, x)``.

The last comes from the density of the offered wait ``V`` over waiting callers,
``Nμ · exp(x(1 − e^−θv) − Nμ v)``, weighted by ``e^−θv`` (the caller is still there at ``v``) and
integrated to ``t``. Tests check all three against a brute-force truncated birth–death chain.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import gammainc, gammaincc, gammaln, xlogy

# Below this an incomplete gamma loses its exponent (it underflows to subnormals, then 0); a
# series in log space takes over.
_TINY = 1e-280


# --- arguments -------------------------------------------------------------------------------


def checked(
    name: str,
    value: ArrayLike,
    *,
    low: float = -np.inf,
    low_open: bool = False,
    high: float = np.inf,
    high_open: bool = False,
) -> NDArray[np.float64]:
    """`value` as a float array, or ValueError naming the argument and the allowed range.

    Shared with ``scheduling.staffing`` so every argument is refused the same way.
    """
    array = np.asarray(value, dtype=np.float64)
    too_low = array <= low if low_open else array < low
    too_high = array >= high if high_open else array > high
    if np.isnan(array).any() or too_low.any() or too_high.any():
        bracket = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        bad = array[np.isnan(array) | too_low | too_high].flat[0]
        raise ValueError(f"{name} must be in {bracket}, got {bad:g}")
    return array


def offered_traffic(
    *, contacts: ArrayLike, interval_seconds: ArrayLike, aht_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Traffic in Erlangs: contacts × AHT / interval length."""
    contacts = checked("contacts", contacts, low=0, high_open=True)
    interval = checked("interval_seconds", interval_seconds, low=0, low_open=True, high_open=True)
    aht = checked("aht_seconds", aht_seconds, low=0, low_open=True, high_open=True)
    return contacts * aht / interval


# --- Erlang C --------------------------------------------------------------------------------


def _erlang_c(agents: NDArray[np.float64], traffic: NDArray[np.float64]) -> NDArray[np.float64]:
    stable = agents > traffic
    servers = np.where(stable, agents, traffic + 1)  # placeholders keep the unstable side finite
    load = np.where(traffic > 0, traffic, 1.0)
    log_b = (
        xlogy(servers, load) - load - gammaln(servers + 1) - np.log(gammaincc(servers + 1, load))
    )
    blocking = np.exp(log_b)
    waiting = blocking / (1 - load / servers * (1 - blocking))
    return np.where(traffic == 0, 0.0, np.where(stable, waiting, 1.0))


def erlang_c(*, agents: ArrayLike, traffic: ArrayLike) -> NDArray[np.float64]:
    """Probability that a contact waits (0 without traffic, 1 when ``agents <= traffic``)."""
    agents = checked("agents", agents, low=0)
    traffic = checked("traffic", traffic, low=0, high_open=True)
    return _erlang_c(agents, traffic)[()]


def _service_level(
    agents: NDArray[np.float64],
    traffic: NDArray[np.float64],
    aht: NDArray[np.float64],
    answer: NDArray[np.float64],
) -> NDArray[np.float64]:
    spare = np.maximum(agents - traffic, 0)
    level = 1 - _erlang_c(agents, traffic) * np.exp(-spare * answer / aht)
    return np.where(traffic == 0, 1.0, np.where(agents > traffic, level, 0.0))


def service_level(
    *, agents: ArrayLike, traffic: ArrayLike, aht_seconds: ArrayLike, answer_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Erlang C fraction of contacts answered within ``answer_seconds``."""
    return _service_level(
        checked("agents", agents, low=0),
        checked("traffic", traffic, low=0, high_open=True),
        checked("aht_seconds", aht_seconds, low=0, low_open=True),
        checked("answer_seconds", answer_seconds, low=0),
    )[()]


def average_speed_of_answer(
    *, agents: ArrayLike, traffic: ArrayLike, aht_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Erlang C mean wait in seconds over all contacts (infinite when ``agents <= traffic``)."""
    agents = checked("agents", agents, low=0)
    traffic = checked("traffic", traffic, low=0, high_open=True)
    aht = checked("aht_seconds", aht_seconds, low=0, low_open=True)
    spare = np.where(agents > traffic, agents - traffic, 1.0)
    asa = _erlang_c(agents, traffic) * aht / spare
    return np.where(traffic == 0, 0.0, np.where(agents > traffic, asa, np.inf))[()]


# --- Erlang A --------------------------------------------------------------------------------


def _log_kummer(a: NDArray[np.float64], z: NDArray[np.float64]) -> NDArray[np.float64]:
    """``ln M(1, a + 1, z) = ln Σ z^n / ((a+1)(a+2)…(a+n))`` for ``a > 0``, ``z >= 0``."""
    shape = np.broadcast_shapes(np.shape(a), np.shape(z))
    a, z = (np.broadcast_to(v, shape).ravel() for v in (a, z))
    lower = gammainc(a, z)
    with np.errstate(divide="ignore", invalid="ignore"):  # z = 0: the series below takes over
        result: NDArray[np.float64] = np.log(lower) - (xlogy(a, z) - z - gammaln(a + 1))
    far = lower < _TINY  # z far below a: the series converges fast there
    if far.any():
        result[far] = _log_kummer_series(a[far], z[far])
    return result.reshape(shape)


def _log_kummer_series(a: NDArray[np.float64], z: NDArray[np.float64]) -> NDArray[np.float64]:
    total = np.ones_like(a)
    term = np.ones_like(a)
    n = 0
    while (term > np.finfo(np.float64).eps * total).any():
        n += 1
        term = term * z / (a + n)
        total += term
    return np.log(total)


def _log_poisson_cdf(k: NDArray[np.float64], load: NDArray[np.float64]) -> NDArray[np.float64]:
    """``ln P(Poisson(load) <= k)`` for whole ``k >= 0``, ``load > 0``, also far in the left tail.

    With many more callers than agents the probability underflows long before its logarithm
    does (``k = 8``, ``load = 762.6``: about e^−720), and the Erlang A chain weighs it against a
    queue term of the same size.
    """
    shape = np.broadcast_shapes(np.shape(k), np.shape(load))
    k, load = (np.broadcast_to(v, shape).ravel() for v in (k, load))
    upper = gammaincc(k + 1, load)
    with np.errstate(divide="ignore"):
        result: NDArray[np.float64] = np.log(upper)
    far = upper < _TINY  # k far below load: the series converges fast there
    if far.any():
        result[far] = _log_poisson_cdf_series(k[far], load[far])
    return result.reshape(shape)


def _log_poisson_cdf_series(
    k: NDArray[np.float64], load: NDArray[np.float64]
) -> NDArray[np.float64]:
    """``ln P(Poisson(load) = k) + ln Σ_j k!/(k−j)! load^−j``: the CDF from its last term down."""
    total = np.ones_like(k)
    term = np.ones_like(k)
    j = 0
    while (term > np.finfo(np.float64).eps * total).any():
        j += 1
        term = term * np.maximum(k + 1 - j, 0) / load
        total += term
    series: NDArray[np.float64] = xlogy(k, load) - load - gammaln(k + 1) + np.log(total)
    return series


@dataclass(frozen=True)
class _ErlangA:
    """The M/M/N+M quantities every Erlang A measure is built from (see the module docstring).

    Intervals without traffic or without agents are ``staffed = False`` and carry placeholder
    values (1 agent, 1 Erlang) so the formulas stay finite; callers overwrite them.
    """

    staffed: NDArray[np.bool_]
    waiting: NDArray[np.float64]  # P(wait)
    served_share: NDArray[np.float64]  # (1 − 1/S) / ρ: share of waiting callers served
    log_s: NDArray[np.float64]
    x: NDArray[np.float64]  # λ/θ
    y: NDArray[np.float64]  # Nμ/θ
    patience: NDArray[np.float64]


def _erlang_a(
    agents: NDArray[np.float64],
    traffic: NDArray[np.float64],
    aht: NDArray[np.float64],
    patience: NDArray[np.float64],
) -> _ErlangA:
    agents, traffic, aht, patience = np.broadcast_arrays(agents, traffic, aht, patience)
    staffed = (agents > 0) & (traffic > 0)
    n = np.where(staffed, agents, 1.0)
    load = np.where(staffed, traffic, 1.0)
    x = load * patience / aht
    y = n * patience / aht
    log_s = _log_kummer(y, x)
    log_queue = xlogy(n, load) - load - gammaln(n + 1) + log_s  # ln(P(Poisson = N) · S)
    log_below = _log_poisson_cdf(n - 1, load)  # ln P(Poisson <= N − 1)
    waiting = np.exp(log_queue - np.logaddexp(log_below, log_queue))
    served_share = -np.expm1(-log_s) * n / load
    return _ErlangA(
        staffed=staffed,
        waiting=np.where(staffed, waiting, np.where(traffic > 0, 1.0, 0.0)),
        served_share=np.where(staffed, served_share, 0.0),
        log_s=log_s,
        x=x,
        y=y,
        patience=patience,
    )


def _erlang_a_checked(
    agents: ArrayLike, traffic: ArrayLike, aht_seconds: ArrayLike, patience_seconds: ArrayLike
) -> _ErlangA:
    return _erlang_a(
        checked("agents", agents, low=0, high_open=True),
        checked("traffic", traffic, low=0, high_open=True),
        checked("aht_seconds", aht_seconds, low=0, low_open=True, high_open=True),
        checked("patience_seconds", patience_seconds, low=0, low_open=True, high_open=True),
    )


def erlang_a_waiting_probability(
    *, agents: ArrayLike, traffic: ArrayLike, aht_seconds: ArrayLike, patience_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Erlang A probability that a caller waits (finds every agent busy)."""
    return _erlang_a_checked(agents, traffic, aht_seconds, patience_seconds).waiting[()]


def erlang_a_abandonment(
    *, agents: ArrayLike, traffic: ArrayLike, aht_seconds: ArrayLike, patience_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Erlang A probability that a caller hangs up before being answered."""
    model = _erlang_a_checked(agents, traffic, aht_seconds, patience_seconds)
    return (model.waiting * (1 - model.served_share))[()]


def erlang_a_handled_traffic(
    *, agents: ArrayLike, traffic: ArrayLike, aht_seconds: ArrayLike, patience_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Erlang A handled traffic: the mean number of busy agents, ``A · (1 − P(abandon))``.

    Little's law (Little 1961) applied to the agents: callers are answered at
    ``λ(1 − P(abandon))`` and each holds an agent for AHT on average; a caller who hangs up takes
    no agent time. Never above ``agents`` (the bound removes rounding when all are always busy).
    """
    model = _erlang_a_checked(agents, traffic, aht_seconds, patience_seconds)
    answered = 1 - model.waiting * (1 - model.served_share)
    return np.minimum(np.asarray(traffic, dtype=np.float64) * answered, agents)[()]


def erlang_a_occupancy(
    *, agents: ArrayLike, traffic: ArrayLike, aht_seconds: ArrayLike, patience_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Erlang A occupancy: the share of agent time spent handling, handled traffic / agents.

    Below the offered ``A / N`` since abandoned callers take no agent time; 0 without agents.
    Falls as agents are added (checked numerically, see ``scheduling.staffing``).
    """
    handled = erlang_a_handled_traffic(
        agents=agents, traffic=traffic, aht_seconds=aht_seconds, patience_seconds=patience_seconds
    )
    agents = np.asarray(agents, dtype=np.float64)
    return np.where(agents > 0, handled / np.where(agents > 0, agents, 1), 0.0)[()]


def _erlang_a_service_level(model: _ErlangA, answer: NDArray[np.float64]) -> NDArray[np.float64]:
    rate = answer / model.patience  # θt
    x, y = model.x, model.y
    log_s_less_one = model.log_s + np.log(-np.expm1(-model.log_s))  # ln(S − 1), S may overflow
    log_kummer_x = log_s_less_one - np.log(x) + np.log(y + 1)  # M(1, y+2, x)
    gap = -x * np.expm1(-rate) - (y + 1) * rate + _log_kummer(y + 1, x * np.exp(-rate))
    answered = model.waiting * model.served_share * -np.expm1(np.minimum(gap - log_kummer_x, 0))
    level = 1 - model.waiting + answered
    return np.where(model.staffed, level, np.where(model.waiting == 0, 1.0, 0.0))


def erlang_a_service_level(
    *,
    agents: ArrayLike,
    traffic: ArrayLike,
    aht_seconds: ArrayLike,
    answer_seconds: ArrayLike,
    patience_seconds: ArrayLike,
) -> NDArray[np.float64]:
    """Erlang A fraction of *all* callers answered within ``answer_seconds``.

    A caller who abandons counts as not answered, whether they hung up before or after
    ``answer_seconds``; without traffic the service level is 1.
    """
    answer = checked("answer_seconds", answer_seconds, low=0, high_open=True)
    model = _erlang_a_checked(agents, traffic, aht_seconds, patience_seconds)
    return _erlang_a_service_level(model, answer)[()]
