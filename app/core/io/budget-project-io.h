/* budget-project-io.h: project files (doc/project-format.md) */
#pragma once

#include "model/budget-document.h"

G_BEGIN_DECLS

#define BUDGET_PROJECT_FORMAT_VERSION 1u

BudgetDocument *budget_project_load_bytes (GBytes          *bytes,
                                           const char      *name,
                                           GError         **error);
BudgetDocument *budget_project_load_file  (const char      *path,
                                           GError         **error);
GBytes         *budget_project_serialize  (BudgetDocument  *doc);
gboolean        budget_project_save_file  (BudgetDocument  *doc,
                                           const char      *path,
                                           GError         **error);
gboolean        budget_project_save_file_full (BudgetDocument  *doc,
                                           const char      *path,
                                           guint            n_backups,
                                           GError         **error);

gboolean        budget_project_save       (BudgetDocument  *doc,
                                           const char      *path,
                                           GError         **error);
gboolean        budget_project_save_full  (BudgetDocument  *doc,
                                           const char      *path,
                                           guint            n_backups,
                                           GError         **error);
BudgetDocument *budget_project_load_sample (void);

G_END_DECLS
