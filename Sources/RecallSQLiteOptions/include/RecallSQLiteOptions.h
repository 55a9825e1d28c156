#ifndef RECALL_SQLITE_OPTIONS_H
#define RECALL_SQLITE_OPTIONS_H

/// Turns off SQLite's memory statistics for this process, before SQLite starts.
///
/// With the statistics on (SQLite's default), every allocation SQLite makes takes a process-wide
/// mutex to count the bytes; Recall reads no such count. `sqlite3_config` takes a variable number
/// of arguments, which Swift cannot call, hence this C function. It only has an effect before
/// SQLite initializes (before the process opens its first database); afterwards it changes
/// nothing.
///
/// Returns SQLite's result code: `SQLITE_OK` (0) when the statistics were turned off,
/// `SQLITE_MISUSE` when SQLite had started already.
int recall_sqlite_turn_off_memory_statistics(void);

/// Asks the system to start writing the file open as `descriptor` back to disk, without waiting
/// for it (Linux's `sync_file_range` with `SYNC_FILE_RANGE_WRITE`; nothing elsewhere). It makes
/// nothing durable: a later `fsync` still does that, with less left to write. The function is a
/// GNU extension that Swift's Glibc module does not show, hence this C function.
///
/// Returns 0, or -1 with `errno` set.
int recall_start_writeback(int descriptor);

#endif
