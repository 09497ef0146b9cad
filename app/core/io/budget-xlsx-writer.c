/* budget-xlsx-writer.c: the disclosure's tables as an XLSX workbook (libxlsxwriter), one sheet per form
 *
 * Each sheet is the official table: title, unit line, the header tree with merged cells, the 栏次 row, then
 * the rows. Entered cells are numbers; derived cells (parents, 合计, row totals, cross-table lines) are
 * formulas with the model's value cached, so the workbook is right when opened read-only and stays live
 * when edited. The header grid comes straight from the form definition; the shared table layout
 * (layout/) could replace place_form() and write_header() once it is merged.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "io/budget-xlsx-writer.h"

#define TITLE_ROW 0
#define META_ROW  1
#define MAX_SUM_ARGS 255   /* Excel's limit on a function's arguments */

typedef struct
{
  BudgetForm *form;
  char       *sheet;       /* the sheet's name, unique in the workbook */
  char       *quoted;      /* 'name'! for references from other sheets */
  guint       serial;      /* 1 when grid column 0 is 序号 */
  guint       header_row;  /* first header row */
  guint       data_row;    /* the sheet row of the form's row 0 */
} Placement;

typedef struct
{
  BudgetDocument *doc;
  lxw_workbook   *book;
  GHashTable     *placements;   /* BudgetForm → Placement */
  lxw_format     *title;
  lxw_format     *meta_left;
  lxw_format     *meta_center;
  lxw_format     *meta_right;
  lxw_format     *header;
  lxw_format     *text;
  lxw_format     *text_center;
  lxw_format     *amount;
  lxw_format     *quantity;
  lxw_format     *note;
} Writer;

static void
placement_free (gpointer data)
{
  Placement *p = data;

  g_free (p->sheet);
  g_free (p->quoted);
  g_free (p);
}

/**
 * budget_xlsx_exports_form:
 * @form: a form
 *
 * Returns: whether the workbook has a sheet for @form (every form with a table; text sections have none)
 */
gboolean
budget_xlsx_exports_form (BudgetForm *form)
{
  return !BUDGET_IS_TEXT_SECTION (form);
}

/**
 * budget_xlsx_dup_sheet_name:
 * @form: a form
 *
 * Returns: (transfer full): the form's short title as a valid sheet name (at most 31 characters, none of
 * the characters Excel refuses)
 */
char *
budget_xlsx_dup_sheet_name (BudgetForm *form)
{
  g_autofree char *name = g_strdup (budget_form_get_short_title (form));
  GString *out = g_string_new (NULL);
  glong n = 0;

  g_strdelimit (name, "[]:*?/\\", '_');
  for (const char *p = name; *p != '\0' && n < 31; p = g_utf8_next_char (p), n++)
    g_string_append_unichar (out, g_utf8_get_char (p));
  /* A sheet name may not start or end with an apostrophe. */
  if (out->len == 0 || out->str[0] == '\'' || out->str[out->len - 1] == '\'')
    {
      g_string_free (out, TRUE);
      return g_strdup (budget_form_get_id (form));
    }
  return g_string_free (out, FALSE);
}

static char *
column_letters (guint col)
{
  char buf[8];
  int i = G_N_ELEMENTS (buf) - 1;

  buf[i] = '\0';
  col++;
  while (col > 0 && i > 0)
    {
      buf[--i] = (char) ('A' + (col - 1) % 26);
      col = (col - 1) / 26;
    }
  return g_strdup (buf + i);
}

static void
append_ref (GString         *out,
            const Placement *target,
            const Placement *from,
            guint            row,
            guint            col)
{
  g_autofree char *letters = column_letters (col + target->serial);

  if (target != from)
    g_string_append (out, target->quoted);
  g_string_append_printf (out, "%s%u", letters, target->data_row + row + 1);
}

static gboolean
is_amount (BudgetFormDef *def,
           guint          col)
{
  BudgetColumnType type = budget_form_def_get_column (def, col)->type;

  return type == BUDGET_COLUMN_AMOUNT || type == BUDGET_COLUMN_QUANTITY;
}

static double
cell_number (BudgetFormDef *def,
             guint          col,
             gint64         value)
{
  if (budget_form_def_get_column (def, col)->type == BUDGET_COLUMN_QUANTITY)
    return (double) value / (double) BUDGET_QUANTITY_SCALE;
  return (double) value / (double) BUDGET_AMOUNT_PER_WANYUAN;
}

/* The rows a parent or total row adds up: the next level down until the level climbs back. */
static GArray *
child_rows (BudgetForm *form,
            guint       row,
            guint       col)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (guint));
  BudgetRowKind kind = budget_form_get_row_kind (form, row);
  guint n_rows = budget_form_get_n_rows (form);

  if (kind == BUDGET_ROW_TOTAL || kind == BUDGET_ROW_PARENT)
    {
      guint level = budget_form_get_row_level (form, row);

      for (guint r = row + 1; r < n_rows; r++)
        {
          guint l = budget_form_get_row_level (form, r);
          BudgetRowKind k = budget_form_get_row_kind (form, r);

          if (k == BUDGET_ROW_TOTAL || l <= level)
            break;
          if (l == level + 1)
            g_array_append_val (children, r);
        }
    }
  else if (kind == BUDGET_ROW_LIST)
    {
      /* A list's own total (GP 合计) adds up the other rows. */
      for (guint r = 0; r < n_rows; r++)
        if (r != row && budget_form_get_cell_kind (form, r, col) == BUDGET_CELL_ENTERED)
          g_array_append_val (children, r);
    }
  return children;
}

static char *
sum_formula (Writer     *w,
             Placement  *p,
             guint       row,
             guint       col)
{
  g_autoptr(GArray) children = child_rows (p->form, row, col);
  GString *out = g_string_new (NULL);

  if (children->len == 0)
    {
      g_string_append (out, "0");
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < children->len; i++)
    {
      if (i % MAX_SUM_ARGS == 0)
        g_string_append (out, i == 0 ? "SUM(" : ")+SUM(");
      else
        g_string_append_c (out, ',');
      append_ref (out, p, p, g_array_index (children, guint, i), col);
    }
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

static void
append_term_value (GString *out,
                   int      sign,
                   double   number)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (number == 0)
    return;
  g_string_append_c (out, sign < 0 ? '-' : '+');
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.16g", number));
}

/* The form definition's formula for a cell, in Excel's words: "T5.c4" becomes '财政拨款支出'!E7. A term
 * whose form has no sheet keeps its value as a constant. */
static char *
translate_formula (Writer        *w,
                   Placement     *p,
                   guint          row,
                   guint          col,
                   BudgetFormula *formula)
{
  BudgetFormDef *def = budget_form_get_def (p->form);
  const char *own_column = budget_form_def_get_column (def, col)->id;
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < budget_formula_get_n_terms (formula); t++)
    {
      const BudgetFormulaTerm *term = budget_formula_get_term (formula, t);
      BudgetForm *target = term->form != NULL ? budget_document_lookup_form (w->doc, term->form) : p->form;
      Placement *tp;
      int first, last, target_col;

      if (target == NULL)
        continue;
      target_col = budget_form_def_find_column (budget_form_get_def (target),
                                                term->column != NULL ? term->column : own_column);
      if (target_col < 0)
        continue;
      if (term->key == NULL)
        first = target == p->form ? (int) row : budget_form_find_row (target, budget_form_get_row_key (p->form, row));
      else
        first = budget_form_find_row (target, term->key);
      last = term->key_end != NULL ? budget_form_find_row (target, term->key_end) : first;
      if (first < 0 || last < first)
        continue;
      tp = g_hash_table_lookup (w->placements, target);
      for (int r = first; r <= last; r++)
        {
          if (tp == NULL)
            {
              append_term_value (out, term->sign,
                                 cell_number (budget_form_get_def (target), (guint) target_col,
                                              budget_form_get_value (target, (guint) r, (guint) target_col)));
              continue;
            }
          g_string_append_c (out, term->sign < 0 ? '-' : '+');
          append_ref (out, tp, p, (guint) r, (guint) target_col);
        }
    }
  if (out->len == 0)
    g_string_append_c (out, '0');
  else if (out->str[0] == '+')
    g_string_erase (out, 0, 1);
  return g_string_free (out, FALSE);
}

static void
write_cell (Writer    *w,
            Placement *p,
            lxw_worksheet *sheet,
            guint      row,
            guint      col)
{
  BudgetForm *form = p->form;
  BudgetFormDef *def = budget_form_get_def (form);
  lxw_row_t srow = p->data_row + row;
  lxw_col_t scol = col + p->serial;
  BudgetCellKind kind = budget_form_get_cell_kind (form, row, col);
  const BudgetColumnDef *column = budget_form_def_get_column (def, col);
  lxw_format *number_format = column->type == BUDGET_COLUMN_QUANTITY ? w->quantity : w->amount;

  if (kind == BUDGET_CELL_DERIVED && is_amount (def, col))
    {
      BudgetFormula *formula = budget_form_get_cell_formula (form, row, col);
      BudgetRowKind row_kind = budget_form_get_row_kind (form, row);
      g_autofree char *expression = NULL;
      g_autofree char *text = NULL;

      if (row_kind == BUDGET_ROW_TOTAL || row_kind == BUDGET_ROW_PARENT || formula == NULL)
        expression = sum_formula (w, p, row, col);
      else
        expression = translate_formula (w, p, row, col, formula);
      text = g_strconcat ("=", expression, NULL);
      worksheet_write_formula_num (sheet, srow, scol, text, number_format,
                                   cell_number (def, col, budget_form_get_value (form, row, col)));
      return;
    }
  if ((kind == BUDGET_CELL_ENTERED || kind == BUDGET_CELL_DERIVED) && is_amount (def, col))
    {
      gint64 value = budget_form_get_value (form, row, col);

      if (value != 0)
        worksheet_write_number (sheet, srow, scol, cell_number (def, col, value), number_format);
      else
        worksheet_write_blank (sheet, srow, scol, number_format);
      return;
    }
  {
    g_autofree char *display = budget_form_dup_display (form, row, col);
    lxw_format *format = column->type == BUDGET_COLUMN_CODE ? w->text_center : w->text;

    if (display[0] != '\0')
      worksheet_write_string (sheet, srow, scol, display, format);
    else
      worksheet_write_blank (sheet, srow, scol, format);
  }
}

static void
write_span (lxw_worksheet *sheet,
            lxw_col_t      first,
            lxw_col_t      last,
            const char    *text,
            lxw_format    *format)
{
  if (last > first)
    worksheet_merge_range (sheet, META_ROW, first, META_ROW, last, text, format);
  else
    worksheet_write_string (sheet, META_ROW, first, text, format);
}

static void
write_meta (Writer        *w,
            Placement     *p,
            lxw_worksheet *sheet,
            guint          grid_cols)
{
  BudgetFormDef *def = budget_form_get_def (p->form);
  const char *code = budget_document_get_meta (w->doc, "department-code");
  const char *name = budget_document_get_meta (w->doc, "department-name");
  const char *unit = budget_document_get_meta (w->doc, "unit");
  int year = budget_document_get_year (w->doc);
  g_autofree char *unit_line = g_strconcat (code != NULL ? code : "", name != NULL ? name : "", NULL);
  g_autofree char *unit_text = g_strdup_printf ("单位：%s", unit != NULL && unit[0] != '\0' ? unit : "万元");
  g_autofree char *middle = NULL;
  g_autofree char *right_text = NULL;
  lxw_col_t last = grid_cols - 1;

  switch (budget_form_def_get_meta_style (def))
    {
    case BUDGET_META_STANDARD:
      middle = g_strdup_printf ("预算年度：%d", year);
      right_text = g_strdup (unit_text);
      break;
    case BUDGET_META_PROCUREMENT:
      right_text = g_strdup (unit_text);
      break;
    case BUDGET_META_ASSETS:
      right_text = g_strdup_printf ("截止时间：%d-12-31", year - 1);
      break;
    case BUDGET_META_NONE:
    default:
      return;
    }
  if (grid_cols < 3)
    {
      g_autofree char *line = g_strjoin ("    ", unit_line, middle != NULL ? middle : "", right_text, NULL);

      worksheet_write_string (sheet, META_ROW, 0, line, w->meta_left);
      return;
    }
  /* Left third: the unit; middle: the year; right: 单位 (what the reader looks for). The outer parts
   * get the larger share, the unit's name being the longest text. */
  {
    lxw_col_t left = (grid_cols + 2) / 3;
    lxw_col_t right = grid_cols - left;

    write_span (sheet, 0, left - 1, unit_line, w->meta_left);
    if (middle != NULL && right > left)
      write_span (sheet, left, right - 1, middle, w->meta_center);
    write_span (sheet, right, last, right_text, w->meta_right);
  }
}

static void
write_header (Writer        *w,
              Placement     *p,
              lxw_worksheet *sheet,
              guint          grid_cols)
{
  BudgetFormDef *def = budget_form_get_def (p->form);
  guint n_header_rows = budget_form_def_get_n_header_rows (def);

  for (guint h = 0; h < budget_form_def_get_n_header_cells (def); h++)
    {
      const BudgetHeaderCell *cell = budget_form_def_get_header_cell (def, h);
      g_autofree char *text = budget_document_expand (w->doc, cell->text);
      lxw_row_t row = p->header_row + cell->row;
      lxw_col_t col = cell->col;

      if (col >= grid_cols)
        continue;
      if (cell->row_span > 1 || cell->col_span > 1)
        worksheet_merge_range (sheet, row, col, row + MAX (cell->row_span, 1) - 1,
                               MIN (col + MAX (cell->col_span, 1), grid_cols) - 1, text, w->header);
      else
        worksheet_write_string (sheet, row, col, text, w->header);
    }
  if (budget_form_def_has_column_numbers (def))
    {
      lxw_row_t row = p->header_row + n_header_rows;

      if (p->serial)
        worksheet_write_string (sheet, row, 0, "栏次", w->header);
      for (guint c = 0; c + p->serial < grid_cols; c++)
        worksheet_write_number (sheet, row, c + p->serial, c + 1, w->header);
    }
}

static void
write_form (Writer    *w,
            Placement *p)
{
  BudgetForm *form = p->form;
  BudgetFormDef *def = budget_form_get_def (form);
  guint n_cols = budget_form_get_n_columns (form);
  guint grid_cols = n_cols + p->serial;
  guint n_rows = budget_form_get_n_rows (form);
  lxw_worksheet *sheet = workbook_add_worksheet (w->book, p->sheet);
  g_autofree char *title = budget_form_dup_title (form);
  lxw_row_t row;

  worksheet_merge_range (sheet, TITLE_ROW, 0, TITLE_ROW, grid_cols - 1, title, w->title);
  worksheet_set_row (sheet, TITLE_ROW, 30, NULL);
  write_meta (w, p, sheet, grid_cols);
  if (BUDGET_IS_PERFORMANCE_TABLE (form))
    {
      const char *label = budget_form_def_get_goal_label (def);

      worksheet_write_string (sheet, p->header_row - 1, 0, label != NULL ? label : "", w->header);
      worksheet_merge_range (sheet, p->header_row - 1, 1, p->header_row - 1, grid_cols - 1,
                             budget_form_get_goal (form) != NULL ? budget_form_get_goal (form) : "", w->text);
    }
  write_header (w, p, sheet, grid_cols);

  for (guint r = 0; r < n_rows; r++)
    {
      if (p->serial)
        worksheet_write_number (sheet, p->data_row + r, 0, r + 1, w->text_center);
      for (guint c = 0; c < n_cols; c++)
        write_cell (w, p, sheet, r, c);
    }

  row = p->data_row + n_rows;
  if (n_rows == 0 && budget_form_def_get_empty_note (def) != NULL)
    worksheet_write_string (sheet, row++, 0, budget_form_def_get_empty_note (def), w->note);
  for (const char * const *note = budget_form_def_get_notes (def); note != NULL && *note != NULL; note++)
    {
      g_autofree char *text = budget_document_expand (w->doc, *note);

      worksheet_write_string (sheet, row++, 0, text, w->note);
    }

  if (p->serial)
    worksheet_set_column (sheet, 0, 0, 6, NULL);
  for (guint c = 0; c < n_cols; c++)
    worksheet_set_column (sheet, c + p->serial, c + p->serial,
                          MAX (budget_form_def_get_column (def, c)->width, 4) * 1.4, NULL);

  worksheet_set_paper (sheet, 9);   /* A4 */
  if (budget_form_def_is_landscape (def))
    worksheet_set_landscape (sheet);
  else
    worksheet_set_portrait (sheet);
  worksheet_fit_to_pages (sheet, 1, 0);
  worksheet_center_horizontally (sheet);
  worksheet_repeat_rows (sheet, p->header_row, p->data_row - 1);
}

static lxw_format *
add_format (lxw_workbook *book,
            gboolean      bordered,
            uint8_t       align)
{
  lxw_format *format = workbook_add_format (book);

  format_set_font_name (format, "宋体");
  format_set_font_size (format, 10);
  format_set_align (format, align);
  format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
  if (bordered)
    {
      format_set_border (format, LXW_BORDER_THIN);
      /* An opaque colour: gnumeric honours the alpha byte, and a transparent border vanishes there. */
      format_set_border_color (format, LXW_COLOR_BLACK);
    }
  return format;
}

static void
add_formats (Writer *w)
{
  w->title = add_format (w->book, FALSE, LXW_ALIGN_CENTER);
  format_set_font_size (w->title, 16);
  format_set_bold (w->title);
  w->meta_left = add_format (w->book, FALSE, LXW_ALIGN_LEFT);
  w->meta_center = add_format (w->book, FALSE, LXW_ALIGN_CENTER);
  w->meta_right = add_format (w->book, FALSE, LXW_ALIGN_RIGHT);
  w->header = add_format (w->book, TRUE, LXW_ALIGN_CENTER);
  format_set_text_wrap (w->header);
  format_set_bold (w->header);
  w->text = add_format (w->book, TRUE, LXW_ALIGN_LEFT);
  format_set_text_wrap (w->text);
  w->text_center = add_format (w->book, TRUE, LXW_ALIGN_CENTER);
  w->amount = add_format (w->book, TRUE, LXW_ALIGN_RIGHT);
  /* Thousands and two decimals; the empty third section shows a zero blank, as the printed tables do. */
  format_set_num_format (w->amount, "#,##0.00;-#,##0.00;");
  w->quantity = add_format (w->book, TRUE, LXW_ALIGN_RIGHT);
  format_set_num_format (w->quantity, "#,##0.##;-#,##0.##;");
  w->note = add_format (w->book, FALSE, LXW_ALIGN_LEFT);
}

static void
place_forms (Writer *w)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < budget_document_get_n_forms (w->doc); i++)
    {
      BudgetForm *form = budget_document_get_form (w->doc, i);
      BudgetFormDef *def = budget_form_get_def (form);
      Placement *p;
      g_autoptr(GString) quoted = NULL;
      char *name;

      if (!budget_xlsx_exports_form (form))
        continue;
      p = g_new0 (Placement, 1);
      p->form = form;
      name = budget_xlsx_dup_sheet_name (form);
      for (guint n = 2; g_hash_table_contains (used, name); n++)
        {
          g_autofree char *base = budget_xlsx_dup_sheet_name (form);
          g_autofree char *suffix = g_strdup_printf ("(%u)", n);
          glong keep = MIN (g_utf8_strlen (base, -1), 31 - (glong) strlen (suffix));
          g_autofree char *cut = g_utf8_substring (base, 0, keep);

          g_free (name);
          name = g_strconcat (cut, suffix, NULL);
        }
      p->sheet = name;
      g_hash_table_add (used, name);
      quoted = g_string_new (name);
      g_string_replace (quoted, "'", "''", 0);
      p->quoted = g_strdup_printf ("'%s'!", quoted->str);
      p->serial = budget_form_def_has_serial (def) ? 1 : 0;
      p->header_row = META_ROW + 1 + (BUDGET_IS_PERFORMANCE_TABLE (form) ? 1 : 0);
      p->data_row = p->header_row + budget_form_def_get_n_header_rows (def)
                    + (budget_form_def_has_column_numbers (def) ? 1 : 0);
      g_hash_table_insert (w->placements, form, p);
    }
}

/**
 * budget_xlsx_export:
 * @doc: a document
 * @path: the workbook to write
 * @error: return location for an error
 *
 * Writes every table form of @doc as one sheet of an XLSX workbook, in document order.
 *
 * Returns: whether the workbook was written
 */
gboolean
budget_xlsx_export (BudgetDocument  *doc,
                    const char      *path,
                    GError         **error)
{
  Writer w = { .doc = doc };
  lxw_workbook_options options = { .constant_memory = 0, .use_zip64 = 0 };
  lxw_error status;

  w.book = workbook_new_opt (path, &options);
  if (w.book == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot create the workbook “%s”"), path);
      return FALSE;
    }
  w.placements = g_hash_table_new_full (NULL, NULL, NULL, placement_free);
  add_formats (&w);
  place_forms (&w);
  for (guint i = 0; i < budget_document_get_n_forms (doc); i++)
    {
      Placement *p = g_hash_table_lookup (w.placements, budget_document_get_form (doc, i));

      if (p != NULL)
        write_form (&w, p);
    }
  status = workbook_close (w.book);
  g_hash_table_unref (w.placements);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot write the workbook “%s”: %s"),
                   path, lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}
