"""Staffing math: textbook Erlang C, exact small cases, stability at scale, the channels."""

import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from scheduling.staffing.required import (
    apply_shrinkage,
    average_speed_of_answer,
    erlang_a_abandonment,
    erlang_a_handled_traffic,
    erlang_a_occupancy,
    erlang_a_service_level,
    erlang_a_waiting_probability,
    erlang_c,
    expected_service_level,
    required_agents,
    required_agents_chat,
    required_agents_email,
    required_agents_erlang_a,
    service_level,
    staffing_for_intervals,
)

TEXTBOOK = {"interval_seconds": 1800, "aht_seconds": 180, "answer_seconds": 20}


def exact_erlang_c(agents: int, traffic: Fraction) -> Fraction:
    """Erlang B by its recursion in rational arithmetic, then Erlang C."""
    blocking = Fraction(1)
    for k in range(1, agents + 1):
        blocking = traffic * blocking / (k + traffic * blocking)
    return agents * blocking / (agents - traffic * (1 - blocking))


def birth_death_states(agents: int, traffic: float, aht: float, patience: float) -> np.ndarray:
    """Stationary probabilities of the M/M/N+M birth–death chain on states 0..N + depth.

    Births at λ, deaths at min(n, N)μ + max(n − N, 0)θ; the weights are products of
    λ / death, kept in logarithms so thousands of Erlangs do not overflow. The queue is never
    longer than an infinite-server queue fed at λ and emptied at θ per caller, which holds
    Poisson(λ/θ) callers, so its mean plus 20 standard deviations leaves nothing out.
    """
    arrival, service, abandon = traffic / aht, 1 / aht, 1 / patience
    mean_queue = arrival / abandon
    depth = int(mean_queue + 20 * math.sqrt(mean_queue) + 60)
    n = np.arange(1, agents + depth + 1)
    death = np.minimum(n, agents) * service + np.maximum(n - agents, 0) * abandon
    log_weights = np.concatenate([[0.0], np.cumsum(np.log(arrival / death))])
    weights = np.exp(log_weights - log_weights.max())
    return weights / weights.sum()


def brute_force_erlang_a(
    agents: int, traffic: float, aht: float, patience: float, answer: float
) -> tuple[float, float, float]:
    """Waiting, abandonment and service level from the truncated birth–death chain."""
    states = birth_death_states(agents, traffic, aht, patience)
    queued = states[agents:]
    waiting = queued.sum()
    abandoned = brute_force_abandonment(agents, traffic, aht, patience)
    answered = answered_within(agents / aht, 1 / patience, answer, queued.size - 1)
    level = states[:agents].sum() + (queued * answered).sum()
    return waiting, abandoned, level


def brute_force_busy(agents: int, traffic: float, aht: float, patience: float) -> float:
    """Handled traffic from the chain: the mean number of busy agents, E[min(n, N)]."""
    states = birth_death_states(agents, traffic, aht, patience)
    return (np.minimum(np.arange(states.size), agents) * states).sum()


def brute_force_abandonment(agents: int, traffic: float, aht: float, patience: float) -> float:
    """P(abandon) from the chain: callers leave the queue at θ each, θ·E[queue] / λ."""
    queued = birth_death_states(agents, traffic, aht, patience)[agents:]
    return aht / patience * (np.arange(queued.size) * queued).sum() / traffic


def answered_within(busy: float, abandon: float, answer: float, depth: int) -> np.ndarray:
    """P(answered within `answer`) for a caller with 0..depth callers ahead, by uniformisation.

    With i ahead the caller moves up at busy + i·abandon (a service ends or someone ahead hangs
    up) and hangs up at `abandon`; with none ahead the next service is theirs.
    """
    ahead = np.arange(depth + 1)
    move = busy + ahead * abandon
    rate = move.max() + abandon
    mean_jumps = rate * answer
    by_jumps = np.zeros(depth + 1)  # P(answered within k jumps of the uniformised chain)
    total = np.zeros(depth + 1)
    for jumps in range(int(mean_jumps + 40 * math.sqrt(mean_jumps + 1)) + 40):
        weight = math.exp(jumps * math.log(mean_jumps) - mean_jumps - math.lgamma(jumps + 1))
        total += weight * by_jumps
        served_next = np.concatenate([[1.0], by_jumps[:-1]])
        by_jumps = move / rate * served_next + (1 - (move + abandon) / rate) * by_jumps
    return total


# --- Erlang C ----------------------------------------------------------------------------------


def test_textbook_ten_erlangs_need_fourteen_agents():
    assert required_agents(contacts=100, target_service_level=0.8, **TEXTBOOK) == 14
    levels = service_level(agents=[13, 14], traffic=10, aht_seconds=180, answer_seconds=20)
    assert levels[1] == pytest.approx(0.88835, abs=1e-5)
    assert levels[0] == pytest.approx(0.79559, abs=1e-5)
    asa = average_speed_of_answer(agents=14, traffic=10, aht_seconds=180)
    assert round(float(asa), 1) == 7.8


@pytest.mark.parametrize(
    ("agents", "traffic"),
    [
        (1, Fraction(1, 2)),
        (2, Fraction(3, 2)),
        (14, Fraction(10)),
        (13, Fraction(10)),
        (30, Fraction(49, 2)),
        (60, Fraction(5501, 100)),
        (101, Fraction(100)),
    ],
)
def test_erlang_c_agrees_with_the_rational_recursion(agents, traffic):
    exact = float(exact_erlang_c(agents, traffic))
    assert erlang_c(agents=agents, traffic=float(traffic)) == pytest.approx(exact, rel=1e-12)


def test_erlang_c_agrees_with_the_factorial_formula():
    traffic, agents = 7.3, 9
    top = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    below = sum(traffic**k / math.factorial(k) for k in range(agents))
    assert erlang_c(agents=agents, traffic=traffic) == pytest.approx(top / (below + top), rel=1e-12)


def test_an_unstable_queue_always_waits():
    assert erlang_c(agents=[5, 10, 0], traffic=10).tolist() == [1.0, 1.0, 1.0]
    assert service_level(agents=10, traffic=10, aht_seconds=180, answer_seconds=20) == 0
    assert average_speed_of_answer(agents=9, traffic=10, aht_seconds=180) == np.inf


def test_no_traffic_means_no_wait():
    assert erlang_c(agents=0, traffic=0) == 0
    assert service_level(agents=0, traffic=0, aht_seconds=180, answer_seconds=20) == 1


@pytest.mark.parametrize("traffic", [10_000.0, 50_000.0])
def test_huge_traffic_stays_finite_and_sensible(traffic):
    agents = required_agents(
        contacts=traffic * 10,
        interval_seconds=1800,
        aht_seconds=180,
        target_service_level=0.8,
        answer_seconds=20,
    )
    assert traffic < agents < traffic * 1.005
    waits = erlang_c(agents=[agents - 1, agents, agents + 1], traffic=traffic)
    assert np.isfinite(waits).all() and (np.diff(waits) < 0).all() and (waits < 1).all()
    at = service_level(agents=agents, traffic=traffic, aht_seconds=180, answer_seconds=20)
    below = service_level(agents=agents - 1, traffic=traffic, aht_seconds=180, answer_seconds=20)
    assert below < 0.8 <= at < 1


def test_more_contacts_never_need_fewer_agents():
    contacts = np.linspace(0, 3000, 1201)
    for target, answer, aht in [(0.8, 20, 180), (0.95, 10, 300), (0.5, 60, 600)]:
        agents = required_agents(
            contacts=contacts,
            interval_seconds=1800,
            aht_seconds=aht,
            target_service_level=target,
            answer_seconds=answer,
        )
        assert (np.diff(agents) >= 0).all()


def test_arrays_match_scalars_one_by_one():
    contacts = np.array([[0, 3, 50], [400, 2_000, 90_000]])
    aht = np.array([120, 600, 240])
    target = np.array([0.7, 0.8, 0.95])
    agents = required_agents(
        contacts=contacts,
        interval_seconds=1800,
        aht_seconds=aht,
        target_service_level=target,
        answer_seconds=30,
    )
    assert agents.shape == (2, 3)
    for (row, column), value in np.ndenumerate(agents):
        alone = required_agents(
            contacts=contacts[row, column],
            interval_seconds=1800,
            aht_seconds=aht[column],
            target_service_level=target[column],
            answer_seconds=30,
        )
        assert value == alone


def test_the_answer_is_the_least_that_meets_the_target():
    rng = np.random.default_rng(6)
    traffic = np.exp(rng.uniform(np.log(0.05), np.log(20_000), 500))
    target = rng.uniform(0.5, 0.98, 500)
    agents = required_agents(
        contacts=traffic,
        interval_seconds=180,
        aht_seconds=180,
        target_service_level=target,
        answer_seconds=20,
    )
    level = service_level(agents=agents, traffic=traffic, aht_seconds=180, answer_seconds=20)
    fewer = service_level(agents=agents - 1, traffic=traffic, aht_seconds=180, answer_seconds=20)
    assert (level >= target).all() and (fewer < target).all()


def test_no_contacts_need_no_agents():
    assert required_agents(contacts=0, target_service_level=0.8, **TEXTBOOK) == 0


def test_occupancy_cap_binds():
    # 85 calls of 3 min in 30 min: 8.5 Erlangs; 80 % in 20 s needs 12, 85 % occupancy needs 10.
    assert required_agents(contacts=85, target_service_level=0.8, **TEXTBOOK) == 12
    assert (
        required_agents(contacts=85, target_service_level=0.8, max_occupancy=0.7, **TEXTBOOK) == 13
    )
    # 850 calls: 85 Erlangs; the service level needs 92, 85 % occupancy exactly 100.
    assert required_agents(contacts=850, target_service_level=0.8, **TEXTBOOK) == 92
    assert (
        required_agents(contacts=850, target_service_level=0.8, max_occupancy=0.85, **TEXTBOOK)
        == 100
    )


# --- shrinkage ----------------------------------------------------------------------------------


def test_shrinkage_does_not_round_up_floating_point_dust():
    assert apply_shrinkage(agents=84, shrinkage=0.3) == 120
    assert apply_shrinkage(agents=[0, 14, 85], shrinkage=0.3).tolist() == [0, 20, 122]
    assert apply_shrinkage(agents=14, shrinkage=0) == 14


# --- chat, e-mail -------------------------------------------------------------------------------


def test_chat_agents_hold_several_chats():
    # 10 Erlangs of concurrent chat need 14 servers: 7 agents at 2 chats, 5 at 3.
    chat = {"contacts": 100, "target_service_level": 0.8, **TEXTBOOK}
    assert required_agents_chat(**chat, concurrency=1) == 14
    assert required_agents_chat(**chat, concurrency=2) == 7
    assert required_agents_chat(**chat, concurrency=3) == 5


def test_email_workload_is_spread_over_the_response_window():
    # 40 e-mails of 6 min arrive in the first half hour: 8 agent-hours over a 4-hour window.
    contacts = np.array([40, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    agents = required_agents_email(
        contacts=contacts, interval_seconds=1800, aht_seconds=360, response_seconds=4 * 3600
    )
    assert agents.tolist() == [1] * 8 + [0, 0]
    steady = required_agents_email(
        contacts=[30] * 4,
        interval_seconds=1800,
        aht_seconds=360,
        response_seconds=7200,
        max_occupancy=0.8,
    )
    assert steady.tolist() == [8] * 4  # 6 Erlangs at 80 % occupancy, whatever the window
    assert (
        required_agents_email(
            contacts=30, interval_seconds=1800, aht_seconds=360, response_seconds=600
        )
        == 6
    )


def test_email_forecast_wraps_around():
    agents = required_agents_email(
        contacts=[0, 0, 60], interval_seconds=1800, aht_seconds=1800, response_seconds=3600
    )
    assert agents.tolist() == [30, 0, 30]


# --- Erlang A -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agents", "traffic", "aht", "patience", "answer"),
    [
        (3, 2.5, 180, 360, 20),
        (14, 10, 180, 120, 20),
        (2, 3, 60, 30, 10),
        (10, 10, 300, 600, 60),
        (1, 0.4, 100, 50, 5),
        (25, 20, 180, 1800, 30),
        # 85 Erlangs per agent, callers gone within seconds: P(Poisson(762.6) <= 8) underflows
        # to 0 but weighs against a queue term as small: 0.56 % of callers find an agent free.
        (9, 762.6, 1800, 1.8, 1),
        # 1,000 Erlangs on 700 agents, callers wait an hour: the Kummer sum S is about e^1000 and
        # overflows, yet the service level is nil (6,000 callers queue), not 700 / 1,000.
        (700, 1000, 180, 3600, 20),
    ],
)
def test_erlang_a_agrees_with_the_birth_death_chain(agents, traffic, aht, patience, answer):
    waiting, abandoned, level = brute_force_erlang_a(agents, traffic, aht, patience, answer)
    model = {"agents": agents, "traffic": traffic, "aht_seconds": aht, "patience_seconds": patience}
    assert erlang_a_waiting_probability(**model) == pytest.approx(waiting, rel=1e-11)
    assert erlang_a_abandonment(**model) == pytest.approx(abandoned, rel=1e-11)
    assert erlang_a_service_level(**model, answer_seconds=answer) == pytest.approx(
        level, rel=1e-11, abs=1e-12
    )


def test_erlang_a_approaches_erlang_c_as_patience_grows():
    patient = erlang_a_service_level(
        agents=14, traffic=10, aht_seconds=180, answer_seconds=20, patience_seconds=1e9
    )
    assert patient == pytest.approx(0.8883500, abs=1e-6)


def test_erlang_a_edges_and_scale():
    model = {"traffic": 10, "aht_seconds": 180, "patience_seconds": 120}
    assert erlang_a_abandonment(agents=0, **model) == 1
    assert erlang_a_service_level(agents=0, answer_seconds=20, **model) == 0
    assert (
        erlang_a_service_level(
            agents=3, answer_seconds=20, traffic=0, aht_seconds=180, patience_seconds=60
        )
        == 1
    )
    huge = erlang_a_service_level(
        agents=[9_950, 10_000, 10_100, 12_000],
        traffic=10_000,
        aht_seconds=180,
        answer_seconds=20,
        patience_seconds=[60, 600, 6_000, 60_000],
    )
    assert np.isfinite(huge).all() and (huge > 0).all() and (huge <= 1).all()
    # Callers gone within a tenth of a second (x·e^−θt underflows to 0 at 80 s): whoever is
    # answered at all is answered within 80 s.
    hasty = {"agents": 3, "traffic": 2.5, "aht_seconds": 180, "patience_seconds": 0.1}
    assert erlang_a_service_level(**hasty, answer_seconds=80) == pytest.approx(
        1 - erlang_a_abandonment(**hasty), rel=1e-12
    )


@pytest.mark.parametrize("traffic", [0.4, 3.0, 12.5, 60.0, 300.0, 1500.0])
@pytest.mark.parametrize("patience", [9, 60, 180, 900, 3600])  # AHT 180 s: 1/20 to 20 AHTs
def test_erlang_a_handled_traffic_agrees_with_the_birth_death_chain(traffic, patience):
    spread = np.array([0.5, 0.8, 1.0, 1.1, 1.5]) * traffic + [0, 0, 0, np.sqrt(traffic), 0]
    agents = np.unique(np.maximum(1, np.round(spread)).astype(int))
    model = {"traffic": traffic, "aht_seconds": 180, "patience_seconds": patience}
    busy = np.array([brute_force_busy(n, traffic, 180, patience) for n in agents])
    abandoned = np.array([brute_force_abandonment(n, traffic, 180, patience) for n in agents])
    assert erlang_a_handled_traffic(agents=agents, **model) == pytest.approx(busy, rel=1e-10)
    assert erlang_a_occupancy(agents=agents, **model) == pytest.approx(busy / agents, rel=1e-10)
    assert erlang_a_abandonment(agents=agents, **model) == pytest.approx(
        abandoned, rel=1e-9, abs=1e-14
    )
    assert (busy <= np.minimum(agents, traffic) * (1 + 1e-12)).all()  # at most both


@pytest.mark.parametrize("traffic", [0.3, 2.0, 7.5, 25.0])
def test_erlang_a_occupancy_falls_as_agents_are_added_in_the_chain(traffic):
    """The search relies on it: more agents never raise the handled load per agent."""
    agents = np.arange(1, int(2 * traffic + 10 * np.sqrt(traffic)) + 12)
    for patience in [3.6, 36, 180, 1800, 18_000]:  # AHT 180 s: 1/50 to 100 AHTs
        busy = np.array([brute_force_busy(n, traffic, 180, patience) for n in agents])
        assert (np.diff(busy / agents) <= 1e-12).all()  # all busy: 1 less rounding


def test_erlang_a_occupancy_falls_as_agents_are_added_up_to_50_000_erlangs():
    """The formula over a wide grid: patience from 1/100 to 100 AHTs, 0.01 to 50,000 Erlangs.

    Where every agent is always busy, occupancy is 1 less rounding of up to a few 1e-10
    (1 − P(abandon) is then about N/A and loses digits).
    """
    patience = np.geomspace(0.01, 100, 7)[:, None]  # in AHTs
    for traffic in np.geomspace(0.01, 50_000, 12):
        agents = np.arange(1, 1.5 * traffic + 10 * np.sqrt(traffic) + 20)
        occupancy = erlang_a_occupancy(
            agents=agents, traffic=traffic, aht_seconds=1, patience_seconds=patience
        )
        assert (np.diff(occupancy, axis=1) <= 1e-9 * occupancy[:, 1:]).all()


def test_abandonment_needs_fewer_agents_than_erlang_c():
    demand = {"contacts": [0, 100, 1_000, 100_000], "target_service_level": 0.8, **TEXTBOOK}
    with_abandonment = required_agents_erlang_a(**demand, patience_seconds=120)
    without = required_agents(**demand)
    assert with_abandonment[0] == 0
    assert (with_abandonment <= without).all() and with_abandonment[1] < without[1]
    traffic = np.array([1.0, 10, 100, 10_000])
    level = erlang_a_service_level(
        agents=with_abandonment[1:],
        traffic=traffic[1:],
        aht_seconds=180,
        answer_seconds=20,
        patience_seconds=120,
    )
    fewer = erlang_a_service_level(
        agents=with_abandonment[1:] - 1,
        traffic=traffic[1:],
        aht_seconds=180,
        answer_seconds=20,
        patience_seconds=120,
    )
    assert (level >= 0.8).all() and (fewer < 0.8).all()
    assert with_abandonment[3] < traffic[3]  # 8,629 agents for 10,000 Erlangs: 14 % hang up


def chain_meets(agents, traffic, aht, patience, target, answer, cap) -> tuple[bool, bool]:
    """Whether the chain's service level meets the target, and its occupancy the cap."""
    level = brute_force_erlang_a(agents, traffic, aht, patience, answer)[2]
    occupancy = brute_force_busy(agents, traffic, aht, patience) / agents
    return bool(level >= target), bool(occupancy <= cap)


@pytest.mark.parametrize(
    ("contacts", "aht", "patience", "target", "answer", "cap", "agents", "short_of"),
    [
        # 10 Erlangs, callers gone after 10 s on average, 70 % in 20 s at 85 %: 9 agents (a
        # quarter hang up); 8 miss both the target (67.3 %) and the cap (85.2 %).
        (100, 180, 10, 0.7, 20, 0.85, 9, (False, False)),
        # 10 Erlangs, 30 s patience, 50 % in 60 s at 90 %: 6 agents reach 52.9 % but are 90.4 %
        # busy; 7 are 88.6 % busy.
        (60, 300, 30, 0.5, 60, 0.9, 7, (True, False)),
    ],
)
def test_short_patience_needs_fewer_agents_than_erlangs(
    contacts, aht, patience, target, answer, cap, agents, short_of
):
    traffic = contacts * aht / 1800
    found = required_agents_erlang_a(
        contacts=contacts,
        interval_seconds=1800,
        aht_seconds=aht,
        target_service_level=target,
        answer_seconds=answer,
        patience_seconds=patience,
        max_occupancy=cap,
    )
    assert found == agents < traffic
    case = (traffic, aht, patience, target, answer, cap)
    assert chain_meets(agents, *case) == (True, True)
    assert chain_meets(agents - 1, *case) == short_of


def test_capping_the_offered_load_overstaffed():
    """200 calls of 3 min in 30 min (20 Erlangs), 80 % in 20 s, patience 60 s, cap 85 %.

    The cap on offered load asked for ceil(20 / 0.85) = 24 agents, 80.2 % busy with the calls
    they actually handle (3.7 % hang up). 21 agents reach the target (83.3 %) but are 86.8 %
    busy; 22 are 84.7 % busy: two agents fewer.
    """
    demand = {
        "contacts": 200,
        "target_service_level": 0.8,
        "patience_seconds": 60,
        "max_occupancy": 0.85,
        **TEXTBOOK,
    }
    offered_cap = math.ceil(20 / 0.85)
    for_target = required_agents_erlang_a(**demand | {"max_occupancy": 1.0})
    assert (for_target, max(for_target, offered_cap)) == (21, 24)  # the old answer
    assert required_agents_erlang_a(**demand) == 22
    handled = {"traffic": 20, "aht_seconds": 180, "patience_seconds": 60}
    occupancy = erlang_a_occupancy(agents=[21, 22, 24], **handled)
    assert occupancy == pytest.approx([0.8684, 0.8475, 0.8025], abs=1e-4)
    busy = [brute_force_busy(n, 20, 180, 60) for n in (21, 22, 24)]
    assert occupancy == pytest.approx(np.array(busy) / [21, 22, 24], rel=1e-10)


def test_erlang_a_answer_is_the_least_meeting_target_and_cap():
    rng = np.random.default_rng(11)
    size = 400
    traffic = np.exp(rng.uniform(np.log(0.05), np.log(20_000), size))
    target = rng.uniform(0.5, 0.95, size)
    patience = rng.choice([15, 60, 180, 900], size)
    cap = rng.choice([0.8, 0.85, 0.9, 1.0], size)
    agents = required_agents_erlang_a(
        contacts=traffic,
        interval_seconds=180,
        aht_seconds=180,
        target_service_level=target,
        answer_seconds=20,
        patience_seconds=patience,
        max_occupancy=cap,
    )
    model = {"traffic": traffic, "aht_seconds": 180, "patience_seconds": patience}

    def meets(n):
        level = erlang_a_service_level(agents=n, answer_seconds=20, **model)
        return (level >= target) & (erlang_a_occupancy(agents=n, **model) <= cap)

    assert meets(agents).all() and not meets(agents - 1).any()
    assert (agents < traffic).any()


# --- per-interval staffing and coverage ----------------------------------------------------------


def test_staffing_for_intervals_voice():
    staffing = staffing_for_intervals(
        channel="voice",
        contacts=np.array([0, 100, 850]),
        aht_seconds=180,
        interval_seconds=1800,
        target_service_level=0.8,
        answer_seconds=20,
        max_occupancy=0.85,
        shrinkage=0.3,
    )
    assert staffing.required.tolist() == [0, 14, 100]
    assert staffing.to_schedule.tolist() == [0, 20, 143]
    assert staffing.service_level[1] == pytest.approx(0.88835, abs=1e-5)


def test_staffing_for_intervals_chat_and_email():
    chat = staffing_for_intervals(
        channel="chat",
        contacts=[100],
        aht_seconds=180,
        interval_seconds=1800,
        target_service_level=0.8,
        answer_seconds=20,
        concurrency=2,
    )
    assert chat.required.tolist() == [7]
    assert chat.service_level[0] == pytest.approx(0.88835, abs=1e-5)
    email = staffing_for_intervals(
        channel="email",
        contacts=[30, 30],
        aht_seconds=360,
        interval_seconds=1800,
        response_seconds=3600,
        max_occupancy=0.8,
        shrinkage=0.2,
    )
    assert email.required.tolist() == [8, 8]
    assert email.to_schedule.tolist() == [10, 10]
    assert email.service_level.tolist() == [1.0, 1.0]


def test_expected_service_level_from_bookings():
    voice = expected_service_level(
        channel="voice",
        booked_agents=[13, 14, 20],
        contacts=100,
        aht_seconds=180,
        interval_seconds=1800,
        answer_seconds=20,
        shrinkage=[0, 0, 0.3],
    )
    assert voice == pytest.approx([0.79559, 0.88835, 0.88835], abs=1e-5)
    email = expected_service_level(
        channel="email",
        booked_agents=[3, 6],
        contacts=[30, 30],
        aht_seconds=360,
        interval_seconds=1800,
        response_seconds=1800,
    )
    assert email.tolist() == [0.5, 1.0]


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"contacts": -1}, "contacts must be in"),
        ({"target_service_level": 1.0}, "target_service_level must be in"),
        ({"target_service_level": 0}, "target_service_level must be in"),
        ({"aht_seconds": 0}, "aht_seconds must be in"),
        ({"max_occupancy": 1.2}, "max_occupancy must be in"),
        ({"contacts": float("nan")}, "contacts must be in"),
    ],
)
def test_bad_arguments_are_refused(change, message):
    with pytest.raises(ValueError, match=message):
        required_agents(**{"contacts": 100, "target_service_level": 0.8, **TEXTBOOK, **change})


def test_bad_shrinkage_channel_and_concurrency_are_refused():
    with pytest.raises(ValueError, match="shrinkage must be in"):
        apply_shrinkage(agents=10, shrinkage=1)
    with pytest.raises(ValueError, match="channel must be"):
        staffing_for_intervals(
            channel="fax",
            contacts=1,
            aht_seconds=60,
            interval_seconds=1800,
            target_service_level=0.8,
            answer_seconds=20,
        )
    with pytest.raises(ValueError, match="concurrency must be a whole number"):
        required_agents_chat(contacts=1, target_service_level=0.8, concurrency=1.5, **TEXTBOOK)
    with pytest.raises(ValueError, match="response_seconds is required"):
        staffing_for_intervals(channel="email", contacts=1, aht_seconds=60, interval_seconds=1800)


def test_the_staffing_math_needs_no_django():
    probe = "import sys, scheduling.staffing; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=Path(__file__).resolve().parents[2],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"
