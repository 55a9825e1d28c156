#!/usr/bin/env python3
"""Anki's side of `recall-bench scale`, done by Anki's own engine (the `anki` package).

    anki_scale.py build COLLECTION CARDS REVIEWS_PER_CARD   a collection the size of Recall's
    anki_scale.py first-card COLLECTION                     print the first card of a review
    anki_scale.py answer COLLECTION COUNT                   answer COUNT cards, print the median
    anki_scale.py stats COLLECTION                          compute the stats screen's graphs

The collection matches the one `recall-bench scale` builds in Recall: one Basic note per card
with the same Korean text mix, REVIEWS_PER_CARD reviews each in the log, every card in review
with FSRS memory states and due from 10 days ago to 49 days ahead (about a sixth due today).
Every command prints one JSON object on standard output, with the time the work took inside
the process in milliseconds ("ms").
"""
import json
import sys
import time

from anki.collection import AddNoteRequest, Collection
from anki.scheduler.v3 import CardAnswer

DAY_MS = 86_400_000


def build(path, cards, reviews_per_card):
    """Writes the notes through Anki's API, then the review log and schedules with SQL."""
    col = Collection(path)
    col.set_config("fsrs", True)
    notetype = col.models.by_name("Basic")
    deck_id = 1  # the deck a review starts in
    requests = []
    for index in range(cards):
        note_number, term = divmod(index, 100)
        note = col.new_note(notetype)
        note["Front"] = f"용어 {note_number}-{term}"
        note["Back"] = f"설명 {note_number}-{term} 내용은 여기에 있다"
        requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        if len(requests) == 5000:
            col.add_notes(requests)
            requests = []
    if requests:
        col.add_notes(requests)
    today = col.sched.today
    now_ms = int(time.time() * 1000)
    card_ids = col.find_cards("")
    revlog = []
    schedules = []
    for index, cid in enumerate(card_ids):
        for review in range(reviews_per_card):
            at = now_ms + (-360 + review * 30) * DAY_MS + index
            revlog.append((at, cid, -1, 3, 30, 30 if review else 0, 0, 4000, 1 if review else 0))
        due_offset = index % 60 - 10
        stability = float(reviews_per_card * 3)
        data = json.dumps({"s": stability, "d": 5.0, "dr": 0.9, "lrt": (now_ms // 1000) - 30 * 86_400})
        schedules.append((today + due_offset, reviews_per_card, data, cid))
    col.db.executemany(
        "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?,?,?,?,?,?,?,?,?)",
        revlog)
    col.db.executemany(
        "update cards set type = 2, queue = 2, due = ?, ivl = 30, factor = 0, reps = ?, data = ? where id = ?",
        schedules)
    col.close()
    return {"cards": len(card_ids), "reviews": len(revlog)}


def first_card(path):
    col = Collection(path)
    start = time.perf_counter()
    queued = col.sched.get_queued_cards(fetch_limit=1)
    card = queued.cards[0].card if queued.cards else None
    elapsed = (time.perf_counter() - start) * 1000
    print(json.dumps({"first": card.id if card else None, "ms": elapsed}), flush=True)
    col.close()
    return None


def answer(path, count):
    col = Collection(path)
    times = []
    for _ in range(count):
        queued = col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        card = col.get_card(queued.cards[0].card.id)
        card.start_timer()
        states = col._backend.get_scheduling_states(card.id)
        start = time.perf_counter()
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD))
        times.append((time.perf_counter() - start) * 1000)
    col.close()
    times.sort()
    return {"answers": len(times), "ms": times[len(times) // 2] if times else None}


def stats(path):
    col = Collection(path)
    start = time.perf_counter()
    graphs = col._backend.graphs(search="", days=365)
    elapsed = (time.perf_counter() - start) * 1000
    col.close()
    return {"bytes": len(graphs.SerializeToString()), "ms": elapsed}


def main(args):
    command = args[0]
    if command == "build":
        result = build(args[1], int(args[2]), int(args[3]))
    elif command == "first-card":
        result = first_card(args[1])
    elif command == "answer":
        result = answer(args[1], int(args[2]))
    elif command == "stats":
        result = stats(args[1])
    else:
        raise SystemExit(f"anki_scale.py: unknown command {command!r}")
    if result is not None:
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
