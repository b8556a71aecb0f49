-- SQLite cannot add NOT NULL to a column: the table is rebuilt, and the copy fails on a NULL title.
CREATE TABLE new_notes (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT
);
INSERT INTO new_notes (id, title, body) SELECT id, title, body FROM notes;
DROP TABLE notes;
ALTER TABLE new_notes RENAME TO notes;
