/* budget-xlsx-import.c: reading the officers' workbooks into a plan of changes
 *
 * A workbook is searched for the titles of the document's forms (anywhere: one form per sheet or several
 * stacked in one sheet, any sheet names and order). Below a title the unit line or the header says 元 or
 * 万元; the header rows are matched to the form definition's header tree by their text (spaces, line
 * breaks and full-width characters do not matter), falling back on the 栏次 numbers. Rows are matched by
 * classification code, or by label on fixed-layout forms. Only entered cells are taken; every derived
 * figure is compared with what the model derives once the entered cells are in.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "io/budget-xlsx-import.h"
#include "io/budget-xlsx-reader.h"
#include "io/budget-project-io.h"
#include "model/budget-catalog.h"
#include "model/budget-snapshot.h"

#define TITLE_SLACK 60   /* bytes of other text allowed on a title's row ("附表1 " …) */

struct _BudgetXlsxImport
{
  GObject    parent_instance;

  GPtrArray *ops;        /* BudgetXlsxOp */
  GPtrArray *forms;      /* BudgetXlsxFormReport */
  GPtrArray *findings;   /* BudgetXlsxFinding */
  guint      n_blocking;
  guint      n_differences;
  int        year;
  char      *department;
};

G_DEFINE_FINAL_TYPE (BudgetXlsxImport, budget_xlsx_import, G_TYPE_OBJECT)

typedef enum { UNIT_WANYUAN, UNIT_YUAN } Unit;

/* A derived figure of the workbook, compared once the plan is applied. */
typedef struct
{
  BudgetForm *form;
  char       *key;
  guint       col;
  gint64      value;
  Unit        unit;
  BudgetXlsxSheet *sheet;   /* where: 支出总表!D7, named only when it differs */
  guint       row;
  guint       sheet_col;
  BudgetXlsxFormReport *report;
} Comparison;

typedef struct
{
  BudgetXlsxSheet *sheet;
  guint            first;   /* the title row */
  guint            end;
  BudgetForm      *form;
} Region;

typedef struct
{
  BudgetXlsxImport *self;
  BudgetDocument   *target;
  GArray           *comparisons;   /* Comparison */
} Context;

static void
op_free (gpointer data)
{
  BudgetXlsxOp *op = data;

  g_free (op->form_id);
  g_free (op->key);
  g_free (op->text);
  if (op->row != NULL)
    budget_row_snapshot_free (op->row);
  g_free (op);
}

static void
form_report_free (gpointer data)
{
  BudgetXlsxFormReport *report = data;

  g_free (report->form_id);
  g_free (report->title);
  g_free (report->sheet);
  g_free (report->unit);
  g_ptr_array_unref (report->notes);
  g_free (report);
}

static void
finding_free (gpointer data)
{
  BudgetXlsxFinding *finding = data;

  g_free (finding->form_id);
  g_free (finding->row_key);
  g_free (finding->message);
  g_free (finding);
}

static void
comparison_clear (gpointer data)
{
  Comparison *comparison = data;

  g_free (comparison->key);
}

static void
budget_xlsx_import_finalize (GObject *object)
{
  BudgetXlsxImport *self = BUDGET_XLSX_IMPORT (object);

  g_ptr_array_unref (self->ops);
  g_ptr_array_unref (self->forms);
  g_ptr_array_unref (self->findings);
  g_free (self->department);
  G_OBJECT_CLASS (budget_xlsx_import_parent_class)->finalize (object);
}

static void
budget_xlsx_import_class_init (BudgetXlsxImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_xlsx_import_finalize;
}

static void
budget_xlsx_import_init (BudgetXlsxImport *self)
{
  self->ops = g_ptr_array_new_with_free_func (op_free);
  self->forms = g_ptr_array_new_with_free_func (form_report_free);
  self->findings = g_ptr_array_new_with_free_func (finding_free);
}

static void
add_finding (BudgetXlsxImport *self,
             BudgetForm       *form,
             const char       *row_key,
             int               col,
             gboolean          blocking,
             char             *message)
{
  BudgetXlsxFinding *finding = g_new0 (BudgetXlsxFinding, 1);

  finding->form_id = form != NULL ? g_strdup (budget_form_get_id (form)) : NULL;
  finding->row_key = g_strdup (row_key);
  finding->col = col;
  finding->blocking = blocking;
  finding->message = message;
  if (blocking)
    self->n_blocking++;
  g_ptr_array_add (self->findings, finding);
}

/* Text as compared: compatibility forms folded (full-width letters, digits and brackets become ASCII,
 * the ideographic space a space), then every space and line break removed. */
static char *
normalize (const char *text)
{
  g_autofree char *folded = NULL;
  GString *out = g_string_new (NULL);
  gboolean plain = TRUE;

  if (text == NULL)
    text = "";
  /* ASCII and the common ideographs are their own compatibility form: most cells need no normalizing. */
  for (const char *p = text; *p != '\0' && plain; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      plain = c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF);
    }
  folded = plain ? g_strdup (text) : g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  if (folded == NULL)
    return g_string_free (out, FALSE);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        {
          if (!g_ascii_isspace (c))
            g_string_append_c (out, (char) c);
          continue;
        }
      if (g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* A header's text without the unit it names: "预算数(万元)" → "预算数". */
static char *
strip_unit (const char *normalized,
            int        *unit)
{
  static const struct { const char *text; int unit; } units[] = {
    { "(万元)", UNIT_WANYUAN }, { "(元)", UNIT_YUAN },
  };
  g_autoptr(GString) out = g_string_new (normalized);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_string_replace (out, units[i].text, "", 0) > 0 && unit != NULL)
      *unit = units[i].unit;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
cell_text (BudgetXlsxSheet *sheet,
           guint            row,
           guint            col)
{
  const BudgetXlsxCell *cell = budget_xlsx_sheet_get_cell (sheet, row, col);

  return cell != NULL ? cell->text : "";
}

static char *
row_text (BudgetXlsxSheet *sheet,
          guint            row)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < MIN (sheet->n_cols, 64); c++)
    {
      const BudgetXlsxCell *cell = budget_xlsx_sheet_get_cell (sheet, row, c);

      if (cell != NULL && !cell->merged_copy)
        g_string_append (out, cell->text);
    }
  return g_string_free (out, FALSE);
}

/* Parses a decimal number exactly into units of 10^-@decimals (half-up beyond that): "1,234.50",
 * "85.19", "1.2E+3". Returns FALSE for anything else. */
static gboolean
parse_decimal (const char *text,
               guint       decimals,
               gint64     *out,
               gboolean   *negative)
{
  g_autofree char *folded = normalize (text);
  GString *digits = g_string_new (NULL);
  const char *p = folded;
  int exponent = 0;
  gboolean point = FALSE, any = FALSE;
  gint64 value = 0;
  int shift;
  guint64 magnitude = 0;

  *negative = FALSE;
  if (*p == '-' || *p == '+')
    *negative = *p++ == '-';
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          any = TRUE;
          if (digits->len > 0 || *p != '0')
            g_string_append_c (digits, *p);
          if (point)
            exponent--;
        }
      else if (*p == '.' && !point)
        point = TRUE;
      else if (*p == ',' && !point)
        continue;
      else
        break;
    }
  if ((*p == 'e' || *p == 'E') && any)
    {
      char *end;
      gint64 e = g_ascii_strtoll (p + 1, &end, 10);

      if (end == p + 1 || *end != '\0' || e > 40 || e < -40)
        any = FALSE;
      exponent += (int) e;
      p = end;
    }
  if (!any || *p != '\0')
    {
      g_string_free (digits, TRUE);
      return FALSE;
    }
  shift = exponent + (int) decimals;
  if (shift < 0)
    {
      /* Round half-up on the first dropped digit. */
      guint drop = (guint) -shift;
      gboolean round_up = FALSE;

      if (drop <= digits->len)
        {
          round_up = digits->str[digits->len - drop] >= '5';
          g_string_truncate (digits, digits->len - drop);
        }
      else
        g_string_truncate (digits, 0);
      for (guint i = 0; i < digits->len; i++)
        magnitude = magnitude * 10 + (guint64) (digits->str[i] - '0');
      if (digits->len > 18)
        {
          g_string_free (digits, TRUE);
          return FALSE;
        }
      magnitude += round_up ? 1 : 0;
    }
  else
    {
      if (digits->len + (guint) shift > 18)
        {
          g_string_free (digits, TRUE);
          return digits->len == 0 ? (*out = 0, TRUE) : FALSE;
        }
      for (guint i = 0; i < digits->len; i++)
        magnitude = magnitude * 10 + (guint64) (digits->str[i] - '0');
      for (int i = 0; i < shift && digits->len > 0; i++)
        magnitude *= 10;
    }
  g_string_free (digits, TRUE);
  value = (gint64) magnitude;
  *out = *negative ? -value : value;
  if (value == 0)
    *negative = FALSE;
  return TRUE;
}

static gboolean
is_blank_text (const char *text)
{
  g_autofree char *n = normalize (text);

  /* Dashes stand for "nothing" in many published tables. */
  return n[0] == '\0' || g_str_equal (n, "-") || g_str_equal (n, "—") || g_str_equal (n, "--");
}

static const char *
unit_name (Unit unit)
{
  return unit == UNIT_YUAN ? "元" : "万元";
}

/* A figure as the workbook would show it, in its unit. */
static char *
format_in_unit (gint64 value,
                Unit   unit,
                gboolean quantity)
{
  if (quantity)
    return budget_quantity_format (value);
  if (unit == UNIT_YUAN)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", value / 100, (int) (value % 100));
  return budget_amount_format (value);
}

/* The parsed figure of a cell in model units (分, or hundredths of a quantity); FALSE when it is no number. */
static gboolean
cell_value (const BudgetXlsxCell *cell,
            gboolean              quantity,
            Unit                  unit,
            gint64               *out,
            gboolean             *negative)
{
  /* 元 to two decimals and 万元 to six are both whole 分, the model's unit. */
  guint decimals = quantity ? BUDGET_QUANTITY_DECIMALS : (unit == UNIT_YUAN ? 2 : 6);

  *out = 0;
  *negative = FALSE;
  if (cell == NULL || !cell->has_value || is_blank_text (cell->text))
    return TRUE;
  return parse_decimal (cell->text, decimals, out, negative);
}

typedef struct
{
  Context         *ctx;
  BudgetXlsxFormReport *report;
  Region          *region;
  BudgetForm      *form;
  BudgetFormDef   *def;
  Unit             unit;
  guint            serial;
  guint            data_first;
  int             *sheet_col;     /* per form column: the sheet column, or -1 */
} FormReading;

static void
report_note (FormReading *reading,
             char        *note)
{
  g_ptr_array_add (reading->report->notes, note);
}

static Unit
detect_unit (Region *region,
             guint   last_row)
{
  for (guint r = region->first; r < MIN (last_row, region->end); r++)
    {
      g_autofree char *text = NULL;
      g_autofree char *raw = row_text (region->sheet, r);

      text = normalize (raw);
      if (strstr (text, "单位:万元") != NULL || strstr (text, "(万元)") != NULL)
        return UNIT_WANYUAN;
      if (strstr (text, "单位:元") != NULL || strstr (text, "(元)") != NULL)
        return UNIT_YUAN;
    }
  return UNIT_WANYUAN;
}

static gboolean
is_number_cell (const BudgetXlsxCell *cell)
{
  gint64 v;
  gboolean negative;

  if (cell == NULL || cell->text[0] == '\0')
    return FALSE;
  return cell->is_number || parse_decimal (cell->text, 0, &v, &negative);
}

/* The 栏次 row: "栏次" first, or 1, 2, 3 … across. */
static gboolean
is_column_number_row (BudgetXlsxSheet *sheet,
                      guint            row)
{
  guint expected = 1, seen = 0;

  for (guint c = 0; c < MIN (sheet->n_cols, 64); c++)
    {
      const BudgetXlsxCell *cell = budget_xlsx_sheet_get_cell (sheet, row, c);
      g_autofree char *text = NULL;

      if (cell == NULL || cell->text[0] == '\0')
        continue;
      text = normalize (cell->text);
      if (seen == 0 && g_str_equal (text, "栏次"))
        return TRUE;
      if (g_strcmp0 (text, "") != 0)
        {
          g_autofree char *number = g_strdup_printf ("%u", expected);

          if (!g_str_equal (text, number) && !(cell->is_number && g_ascii_strtod (cell->text, NULL) == expected))
            return FALSE;
          expected++;
          seen++;
        }
    }
  return seen >= 3;
}

/* The header path of a definition grid column: the texts of the header cells above it, top down. */
static char *
def_header_path (FormReading *reading,
                 guint        grid_col)
{
  GString *path = g_string_new (NULL);
  guint n = budget_form_def_get_n_header_cells (reading->def);

  for (guint row = 0; row < budget_form_def_get_n_header_rows (reading->def); row++)
    for (guint h = 0; h < n; h++)
      {
        const BudgetHeaderCell *cell = budget_form_def_get_header_cell (reading->def, h);

        if (cell->row == row && grid_col >= cell->col && grid_col < cell->col + MAX (cell->col_span, 1))
          {
            g_autofree char *expanded = budget_document_expand (reading->ctx->target, cell->text);
            g_autofree char *n1 = normalize (expanded);
            g_autofree char *text = strip_unit (n1, NULL);

            if (text[0] != '\0' && (path->len == 0 || !g_str_has_suffix (path->str, text)))
              g_string_append_printf (path, "/%s", text);
          }
      }
  return g_string_free (path, FALSE);
}

static gboolean
row_has_header_text (FormReading *reading,
                     GHashTable  *header_texts,
                     guint        row)
{
  BudgetXlsxSheet *sheet = reading->region->sheet;

  for (guint c = 0; c < MIN (sheet->n_cols, 64); c++)
    {
      const BudgetXlsxCell *cell = budget_xlsx_sheet_get_cell (sheet, row, c);
      g_autofree char *n1 = NULL;
      g_autofree char *text = NULL;

      if (cell == NULL || cell->is_number)
        continue;
      n1 = normalize (cell->text);
      text = strip_unit (n1, NULL);
      if (text[0] != '\0' && g_hash_table_contains (header_texts, text))
        return TRUE;
    }
  return FALSE;
}

static gboolean
row_has_numbers (BudgetXlsxSheet *sheet,
                 guint            row)
{
  for (guint c = 0; c < MIN (sheet->n_cols, 64); c++)
    {
      const BudgetXlsxCell *cell = budget_xlsx_sheet_get_cell (sheet, row, c);

      if (cell != NULL && !cell->merged_copy && is_number_cell (cell))
        return TRUE;
    }
  return FALSE;
}

/* Finds the header rows and maps every column of the form to a sheet column. */
static gboolean
map_columns (FormReading *reading)
{
  BudgetXlsxSheet *sheet = reading->region->sheet;
  guint n_cols = budget_form_def_get_n_columns (reading->def);
  guint grid_cols = n_cols + reading->serial;
  guint max_header = budget_form_def_get_n_header_rows (reading->def) + 2;
  g_autoptr(GHashTable) header_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sheet_paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *taken = NULL;
  int header_first = -1;
  guint header_end = 0;
  int numbers_row = -1;

  for (guint h = 0; h < budget_form_def_get_n_header_cells (reading->def); h++)
    {
      const BudgetHeaderCell *cell = budget_form_def_get_header_cell (reading->def, h);
      g_autofree char *expanded = budget_document_expand (reading->ctx->target, cell->text);
      g_autofree char *n1 = normalize (expanded);
      char *text = strip_unit (n1, NULL);

      if (text[0] != '\0')
        g_hash_table_add (header_texts, text);
      else
        g_free (text);
    }

  for (guint r = reading->region->first + 1; r < reading->region->end && r < reading->region->first + 12; r++)
    if (row_has_header_text (reading, header_texts, r) && !row_has_numbers (sheet, r))
      {
        header_first = (int) r;
        break;
      }
  if (header_first < 0)
    {
      report_note (reading, g_strdup (_("its header rows were not found below the title")));
      return FALSE;
    }
  header_end = (guint) header_first;
  while (header_end < reading->region->end && header_end < (guint) header_first + max_header)
    {
      if (is_column_number_row (sheet, header_end))
        {
          numbers_row = (int) header_end++;
          break;
        }
      if (!row_has_header_text (reading, header_texts, header_end) || row_has_numbers (sheet, header_end))
        break;
      header_end++;
    }
  reading->data_first = header_end;

  for (guint x = 0; x < sheet->n_cols && x < 256; x++)
    {
      GString *path = g_string_new (NULL);

      for (guint r = (guint) header_first; r < header_end; r++)
        {
          g_autofree char *n1 = NULL;
          g_autofree char *text = NULL;
          int unit = -1;

          if ((int) r == numbers_row)
            continue;
          n1 = normalize (cell_text (sheet, r, x));
          text = strip_unit (n1, &unit);
          if (unit >= 0)
            reading->unit = (Unit) unit;
          if (text[0] != '\0' && (path->len == 0 || !g_str_has_suffix (path->str, text)))
            g_string_append_printf (path, "/%s", text);
        }
      g_ptr_array_add (sheet_paths, g_string_free (path, FALSE));
    }
  taken = g_new0 (gboolean, sheet_paths->len + 1);

  for (guint pass = 0; pass < 3; pass++)
    for (guint g = reading->serial; g < grid_cols; g++)
      {
        guint col = g - reading->serial;
        g_autofree char *want = NULL;
        const char *leaf;
        int found = -1;
        guint matches = 0;

        if (reading->sheet_col[col] >= 0)
          continue;
        want = def_header_path (reading, g);
        leaf = strrchr (want, '/');
        for (guint x = 0; x < sheet_paths->len; x++)
          {
            const char *have = g_ptr_array_index (sheet_paths, x);
            const char *have_leaf = strrchr (have, '/');
            gboolean match;

            if (taken[x] || have_leaf == NULL || leaf == NULL)
              continue;
            if (pass == 0)
              match = g_str_equal (have, want);
            else if (pass == 1)
              match = g_str_equal (have_leaf, leaf);
            else
              match = g_str_has_suffix (have, leaf) || g_str_has_suffix (want, have_leaf);
            if (match)
              {
                if (found < 0)
                  found = (int) x;
                matches++;
              }
          }
        /* A leaf title shared by several columns (T1's 项目 and 预算数) is only taken by its full path or
         * in order, left to right. */
        if (found >= 0 && (matches == 1 || pass == 2 || pass == 1))
          {
            reading->sheet_col[col] = found;
            taken[found] = TRUE;
          }
      }

  /* Columns still missing: by the 栏次 number. */
  if (numbers_row >= 0)
    for (guint col = 0; col < n_cols; col++)
      if (reading->sheet_col[col] < 0)
        for (guint x = 0; x < sheet->n_cols && x < 256; x++)
          {
            g_autofree char *text = normalize (cell_text (sheet, (guint) numbers_row, x));
            g_autofree char *number = g_strdup_printf ("%u", col + 1);

            if (!taken[MIN (x, sheet_paths->len)] && g_str_equal (text, number))
              {
                reading->sheet_col[col] = (int) x;
                if (x < sheet_paths->len)
                  taken[x] = TRUE;
                break;
              }
          }
  return TRUE;
}

static gboolean
column_entered (BudgetFormDef *def,
                guint          col)
{
  const BudgetColumnDef *column = budget_form_def_get_column (def, col);

  return column->formula == NULL
         && (column->type == BUDGET_COLUMN_AMOUNT || column->type == BUDGET_COLUMN_QUANTITY
             || column->type == BUDGET_COLUMN_TEXT);
}

static gboolean
column_numeric (BudgetFormDef *def,
                guint          col)
{
  BudgetColumnType type = budget_form_def_get_column (def, col)->type;

  return type == BUDGET_COLUMN_AMOUNT || type == BUDGET_COLUMN_QUANTITY;
}

static char *
where (FormReading *reading,
       guint        row,
       int          sheet_col)
{
  g_autofree char *cell = budget_xlsx_cell_name (row, (guint) MAX (sheet_col, 0));

  return g_strdup_printf ("%s!%s", reading->region->sheet->name, cell);
}

/* Reads an entered numeric cell; bad input (text, negative, a formula without its value) is a finding. */
static gboolean
read_entered (FormReading *reading,
              guint        row,
              guint        col,
              const char  *key,
              gint64      *value)
{
  int x = reading->sheet_col[col];
  const BudgetXlsxCell *cell = x >= 0 ? budget_xlsx_sheet_get_cell (reading->region->sheet, row, (guint) x) : NULL;
  gboolean quantity = budget_form_def_get_column (reading->def, col)->type == BUDGET_COLUMN_QUANTITY;
  gboolean negative;
  g_autofree char *place = NULL;

  *value = 0;
  if (cell != NULL && cell->has_formula && !cell->has_value)
    {
      place = where (reading, row, x);
      add_finding (reading->ctx->self, reading->form, key, (int) col, FALSE,
                   g_strdup_printf (_("%s: a formula without a computed value; the figure is not taken. Open "
                                      "the workbook in Excel or WPS, save it and import it again."), place));
      return FALSE;
    }
  if (!cell_value (cell, quantity, reading->unit, value, &negative))
    {
      place = where (reading, row, x);
      add_finding (reading->ctx->self, reading->form, key, (int) col, TRUE,
                   g_strdup_printf (_("%s: “%s” is not an amount"), place, cell->text));
      return FALSE;
    }
  if (negative)
    {
      place = where (reading, row, x);
      add_finding (reading->ctx->self, reading->form, key, (int) col, TRUE,
                   g_strdup_printf (_("%s: %s is negative; budgets have no negative amounts"), place, cell->text));
      return FALSE;
    }
  if (*value > (quantity ? BUDGET_QUANTITY_MAX : BUDGET_AMOUNT_MAX))
    {
      place = where (reading, row, x);
      add_finding (reading->ctx->self, reading->form, key, (int) col, TRUE,
                   g_strdup_printf (_("%s: %s is larger than any budget amount"), place, cell->text));
      return FALSE;
    }
  return TRUE;
}

/* Remembers a derived figure of the workbook to compare with the model's. */
static void
note_derived (FormReading *reading,
              guint        row,
              guint        col,
              const char  *key)
{
  int x = reading->sheet_col[col];
  const BudgetXlsxCell *cell;
  Comparison comparison = { 0 };
  gboolean negative;
  gboolean quantity = budget_form_def_get_column (reading->def, col)->type == BUDGET_COLUMN_QUANTITY;

  if (x < 0 || !column_numeric (reading->def, col))
    return;
  cell = budget_xlsx_sheet_get_cell (reading->region->sheet, row, (guint) x);
  /* An empty cell states nothing, and a formula without a cached value has nothing to compare. */
  if (cell == NULL || !cell->has_value || cell->merged_copy)
    return;
  if (!cell_value (cell, quantity, reading->unit, &comparison.value, &negative))
    return;
  if (negative)
    comparison.value = -comparison.value;
  comparison.form = reading->form;
  comparison.key = g_strdup (key);
  comparison.col = col;
  comparison.unit = reading->unit;
  comparison.sheet = reading->region->sheet;
  comparison.row = row;
  comparison.sheet_col = (guint) x;
  comparison.report = reading->report;
  g_array_append_val (reading->ctx->comparisons, comparison);
}

static void
add_op (BudgetXlsxImport *self,
        BudgetXlsxOpKind  kind,
        BudgetForm       *form,
        const char       *key,
        guint             col,
        gint64            value,
        const char       *text,
        BudgetRowSnapshot *row)
{
  BudgetXlsxOp *op = g_new0 (BudgetXlsxOp, 1);

  op->kind = kind;
  op->form_id = g_strdup (budget_form_get_id (form));
  op->key = g_strdup (key);
  op->col = col;
  op->value = value;
  op->text = g_strdup (text);
  op->row = row;
  g_ptr_array_add (self->ops, op);
}

static char *
read_code (FormReading *reading,
           guint        row)
{
  int x = budget_form_def_find_column (reading->def, "code");
  const BudgetXlsxCell *cell;
  g_autofree char *text = NULL;
  char *dot;

  if (x < 0 || reading->sheet_col[x] < 0)
    return g_strdup ("");
  cell = budget_xlsx_sheet_get_cell (reading->region->sheet, row, (guint) reading->sheet_col[x]);
  if (cell == NULL || cell->merged_copy)
    return g_strdup ("");
  text = normalize (cell->text);
  /* A code typed as a number may come back as 2060101.0. */
  dot = strchr (text, '.');
  if (dot != NULL && cell->is_number && strspn (dot + 1, "0") == strlen (dot + 1))
    *dot = '\0';
  return g_steal_pointer (&text);
}

static char *
read_name (FormReading *reading,
           guint        row)
{
  int x = budget_form_def_find_column (reading->def, "name");
  const BudgetXlsxCell *cell;

  if (x < 0 || reading->sheet_col[x] < 0)
    return g_strdup ("");
  cell = budget_xlsx_sheet_get_cell (reading->region->sheet, row, (guint) reading->sheet_col[x]);
  return g_strdup (cell != NULL ? cell->text : "");
}

static gboolean
row_is_empty (FormReading *reading,
              guint        row)
{
  guint n_cols = budget_form_def_get_n_columns (reading->def);

  for (guint c = 0; c < n_cols; c++)
    {
      int x = reading->sheet_col[c];
      const BudgetXlsxCell *cell = x >= 0 ? budget_xlsx_sheet_get_cell (reading->region->sheet, row, (guint) x) : NULL;

      if (cell != NULL && !cell->merged_copy && !is_blank_text (cell->text))
        return FALSE;
      if (cell != NULL && cell->has_formula)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_note_row (FormReading *reading,
             guint        row)
{
  g_autofree char *raw = row_text (reading->region->sheet, row);
  g_autofree char *text = normalize (raw);

  return g_str_has_prefix (text, "注") || g_str_has_prefix (text, "说明");
}

static void
read_coded (FormReading *reading)
{
  BudgetForm *form = reading->form;
  BudgetFormDef *def = reading->def;
  BudgetCatalog *catalog = budget_form_get_catalog (form);   /* the catalogue of the project's year */
  guint n_levels = budget_catalog_get_n_levels (catalog);
  guint n_cols = budget_form_def_get_n_columns (def);
  const char * const *sources = budget_form_def_get_sources (def);
  gboolean has_sources = sources != NULL && sources[0] != NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *total_label = normalize (budget_form_def_get_total_label (def));

  for (guint r = reading->data_first; r < reading->region->end; r++)
    {
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *name_n = NULL;
      int level;

      if (row_is_empty (reading, r))
        continue;
      code = read_code (reading, r);
      if (code[0] == '\0' && is_note_row (reading, r))
        break;
      name = read_name (reading, r);
      name_n = normalize (name);
      if (code[0] == '\0' && (g_str_equal (name_n, total_label) || g_str_equal (name_n, "合计")
                              || g_str_equal (name_n, "总计")))
        {
          for (guint c = 0; c < n_cols; c++)
            note_derived (reading, r, c, "total");
          reading->report->rows_matched++;
          continue;
        }
      level = code[0] != '\0' && strspn (code, "0123456789") == strlen (code)
              ? budget_catalog_level_of (catalog, code) : -1;
      if (level < 0)
        {
          g_autofree char *place = where (reading, r, reading->sheet_col[0]);

          reading->report->rows_skipped++;
          report_note (reading, g_strdup_printf (_("%s: no classification code (“%s”)"), place, code));
          continue;
        }
      if ((guint) level < n_levels)
        {
          /* A 类 or 款: the model adds it up; compare. */
          for (guint c = 0; c < n_cols; c++)
            note_derived (reading, r, c, code);
          reading->report->rows_matched++;
          continue;
        }
      {
        g_autoptr(GError) error = NULL;
        int row = budget_form_find_row (form, code);
        g_autofree gint64 *values = g_new0 (gint64, n_cols);
        gboolean any = FALSE, ok = TRUE;

        if (g_hash_table_contains (seen, code))
          {
            g_autofree char *place = where (reading, r, reading->sheet_col[0]);

            add_finding (reading->ctx->self, form, code, -1, TRUE,
                         g_strdup_printf (_("%s: code %s appears twice in %s"), place, code,
                                          budget_form_get_short_title (form)));
            continue;
          }
        g_hash_table_add (seen, g_strdup (code));
        if (row < 0 && !budget_catalog_check_code (catalog, code, TRUE, &error))
          {
            g_autofree char *place = where (reading, r, reading->sheet_col[0]);

            reading->report->rows_skipped++;
            report_note (reading, g_strdup_printf ("%s: %s", place, error->message));
            continue;
          }
        reading->report->rows_matched++;
        for (guint c = 0; c < n_cols; c++)
          {
            if (!column_numeric (def, c))
              continue;
            if (!column_entered (def, c))
              {
                note_derived (reading, r, c, code);
                continue;
              }
            if (!read_entered (reading, r, c, code, &values[c]))
              {
                ok = FALSE;
                if (row >= 0)
                  values[c] = budget_form_get_value (form, (guint) row, c);
              }
            any |= values[c] != 0;
          }
        if (row >= 0)
          {
            for (guint c = 0; c < n_cols; c++)
              if (column_entered (def, c) && column_numeric (def, c)
                  && values[c] != budget_form_get_value (form, (guint) row, c))
                add_op (reading->ctx->self, BUDGET_XLSX_OP_SET_VALUE, form, code, c, values[c], NULL, NULL);
          }
        else if (!has_sources || any)
          {
            BudgetRowSnapshot *snapshot = budget_row_snapshot_new_empty (code, n_cols, FALSE);
            const char *catalog_name = budget_catalog_lookup_name (catalog, code);
            g_autofree char *catalog_n = normalize (catalog_name);

            for (guint c = 0; c < n_cols; c++)
              snapshot->values[c] = values[c];
            if (name_n[0] != '\0' && !g_str_equal (name_n, catalog_n))
              snapshot->name = g_strdup (g_strstrip (name));
            add_op (reading->ctx->self, BUDGET_XLSX_OP_ADD_ROW, form, code, 0, 0, NULL, snapshot);
          }
        (void) ok;
      }
    }

  /* The officer's rows the workbook does not have go. */
  for (guint r = 0; r < budget_form_get_n_rows (form); r++)
    if (budget_form_get_row_kind (form, r) == BUDGET_ROW_LEAF && budget_form_row_is_own (form, r)
        && !g_hash_table_contains (seen, budget_form_get_row_key (form, r)))
      add_op (reading->ctx->self, BUDGET_XLSX_OP_REMOVE_ROW, form, budget_form_get_row_key (form, r), 0, 0,
              NULL, NULL);
}

static char *
def_row_label (BudgetFormDef      *def,
               const BudgetRowDef *row_def,
               int                 only_col)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < budget_form_def_get_n_columns (def); c++)
    if (budget_form_def_get_column (def, c)->type == BUDGET_COLUMN_LABEL && (only_col < 0 || (int) c == only_col))
      {
        g_autofree char *n = normalize (row_def->cells[c].kind == BUDGET_CELL_DEF_LABEL ? row_def->cells[c].text : "");

        g_string_append (out, n);
        if (only_col < 0)
          g_string_append_c (out, '|');
      }
  return g_string_free (out, FALSE);
}

static char *
sheet_row_label (FormReading *reading,
                 guint        row,
                 int          only_col)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < budget_form_def_get_n_columns (reading->def); c++)
    if (budget_form_def_get_column (reading->def, c)->type == BUDGET_COLUMN_LABEL
        && (only_col < 0 || (int) c == only_col))
      {
        int x = reading->sheet_col[c];
        g_autofree char *n = normalize (x >= 0 ? cell_text (reading->region->sheet, row, (guint) x) : "");

        g_string_append (out, n);
        if (only_col < 0)
          g_string_append_c (out, '|');
      }
  return g_string_free (out, FALSE);
}

static int
first_label_column (BudgetFormDef *def)
{
  for (guint c = 0; c < budget_form_def_get_n_columns (def); c++)
    if (budget_form_def_get_column (def, c)->type == BUDGET_COLUMN_LABEL)
      return (int) c;
  return -1;
}

static void
read_fixed (FormReading *reading)
{
  BudgetForm *form = reading->form;
  BudgetFormDef *def = reading->def;
  guint n_rows = budget_form_def_get_n_fixed_rows (def);
  guint n_cols = budget_form_def_get_n_columns (def);
  int label_col = first_label_column (def);
  g_autofree gboolean *matched = g_new0 (gboolean, n_rows + 1);

  for (guint r = reading->data_first; r < reading->region->end; r++)
    {
      g_autofree char *label = NULL;
      g_autofree char *first = NULL;
      int found = -1;

      if (row_is_empty (reading, r))
        continue;
      if (is_note_row (reading, r))
        break;
      label = sheet_row_label (reading, r, -1);
      first = sheet_row_label (reading, r, label_col);
      for (guint pass = 0; pass < 2 && found < 0; pass++)
        for (guint d = 0; d < n_rows; d++)
          {
            g_autofree char *want = def_row_label (def, budget_form_def_get_fixed_row (def, d), pass == 0 ? -1 : label_col);

            if (!matched[d] && g_str_equal (want, pass == 0 ? label : first) && (pass == 0 || first[0] != '\0'))
              {
                found = (int) d;
                break;
              }
          }
      if (found < 0)
        {
          g_autofree char *place = where (reading, r, reading->sheet_col[MAX (label_col, 0)]);

          reading->report->rows_skipped++;
          report_note (reading, g_strdup_printf (_("%s: the row “%s” is not a row of this table"), place, first));
          continue;
        }
      matched[found] = TRUE;
      reading->report->rows_matched++;
      {
        const BudgetRowDef *row_def = budget_form_def_get_fixed_row (def, (guint) found);
        int row = budget_form_find_row (form, row_def->id);

        for (guint c = 0; c < n_cols; c++)
          {
            gint64 value;

            if (!column_numeric (def, c))
              continue;
            if (row_def->cells[c].kind == BUDGET_CELL_DEF_FORMULA)
              note_derived (reading, r, c, row_def->id);
            else if (row_def->cells[c].kind == BUDGET_CELL_DEF_ENTERED && row >= 0
                     && read_entered (reading, r, c, row_def->id, &value)
                     && value != budget_form_get_value (form, (guint) row, c))
              add_op (reading->ctx->self, BUDGET_XLSX_OP_SET_VALUE, form, row_def->id, c, value, NULL, NULL);
          }
      }
    }
}

/* List forms (机构设置, 政府采购): the workbook's rows in order take the places of the document's rows. */
static void
read_list (FormReading *reading)
{
  BudgetForm *form = reading->form;
  BudgetFormDef *def = reading->def;
  guint n_cols = budget_form_def_get_n_columns (def);
  guint existing = 0, n_list = 0;
  guint next_id = 0;
  g_autofree char *free_key = budget_form_dup_free_list_key (form);
  g_autoptr(GPtrArray) list_keys = g_ptr_array_new ();

  for (guint r = 0; r < budget_form_get_n_rows (form); r++)
    if (budget_form_get_row_kind (form, r) == BUDGET_ROW_LIST)
      g_ptr_array_add (list_keys, (gpointer) budget_form_get_row_key (form, r));
  next_id = (guint) g_ascii_strtoull (free_key + 1, NULL, 10);

  for (guint r = reading->data_first; r < reading->region->end; r++)
    {
      gboolean is_total = FALSE;
      g_autofree char *key = NULL;
      int row;
      BudgetRowSnapshot *snapshot = NULL;

      if (row_is_empty (reading, r))
        continue;
      if (is_note_row (reading, r))
        break;
      for (guint c = 0; c < n_cols && !is_total; c++)
        {
          int x = reading->sheet_col[c];
          g_autofree char *n = normalize (x >= 0 ? cell_text (reading->region->sheet, r, (guint) x) : "");

          is_total = !column_numeric (def, c) && (g_str_equal (n, "合计") || g_str_equal (n, "总计"));
        }
      if (is_total)
        {
          reading->report->rows_matched++;
          continue;
        }
      reading->report->rows_matched++;
      if (existing < list_keys->len)
        key = g_strdup (g_ptr_array_index (list_keys, existing++));
      else
        {
          key = g_strdup_printf ("n%u", next_id++);
          snapshot = budget_row_snapshot_new_empty (key, n_cols, budget_form_has_text_columns (form));
          snapshot->position = existing + n_list;
        }
      n_list++;
      row = snapshot == NULL ? budget_form_find_row (form, key) : -1;
      for (guint c = 0; c < n_cols; c++)
        {
          int x = reading->sheet_col[c];

          if (!column_entered (def, c))
            {
              note_derived (reading, r, c, key);
              continue;
            }
          if (column_numeric (def, c))
            {
              gint64 value;

              if (!read_entered (reading, r, c, key, &value))
                continue;
              if (snapshot != NULL)
                snapshot->values[c] = value;
              else if (value != budget_form_get_value (form, (guint) row, c))
                add_op (reading->ctx->self, BUDGET_XLSX_OP_SET_VALUE, form, key, c, value, NULL, NULL);
            }
          else
            {
              const char *text = x >= 0 ? cell_text (reading->region->sheet, r, (guint) x) : "";

              if (snapshot != NULL)
                {
                  if (snapshot->texts != NULL)
                    {
                      g_free (snapshot->texts[c]);
                      snapshot->texts[c] = g_strdup (text);
                    }
                }
              else if (g_strcmp0 (text, budget_form_get_cell_text (form, (guint) row, c) != NULL
                                          ? budget_form_get_cell_text (form, (guint) row, c) : "") != 0)
                add_op (reading->ctx->self, BUDGET_XLSX_OP_SET_TEXT, form, key, c, 0, text, NULL);
            }
        }
      if (snapshot != NULL)
        add_op (reading->ctx->self, BUDGET_XLSX_OP_ADD_ROW, form, key, 0, 0, NULL, snapshot);
    }
  for (guint i = existing; i < list_keys->len; i++)
    add_op (reading->ctx->self, BUDGET_XLSX_OP_REMOVE_ROW, form, g_ptr_array_index (list_keys, i), 0, 0, NULL, NULL);
}

static void
read_region (Context *ctx,
             Region  *region)
{
  BudgetForm *form = region->form;
  BudgetXlsxFormReport *report = g_new0 (BudgetXlsxFormReport, 1);
  FormReading reading = { .ctx = ctx, .report = report, .region = region, .form = form };
  guint n_cols = budget_form_get_n_columns (form);

  report->form_id = g_strdup (budget_form_get_id (form));
  report->title = budget_form_dup_title (form);
  report->sheet = g_strdup (region->sheet->name);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  report->imported = TRUE;
  g_ptr_array_add (ctx->self->forms, report);

  if (BUDGET_IS_PERFORMANCE_TABLE (form))
    {
      report->imported = FALSE;
      report->unit = g_strdup ("");
      report_note (&reading, g_strdup (_("performance targets are not imported; the table is kept as it is")));
      return;
    }
  reading.def = budget_form_get_def (form);
  reading.serial = budget_form_def_has_serial (reading.def) ? 1 : 0;
  reading.sheet_col = g_new (int, n_cols + 1);
  for (guint c = 0; c <= n_cols; c++)
    reading.sheet_col[c] = -1;
  reading.unit = detect_unit (region, region->first + 3);
  if (!map_columns (&reading))
    {
      report->imported = FALSE;
      report->unit = g_strdup (unit_name (reading.unit));
      g_free (reading.sheet_col);
      return;
    }
  report->unit = g_strdup (unit_name (reading.unit));
  for (guint c = 0; c < n_cols; c++)
    if (reading.sheet_col[c] < 0 && column_entered (reading.def, c))
      report_note (&reading, g_strdup_printf (_("column “%s” was not found; its figures are kept"),
                                              budget_form_def_get_column (reading.def, c)->title));
  switch (budget_form_get_kind (form))
    {
    case BUDGET_FORM_KIND_CODED:
      read_coded (&reading);
      break;
    case BUDGET_FORM_KIND_FIXED:
      read_fixed (&reading);
      break;
    case BUDGET_FORM_KIND_LIST:
      read_list (&reading);
      break;
    case BUDGET_FORM_KIND_PERFORMANCE:
    case BUDGET_FORM_KIND_TEXT:
    default:
      break;
    }
  g_free (reading.sheet_col);
}

/* Finds the forms' titles in every sheet; a form's region runs to the next title or the sheet's end. */
static GArray *
find_regions (Context   *ctx,
              GPtrArray *sheets)
{
  GArray *regions = g_array_new (FALSE, TRUE, sizeof (Region));
  guint n_forms = budget_document_get_n_forms (ctx->target);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) found = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_forms; i++)
    {
      BudgetForm *form = budget_document_get_form (ctx->target, i);
      g_autofree char *title = budget_form_dup_title (form);

      g_ptr_array_add (titles, BUDGET_IS_TEXT_SECTION (form) ? g_strdup ("") : normalize (title));
    }
  for (guint s = 0; s < sheets->len; s++)
    {
      BudgetXlsxSheet *sheet = g_ptr_array_index (sheets, s);
      int open = -1;

      for (guint r = 0; r < sheet->n_rows; r++)
        {
          g_autofree char *raw = row_text (sheet, r);
          g_autofree char *text = NULL;
          int best = -1;
          gsize best_len = 0;

          if (raw[0] == '\0')
            continue;
          text = normalize (raw);
          for (guint i = 0; i < n_forms; i++)
            {
              const char *title = g_ptr_array_index (titles, i);
              gsize len = strlen (title);

              if (len > 0 && len > best_len && strlen (text) <= len + TITLE_SLACK && strstr (text, title) != NULL
                  && !g_hash_table_contains (found, GUINT_TO_POINTER (i + 1)))
                {
                  best = (int) i;
                  best_len = len;
                }
            }
          if (best < 0)
            continue;
          if (open >= 0)
            g_array_index (regions, Region, open).end = r;
          g_hash_table_add (found, GUINT_TO_POINTER (best + 1));
          g_array_append_val (regions, ((Region) { sheet, r, sheet->n_rows,
                                                   budget_document_get_form (ctx->target, (guint) best) }));
          open = (int) regions->len - 1;
        }
    }
  return regions;
}

static gboolean
apply_ops (BudgetXlsxImport *self,
           BudgetDocument   *document)
{
  budget_document_begin_change (document);
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < self->ops->len; i++)
      {
        BudgetXlsxOp *op = g_ptr_array_index (self->ops, i);
        BudgetForm *form = budget_document_lookup_form (document, op->form_id);

        if (form == NULL)
          continue;
        if (pass == 0 && op->kind == BUDGET_XLSX_OP_SET_VALUE)
          budget_document_store_value (document, form, op->key, op->col, op->value, TRUE);
        else if (pass == 0 && op->kind == BUDGET_XLSX_OP_SET_TEXT)
          budget_document_store_text (document, form, op->key, op->col, op->text);
        else if (pass == 1 && op->kind == BUDGET_XLSX_OP_REMOVE_ROW)
          budget_document_remove_row (document, form, op->key);
        else if (pass == 2 && op->kind == BUDGET_XLSX_OP_ADD_ROW)
          budget_document_store_row (document, form, op->row);
      }
  budget_document_end_change (document, budget_document_new_state_id (document), NULL, TRUE);
  return TRUE;
}

/**
 * budget_xlsx_import_apply_direct:
 * @self: an import that can be applied
 * @document: a document that is not being edited (a fresh copy; the window goes through commands)
 *
 * Applies the plan through the document's change primitives, without undo.
 *
 * Returns: whether the plan was applied
 */
gboolean
budget_xlsx_import_apply_direct (BudgetXlsxImport *self,
                                 BudgetDocument   *document)
{
  g_return_val_if_fail (budget_xlsx_import_can_apply (self), FALSE);
  return apply_ops (self, document);
}

/* Applies the plan to a copy of the target and compares every derived figure of the workbook. */
static void
compare_totals (Context *ctx)
{
  g_autoptr(GBytes) bytes = budget_project_serialize (ctx->target);
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) copy = budget_project_load_bytes (bytes, "import", &error);

  if (copy == NULL)
    {
      g_warning ("Cannot copy the document to check the import: %s", error->message);
      return;
    }
  apply_ops (ctx->self, copy);
  for (guint i = 0; i < ctx->comparisons->len; i++)
    {
      Comparison *c = &g_array_index (ctx->comparisons, Comparison, i);
      BudgetForm *form = budget_document_lookup_form (copy, budget_form_get_id (c->form));
      int row = form != NULL ? budget_form_find_row (form, c->key) : -1;
      gboolean quantity = budget_form_def_get_column (budget_form_get_def (c->form), c->col)->type == BUDGET_COLUMN_QUANTITY;
      gint64 model = row >= 0 ? budget_form_get_value (form, (guint) row, c->col) : 0;
      gboolean same;

      if (quantity)
        same = model == c->value;
      else if (c->unit == UNIT_YUAN)
        same = model == c->value;
      else
        same = budget_amount_round_shown (model) == budget_amount_round_shown (c->value);
      if (!same)
        {
          g_autofree char *have = format_in_unit (c->value, c->unit, quantity);
          g_autofree char *want = format_in_unit (model, c->unit, quantity);
          const char *label = g_str_equal (c->key, "total") ? _("the total") : c->key;
          g_autofree char *label_text = NULL;
          g_autofree char *cell = budget_xlsx_cell_name (c->row, c->sheet_col);
          g_autofree char *place = g_strdup_printf ("%s!%s", c->sheet->name, cell);

          if (row >= 0 && budget_form_get_kind (form) == BUDGET_FORM_KIND_FIXED)
            {
              label_text = budget_form_dup_row_label (form, (guint) row);
              label = label_text;
            }
          add_finding (ctx->self, c->form, g_str_equal (c->key, "total") && row < 0 ? NULL : c->key, (int) c->col, FALSE,
                       g_strdup_printf (_("%s: workbook: %s %s = %s, items give %s"), place, label,
                                        budget_form_def_get_column (budget_form_get_def (c->form), c->col)->title,
                                        have, want));
          ctx->self->n_differences++;
          c->report->differences++;
        }
    }
}

/* "350科技和工信部门    预算年度：2023" → the year and the department. */
static void
read_unit_line (BudgetXlsxImport *self,
                GArray           *regions)
{
  for (guint i = 0; i < regions->len && self->year == 0; i++)
    {
      Region *region = &g_array_index (regions, Region, i);

      for (guint r = region->first + 1; r < MIN (region->end, region->first + 3); r++)
        {
          g_autofree char *raw = row_text (region->sheet, r);
          g_autofree char *text = normalize (raw);
          const char *year = strstr (text, "预算年度:");

          if (year == NULL)
            continue;
          self->year = (int) g_ascii_strtoll (year + strlen ("预算年度:"), NULL, 10);
          self->department = g_strndup (text, (gsize) (year - text));
          break;
        }
    }
}

/**
 * budget_xlsx_import_new:
 * @target: the document the workbook would change (the open one, or a new one)
 * @path: an .xlsx workbook
 * @error: return location for an error when the workbook cannot be read at all
 *
 * Returns: (transfer full) (nullable): the plan and its report, or %NULL with @error set
 */
BudgetXlsxImport *
budget_xlsx_import_new (BudgetDocument  *target,
                        const char      *path,
                        GError         **error)
{
  g_autoptr(GPtrArray) sheets = budget_xlsx_read_sheets (path, error);
  g_autoptr(BudgetXlsxImport) self = NULL;
  g_autoptr(GArray) regions = NULL;
  g_autoptr(GArray) comparisons = NULL;
  Context ctx;

  if (sheets == NULL)
    return NULL;
  self = g_object_new (BUDGET_TYPE_XLSX_IMPORT, NULL);
  comparisons = g_array_new (FALSE, TRUE, sizeof (Comparison));
  g_array_set_clear_func (comparisons, comparison_clear);
  ctx = (Context) { self, target, comparisons };
  regions = find_regions (&ctx, sheets);
  read_unit_line (self, regions);
  for (guint i = 0; i < regions->len; i++)
    read_region (&ctx, &g_array_index (regions, Region, i));
  if (self->n_blocking == 0)
    compare_totals (&ctx);
  return g_steal_pointer (&self);
}

GPtrArray *
budget_xlsx_import_get_ops (BudgetXlsxImport *self)
{
  return self->ops;
}

GPtrArray *
budget_xlsx_import_get_forms (BudgetXlsxImport *self)
{
  return self->forms;
}

GPtrArray *
budget_xlsx_import_get_findings (BudgetXlsxImport *self)
{
  return self->findings;
}

/**
 * budget_xlsx_import_can_apply:
 * @self: an import
 *
 * Returns: whether something can be imported: a form was found and no bad input blocks it
 */
gboolean
budget_xlsx_import_can_apply (BudgetXlsxImport *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->forms->len; i++)
    any |= ((BudgetXlsxFormReport *) g_ptr_array_index (self->forms, i))->imported;
  return any && self->n_blocking == 0;
}

guint
budget_xlsx_import_get_n_differences (BudgetXlsxImport *self)
{
  return self->n_differences;
}

int
budget_xlsx_import_get_year (BudgetXlsxImport *self)
{
  return self->year;
}

const char *
budget_xlsx_import_get_department (BudgetXlsxImport *self)
{
  return self->department;
}

/**
 * budget_xlsx_import_dup_report:
 * @self: an import
 *
 * Returns: (transfer full): per form what is imported (rows matched and skipped, the unit, the
 * differences), then the findings: the text the command line prints and the preview shows
 */
char *
budget_xlsx_import_dup_report (BudgetXlsxImport *self)
{
  GString *out = g_string_new (NULL);

  if (self->forms->len == 0)
    g_string_append (out, _("The workbook has none of the project's tables (their titles were not found).\n"));
  for (guint i = 0; i < self->forms->len; i++)
    {
      BudgetXlsxFormReport *report = g_ptr_array_index (self->forms, i);

      g_string_append_printf (out, _("%s (sheet “%s”, %s): %u rows matched, %u skipped, %u differences%s\n"),
                              report->title, report->sheet, report->unit, report->rows_matched,
                              report->rows_skipped, report->differences,
                              report->imported ? "" : _(" — not imported"));
      for (guint n = 0; n < report->notes->len; n++)
        g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (report->notes, n));
    }
  for (guint i = 0; i < self->findings->len; i++)
    {
      BudgetXlsxFinding *finding = g_ptr_array_index (self->findings, i);

      g_string_append_printf (out, "%s%s\n", finding->blocking ? _("Error: ") : "", finding->message);
    }
  if (self->n_blocking > 0)
    g_string_append (out, _("Nothing was imported: correct the cells above in the workbook and import it again.\n"));
  return g_string_free (out, FALSE);
}
