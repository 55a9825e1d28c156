-- Card keys name a card within its note: `headings › anchor`, no longer
-- `deck › headings › anchor`. The deck is the note's, so repeating it in every key (in the table
-- and in three indexes) only made the store larger, and changed every key when a note file was
-- renamed or moved. Sibling groups are keys too and lose the same prefix.
--
-- Every card is rewritten, active and retired, so that the first import with the new card
-- generator pairs each card by its key as before. Reviews name cards by id and are not touched.
--
-- The deck segment of a key is found, in this order:
-- 1. the note's deck, followed by ` › ` (every active card, and retired ones since the last
--    rename);
-- 2. else, for a card with a heading path (`context`), the text before the first ` › ` that is
--    followed by the path's first heading and ` › ` (unless the key starts with that heading):
--    a retired card keeps the deck it had when it left its note, possibly one from before the
--    note was renamed or moved, and a key is always `deck › context › anchor`;
-- 3. else, for a card without a heading path, the text before the first ` › ` when an anchor
--    follows it (`term › `, `label › `, `table › `, `table N › `, `flow`, `flow N`).
-- A key where none is found is kept as it is. SQLite's substr, instr and length count characters
-- of TEXT, so Korean decks and headings are cut where they should be.
--
-- Keys stay unique within their note: when two cards would get the same key (a retired card
-- with an old deck and a card with the same headings and anchor), the active card keeps it, else
-- a card whose deck segment is the note's deck, else the one retired last (then the highest id);
-- each other one gets ` (old deck)` after its key, which the card generator never writes.

CREATE TEMP TABLE keyRewrite (
  id INTEGER PRIMARY KEY,
  noteId INTEGER NOT NULL,
  -- Characters to drop from the start of the key and of the sibling group: the deck and ` › `.
  cut INTEGER NOT NULL,
  -- The place among the cards of the note that would get the same key; 1 keeps it.
  place INTEGER NOT NULL DEFAULT 1,
  newKey TEXT NOT NULL,
  newGroup TEXT NOT NULL
);

INSERT INTO keyRewrite (id, noteId, cut, newKey, newGroup)
SELECT id, noteId, cut,
  substr(key, cut + 1),
  CASE WHEN cut > 0 AND substr(siblingGroup, 1, cut) = substr(key, 1, cut)
    THEN substr(siblingGroup, cut + 1) ELSE siblingGroup END
FROM (
  SELECT card.id, card.noteId, card.key, card.siblingGroup,
    CASE
      WHEN length(card.key) > length(note.deck) + 3
        AND substr(card.key, 1, length(note.deck) + 3) = note.deck || ' › '
        THEN length(note.deck) + 3
      WHEN json_array_length(card.context) > 0
        AND substr(card.key, 1, length(json_extract(card.context, '$[0]')) + 3)
          <> json_extract(card.context, '$[0]') || ' › '
        AND instr(card.key, ' › ' || json_extract(card.context, '$[0]') || ' › ') > 1
        THEN instr(card.key, ' › ' || json_extract(card.context, '$[0]') || ' › ') + 2
      WHEN json_array_length(card.context) = 0 AND instr(card.key, ' › ') > 1
        AND (
          substr(card.key, instr(card.key, ' › ') + 3) GLOB 'term › ?*'
          OR substr(card.key, instr(card.key, ' › ') + 3) GLOB 'label › ?*'
          OR substr(card.key, instr(card.key, ' › ') + 3) GLOB 'table › ?*'
          OR substr(card.key, instr(card.key, ' › ') + 3) GLOB 'table [0-9]* › ?*'
          OR substr(card.key, instr(card.key, ' › ') + 3) GLOB 'flow'
          OR substr(card.key, instr(card.key, ' › ') + 3) GLOB 'flow [0-9]*'
          OR substr(card.key, instr(card.key, ' › ') + 3) GLOB 'flow › ?*'
        )
        THEN instr(card.key, ' › ') + 2
      ELSE 0
    END AS cut
  FROM card JOIN note ON note.id = card.noteId
);

UPDATE keyRewrite SET place = ranked.place
FROM (
  SELECT keyRewrite.id,
    row_number() OVER (
      PARTITION BY keyRewrite.noteId, keyRewrite.newKey
      ORDER BY card.status = 'active' DESC,
        substr(card.key, 1, keyRewrite.cut) = note.deck || ' › ' DESC,
        card.retiredAt DESC, card.id DESC
    ) AS place
  FROM keyRewrite
  JOIN card ON card.id = keyRewrite.id
  JOIN note ON note.id = card.noteId
) AS ranked
WHERE ranked.id = keyRewrite.id AND ranked.place > 1;

UPDATE keyRewrite SET newKey = newKey || ' (' || (
  SELECT CASE WHEN keyRewrite.cut > 3 THEN substr(card.key, 1, keyRewrite.cut - 3)
    ELSE 'card ' || card.id END
  FROM card WHERE card.id = keyRewrite.id
) || ')'
WHERE place > 1;

-- In two steps, so that UNIQUE (noteId, key) holds after every row, whatever the order.
UPDATE card SET key = char(1) || 'rewriting ' || card.id
FROM keyRewrite
WHERE keyRewrite.id = card.id AND keyRewrite.newKey <> card.key;

UPDATE card SET key = keyRewrite.newKey, siblingGroup = keyRewrite.newGroup
FROM keyRewrite
WHERE keyRewrite.id = card.id
  AND (keyRewrite.newKey <> card.key OR keyRewrite.newGroup <> card.siblingGroup);

DROP TABLE keyRewrite;

-- card_stats (status, noteId, line, kind, context, key) starts with the same columns, and
-- serves every query that card_status served.
DROP INDEX card_status;
