// Every preview and commit gets its own SQLite connection to the app's database file: its TEMP
// staging table is private to it, and a commit's transaction can never swallow statements the till
// runs on the shared connection in the meantime.
import Database from 'better-sqlite3';
import type { Db } from '../../store/database.js';

export function openJobConnection(appDb: Db): Db {
  if (appDb.memory || appDb.name === '' || appDb.name === ':memory:') {
    throw new Error('imports need a database file (an in-memory database has no second connection)');
  }
  const db = new Database(appDb.name, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL'); // a committed batch survives a power cut, like a sale
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = FILE'); // staging goes to a temp file, not to the heap
    db.pragma('cache_size = -16000'); // 16 MB, SQLite's default here: more did not make large batches faster
    db.pragma('temp.cache_size = -4000'); // staging is appended and scanned in order: a small cache will do
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
