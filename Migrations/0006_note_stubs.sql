-- The stubs of each note (empty sections, terms without definitions, empty tables), kept when
-- the note is read, so that an import that skips an unchanged note still lists them.
--
-- A JSON array of objects `{"kind", "line", "message"}` in note order; the file is the note's.
-- Notes stored before this migration have none until they are read again (a newer card
-- generator reads every note again once).
ALTER TABLE note ADD COLUMN stubs TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(stubs) AND json_type(stubs) = 'array');
