"""A short burst over real HTTP: concurrent clicks, doubled and changed, lose and duplicate
nothing. (The load figures themselves are measured by bench/slack_load.py.)"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bot.slack import simulate
from tests.bot.slack.test_scenarios import answer_to, ask, buttons


def test_a_burst_of_clicks_leaves_one_outcome_per_offer_and_one_audit_row_per_change(bot):
    offers = []
    for i, product in enumerate(("galaxy s24", "probook 450", "laserjet pro 3102fdw")):
        ask(bot, product, name=f"q{i}")
        blocks = answer_to(bot, f"q{i}")[0].body["blocks"]
        offers += [(value, f"17000000{i}.000100") for action, value in buttons(blocks).items()
                   if action.startswith("offer_accept_")]
    assert len(offers) >= 6

    def press(verb: str, offer: str, message_ts: str) -> int:
        body, kind = simulate.action(f"offer_{verb}_{offer}", offer, user="U1",
                                     response_url=bot.slack.response_url(f"c{offer}"),
                                     message_ts=message_ts)
        return bot.post(body, kind)[0]

    def change_of_mind(offer: str, message_ts: str) -> list[int]:
        """Accepted twice (a double click), then Declined: each sent once the last was acked."""
        return [press(verb, offer, message_ts) for verb in ("accept", "accept", "decline")]

    with ThreadPoolExecutor(max_workers=16) as pool:  # all offers at once
        statuses = [s for per_offer in pool.map(lambda o: change_of_mind(*o), offers)
                    for s in per_offer]
    assert statuses == [200] * 3 * len(offers)
    for offer, _ in offers:
        answer_to(bot, f"c{offer}", count=3)  # every click is answered, after its ack

    db = bot.services.db
    rows = dict(db.execute("SELECT id, outcome FROM offers").fetchall())
    audit = dict(db.execute("SELECT offer_id, COUNT(*) FROM offer_outcomes GROUP BY offer_id"))
    for offer, _ in offers:
        assert rows[int(offer)] == "declined", offer
        assert audit[int(offer)] == 2, offer  # accepted, then declined: the double changed nothing
    off = db.execute("""SELECT COUNT(*) FROM deals d WHERE d.cross_declined + d.up_declined !=
                        (SELECT COUNT(*) FROM offers WHERE deal_id = d.id AND outcome = 'declined')
                        OR d.cross_accepted + d.up_accepted != 0""").fetchone()[0]
    assert off == 0
    assert db.execute("SELECT COUNT(*) FROM deals").fetchone()[0] == 3
