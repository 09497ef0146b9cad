/* budget-xlsx-writer.h: every table form of a document as one sheet of an XLSX workbook */
#pragma once

#include "model/budget-document.h"

G_BEGIN_DECLS

gboolean budget_xlsx_export          (BudgetDocument  *doc,
                                      const char      *path,
                                      GError         **error);

/* Which forms get a sheet (every form with a table), and the sheet's name before de-duplication. */
char    *budget_xlsx_dup_sheet_name  (BudgetForm      *form);
gboolean budget_xlsx_exports_form    (BudgetForm      *form);

G_END_DECLS
