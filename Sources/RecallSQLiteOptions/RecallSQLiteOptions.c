#include "RecallSQLiteOptions.h"

#include <sqlite3.h>

int recall_sqlite_turn_off_memory_statistics(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
