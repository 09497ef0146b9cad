/* budget-recovery.h: recovery copies of unsaved documents, for restoring after a crash */
#pragma once

#include <gio/gio.h>

#include "model/budget-document.h"

G_BEGIN_DECLS

/* One recovery copy, as budget_recovery_list() finds it. */
typedef struct
{
  char      *id;
  char      *path;          /* the project file it was made for, or NULL for a document never saved */
  char      *display_name;  /* the name the window showed ("Untitled" before the first save) */
  GDateTime *edited;        /* the time of the last edit it holds */
  char      *host;
  GPid       pid;           /* the editor that wrote it */
} BudgetRecoveryEntry;

void budget_recovery_entry_free (BudgetRecoveryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BudgetRecoveryEntry, budget_recovery_entry_free)

#define BUDGET_TYPE_RECOVERY (budget_recovery_get_type ())

G_DECLARE_FINAL_TYPE (BudgetRecovery, budget_recovery, BUDGET, RECOVERY, GObject)

BudgetRecovery *budget_recovery_new        (const char      *folder);
const char     *budget_recovery_get_folder (BudgetRecovery  *self);
char           *budget_recovery_new_id     (void);
void            budget_recovery_write      (BudgetRecovery  *self,
                                            const char      *id,
                                            const char      *path,
                                            const char      *display_name,
                                            gint64           edited,
                                            GBytes          *bytes);
void            budget_recovery_discard    (BudgetRecovery  *self,
                                            const char      *id);
void            budget_recovery_wait       (BudgetRecovery  *self);
GPtrArray      *budget_recovery_list       (BudgetRecovery  *self,
                                            gboolean         orphans_only);
BudgetDocument *budget_recovery_load       (BudgetRecovery  *self,
                                            const BudgetRecoveryEntry *entry,
                                            GError         **error);

G_END_DECLS
