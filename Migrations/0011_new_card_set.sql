-- The first card of a review at once in a collection of any size: the new cards are kept in a
-- table of their own, so that today's new cards are read from the cards never studied rather
-- than found by looking at every card.
--
-- Numbered 0011 because 0010 belongs to another branch; this file only adds a table and
-- triggers, so it applies the same before or after 0010.
--
-- A card is new while it has no schedule (it was never answered) or a schedule in the state
-- 'new' (its first answer was undone, or it was reset). Triggers keep the table true on every
-- write of a card or a schedule, so no code has to remember it; `recall check` rebuilds it the
-- same way. The table may keep the id of a card deleted since (the queue reads the card
-- itself, its status too), never miss a new card.
--
-- The triggers on `cardSchedule` do not name `card`, so a later migration may rebuild the
-- card table as SQLite's documentation describes; such a migration creates the two triggers
-- on `card` again (dropping a table drops its triggers).

CREATE TABLE newCard (
  cardId INTEGER PRIMARY KEY NOT NULL
);

INSERT INTO newCard (cardId)
SELECT card.id FROM card
WHERE NOT EXISTS (
  SELECT 1 FROM cardSchedule WHERE cardSchedule.cardId = card.id AND cardSchedule.state <> 'new');

-- A card made by an import starts new.
CREATE TRIGGER card_startsNew AFTER INSERT ON card
BEGIN
  INSERT OR IGNORE INTO newCard (cardId)
  SELECT NEW.id WHERE NOT EXISTS (
    SELECT 1 FROM cardSchedule WHERE cardId = NEW.id AND state <> 'new');
END;

CREATE TRIGGER card_deletedNotNew AFTER DELETE ON card
BEGIN
  DELETE FROM newCard WHERE cardId = OLD.id;
END;

-- An answer (or a merged log, or `recall due`) takes a card out of the new ones; an undone
-- first answer or a reset to 'new' puts it back.
CREATE TRIGGER cardSchedule_insertedState AFTER INSERT ON cardSchedule
BEGIN
  DELETE FROM newCard WHERE cardId = NEW.cardId AND NEW.state <> 'new';
  INSERT OR IGNORE INTO newCard (cardId) SELECT NEW.cardId WHERE NEW.state = 'new';
END;

CREATE TRIGGER cardSchedule_updatedState AFTER UPDATE OF state ON cardSchedule
BEGIN
  DELETE FROM newCard WHERE cardId = NEW.cardId AND NEW.state <> 'new';
  INSERT OR IGNORE INTO newCard (cardId) SELECT NEW.cardId WHERE NEW.state = 'new';
END;

-- A schedule removed (`recall reset`) leaves the card new.
CREATE TRIGGER cardSchedule_deleted AFTER DELETE ON cardSchedule
BEGIN
  INSERT OR IGNORE INTO newCard (cardId) VALUES (OLD.cardId);
END;
