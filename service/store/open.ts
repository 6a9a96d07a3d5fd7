// Opens the run history MTO_DB names: a PostgreSQL URL, or an SQLite file. Whatever goes wrong at
// start-up is said with the file (or database) and MTO_DB in the message, and what to do.
import { PgRunStore, isPostgresUrl, safeUrl } from './pg-runs';
import { SchemaTooNewError, SqliteRunStore, type RunStore } from './runs';

export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

function sqliteHelp(path: string, e: Error & { code?: string }): string {
  const code = e.code ?? '';
  if (code === 'SQLITE_NOTADB' || /not a database/i.test(e.message)) return `${path} is not an SQLite database (MTO_DB): point MTO_DB at the run history file, or at a new file name to start an empty history`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return `cannot open the run history ${path} (MTO_DB) for writing: ${e.message}; give this user write access to the file and its folder, or set MTO_DB to a writable path`;
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return `the disk holding the run history ${path} (MTO_DB) is full: free space, or set MTO_DB to a file on another disk`;
  return `cannot open the run history ${path} (MTO_DB): ${e.message}`;
}

function pgHelp(url: string, e: Error & { code?: string }): string {
  const where = safeUrl(url);
  const code = e.code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || /timeout/i.test(e.message)) return `cannot reach the run history database ${where} (MTO_DB): ${e.message}; is PostgreSQL running there and the host and port right?`;
  if (code === '3D000') return `the database in ${where} (MTO_DB) does not exist: create it (createdb) or name another one`;
  if (code === '28P01' || code === '28000') return `PostgreSQL refused the login in ${where} (MTO_DB): ${e.message}`;
  return `cannot open the run history database ${where} (MTO_DB): ${e.message}`;
}

/** `setting` is MTO_DB as configured: a postgres:// URL or a file path (or `:memory:`). */
export async function openRunStore(setting: string): Promise<RunStore> {
  if (isPostgresUrl(setting)) {
    try {
      return await PgRunStore.open(setting);
    } catch (e) {
      if (e instanceof SchemaTooNewError) throw e;
      throw new StoreOpenError(pgHelp(setting, e as Error));
    }
  }
  try {
    return new SqliteRunStore(setting);
  } catch (e) {
    if (e instanceof SchemaTooNewError) throw e;
    throw new StoreOpenError(sqliteHelp(setting, e as Error));
  }
}
