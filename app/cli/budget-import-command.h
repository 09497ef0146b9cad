/* budget-import-command.h: a workbook import as one undoable command, shared by the window and the command
 * line (io plans the import, edit knows the commands; only a front end sees both) */
#pragma once

#include "budget-core.h"
#include "io/budget-xlsx-import.h"

G_BEGIN_DECLS

BudgetCommand  *budget_import_command_new      (BudgetDocument   *doc,
                                                BudgetXlsxImport *import);
BudgetDocument *budget_import_new_document     (BudgetXlsxImport *import);
int             budget_cli_import_xlsx         (const char       *workbook,
                                                const char       *out);

G_END_DECLS
