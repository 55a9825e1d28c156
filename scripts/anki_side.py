#!/usr/bin/env python3
"""Anki's side of Recall's round-trip tests, done by Anki's own engine (the `anki` package).

    anki_side.py import PACKAGE COLLECTION   import a package with its scheduling; print the collection
    anki_side.py show COLLECTION             print the collection as JSON
    anki_side.py answer COLLECTION RATING... answer the next due cards as a phone would (1-4 each)
    anki_side.py suspend COLLECTION GUID     suspend the card of the note GUID
    anki_side.py export COLLECTION OUT       export the whole collection as a .colpkg
    anki_side.py export-deck COLLECTION OUT  export the Recall deck as an .apkg with its scheduling

Every command prints one JSON object on standard output.
"""
import json
import sys

from anki.collection import (Collection, DeckIdLimit, ExportAnkiPackageOptions, ImportAnkiPackageOptions,
                             ImportAnkiPackageRequest)
from anki.scheduler.v3 import CardAnswer

BUTTONS = {1: CardAnswer.AGAIN, 2: CardAnswer.HARD, 3: CardAnswer.GOOD, 4: CardAnswer.EASY}


def describe(col):
    """The collection's notes, cards, decks and review log count, as plain values."""
    notes = []
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        notes.append({"id": nid, "guid": note.guid, "fields": list(note.fields), "mod": note.mod,
                      "notetype": note.note_type()["name"]})
    cards = []
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        memory = card.memory_state
        cards.append({
            "id": cid, "guid": card.note().guid, "deck": col.decks.name(card.did),
            "type": card.type, "queue": card.queue, "due": card.due, "ivl": card.ivl,
            "reps": card.reps, "lapses": card.lapses,
            "stability": memory.stability if memory else None,
            "difficulty": memory.difficulty if memory else None,
            "revlog": col.db.scalar("select count() from revlog where cid = ?", cid),
        })
    configs = [{"name": c["name"], "desiredRetention": c.get("desiredRetention"),
                "fsrsParams6": c.get("fsrsParams6", [])} for c in col.decks.all_config()]
    return {"today": col.sched.today, "notes": notes, "cards": cards,
            "revlog": col.db.scalar("select count() from revlog"), "deckConfigs": configs,
            "fsrs": bool(col.get_config("fsrs", False))}


def main(args):
    command = args[0]
    col = Collection(args[1] if command != "import" else args[2])
    try:
        if command == "import":
            options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, merge_notetypes=True)
            col.import_anki_package(ImportAnkiPackageRequest(package_path=args[1], options=options))
            col.set_config("fsrs", True)
            result = describe(col)
        elif command == "show":
            result = describe(col)
        elif command == "answer":
            col.set_config("fsrs", True)
            col.decks.select(col.decks.id_for_name("Recall"))
            answered = []
            for rating in args[2:]:
                queued = col.sched.get_queued_cards(fetch_limit=1)
                if not queued.cards:
                    break
                card = col.get_card(queued.cards[0].card.id)
                card.start_timer()
                states = col._backend.get_scheduling_states(card.id)
                answer = col.sched.build_answer(card=card, states=states, rating=BUTTONS[int(rating)])
                col.sched.answer_card(answer)
                answered.append({"guid": card.note().guid, "rating": int(rating)})
            result = {"answered": answered, **describe(col)}
        elif command == "suspend":
            col.sched.suspend_cards(
                col.db.list("select cards.id from cards join notes on notes.id = cards.nid where notes.guid = ?", args[2]))
            result = describe(col)
        elif command == "export":
            col.export_collection_package(args[2], include_media=False, legacy=False)
            result = {"exported": args[2]}
        elif command == "export-deck":
            options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=False)
            limit = DeckIdLimit(deck_id=col.decks.id_for_name("Recall"))
            result = {"exported": col.export_anki_package(out_path=args[2], options=options, limit=limit)}
        else:
            raise SystemExit(f"unknown command {command}")
    finally:
        col.close()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
