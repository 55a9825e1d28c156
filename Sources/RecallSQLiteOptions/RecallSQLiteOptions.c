// sync_file_range(2) is a GNU extension of <fcntl.h>.
#define _GNU_SOURCE
#include "RecallSQLiteOptions.h"

#include <fcntl.h>
#include <sqlite3.h>

int recall_sqlite_turn_off_memory_statistics(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int recall_start_writeback(int descriptor) {
#ifdef __linux__
  return sync_file_range(descriptor, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
  (void)descriptor;
  return 0;
#endif
}
