-- The folders a user imports: the library roots. A note found under a root has its deck named
-- relative to that root, so importing a subfolder of a folder imported before keeps its decks
-- (`recall import vault/sub` after `recall import vault` keeps `sub/README.md`).
--
-- A root is an absolute path with links resolved. A folder imported inside a known root adds
-- nothing; a folder around known roots replaces them.
CREATE TABLE libraryRoot (
  path TEXT PRIMARY KEY NOT NULL CHECK (path <> ''),
  addedAt INTEGER NOT NULL
);
