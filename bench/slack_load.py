"""Slack under load: signed /salesbot questions, then Accept/Decline clicks, on an open-loop schedule.

  .venv/bin/python bench/slack_load.py [--qps 20] [--seconds 60] [--clicks-per-s 200]
                                       [--click-seconds 30] [--clients 64] [--runs 3]

The bot runs as in production, `salesbot serve --http` in its own process with the demo
catalog, and talks to a loopback Slack Web API in this process (bot/slack/loopback.py), which
also receives every reply sent to a response_url. Requests go only to 127.0.0.1, are sent at
their planned times whatever the replies do (open loop) by a bounded pool of --clients threads,
and are bounded in count (qps × seconds questions, then at most clicks-per-s × click-seconds
clicks). Some are redelivered as Slack does (same body, X-Slack-Retry-Num: 1) and some clicks
are doubled (the same button twice, as two deliveries).

The ack time of a request is measured from its planned send time, so a client or server that
falls behind shows up in it. Afterwards the offer log is checked: one deal per question, one
outcome per clicked offer (the intended one), one audit row per change, and every deal's counts
equal to a recount from its offers. The floor is the same ack path for a `/salesbot help`
(answered inside the ack), sent one at a time before the load.

--kill-after S sends SIGKILL to the first bot process S seconds into the clicks (where answers
queue behind each other, so it dies with work acknowledged and not done) and starts it again:
requests go to the processes still up meanwhile, and one that lost its connection at the kill
(never acknowledged) is sent again to another, as Slack retries. Every acknowledged question
must still end with one deal and an answer at its response_url: what the killed process had
acknowledged and not answered is answered by a live one once its lease runs out (bot/inbox.py).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot_process import BotProcess, prepare_demo  # noqa: E402
from open_loop import SECRET, Request, Router, percentile, resend_unacknowledged, run_open_loop  # noqa: E402

from bot.bootstrap import open_all  # noqa: E402
from bot.slack import simulate  # noqa: E402
from bot.slack.loopback import LoopbackSlack  # noqa: E402
from catalog.copying import copy_database  # noqa: E402
from catalog.database import connect  # noqa: E402
from catalog.store import open_database  # noqa: E402

ACK_LIMIT = 3.0
PHRASES = ["customer is buying the {}, what else?", "cust getting {} for the team",
           "{} - anything to add?", "what goes with the {}", "{} for 5 people, budget max €5,000",
           "{} x{}, what should I offer?"]


def questions(names: list[str], count: int, qps: float, rng: random.Random, slack) -> list[Request]:
    planned = []
    for i in range(count):
        phrase = rng.choice(PHRASES)
        text = phrase.format(rng.choice(names), rng.randint(2, 40))
        body, kind = simulate.command(text, user=f"U{i % 40:03d}", channel="C0001",
                                      response_url=slack.response_url(f"q{i}"),
                                      trigger_id=f"load.q{i}")
        planned.append(Request(i / qps, body, kind, "question"))
        if i % 20 == 7:  # Slack redelivers: same body, a retry header, a little later
            planned.append(Request(i / qps + 0.5, body, kind, "retry",
                                   {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}))
    return planned


def offer_buttons(slack) -> dict[int, str]:
    """offer id -> the ts of the message showing it, for the Accept button of every answer."""
    found = {}
    for call in slack.calls:
        if call.path.startswith("/respond/q"):
            message_ts = f"{1700000000 + int(call.path.removeprefix('/respond/q'))}.000100"
            for block in call.body.get("blocks") or []:
                for element in block.get("elements", []):
                    if str(element.get("action_id", "")).startswith("offer_accept_"):
                        found[int(element["value"])] = message_ts
    return found


def press(slack, verb: str, offer_id: int, user: str, round_: int,
          message_ts: str) -> tuple[str, str]:
    """One delivery of an Accept or Decline button (its own trigger id and action time)."""
    return simulate.action(f"offer_{verb}_{offer_id}", str(offer_id), user=user,
                           response_url=slack.response_url(f"c{offer_id}-{round_}"),
                           message_ts=message_ts)


def clicks(offer_ids: dict[int, str], rate: float, limit: int, rng: random.Random,
           slack) -> tuple[list[Request], dict[int, str], dict[int, int]]:
    """Clicks on every offer in turn, 10% doubled, 5% redelivered, until `limit` requests.

    When every offer has its answer, the next round changes each answer (the customer changed
    their mind): the intended outcome is the last round's, and each round is one audit row.
    Each answer's message has its own ts, as in Slack: the bot answers the clicks on one
    message in the order they came.
    Returns (requests, offer -> intended outcome, offer -> changes made).
    """
    planned, intended, changes = [], {}, {}
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    first_verb = {offer_id: "accept" if rng.random() < 0.6 else "decline" for offer_id in offer_ids}
    for round_ in range(limit // max(len(offer_ids), 1) + 1):
        for j, offer_id in enumerate(offer_ids):
            if len(planned) >= limit:
                return planned, intended, changes
            verb = first_verb[offer_id]
            if round_ % 2:
                verb = "decline" if verb == "accept" else "accept"
            intended[offer_id] = "accepted" if verb == "accept" else "declined"
            changes[offer_id] = changes.get(offer_id, 0) + 1
            at = len(planned) / rate
            button = (slack, verb, offer_id, f"U{j % 40:03d}", round_, offer_ids[offer_id])
            first = press(*button)
            planned.append(Request(at, *first, "click"))
            if rng.random() < 0.10:  # a second delivery of the same button
                planned.append(Request(at + rng.uniform(0.05, 0.3), *press(*button), "double"))
            elif rng.random() < 0.05:
                planned.append(Request(at + 0.5, *first, "retry", retry))
    return planned, intended, changes


def wait_for_replies(slack, prefix: str, expected: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = len({c.path for c in slack.calls if c.path.startswith(prefix)})
        if got >= expected:
            return got
        time.sleep(0.2)
    return len({c.path for c in slack.calls if c.path.startswith(prefix)})


def check_log(target, asked: int, intended: dict[int, str], changes: dict[int, int]) -> dict:
    db = connect(target)
    q = lambda sql, *a: db.execute(sql, list(a)).fetchall()  # noqa: E731
    deals = q("SELECT source_key, COUNT(*) FROM deals WHERE source_key LIKE 'command:load.q%' "
              "GROUP BY source_key")
    outcomes = dict(q("SELECT id, outcome FROM offers"))
    audit = dict(q("SELECT offer_id, COUNT(*) FROM offer_outcomes GROUP BY offer_id"))
    recount = q("""
        SELECT COUNT(*) FROM deals d WHERE
          d.cross_presented != (SELECT COUNT(*) FROM offers WHERE deal_id = d.id AND kind = 'cross_sell')
          OR d.cross_accepted != (SELECT COUNT(*) FROM offers WHERE deal_id = d.id AND kind = 'cross_sell'
                                  AND outcome = 'accepted')
          OR d.cross_declined != (SELECT COUNT(*) FROM offers WHERE deal_id = d.id AND kind = 'cross_sell'
                                  AND outcome = 'declined')
          OR d.up_presented != (SELECT COUNT(*) FROM offers WHERE deal_id = d.id AND kind = 'upsell')
          OR d.up_accepted != (SELECT COUNT(*) FROM offers WHERE deal_id = d.id AND kind = 'upsell'
                               AND outcome = 'accepted')
          OR d.up_declined != (SELECT COUNT(*) FROM offers WHERE deal_id = d.id AND kind = 'upsell'
                               AND outcome = 'declined')
          OR abs(d.addon_revenue - d.quantity * (SELECT COALESCE(SUM(CASE kind WHEN 'cross_sell'
                 THEN price ELSE COALESCE(price_delta, 0) END), 0) FROM offers
                 WHERE deal_id = d.id AND outcome = 'accepted')) > 0.005""")[0][0]
    audit_last = dict(q("SELECT offer_id, outcome FROM offer_outcomes o WHERE id = (SELECT id FROM offer_outcomes "
                        "WHERE offer_id = o.offer_id ORDER BY clicked DESC, id DESC LIMIT 1)"))  # the rep's last click
    return {
        "deals": len(deals), "questions": asked,
        "duplicate_deals": sum(n - 1 for _, n in deals),
        "deliveries_answered": q("SELECT COUNT(*) FROM inbox WHERE key LIKE 'command:load.q%' "
                                 "AND finished_at IS NOT NULL")[0][0],
        "inbox_unanswered": q("SELECT COUNT(*) FROM inbox WHERE finished_at IS NULL")[0][0],
        "answered_again_after_a_kill": q("SELECT COUNT(*) FROM inbox WHERE attempts > 1")[0][0],
        "wrong_outcomes": sum(outcomes.get(i) != o for i, o in intended.items()),
        "unclicked_with_outcome": sum(1 for i, o in outcomes.items() if o and i not in intended),
        "audit_rows_not_one_per_change": sum(audit.get(i, 0) != n for i, n in changes.items()),
        "audit_disagrees": sum(audit_last.get(i) != outcomes.get(i) for i in intended),
        "deals_not_matching_recount": recount,
    }


def reply_times(slack, prefix: str, first_sent: dict[str, float]) -> list[float]:
    """ms from each first planned send to the first reply at its response_url."""
    arrived: dict[str, float] = {}
    for call in slack.calls:
        arrived.setdefault(call.path, call.at)
    return [(arrived[path] - sent) * 1000 for path, sent in first_sent.items() if path in arrived]


def first_sends(requests: list[Request], start: float, name) -> dict[str, float]:
    found: dict[str, float] = {}
    for r in sorted(requests, key=lambda r: r.at):
        found.setdefault(name(r), start + r.at)
    return found


def ack_row(label: str, reqs: list[Request]) -> str:
    acks = [r.ack * 1000 for r in reqs if r.ack is not None]
    late = [r.sent_late * 1000 for r in reqs]
    bad = sum(1 for r in reqs if r.status != 200 or r.ack is None or r.ack >= ACK_LIMIT)
    return (f"| {label} | {len(reqs):,} | {bad} | {statistics.median(acks):.1f} | "
            f"{percentile(acks, 0.95):.1f} | {percentile(acks, 0.99):.1f} | {max(acks):.1f} | "
            f"{percentile(late, 0.99):.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qps", type=float, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clicks-per-s", type=float, default=200)
    parser.add_argument("--click-seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3, help="whole runs, each with a fresh bot")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite",
                        help="postgresql: a throw-away cluster on 127.0.0.1 (tests/postgres.py)")
    parser.add_argument("--processes", type=int, default=1,
                        help="bot processes on the one database (more than one: --backend postgresql)")
    parser.add_argument("--kill-after", type=float, default=None, metavar="S",
                        help="SIGKILL the first process S seconds into the clicks, then start it again")
    parser.add_argument("--lease", type=float, default=10.0,
                        help="SALESBOT_WORK_LEASE of the bot processes (seconds)")
    args = parser.parse_args()
    if args.processes > 1 and args.backend != "postgresql":
        parser.error("several bot processes share a database on PostgreSQL only (SQLite: one process)")
    args.cluster = None
    if args.backend == "postgresql":
        from tests import postgres

        args.cluster = postgres.start(Path(tempfile.mkdtemp(prefix="salesbot-pg-")))
    try:
        results = [run_once(args, random.Random(args.seed + run)) for run in range(args.runs)]
    finally:
        if args.cluster:
            args.cluster.stop()
    print(f"\n## Median of {args.runs} runs (min–max)\n")
    print("| figure | median (min–max) |")
    print("|---|---|")
    for key in results[0]:
        values = [r[key] for r in results]
        digits = 0 if all(float(v).is_integer() for v in values) else 1
        print(f"| {key} | {statistics.median(values):,.{digits}f} "
              f"({min(values):,.{digits}f}–{max(values):,.{digits}f}) |")


def run_once(args, rng: random.Random) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, LoopbackSlack() as slack, contextlib.ExitStack() as bots:
        db_path = Path(tmp) / "salesbot.db"
        prepare_demo(db_path)
        names = [r[0] for r in sqlite3.connect(db_path).execute("SELECT name FROM products")]
        target, env = db_path, {}
        if args.cluster:  # the prepared demo copied into PostgreSQL, as `salesbot db copy` does
            target = args.cluster.new_database()
            copy_database(open_database(db_path), open_all(target))
            env = {"SALESBOT_DATABASE_URL": target}
        env["SALESBOT_WORK_LEASE"] = str(args.lease)

        def start(n: int) -> BotProcess:
            return bots.enter_context(BotProcess(db_path, api_url=slack.api_url, secret=SECRET,
                                                 log=Path(tmp) / f"bot{n}.log", env=env))

        processes = [start(n) for n in range(args.processes)]
        url = Router([p.url + "/slack/events" for p in processes])
        kill, resent = {}, 0
        killed_in: list[Request] = []  # the phase's requests, for the ones the kill cut off

        def kill_and_restart() -> None:
            nonlocal resent
            url.set(0, None)  # the router stops sending there first, as a platform's does
            processes[0].process.kill()
            processes[0].process.wait()
            print(f"SIGKILL to bot process 0 {args.kill_after:g} s into the clicks; starting it again", flush=True)
            time.sleep(1.0)  # then the deliveries cut off are sent again, to a live process, as Slack retries
            resent += resend_unacknowledged(url, killed_in)
            processes.append(start(len(processes)))
            url.set(0, processes[-1].url + "/slack/events")

        if args.kill_after is not None:
            kill = {args.kill_after: kill_and_restart}
        floor = [Request(i * 0.05, *simulate.command("help", user="U000", channel="C0001",
                                                     response_url=slack.response_url("h")),
                         "help") for i in range(100)]
        run_open_loop(url, floor, 1)
        asked = int(args.qps * args.seconds)
        planned_q = questions(names, asked, args.qps, rng, slack)
        q_start, q_wall = run_open_loop(url, planned_q, args.clients)
        answered = wait_for_replies(slack, "/respond/q", asked, 60)
        buttons = offer_buttons(slack)
        planned_c, intended, changes = clicks(buttons, args.clicks_per_s,
                                     int(args.clicks_per_s * args.click_seconds), rng, slack)
        killed_in.extend(planned_c)
        c_start, c_wall = run_open_loop(url, planned_c, args.clients, at=kill)
        while kill and len(processes) <= args.processes:  # the restarted process still starting
            time.sleep(0.2)
        replied = wait_for_replies(slack, "/respond/c", sum(changes.values()), 60 + 2 * args.lease)
        time.sleep(1)  # let late duplicates (which must not happen) arrive before counting
        answers = [c.path for c in slack.calls if c.path.startswith("/respond/q")]
        q_replies = reply_times(slack, "/respond/q", first_sends(
            planned_q, q_start, lambda r: "/respond/q" + r.body.split("trigger_id=load.q")[1]))
        c_replies = reply_times(slack, "/respond/c", first_sends(
            planned_c, c_start, lambda r: "/respond/" + json.loads(urllib.parse.parse_qs(
                r.body)["payload"][0])["response_url"].rsplit("/respond/", 1)[1]))
        replied_paths = {c.path for c in slack.calls}
        unanswered = sorted(int(r.body.split("trigger_id=load.q")[1]) for r in planned_q
                            if r.status == 200 and "/respond/q" + r.body.split("trigger_id=load.q")[1]
                            not in replied_paths)
        unanswered_clicks = sum(1 for r in planned_c if r.status == 200 and "/respond/" + json.loads(
            urllib.parse.parse_qs(r.body)["payload"][0])["response_url"].rsplit("/respond/", 1)[1]
            not in replied_paths)
        sorry = sum(1 for c in slack.calls if "something went wrong" in json.dumps(c.body))
        error_lines = [(p.log.name, n, lines) for p in processes
                       for lines in [p.log.read_text().splitlines()]
                       for n, line in enumerate(lines) if " ERROR " in line or "Traceback" in line]
        bot_errors = len(error_lines)
        for name, n, lines in error_lines[:3]:  # the log goes with the run's folder: show what went wrong
            print(f"{name}:{n + 1}:\n  " + "\n  ".join(lines[n:n + 15]), file=sys.stderr)
        log = check_log(target, asked, intended, changes)
    floor_p50 = statistics.median(r.ack * 1000 for r in floor)
    print(f"Demo catalog on {args.backend}, {args.processes} × `salesbot serve --http` (each its own process) "
          f"on 127.0.0.1, requests to them in turn; open loop, {args.clients} client threads.\n")
    print("| requests | sent | errors or ack ≥ 3 s | ack p50 (ms) | p95 | p99 | max | "
          "client send lag p99 (ms) |")
    print("|---|---|---|---|---|---|---|---|")
    print(ack_row("floor: `/salesbot help`, one at a time", floor))
    print(ack_row(f"questions {args.qps:g}/s for {q_wall:.0f} s (+ retries)", planned_q))
    print(ack_row(f"clicks {args.clicks_per_s:g}/s for {c_wall:.0f} s (+ doubles, retries)",
                  planned_c))
    every = planned_q + planned_c
    print(f"\nack p99 under load ÷ floor p50: "
          f"{percentile([r.ack * 1000 for r in every], 0.99) / floor_p50:.1f}×")
    print(f"answers at response_url: {answered:,} of {asked:,} questions "
          f"({len(answers) - len(set(answers))} duplicates); click replies: {replied:,} of "
          f"{sum(changes.values()):,} clicks (not counting doubles and retries); apologies sent: "
          f"{sorry}; errors in the bot's log: {bot_errors}")
    if args.kill_after is not None:
        print(f"killed mid-run: {resent} requests had lost their connection at the kill and were sent again; "
              f"acknowledged questions left without an answer: {len(unanswered)} {unanswered[:10]}; "
              f"acknowledged clicks left without an answer: {unanswered_clicks}")
    print("\n| answer at the response_url, from the planned send | p50 (ms) | p95 | p99 | max |")
    print("|---|---|---|---|---|")
    for label, times in (("questions", q_replies), ("clicks", c_replies)):
        print(f"| {label} ({len(times):,}) | {statistics.median(times):.0f} | "
              f"{percentile(times, 0.95):.0f} | {percentile(times, 0.99):.0f} | {max(times):.0f} |")
    print(f"\noffer log: {json.dumps(log)}")
    ms = lambda reqs, q: percentile([r.ack * 1000 for r in reqs], q)  # noqa: E731
    late = lambda reqs: sum(1 for r in reqs if r.status != 200 or r.ack is None  # noqa: E731
                            or r.ack >= ACK_LIMIT)
    return {
        "floor ack p50 (ms): `/salesbot help`, one at a time": floor_p50,
        "question requests sent (incl. redeliveries)": len(planned_q),
        "questions: errors or ack ≥ 3 s": late(planned_q),
        "question ack p50 (ms)": ms(planned_q, 0.5), "question ack p95 (ms)": ms(planned_q, 0.95),
        "question ack p99 (ms)": ms(planned_q, 0.99), "question ack max (ms)": ms(planned_q, 1),
        "click requests sent (incl. doubles, redeliveries)": len(planned_c),
        "clicks: errors or ack ≥ 3 s": late(planned_c),
        "click ack p50 (ms)": ms(planned_c, 0.5), "click ack p95 (ms)": ms(planned_c, 0.95),
        "click ack p99 (ms)": ms(planned_c, 0.99), "click ack max (ms)": ms(planned_c, 1),
        "ack p99 under load ÷ floor p50": percentile([r.ack * 1000 for r in every], 0.99) / floor_p50,
        "questions answered at response_url": answered,
        "duplicate answers": len(answers) - len(set(answers)),
        "answer p50 (ms from planned send)": statistics.median(q_replies),
        "answer p99 (ms)": percentile(q_replies, 0.99),
        "clicks answered at response_url": replied, "clicks made": sum(changes.values()),
        "click answer p50 (ms from planned send)": statistics.median(c_replies),
        "click answer p99 (ms)": percentile(c_replies, 0.99),
        "apologies + errors in the bot's log": sorry + bot_errors,
        "deals for the questions": log["deals"],
        "acknowledged questions left unanswered": len(unanswered),
        "acknowledged clicks left unanswered": unanswered_clicks,
        "requests resent after losing their connection": resent,
        **{f"offer log: {k}": v for k, v in log.items() if k not in ("deals", "questions")},
    }


if __name__ == "__main__":
    main()
