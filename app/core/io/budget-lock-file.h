/* budget-lock-file.h: the lock beside an open project, in LibreOffice's format (.~lock.NAME#) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BUDGET_TYPE_LOCK_FILE (budget_lock_file_get_type ())

G_DECLARE_FINAL_TYPE (BudgetLockFile, budget_lock_file, BUDGET, LOCK_FILE, GObject)

char           *budget_lock_file_path_for      (const char     *project_path);
BudgetLockFile *budget_lock_file_read          (const char     *project_path,
                                                GError        **error);
BudgetLockFile *budget_lock_file_acquire       (const char     *project_path,
                                                gboolean        take_over,
                                                GError        **error);
void            budget_lock_file_release       (BudgetLockFile *self);

const char     *budget_lock_file_get_user      (BudgetLockFile *self);
const char     *budget_lock_file_get_host      (BudgetLockFile *self);
const char     *budget_lock_file_get_time      (BudgetLockFile *self);
GDateTime      *budget_lock_file_dup_date_time (BudgetLockFile *self);
GPid            budget_lock_file_get_pid       (BudgetLockFile *self);
gboolean        budget_lock_file_is_ours       (BudgetLockFile *self);
gboolean        budget_lock_file_is_stale      (BudgetLockFile *self);

char           *budget_lock_file_format_line   (const char     *formal_name,
                                                const char     *user,
                                                const char     *host,
                                                GDateTime      *time,
                                                const char     *profile);
gboolean        budget_process_is_running      (const char     *host,
                                                GPid            pid);

G_END_DECLS
