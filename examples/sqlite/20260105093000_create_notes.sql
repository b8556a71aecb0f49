CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  title TEXT,
  body TEXT
);
