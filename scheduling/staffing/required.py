"""Staffing math: how many agents a forecast needs, and what service level a roster gives.

Pure Python and NumPy/SciPy, no Django, so it can be tested and benchmarked alone. Every public
function takes scalars or NumPy arrays (broadcast together) and works on whole arrays at once.
The queueing formulas (Erlang C and Erlang A, with their references) live in
``scheduling.staffing.queueing`` and are re-exported here.

Required agents: the least whole ``N`` with ``SL ≥ target`` and occupancy ``A/N ≤ cap``. The
search starts at the square-root staffing guess ``N ≈ A + β√A`` (Halfin & Whitt 1981, β solved
by a few Newton steps on ``C ≈ (1 + βΦ(β)/φ(β))^−1``), then gallops and bisects on whole numbers,
all intervals at once; the exact Erlang formula decides every step.

With abandonment (Erlang A) occupancy is the *handled* load over the agents,
``A(1 − P(abandon)) / N``: a caller who hangs up takes no agent time, so the cap is met below
``A / cap`` agents and, with short patience, fewer than ``A`` may be enough. Both conditions only
get easier as agents are added: the service level rises and occupancy falls (checked rather than
proved: against the birth–death chain, and over patience from 1/100 to 100 AHTs and 0.01 to
50,000 Erlangs, in ``tests/scheduling/test_staffing.py``). So the answer is the larger of two
least ``N``, found one after the other: first for the service level, from the floor
``target × A`` (``N`` agents answer at most ``N`` of ``A`` Erlangs) and the smaller of the
square-root and fluid guesses; then for occupancy, no fewer, walking down from ``A / cap``, which
always meets the cap.

Chat. An agent holds ``concurrency`` chats at once: each agent is that many servers, and AHT is
the handling time of a chat handled concurrently. Servers come from Erlang C and agents are
``ceil(servers / concurrency)``.

E-mail. No one waits on the line, so what matters is the workload: e-mail arriving in an interval
may be answered at any time within the response target, so its work (contacts × AHT) is spread
evenly over the ``k = max(1, floor(response / interval))`` intervals starting with its own. An
interval needs ``ceil(spread workload / (interval × occupancy cap))`` agents. The forecast is
treated as repeating (a typical week): e-mail arriving at its end is answered at its start, so no
work falls off the end; a single interval is the steady state (its own workload).

Shrinkage. Agents to schedule are ``ceil(agents / (1 − shrinkage))``, the ratio rounded to 9
decimals first so that floating-point dust does not add an agent (84 at 30 % is 120, not 121).
"""

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from scheduling.staffing.queueing import (
    average_speed_of_answer,
    checked,
    erlang_a_abandonment,
    erlang_a_handled_traffic,
    erlang_a_occupancy,
    erlang_a_service_level,
    erlang_a_waiting_probability,
    erlang_c,
    offered_traffic,
    service_level,
)
from scheduling.staffing.search import (
    DECIMALS,
    ceil_ignoring_dust,
    fewest_for_target,
    fluid_guess,
    least_for_occupancy,
    least_meeting,
    square_root_staffing_guess,
)

__all__ = [
    "Channel",
    "Staffing",
    "apply_shrinkage",
    "average_speed_of_answer",
    "email_load",
    "erlang_a_abandonment",
    "erlang_a_handled_traffic",
    "erlang_a_occupancy",
    "erlang_a_service_level",
    "erlang_a_waiting_probability",
    "erlang_c",
    "expected_service_level",
    "offered_traffic",
    "required_agents",
    "required_agents_chat",
    "required_agents_email",
    "required_agents_erlang_a",
    "service_level",
    "staffing_for_intervals",
]

Channel = Literal["voice", "chat", "email"]


# --- arguments -------------------------------------------------------------------------------


def _check_target(target_service_level: ArrayLike) -> NDArray[np.float64]:
    return checked(
        "target_service_level", target_service_level, low=0, low_open=True, high=1, high_open=True
    )


def _check_occupancy(max_occupancy: ArrayLike) -> NDArray[np.float64]:
    return checked("max_occupancy", max_occupancy, low=0, low_open=True, high=1)


def _whole(array: NDArray[np.float64]) -> NDArray[np.int64] | np.int64:
    return array.astype(np.int64)[()]


def _flat_arguments(
    contacts: ArrayLike,
    interval_seconds: ArrayLike,
    aht_seconds: ArrayLike,
    target: ArrayLike,
    answer_seconds: ArrayLike,
    max_occupancy: ArrayLike,
    *more: NDArray[np.float64],
) -> tuple[tuple[int, ...], list[NDArray[np.float64]]]:
    """A search's arguments checked, broadcast together and flattened, and their common shape.

    The arrays are traffic, AHT, target, answer and occupancy cap, then ``more`` (checked by the
    caller).
    """
    arrays = np.broadcast_arrays(
        offered_traffic(
            contacts=contacts, interval_seconds=interval_seconds, aht_seconds=aht_seconds
        ),
        np.asarray(aht_seconds, dtype=np.float64),
        _check_target(target),
        checked("answer_seconds", answer_seconds, low=0, high_open=True),
        _check_occupancy(max_occupancy),
        *more,
    )
    return arrays[0].shape, [a.ravel() for a in arrays]


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
    shape, (traffic, aht, target, answer, cap) = _flat_arguments(
        contacts, interval_seconds, aht_seconds, target_service_level, answer_seconds, max_occupancy
    )

    def meets(n: NDArray[np.int64], i: NDArray[np.intp]) -> NDArray[np.bool_]:
        level = service_level(
            agents=n, traffic=traffic[i], aht_seconds=aht[i], answer_seconds=answer[i]
        )
        return level >= target[i]

    stable = np.where(traffic > 0, np.floor(traffic) + 1, 0).astype(np.int64)
    low = np.maximum(stable, least_for_occupancy(traffic, cap))
    guess = square_root_staffing_guess(traffic, aht, target, answer)
    return least_meeting(meets, low, guess).reshape(shape)[()]


def apply_shrinkage(*, agents: ArrayLike, shrinkage: ArrayLike) -> NDArray[np.int64] | np.int64:
    """Agents to schedule so that ``agents`` remain after shrinkage: ``ceil(agents / (1 − s))``.

    The ratio is rounded to 9 decimals first, so 84 agents at 30 % give 120, not 121.
    """
    agents = checked("agents", agents, low=0, high_open=True)
    shrinkage = checked("shrinkage", shrinkage, low=0, high=1, high_open=True)
    return _whole(ceil_ignoring_dust(agents / (1 - shrinkage)))


# --- chat and e-mail -------------------------------------------------------------------------


def _check_concurrency(concurrency: ArrayLike) -> NDArray[np.float64]:
    concurrency = checked("concurrency", concurrency, low=1, high_open=True)
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
    return _whole(ceil_ignoring_dust(servers / concurrency))


def _response_window(response_seconds: ArrayLike, interval_seconds: float) -> int:
    response = checked("response_seconds", response_seconds, low=0, low_open=True, high_open=True)
    if response.ndim or np.ndim(interval_seconds):
        raise ValueError("response_seconds and interval_seconds must be single numbers for e-mail")
    return max(1, int(np.floor(np.round(response / interval_seconds, DECIMALS))))


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
    count: int = traffic.shape[-1]
    laps, rest = divmod(window, count)
    running = np.cumsum(np.concatenate([traffic, traffic], axis=-1), axis=-1)
    tail: NDArray[np.float64] = (
        running[..., count : 2 * count] - running[..., count - rest : 2 * count - rest]
    )
    total: NDArray[np.float64] = running[..., count - 1 : count]
    return (laps * total + tail) / window


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
    ).reshape(np.shape(contacts))
    return _whole(ceil_ignoring_dust(load / _check_occupancy(max_occupancy)))


# --- Erlang A --------------------------------------------------------------------------------


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
    """Least agents meeting the Erlang A service level (callers abandon) and the occupancy cap.

    Occupancy counts handled calls only (see the module docstring).
    """
    patience = checked("patience_seconds", patience_seconds, low=0, low_open=True, high_open=True)
    shape, (traffic, aht, target, answer, cap, patience) = _flat_arguments(
        contacts,
        interval_seconds,
        aht_seconds,
        target_service_level,
        answer_seconds,
        max_occupancy,
        patience,
    )

    def meets_target(n: NDArray[np.int64], i: NDArray[np.intp]) -> NDArray[np.bool_]:
        level = erlang_a_service_level(
            agents=n,
            traffic=traffic[i],
            aht_seconds=aht[i],
            answer_seconds=answer[i],
            patience_seconds=patience[i],
        )
        return level >= target[i]

    def meets_cap(n: NDArray[np.int64], i: NDArray[np.intp]) -> NDArray[np.bool_]:
        occupancy = erlang_a_occupancy(
            agents=n, traffic=traffic[i], aht_seconds=aht[i], patience_seconds=patience[i]
        )
        return occupancy <= cap[i]

    guess = np.minimum(
        square_root_staffing_guess(traffic, aht, target, answer),
        fluid_guess(traffic, target, answer, patience),
    )
    serving = least_meeting(meets_target, fewest_for_target(traffic, target), guess)
    capped = np.where(cap < 1, np.maximum(serving, least_for_occupancy(traffic, cap)), serving)
    return least_meeting(meets_cap, serving, capped).reshape(shape)[()]


# --- per-interval staffing of a program ------------------------------------------------------


@dataclass(frozen=True)
class Staffing:
    """Per interval: agents needed before shrinkage, agents to schedule, service level at need."""

    required: NDArray[np.int64] | np.int64
    to_schedule: NDArray[np.int64] | np.int64
    service_level: NDArray[np.float64]


def _voice_or_chat_level(
    *,
    servers: NDArray[np.float64],
    traffic: NDArray[np.float64],
    aht: NDArray[np.float64],
    answer_seconds: ArrayLike | None,
    patience_seconds: ArrayLike | None,
) -> NDArray[np.float64]:
    if answer_seconds is None:
        raise ValueError("answer_seconds is required for voice and chat")
    measures = {"agents": servers, "traffic": traffic, "aht_seconds": aht}
    if patience_seconds is None:
        return service_level(**measures, answer_seconds=answer_seconds)
    return erlang_a_service_level(
        **measures, answer_seconds=answer_seconds, patience_seconds=patience_seconds
    )


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
    booked = checked("booked_agents", booked_agents, low=0, high_open=True)
    shrinkage = checked("shrinkage", shrinkage, low=0, high=1, high_open=True)
    working = np.floor(np.round(booked * (1 - shrinkage), DECIMALS))
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


def _channel_concurrency(channel: str, concurrency: int) -> NDArray[np.float64] | np.float64:
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
        required = _whole(ceil_ignoring_dust(servers / per_agent))
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
