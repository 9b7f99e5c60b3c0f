// Real SQLite errors, made on a throw-away in-memory database, for tests of how Kassa words them.
import Database from 'better-sqlite3';

/** A real SQLITE_FULL: an in-memory database allowed a few pages, filled past them. */
export function diskFullError(): unknown {
  const db = new Database(':memory:');
  db.pragma('max_page_count = 8');
  db.exec('CREATE TABLE t (x BLOB)');
  try {
    for (let i = 0; i < 100; i += 1) db.prepare('INSERT INTO t VALUES (randomblob(4096))').run();
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
}
