"""Interim staffing math until the full module lands (replaced on merge)."""

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaincc, gammaln


def erlang_c(agents, traffic):
    n = np.asarray(agents, dtype=float)
    a = np.asarray(traffic, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_b = n * np.log(np.maximum(a, 1e-300)) - a - gammaln(n + 1)
        q = gammaincc(n + 1, a)
        b = np.exp(log_b) / q
        c = n * b / (n - a * (1 - b))
    return np.where(n <= a, 1.0, np.where(a <= 0, 0.0, c))


def service_level(agents, traffic, aht_seconds, answer_seconds):
    n = np.asarray(agents, dtype=float)
    a = np.asarray(traffic, dtype=float)
    with np.errstate(invalid="ignore", over="ignore"):
        level = 1 - erlang_c(n, a) * np.exp(-(n - a) * answer_seconds / aht_seconds)
    return np.where(a <= 0, 1.0, np.where(n <= a, 0.0, level))


@dataclass
class Plan:
    required: np.ndarray
    to_schedule: np.ndarray


def required_agents(
    contacts, interval_seconds, aht_seconds, target, answer_seconds, max_occupancy=1.0
):
    contacts = np.atleast_1d(np.asarray(contacts, dtype=float))
    aht = np.broadcast_to(np.asarray(aht_seconds, dtype=float), contacts.shape)
    traffic = contacts * aht / interval_seconds
    n = np.maximum(np.floor(traffic) + 1, np.ceil(traffic / max_occupancy - 1e-9))
    for _ in range(10000):
        short = (service_level(n, traffic, aht, answer_seconds) < target) & (traffic > 0)
        if not short.any():
            break
        n = n + short
    return np.where(contacts > 0, n, 0).astype(int)


def staffing_for_intervals(
    *,
    channel,
    contacts,
    aht_seconds,
    interval_seconds,
    target_service_level,
    answer_seconds,
    concurrency,
    max_occupancy,
    shrinkage,
    patience_seconds,
):
    required = required_agents(
        contacts, interval_seconds, aht_seconds, target_service_level, answer_seconds, max_occupancy
    )
    return Plan(required, np.ceil(np.round(required / (1 - shrinkage), 9)).astype(int))


def expected_service_level(
    *,
    channel,
    agents,
    contacts,
    aht_seconds,
    interval_seconds,
    answer_seconds,
    concurrency,
    patience_seconds,
):
    traffic = (
        np.asarray(contacts, dtype=float) * np.asarray(aht_seconds, dtype=float) / interval_seconds
    )
    return service_level(agents, traffic, aht_seconds, answer_seconds)
