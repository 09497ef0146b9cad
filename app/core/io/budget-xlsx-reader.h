/* budget-xlsx-reader.h: the cells of an XLSX workbook's sheets (libgsf opens the zip, libxml2 reads the XML) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BUDGET_XLSX_ERROR (budget_xlsx_error_quark ())

typedef enum
{
  BUDGET_XLSX_ERROR_NOT_WORKBOOK,   /* not a zip, or a zip without a workbook */
  BUDGET_XLSX_ERROR_LEGACY,         /* an .xls file (BIFF in an OLE container) */
  BUDGET_XLSX_ERROR_ENCRYPTED,      /* a password-protected workbook */
  BUDGET_XLSX_ERROR_TOO_LARGE,      /* beyond the caps on decompressed size, rows or cells */
  BUDGET_XLSX_ERROR_INVALID,        /* broken XML inside the workbook */
} BudgetXlsxError;

/* Caps that keep a hostile or runaway workbook from exhausting memory. */
#define BUDGET_XLSX_MAX_PART_SIZE  (G_GUINT64_CONSTANT (64) * 1024 * 1024)
#define BUDGET_XLSX_MAX_TOTAL_SIZE (G_GUINT64_CONSTANT (256) * 1024 * 1024)
#define BUDGET_XLSX_MAX_ROWS       200000u
#define BUDGET_XLSX_MAX_CELLS      2000000u

typedef struct
{
  char     *text;         /* the shown string, or the number's text as stored (e.g. "85.19") */
  gboolean  is_number;    /* a numeric cell (text is the stored number) */
  gboolean  has_formula;
  gboolean  has_value;    /* FALSE for a formula without a cached value, or an empty cell */
  gboolean  merged_copy;  /* filled in from the top-left cell of a merged range */
} BudgetXlsxCell;

typedef struct
{
  char       *name;
  guint       n_rows;      /* one past the last row that has a cell */
  guint       n_cols;
  GHashTable *cells;       /* row << 14 | col → BudgetXlsxCell */
} BudgetXlsxSheet;

GQuark                 budget_xlsx_error_quark   (void);
GPtrArray             *budget_xlsx_read_sheets   (const char      *path,
                                                  GError         **error);
void                   budget_xlsx_sheet_free    (BudgetXlsxSheet *sheet);
const BudgetXlsxCell  *budget_xlsx_sheet_get_cell (BudgetXlsxSheet *sheet,
                                                  guint            row,
                                                  guint            col);
char                  *budget_xlsx_cell_name     (guint            row,
                                                  guint            col);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BudgetXlsxSheet, budget_xlsx_sheet_free)

G_END_DECLS
