/* budget-safe-save.h: replacing a file so that a failed or interrupted save never damages it */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The backup generations kept by default (the app reads its count from GSettings "backup-count"). */
#define BUDGET_SAFE_SAVE_DEFAULT_BACKUPS 3u
#define BUDGET_SAFE_SAVE_MAX_BACKUPS 20u

/* Returns the stream to write the new file through (transfer full); @stream writes to the temporary
 * file. Tests use it to inject write failures. */
typedef GOutputStream *(*BudgetSafeSaveStreamFunc) (GOutputStream *stream,
                                                    gpointer       user_data);

#define BUDGET_TYPE_SAFE_SAVE (budget_safe_save_get_type ())

G_DECLARE_FINAL_TYPE (BudgetSafeSave, budget_safe_save, BUDGET, SAFE_SAVE, GObject)

BudgetSafeSave *budget_safe_save_new             (const char                *path);
const char     *budget_safe_save_get_path        (BudgetSafeSave            *self);
guint           budget_safe_save_get_n_backups   (BudgetSafeSave            *self);
void            budget_safe_save_set_n_backups   (BudgetSafeSave            *self,
                                                  guint                      n_backups);
void            budget_safe_save_set_stream_func (BudgetSafeSave            *self,
                                                  BudgetSafeSaveStreamFunc   func,
                                                  gpointer                   user_data,
                                                  GDestroyNotify             destroy);
gboolean        budget_safe_save_write           (BudgetSafeSave            *self,
                                                  GBytes                    *contents,
                                                  GError                   **error);

char           *budget_safe_save_backup_path     (const char                *path,
                                                  guint                      generation);

G_END_DECLS
