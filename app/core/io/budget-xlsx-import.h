/* budget-xlsx-import.h: what a workbook would change in a document, and what disagrees with it.
 *
 * Reading finds each form of the document in the workbook by its title, maps columns by their header and
 * rows by code or label, and turns the entered cells into a plan of changes. Totals are not trusted: every
 * derived figure of the workbook is compared with what the model derives from the planned document. The
 * front ends turn the plan into one undoable command (io knows no commands).
 */
#pragma once

#include "model/budget-document.h"

G_BEGIN_DECLS

typedef enum
{
  BUDGET_XLSX_OP_SET_VALUE,   /* an entered amount or quantity of an existing row */
  BUDGET_XLSX_OP_SET_TEXT,    /* an entered text of an existing row */
  BUDGET_XLSX_OP_ADD_ROW,     /* a new row, with its values (row) */
  BUDGET_XLSX_OP_REMOVE_ROW,  /* a row of the officer's that the workbook does not have */
} BudgetXlsxOpKind;

typedef struct
{
  BudgetXlsxOpKind   kind;
  char              *form_id;
  char              *key;
  guint              col;
  gint64             value;
  char              *text;
  BudgetRowSnapshot *row;    /* ADD_ROW only */
} BudgetXlsxOp;

typedef struct
{
  char     *form_id;
  char     *title;
  char     *sheet;       /* where it was found */
  char     *unit;        /* "万元" or "元" */
  guint     rows_matched;
  guint     rows_skipped;
  guint     differences;
  gboolean  imported;    /* FALSE: found, but nothing of it is taken (performance tables) */
  GPtrArray *notes;      /* char *: why rows were skipped, columns not found … */
} BudgetXlsxFormReport;

typedef struct
{
  char     *form_id;     /* the form to jump to, or NULL */
  char     *row_key;
  int       col;         /* -1: the whole row */
  char     *message;     /* in the officer's words, with the sheet and cell */
  gboolean  blocking;    /* bad input: nothing is imported while any remains */
} BudgetXlsxFinding;

#define BUDGET_TYPE_XLSX_IMPORT (budget_xlsx_import_get_type ())

G_DECLARE_FINAL_TYPE (BudgetXlsxImport, budget_xlsx_import, BUDGET, XLSX_IMPORT, GObject)

BudgetXlsxImport *budget_xlsx_import_new            (BudgetDocument   *target,
                                                     const char       *path,
                                                     GError          **error);
GPtrArray        *budget_xlsx_import_get_ops        (BudgetXlsxImport *self);
GPtrArray        *budget_xlsx_import_get_forms      (BudgetXlsxImport *self);
GPtrArray        *budget_xlsx_import_get_findings   (BudgetXlsxImport *self);
gboolean          budget_xlsx_import_can_apply      (BudgetXlsxImport *self);
guint             budget_xlsx_import_get_n_differences (BudgetXlsxImport *self);
int               budget_xlsx_import_get_year       (BudgetXlsxImport *self);
const char       *budget_xlsx_import_get_department (BudgetXlsxImport *self);
char             *budget_xlsx_import_dup_report     (BudgetXlsxImport *self);
gboolean          budget_xlsx_import_apply_direct   (BudgetXlsxImport *self,
                                                     BudgetDocument   *document);

G_END_DECLS
