"""Staffing math: how many agents a forecast needs, and what service level a roster gives.

Pure Python and NumPy/SciPy, no Django, so it can be tested and benchmarked alone. Every public
function takes scalars or NumPy arrays (broadcast together) and works on whole arrays at once.

Traffic. ``A = contacts × AHT / interval`` Erlangs: the average number of agents busy.

Erlang C (M/M/N, voice). With Poisson arrivals, exponential handling and no abandonment, the
probability that a contact waits is ``C(N, A) = B / (1 − ρ(1 − B))`` with ``ρ = A/N`` and Erlang B
``B(N, A) = (e^−A A^N / N!) / P(Poisson(A) ≤ N)``. Both parts come from SciPy in log space
(``gammaln`` for the Poisson term, the regularised upper incomplete gamma ``gammaincc(N+1, A)`` for
the Poisson CDF), so 50,000 Erlangs neither overflows nor loses precision; with ``N ≤ A`` the queue
grows without bound and ``C = 1``. Then, for an answer time ``t``:

- service level ``SL = 1 − C · exp(−(N − A) t / AHT)`` (0 when ``N ≤ A``),
- average speed of answer ``ASA = C · AHT / (N − A)`` (infinite when ``N ≤ A``).

Required agents: the least whole ``N`` with ``SL ≥ target`` and occupancy ``A/N ≤ cap``. The
search starts at the square-root staffing guess ``N ≈ A + β√A`` (Halfin & Whitt 1981, β solved
by a few Newton steps on ``C ≈ (1 + βΦ(β)/φ(β))^−1``), then gallops and bisects on whole numbers,
all intervals at once; the exact Erlang formula decides every step.

Chat. An agent holds ``concurrency`` chats at once: each agent is that many servers, and AHT is
the handling time of a chat handled concurrently. Servers come from Erlang C and agents are
``ceil(servers / concurrency)``.

E-mail. No one waits on the line, so what matters is the workload: e-mail arriving in an interval
may be answered at any time within the response target, so its work (contacts × AHT) is spread
evenly over the ``k = max(1, floor(response / interval))`` intervals starting with its own. An
interval needs ``ceil(spread workload / (interval × occupancy cap))`` agents. The forecast is
treated as repeating (a typical week): e-mail arriving at its end is answered at its start, so no
work falls off the end; a single interval is the steady state (its own workload).

Erlang A (M/M/N+M, Palm 1943; Garnett, Mandelbaum & Reiman 2002): callers abandon after an
exponential patience with mean ``P``. With ``λ`` arrivals per second, ``μ = 1/AHT``,
``θ = 1/P``, ``x = λ/θ`` and ``y = Nμ/θ``, the queue part of the birth–death chain sums to the
Kummer function ``S = M(1, y + 1, x) = Γ(y+1) e^x x^−y P(y, x)``, and

- P(wait) = ``B S / (1 + (S − 1) B)``,
- P(abandon) = ``P(wait) · (1 − (1 − 1/S) / ρ)``,
- service level = fraction of *all* arrivals answered within ``t`` (an abandoned caller counts as
  not answered, whenever they hang up): ``1 − P(wait) + P(wait) · (1 − 1/S) / ρ · (1 − e^Δ)``
  with ``Δ = x(1 − e^−θt) − (y + 1)θt + ln M(1, y+2, x e^−θt) − ln M(1, y+2, x)``.

The last comes from the density of the offered wait ``V`` over waiting callers,
``Nμ · exp(x(1 − e^−θv) − Nμ v)``, weighted by ``e^−θv`` (the caller is still there at ``v``) and
integrated to ``t``. Tests check all three against a brute-force truncated birth–death chain.
"""

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import gammainc, gammaincc, gammaln, ndtr, xlogy

Channel = Literal["voice", "chat", "email"]

# Rounds ratios such as 84 / 0.7 = 120.00000000000001 back to the whole number they stand for.
_DECIMALS = 9
# Below this the lower incomplete gamma loses its exponent; the Kummer series takes over.
_TINY = 1e-280
_UNKNOWN = np.iinfo(np.int64).max // 4
_NEWTON_STEPS = 8


# --- arguments -------------------------------------------------------------------------------


def _checked(
    name: str,
    value: ArrayLike,
    *,
    low: float = -np.inf,
    low_open: bool = False,
    high: float = np.inf,
    high_open: bool = False,
) -> NDArray[np.float64]:
    """`value` as a float array, or ValueError naming the argument and the allowed range."""
    array = np.asarray(value, dtype=np.float64)
    too_low = array <= low if low_open else array < low
    too_high = array >= high if high_open else array > high
    if np.isnan(array).any() or too_low.any() or too_high.any():
        bracket = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        bad = array[np.isnan(array) | too_low | too_high].flat[0]
        raise ValueError(f"{name} must be in {bracket}, got {bad:g}")
    return array


def _check_target(target_service_level: ArrayLike) -> NDArray[np.float64]:
    return _checked(
        "target_service_level", target_service_level, low=0, low_open=True, high=1, high_open=True
    )


def _check_occupancy(max_occupancy: ArrayLike) -> NDArray[np.float64]:
    return _checked("max_occupancy", max_occupancy, low=0, low_open=True, high=1)


def _whole(array: NDArray[np.float64]) -> NDArray[np.int64] | np.int64:
    return array.astype(np.int64)[()]


def _ceil(value: NDArray[np.float64]) -> NDArray[np.float64]:
    """Ceiling that ignores floating-point dust: 120.00000000000001 is 120."""
    return np.ceil(np.round(value, _DECIMALS))


def offered_traffic(
    *, contacts: ArrayLike, interval_seconds: ArrayLike, aht_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Traffic in Erlangs: contacts × AHT / interval length."""
    contacts = _checked("contacts", contacts, low=0, high=np.inf, high_open=True)
    interval = _checked("interval_seconds", interval_seconds, low=0, low_open=True, high_open=True)
    aht = _checked("aht_seconds", aht_seconds, low=0, low_open=True, high_open=True)
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
    agents = _checked("agents", agents, low=0)
    traffic = _checked("traffic", traffic, low=0, high_open=True)
    return _erlang_c(agents, traffic)[()]


def _service_level(agents, traffic, aht, answer) -> NDArray[np.float64]:
    spare = np.maximum(agents - traffic, 0)
    level = 1 - _erlang_c(agents, traffic) * np.exp(-spare * answer / aht)
    return np.where(traffic == 0, 1.0, np.where(agents > traffic, level, 0.0))


def service_level(
    *, agents: ArrayLike, traffic: ArrayLike, aht_seconds: ArrayLike, answer_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Erlang C fraction of contacts answered within ``answer_seconds``."""
    return _service_level(
        _checked("agents", agents, low=0),
        _checked("traffic", traffic, low=0, high_open=True),
        _checked("aht_seconds", aht_seconds, low=0, low_open=True),
        _checked("answer_seconds", answer_seconds, low=0),
    )[()]


def average_speed_of_answer(
    *, agents: ArrayLike, traffic: ArrayLike, aht_seconds: ArrayLike
) -> NDArray[np.float64]:
    """Erlang C mean wait in seconds over all contacts (infinite when ``agents <= traffic``)."""
    agents = _checked("agents", agents, low=0)
    traffic = _checked("traffic", traffic, low=0, high_open=True)
    aht = _checked("aht_seconds", aht_seconds, low=0, low_open=True)
    spare = np.where(agents > traffic, agents - traffic, 1.0)
    asa = _erlang_c(agents, traffic) * aht / spare
    return np.where(traffic == 0, 0.0, np.where(agents > traffic, asa, np.inf))[()]


# --- the whole-number search -----------------------------------------------------------------


def _least_meeting(meets, low: NDArray[np.int64], guess: NDArray[np.int64]) -> NDArray[np.int64]:
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


def _square_root_staffing_guess(traffic, aht, target, answer) -> NDArray[np.int64]:
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


def _least_for_occupancy(traffic, max_occupancy) -> NDArray[np.int64]:
    return _ceil(traffic / max_occupancy).astype(np.int64)


def _required_servers(traffic, aht, target, answer, max_occupancy) -> NDArray[np.int64]:
    traffic, aht, target, answer, max_occupancy = (
        a.ravel() for a in np.broadcast_arrays(traffic, aht, target, answer, max_occupancy)
    )
    stable = np.where(traffic > 0, np.floor(traffic) + 1, 0).astype(np.int64)
    low = np.maximum(stable, _least_for_occupancy(traffic, max_occupancy))
    guess = _square_root_staffing_guess(traffic, aht, target, answer)

    def meets(n, i):
        return _service_level(n.astype(np.float64), traffic[i], aht[i], answer[i]) >= target[i]

    return _least_meeting(meets, low, guess)


def required_agents(
    *,
    contacts: ArrayLike,
    interval_seconds: ArrayLike,
    aht_seconds: ArrayLike,
    target_service_level: ArrayLike,
    answer_seconds: ArrayLike,
    max_occupancy: ArrayLike = 1.0,
) -> NDArray[np.int64] | np.int64:
    """Least agents (before shrinkage) meeting the Erlang C service level and occupancy cap."""
    traffic = offered_traffic(
        contacts=contacts, interval_seconds=interval_seconds, aht_seconds=aht_seconds
    )
    aht = np.asarray(aht_seconds, dtype=np.float64)
    target = _check_target(target_service_level)
    answer = _checked("answer_seconds", answer_seconds, low=0, high_open=True)
    cap = _check_occupancy(max_occupancy)
    shape = np.broadcast_shapes(traffic.shape, target.shape, answer.shape, cap.shape)
    return _required_servers(traffic, aht, target, answer, cap).reshape(shape)[()]


def apply_shrinkage(*, agents: ArrayLike, shrinkage: ArrayLike) -> NDArray[np.int64] | np.int64:
    """Agents to schedule so that ``agents`` remain after shrinkage: ``ceil(agents / (1 − s))``.

    The ratio is rounded to 9 decimals first, so 84 agents at 30 % give 120, not 121.
    """
    agents = _checked("agents", agents, low=0, high_open=True)
    shrinkage = _checked("shrinkage", shrinkage, low=0, high=1, high_open=True)
    return _whole(_ceil(agents / (1 - shrinkage)))


# --- chat and e-mail -------------------------------------------------------------------------


def _check_concurrency(concurrency: ArrayLike) -> NDArray[np.float64]:
    concurrency = _checked("concurrency", concurrency, low=1, high_open=True)
    if (concurrency != np.floor(concurrency)).any():
        raise ValueError("concurrency must be a whole number of contacts per agent")
    return concurrency


def required_agents_chat(
    *,
    contacts: ArrayLike,
    interval_seconds: ArrayLike,
    aht_seconds: ArrayLike,
    target_service_level: ArrayLike,
    answer_seconds: ArrayLike,
    concurrency: ArrayLike,
    max_occupancy: ArrayLike = 1.0,
) -> NDArray[np.int64] | np.int64:
    """Agents for chat: Erlang C servers (AHT of a concurrent chat) / concurrency, rounded up."""
    concurrency = _check_concurrency(concurrency)
    servers = required_agents(
        contacts=contacts,
        interval_seconds=interval_seconds,
        aht_seconds=aht_seconds,
        target_service_level=target_service_level,
        answer_seconds=answer_seconds,
        max_occupancy=max_occupancy,
    )
    return _whole(_ceil(servers / concurrency))


def _response_window(response_seconds: ArrayLike, interval_seconds: ArrayLike) -> int:
    response = _checked("response_seconds", response_seconds, low=0, low_open=True, high_open=True)
    if response.ndim or np.ndim(interval_seconds):
        raise ValueError("response_seconds and interval_seconds must be single numbers for e-mail")
    return max(1, int(np.floor(np.round(response / interval_seconds, _DECIMALS))))


def email_load(
    *,
    contacts: ArrayLike,
    interval_seconds: float,
    aht_seconds: ArrayLike,
    response_seconds: float,
) -> NDArray[np.float64]:
    """Erlangs of e-mail work per interval once spread over the response window.

    The last axis is consecutive intervals of a repeating period (see the module docstring).
    """
    traffic = np.atleast_1d(
        offered_traffic(
            contacts=contacts, interval_seconds=interval_seconds, aht_seconds=aht_seconds
        )
    )
    window = _response_window(response_seconds, interval_seconds)
    count = traffic.shape[-1]
    laps, rest = divmod(window, count)
    running = np.cumsum(np.concatenate([traffic, traffic], axis=-1), axis=-1)
    tail = running[..., count : 2 * count] - running[..., count - rest : 2 * count - rest]
    total = running[..., count - 1 : count]
    return ((laps * total + tail) / window).reshape(np.shape(traffic))


def required_agents_email(
    *,
    contacts: ArrayLike,
    interval_seconds: float,
    aht_seconds: ArrayLike,
    response_seconds: float,
    max_occupancy: ArrayLike = 1.0,
) -> NDArray[np.int64] | np.int64:
    """Agents for e-mail: the workload spread over the response window, at the occupancy cap."""
    load = email_load(
        contacts=contacts,
        interval_seconds=interval_seconds,
        aht_seconds=aht_seconds,
        response_seconds=response_seconds,
    )
    agents = _whole(_ceil(load / _check_occupancy(max_occupancy)))
    return agents.reshape(np.shape(contacts))[()] if np.ndim(contacts) == 0 else agents


# --- Erlang A --------------------------------------------------------------------------------


def _log_kummer(a: NDArray[np.float64], z: NDArray[np.float64]) -> NDArray[np.float64]:
    """``ln M(1, a + 1, z) = ln Σ z^n / ((a+1)(a+2)…(a+n))`` for ``a > 0``, ``z >= 0``."""
    shape = np.broadcast_shapes(np.shape(a), np.shape(z))
    a, z = (np.broadcast_to(v, shape).ravel() for v in (a, z))
    lower = gammainc(a, z)
    with np.errstate(divide="ignore"):
        result = np.log(lower) - (xlogy(a, z) - z - gammaln(a + 1))
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


def _erlang_a(agents, traffic, aht, patience) -> _ErlangA:
    agents, traffic, aht, patience = np.broadcast_arrays(agents, traffic, aht, patience)
    staffed = (agents > 0) & (traffic > 0)
    n = np.where(staffed, agents, 1.0)
    load = np.where(staffed, traffic, 1.0)
    x = load * patience / aht
    y = n * patience / aht
    log_s = _log_kummer(y, x)
    log_queue = xlogy(n, load) - load - gammaln(n + 1) + log_s  # ln(P(Poisson = N) · S)
    with np.errstate(divide="ignore"):
        log_below = np.log(gammaincc(n, load))  # ln P(Poisson <= N − 1)
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


def _erlang_a_checked(agents, traffic, aht_seconds, patience_seconds) -> _ErlangA:
    return _erlang_a(
        _checked("agents", agents, low=0, high_open=True),
        _checked("traffic", traffic, low=0, high_open=True),
        _checked("aht_seconds", aht_seconds, low=0, low_open=True, high_open=True),
        _checked("patience_seconds", patience_seconds, low=0, low_open=True, high_open=True),
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


def _erlang_a_service_level(model: _ErlangA, answer) -> NDArray[np.float64]:
    rate = answer / model.patience  # θt
    x, y = model.x, model.y
    log_kummer_x = np.log(np.expm1(model.log_s)) - np.log(x) + np.log(y + 1)  # M(1, y+2, x)
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
    answer = _checked("answer_seconds", answer_seconds, low=0, high_open=True)
    model = _erlang_a_checked(
        agents,
        traffic,
        aht_seconds,
        np.broadcast_to(
            patience_seconds, np.broadcast_shapes(np.shape(patience_seconds), answer.shape)
        ),
    )
    return _erlang_a_service_level(model, answer)[()]


def required_agents_erlang_a(
    *,
    contacts: ArrayLike,
    interval_seconds: ArrayLike,
    aht_seconds: ArrayLike,
    target_service_level: ArrayLike,
    answer_seconds: ArrayLike,
    patience_seconds: ArrayLike,
    max_occupancy: ArrayLike = 1.0,
) -> NDArray[np.int64] | np.int64:
    """Least agents meeting the Erlang A service level (callers abandon) and occupancy cap."""
    traffic = offered_traffic(
        contacts=contacts, interval_seconds=interval_seconds, aht_seconds=aht_seconds
    )
    arrays = np.broadcast_arrays(
        traffic,
        np.asarray(aht_seconds, dtype=np.float64),
        _check_target(target_service_level),
        _checked("answer_seconds", answer_seconds, low=0, high_open=True),
        _checked("patience_seconds", patience_seconds, low=0, low_open=True, high_open=True),
        _check_occupancy(max_occupancy),
    )
    shape = arrays[0].shape
    traffic, aht, target, answer, patience, cap = (a.ravel() for a in arrays)

    def meets(n, i):
        model = _erlang_a(n.astype(np.float64), traffic[i], aht[i], patience[i])
        return _erlang_a_service_level(model, answer[i]) >= target[i]

    guess = _square_root_staffing_guess(traffic, aht, target, answer)
    return _least_meeting(meets, _least_for_occupancy(traffic, cap), guess).reshape(shape)[()]


# --- per-interval staffing of a program ------------------------------------------------------


@dataclass(frozen=True)
class Staffing:
    """Per interval: agents needed before shrinkage, agents to schedule, service level at need."""

    required: NDArray[np.int64]
    to_schedule: NDArray[np.int64]
    service_level: NDArray[np.float64]


def _voice_or_chat_level(
    *, servers, traffic, aht, answer_seconds, patience_seconds
) -> NDArray[np.float64]:
    if answer_seconds is None:
        raise ValueError("answer_seconds is required for voice and chat")
    answer = _checked("answer_seconds", answer_seconds, low=0, high_open=True)
    if patience_seconds is None:
        return _service_level(servers, traffic, aht, answer)
    model = _erlang_a_checked(servers, traffic, aht, patience_seconds)
    return _erlang_a_service_level(model, np.broadcast_to(answer, model.x.shape))


def expected_service_level(
    *,
    channel: Channel,
    booked_agents: ArrayLike,
    contacts: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: float,
    answer_seconds: ArrayLike | None = None,
    concurrency: int = 1,
    max_occupancy: ArrayLike = 1.0,
    shrinkage: ArrayLike = 0.0,
    response_seconds: float | None = None,
    patience_seconds: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """Service level the booked agents give, per interval (coverage).

    Shrinkage takes its share of the booked agents first (whole agents remain). Voice and chat:
    the fraction answered within ``answer_seconds`` (Erlang A when ``patience_seconds`` is
    given). E-mail: the fraction of the spread workload the remaining agents clear at the
    occupancy cap.
    """
    booked = _checked("booked_agents", booked_agents, low=0, high_open=True)
    shrinkage = _checked("shrinkage", shrinkage, low=0, high=1, high_open=True)
    working = np.floor(np.round(booked * (1 - shrinkage), _DECIMALS))
    if channel == "email":
        if response_seconds is None:
            raise ValueError("response_seconds is required for e-mail")
        load = email_load(
            contacts=contacts,
            interval_seconds=interval_seconds,
            aht_seconds=aht_seconds,
            response_seconds=response_seconds,
        ).reshape(np.shape(contacts))
        capacity = working * _check_occupancy(max_occupancy)
        return np.where(load > 0, np.minimum(1.0, capacity / np.where(load > 0, load, 1)), 1.0)[()]
    traffic = offered_traffic(
        contacts=contacts, interval_seconds=interval_seconds, aht_seconds=aht_seconds
    )
    return _voice_or_chat_level(
        servers=working * _channel_concurrency(channel, concurrency),
        traffic=traffic,
        aht=np.asarray(aht_seconds, dtype=np.float64),
        answer_seconds=answer_seconds,
        patience_seconds=patience_seconds,
    )[()]


def _channel_concurrency(channel: str, concurrency: int) -> NDArray[np.float64]:
    if channel == "voice":
        return np.float64(1)
    if channel == "chat":
        return _check_concurrency(concurrency)
    raise ValueError(f"channel must be 'voice', 'chat' or 'email', got {channel!r}")


def staffing_for_intervals(
    *,
    channel: Channel,
    contacts: ArrayLike,
    aht_seconds: ArrayLike,
    interval_seconds: float,
    target_service_level: float | None = None,
    answer_seconds: float | None = None,
    concurrency: int = 1,
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
    response_seconds: float | None = None,
    patience_seconds: float | None = None,
) -> Staffing:
    """A program's staffing per interval: required, to schedule, and the service level at need.

    Voice uses Erlang C, or Erlang A when ``patience_seconds`` is given; chat uses Erlang C per
    concurrent chat; e-mail the spread workload (its service level is the workload cleared).
    """
    if channel == "email":
        if response_seconds is None:
            raise ValueError("response_seconds is required for e-mail")
        required = required_agents_email(
            contacts=contacts,
            interval_seconds=interval_seconds,
            aht_seconds=aht_seconds,
            response_seconds=response_seconds,
            max_occupancy=max_occupancy,
        )
    else:
        per_agent = _channel_concurrency(channel, concurrency)
        if target_service_level is None or answer_seconds is None:
            raise ValueError(
                "target_service_level and answer_seconds are required for voice and chat"
            )
        common = {
            "contacts": contacts,
            "interval_seconds": interval_seconds,
            "aht_seconds": aht_seconds,
            "target_service_level": target_service_level,
            "answer_seconds": answer_seconds,
            "max_occupancy": max_occupancy,
        }
        if patience_seconds is None:
            servers = required_agents(**common)
        else:
            servers = required_agents_erlang_a(**common, patience_seconds=patience_seconds)
        required = _whole(_ceil(servers / per_agent))
    level = expected_service_level(
        channel=channel,
        booked_agents=required,
        contacts=contacts,
        aht_seconds=aht_seconds,
        interval_seconds=interval_seconds,
        answer_seconds=answer_seconds,
        concurrency=concurrency,
        max_occupancy=max_occupancy,
        response_seconds=response_seconds,
        patience_seconds=patience_seconds,
    )
    return Staffing(
        required=required,
        to_schedule=apply_shrinkage(agents=required, shrinkage=shrinkage),
        service_level=level,
    )
