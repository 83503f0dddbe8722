"""Recovery in under a minute: each process holds a lease it renews, and finishes what a gone process left.

A process's lease (storage.models.Worker) is renewed every third of LEASE_SECONDS by a daemon thread, which
each time also takes over the claims of processes whose lease lapsed or ended (re-sending them after looking
in Slack for an earlier post) and adopts the fan-outs they were running (a lead's `/practice now`, recorded
before its first post). SIGTERM stops new work, lets the sends under way finish for a few seconds, and ends
the lease so that another process takes over the rest at once.
"""

from __future__ import annotations

import os
import socket
import threading
from collections import Counter
from datetime import timedelta

from apscheduler.schedulers.base import BaseScheduler

from deps import Deps
from domain.ledger import DeliveryKind, FanOutKind
from storage import lease_queries
from storage.db import transaction
from storage.models import FanOut
from usecases import ledger

#: Kinds whose message can be rebuilt from the ledger row alone, so a lapsed claim is re-sent at once rather
#: than at the next minute's tick; the others (follow-ups, summaries, pairings) are taken back by their tick.
RESENT_AT_ONCE = (DeliveryKind.QUOTE, DeliveryKind.PROMPT, DeliveryKind.REMINDER, DeliveryKind.CALIBRATION)
#: Kinds whose every slot is a scheduled send (a calibration round's invitations: the slot is the round).
ANY_SLOT = (DeliveryKind.CALIBRATION,)
TAKE_OVER_AT_MOST = 1000
#: Leases not renewed for this long are deleted; a missing lease counts as lapsed, so only the table shrinks.
FORGET_AFTER = timedelta(days=1)
#: At SIGTERM, how long the sends under way may take to finish before their claims are handed on: with the
#: lease ended and the process gone, the whole stop takes well under 10 s.
DRAIN_SECONDS = 6.0


def renew(deps: Deps) -> None:
    with transaction(deps.sessions) as session:
        lease_queries.renew(
            session, worker_id=deps.worker_id, host=socket.gethostname(), pid=os.getpid(), now=deps.clock.now()
        )


def end_lease(deps: Deps) -> None:
    with transaction(deps.sessions) as session:
        lease_queries.end(session, worker_id=deps.worker_id)


def practice_now(deps: Deps, team_id: int, requested_by: str) -> tuple[Counter[str], bool]:
    """A lead's `/practice now`, recorded as a fan-out before its first post, so whichever process is alive
    finishes it. Returns what was sent, and whether this process finished it (False: it is stopping, and
    another process, or this one restarted, sends the rest)."""
    with transaction(deps.sessions) as session:
        job = lease_queries.start_fan_out(
            session,
            team_id=team_id,
            kind=FanOutKind.PRACTICE_NOW,
            requested_by=requested_by,
            owner=deps.worker_id,
            now=deps.clock.now(),
        )
    return _run(deps, job)


def _run(deps: Deps, job: FanOut) -> tuple[Counter[str], bool]:
    """Idempotent, thanks to the ledger: whatever part of the job was sent before is skipped."""
    assert job.id is not None
    try:
        outcome = ledger.send_now(deps, job.team_id, job.requested_at)
    except Exception:
        _hand_on(deps, job.id)
        raise
    if deps.stopping.requested:
        return outcome, False
    with transaction(deps.sessions) as session:
        lease_queries.finish_fan_out(session, fan_out_id=job.id, now=deps.clock.now())
    return outcome, True


def _hand_on(deps: Deps, fan_out_id: int) -> None:
    """A job that failed here (the database or Slack gone a moment) is left ownerless, for the next check."""
    try:
        with transaction(deps.sessions) as session:
            lease_queries.release_fan_out(session, fan_out_id=fan_out_id)
    except Exception as error:  # noqa: BLE001 - the job stays this process's; it is adopted when the lease ends
        deps.logger.warning("could not hand on fan-out=%s error=%s", fan_out_id, type(error).__name__)


def recover(deps: Deps) -> Counter[str]:
    """One check: send again the claims whose process is gone, then finish the fan-outs such processes left.
    Each read goes through an index of what is open (claims, unfinished jobs): cheap at any size."""
    now = deps.clock.now()
    live = ledger.liveness(deps, now)
    since = now - deps.settings.catch_up
    with transaction(deps.sessions) as session:
        lease_queries.forget(session, renewed_before=now - FORGET_AFTER)
        lapsed = lease_queries.lapsed_claims(
            session, kinds=RESENT_AT_ONCE, claimed_since=since, live=live, limit=TAKE_OVER_AT_MOST, any_slot=ANY_SLOT
        )
        rows = lease_queries.take_over(session, claims=lapsed, worker_id=deps.worker_id, now=now)
    outcome = ledger.resend(deps, rows) if rows else Counter()
    if rows:
        deps.logger.info("took over %s claims of a gone process: %s", len(rows), dict(outcome))
    with transaction(deps.sessions) as session:
        lease_queries.close_fan_outs(session, requested_before=since, now=now)
        jobs = lease_queries.orphaned_fan_outs(session, lease_after=live.lease_after)
    for job in jobs:
        if deps.stopping.requested:
            break
        assert job.id is not None
        with transaction(deps.sessions) as session:
            adopted = lease_queries.adopt(
                session, fan_out_id=job.id, worker_id=deps.worker_id, lease_after=live.lease_after
            )
        if adopted:
            sent, _finished = _run(deps, job)
            deps.logger.info("finished fan-out=%s kind=%s of a gone process: %s", job.id, job.kind, dict(sent))
            outcome.update(sent)
    return outcome


class Lease:
    """The thread that keeps this process's lease and runs `recover` after each renewal (the first at once,
    so a restarted process picks up what its predecessor handed on), one check at a time."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._keep, name="lease", daemon=True)
        self._recovering: threading.Thread | None = None

    def start(self) -> Lease:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()

    def _keep(self) -> None:
        interval = self._deps.settings.lease_renewal.total_seconds()
        while not self._stopped.is_set():
            self.check()
            self._stopped.wait(interval)

    def check(self) -> None:
        """Renew, then start a recovery unless the last one is still sending (a long adopted fan-out must not
        hold up the renewals)."""
        try:
            renew(self._deps)
        except Exception as error:  # noqa: BLE001 - the thread must outlive a database outage; logged with its type
            self._deps.logger.warning("lease renewal failed error=%s", type(error).__name__)
            return
        if self._recovering is not None and self._recovering.is_alive():
            return
        self._recovering = threading.Thread(target=self._recover, name="recover", daemon=True)
        self._recovering.start()

    def _recover(self) -> None:
        try:
            recover(self._deps)
        except Exception as error:  # noqa: BLE001 - retried at the next renewal; logged with its type
            self._deps.logger.warning("recovery failed error=%s", type(error).__name__, exc_info=error)


def stop_gracefully(deps: Deps, lease: Lease | None, scheduler: BaseScheduler | None) -> bool:
    """SIGTERM: no new tick, no new batch; the sends under way get DRAIN_SECONDS to finish, then the lease is
    ended, so what is still claimed or unfinished here is anyone's at once. True if everything finished."""
    deps.stopping.request()
    if lease is not None:
        lease.stop()
    if scheduler is not None and scheduler.running:
        scheduler.shutdown(wait=False)
    drained = deps.stopping.wait_idle(DRAIN_SECONDS)
    try:
        end_lease(deps)
    except Exception as error:  # noqa: BLE001 - the lease then lapses on its own within LEASE_SECONDS
        deps.logger.warning("could not end the lease error=%s", type(error).__name__)
    deps.logger.info("stopped: %s", "every send finished" if drained else "sends under way handed on")
    return drained
