-- The orientation a table card was read with: `rows`, `columns` or `single` (see
-- TableOrientation), so that `recall cards --json` over the database says it as
-- `recall cards FILE --json` does. NULL for every other card, and for the table cards of a
-- database made before this migration until their note is next imported with changes.
--
-- ADD COLUMN keeps the card table and the triggers migration 0011 put on it; nothing is
-- rebuilt or copied.

ALTER TABLE card ADD COLUMN orientation TEXT;
