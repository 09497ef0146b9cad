/* budget-table-layout.c: a form's table above its rows, as both the grid and the PDF show it
 *
 * The official tables (reference/forms-and-rules.md §1) print a title, a line with the department,
 * the budget year and the unit, a header of merged cells and the 栏次 row that numbers the columns.
 * The grid on screen and the renderer on paper measure and draw differently (pixels and a widget's
 * font, points and the print fonts), but what they show is the same and is worked out here, once,
 * from the form's definition and its document: the texts with their placeholders filled in, the
 * header cells with their spans in table columns, the columns with their types and printed widths.
 *
 * A layout is a snapshot: the grid makes a new one when the document's metadata changes.
 */

#include "config.h"

#include "layout/budget-table-layout.h"
#include "model/budget-document.h"

typedef struct
{
  int               form_col;  /* -1 for 序号 */
  BudgetColumnType  type;
  guint             width;     /* the definition's relative print width, in digits */
  gboolean          wraps;
} LayoutColumn;

struct _BudgetTableLayout
{
  GObject     parent_instance;

  BudgetForm *form;
  char       *title;
  char       *subtitle;
  char       *caption[BUDGET_N_CAPTION_PARTS];
  GArray     *columns;          /* LayoutColumn */
  gboolean    has_serial;
  guint       n_key_columns;
  guint       n_heading_rows;
  guint       n_header_rows;
  GArray     *cells;            /* BudgetLayoutCell: the headings in definition order, then 栏次 */
};

G_DEFINE_FINAL_TYPE (BudgetTableLayout, budget_table_layout, G_TYPE_OBJECT)

static void
layout_cell_clear (BudgetLayoutCell *cell)
{
  g_free (cell->text);
}

static char *
expand (BudgetDocument *document,
        const char     *text)
{
  return document != NULL ? budget_document_expand (document, text) : g_strdup (text);
}

/* The line between the title and the table; which parts a form prints is in its definition. */
static void
fill_caption (BudgetTableLayout *self,
              BudgetDocument    *document,
              BudgetFormDef     *def,
              gboolean           editor)
{
  const char *code, *name, *unit;
  int year;
  char *department;
  char *unit_line;
  char *year_line;
  char *cutoff_line;

  if (document == NULL)
    return;
  code = budget_document_get_meta (document, "department-code");
  name = budget_document_get_meta (document, "department-name");
  unit = budget_document_get_meta (document, "unit");
  year = budget_document_get_year (document);
  department = g_strconcat (code != NULL ? code : "", name != NULL ? name : "", NULL);
  /* The editor states the unit figures are typed in; published forms are in the disclosure's unit. */
  if (editor && budget_document_get_entry_unit (document) == BUDGET_UNIT_YUAN)
    unit = "元";
  unit_line = g_strdup_printf ("单位：%s", unit != NULL && unit[0] != '\0' ? unit : "万元");
  /* A project without a year says nothing rather than "预算年度：0". */
  year_line = year > 0 ? g_strdup_printf ("预算年度：%d", year) : g_strdup ("");
  /* The fixed-asset table states the position at the end of the year before the budget year. */
  cutoff_line = year > 0 ? g_strdup_printf ("截止时间：%d-12-31", year - 1) : g_strdup ("");

  switch (budget_form_def_get_meta_style (def))
    {
    case BUDGET_META_STANDARD:
      self->caption[BUDGET_CAPTION_START] = g_steal_pointer (&department);
      self->caption[BUDGET_CAPTION_CENTER] = g_steal_pointer (&year_line);
      self->caption[BUDGET_CAPTION_END] = g_steal_pointer (&unit_line);
      break;
    case BUDGET_META_PROCUREMENT:
      self->caption[BUDGET_CAPTION_START] = g_steal_pointer (&department);
      self->caption[BUDGET_CAPTION_END] = g_steal_pointer (&unit_line);
      break;
    case BUDGET_META_ASSETS:
      self->caption[BUDGET_CAPTION_START] = g_steal_pointer (&department);
      self->caption[BUDGET_CAPTION_END] = g_steal_pointer (&cutoff_line);
      break;
    case BUDGET_META_NONE:
    default:
      break;
    }
  g_free (department);
  g_free (unit_line);
  g_free (year_line);
  g_free (cutoff_line);
}

static void
fill_columns (BudgetTableLayout *self,
              BudgetFormDef     *def)
{
  guint n = budget_form_get_n_columns (self->form);
  gboolean leading = TRUE;

  if (self->has_serial)
    {
      LayoutColumn column = { -1, BUDGET_COLUMN_LABEL, 0, FALSE };

      g_array_append_val (self->columns, column);
      self->n_key_columns = 1;
    }
  for (guint c = 0; c < n; c++)
    {
      const BudgetColumnDef *cdef = budget_form_def_get_column (def, c);
      LayoutColumn column = { (int) c, cdef->type, cdef->width, FALSE };

      column.wraps = cdef->type == BUDGET_COLUMN_NAME || cdef->type == BUDGET_COLUMN_LABEL ||
                     cdef->type == BUDGET_COLUMN_TEXT;
      g_array_append_val (self->columns, column);
      /* Codes and names say which row a figure belongs to: they lead the table. */
      if (leading && (cdef->type == BUDGET_COLUMN_CODE || cdef->type == BUDGET_COLUMN_NAME))
        self->n_key_columns = self->columns->len;
      else
        leading = FALSE;
    }
}

static void
fill_header (BudgetTableLayout *self,
             BudgetDocument    *document,
             BudgetFormDef     *def)
{
  guint n_cols = self->columns->len;

  self->n_heading_rows = budget_form_def_get_n_header_rows (def);
  for (guint i = 0; i < budget_form_def_get_n_header_cells (def); i++)
    {
      const BudgetHeaderCell *header = budget_form_def_get_header_cell (def, i);
      BudgetLayoutCell cell = { BUDGET_LAYOUT_HEADING, 0 };

      if (header->col >= n_cols || header->row >= self->n_heading_rows)
        continue;
      cell.row = header->row;
      cell.col = header->col;
      cell.row_span = MIN (MAX (header->row_span, 1), self->n_heading_rows - header->row);
      cell.col_span = MIN (MAX (header->col_span, 1), n_cols - header->col);
      cell.text = expand (document, header->text);
      g_array_append_val (self->cells, cell);
    }
  self->n_header_rows = self->n_heading_rows;

  if (budget_form_def_has_column_numbers (def))
    {
      for (guint g = 0; g < n_cols; g++)
        {
          BudgetLayoutCell cell = { BUDGET_LAYOUT_NUMBER, self->n_heading_rows, g, 1, 1, NULL };

          /* The 序号 column is headed 栏次; the form's columns are numbered from 1. */
          if (self->has_serial)
            cell.text = g == 0 ? g_strdup ("栏次") : g_strdup_printf ("%u", g);
          else
            cell.text = g_strdup_printf ("%u", g + 1);
          g_array_append_val (self->cells, cell);
        }
      self->n_header_rows++;
    }

  /* A key column stays a key column only where no heading spans across its right edge. */
  while (self->n_key_columns > 0 && budget_table_layout_straddles (self, self->n_key_columns))
    self->n_key_columns--;
}

static void
budget_table_layout_finalize (GObject *object)
{
  BudgetTableLayout *self = BUDGET_TABLE_LAYOUT (object);

  g_clear_object (&self->form);
  g_free (self->title);
  g_free (self->subtitle);
  for (guint i = 0; i < BUDGET_N_CAPTION_PARTS; i++)
    g_free (self->caption[i]);
  g_array_unref (self->columns);
  g_array_unref (self->cells);

  G_OBJECT_CLASS (budget_table_layout_parent_class)->finalize (object);
}

static void
budget_table_layout_class_init (BudgetTableLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_table_layout_finalize;
}

static void
budget_table_layout_init (BudgetTableLayout *self)
{
  self->columns = g_array_new (FALSE, TRUE, sizeof (LayoutColumn));
  self->cells = g_array_new (FALSE, TRUE, sizeof (BudgetLayoutCell));
  g_array_set_clear_func (self->cells, (GDestroyNotify) layout_cell_clear);
}

/**
 * budget_table_layout_new:
 * @form: a table form (fixed, coded, list or performance)
 *
 * Works out @form's caption lines, header and columns with the document's current metadata.
 *
 * Returns: (transfer full): a new layout
 */
static BudgetTableLayout *budget_table_layout_new_full (BudgetForm *form, gboolean editor);

BudgetTableLayout *
budget_table_layout_new (BudgetForm *form)
{
  return budget_table_layout_new_full (form, FALSE);
}

/**
 * budget_table_layout_new_for_editor:
 * @form: a table form
 *
 * Returns: (transfer full): the layout as the editor shows it: the unit line names the unit figures are
 *   typed in (元 when the project is entered in 元)
 */
BudgetTableLayout *
budget_table_layout_new_for_editor (BudgetForm *form)
{
  return budget_table_layout_new_full (form, TRUE);
}

static BudgetTableLayout *
budget_table_layout_new_full (BudgetForm *form,
                              gboolean    editor)
{
  BudgetTableLayout *self;
  BudgetDocument *document;
  BudgetFormDef *def;
  const char *subtitle;

  g_return_val_if_fail (BUDGET_IS_FORM (form), NULL);

  self = g_object_new (BUDGET_TYPE_TABLE_LAYOUT, NULL);
  self->form = g_object_ref (form);
  document = budget_form_get_document (form);
  def = budget_form_get_def (form);
  self->title = budget_form_dup_title (form);
  subtitle = budget_form_def_get_subtitle (def);
  if (subtitle != NULL && subtitle[0] != '\0')
    self->subtitle = expand (document, subtitle);
  self->has_serial = budget_form_def_has_serial (def);
  fill_caption (self, document, def, editor);
  fill_columns (self, def);
  fill_header (self, document, def);
  return self;
}

/**
 * budget_table_layout_get_form:
 * @self: a layout
 *
 * Returns: (transfer none): the form laid out
 */
BudgetForm *
budget_table_layout_get_form (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), NULL);

  return self->form;
}

/**
 * budget_table_layout_get_title:
 * @self: a layout
 *
 * Returns: the form's title (a performance table's with its project)
 */
const char *
budget_table_layout_get_title (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), NULL);

  return self->title;
}

/**
 * budget_table_layout_get_subtitle:
 * @self: a layout
 *
 * Returns: (nullable): the line under the title, when the form has one
 */
const char *
budget_table_layout_get_subtitle (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), NULL);

  return self->subtitle;
}

/**
 * budget_table_layout_get_caption:
 * @self: a layout
 * @part: which part of the line
 *
 * Returns: (nullable): the text at @part of the line between the title and the table, %NULL when
 * the form prints nothing there (an empty string keeps the place of an unknown year)
 */
const char *
budget_table_layout_get_caption (BudgetTableLayout *self,
                                 BudgetCaptionPart  part)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), NULL);
  g_return_val_if_fail (part < BUDGET_N_CAPTION_PARTS, NULL);

  return self->caption[part];
}

/**
 * budget_table_layout_has_caption:
 * @self: a layout
 *
 * Returns: whether the line between the title and the table says anything
 */
gboolean
budget_table_layout_has_caption (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), FALSE);

  for (guint i = 0; i < BUDGET_N_CAPTION_PARTS; i++)
    if (self->caption[i] != NULL && self->caption[i][0] != '\0')
      return TRUE;
  return FALSE;
}

/**
 * budget_table_layout_get_n_columns:
 * @self: a layout
 *
 * Returns: the table's columns: the form's, and the 序号 column before them when there is one
 */
guint
budget_table_layout_get_n_columns (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), 0);

  return self->columns->len;
}

/**
 * budget_table_layout_has_serial:
 * @self: a layout
 *
 * Returns: whether column 0 is the 序号 column
 */
gboolean
budget_table_layout_has_serial (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), FALSE);

  return self->has_serial;
}

static const LayoutColumn *
get_column (BudgetTableLayout *self,
            guint              col)
{
  return &g_array_index (self->columns, LayoutColumn, col);
}

/**
 * budget_table_layout_get_form_column:
 * @self: a layout
 * @col: a table column
 *
 * Returns: the form's column shown in @col, or -1 for the 序号 column
 */
int
budget_table_layout_get_form_column (BudgetTableLayout *self,
                                     guint              col)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), -1);
  g_return_val_if_fail (col < self->columns->len, -1);

  return get_column (self, col)->form_col;
}

/**
 * budget_table_layout_get_column:
 * @self: a layout
 * @form_col: a column of the form
 *
 * Returns: the table column that shows @form_col
 */
guint
budget_table_layout_get_column (BudgetTableLayout *self,
                                guint              form_col)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), 0);

  return form_col + (self->has_serial ? 1 : 0);
}

/**
 * budget_table_layout_get_column_type:
 * @self: a layout
 * @col: a table column
 *
 * Returns: what @col holds; the 序号 column counts as a label column
 */
BudgetColumnType
budget_table_layout_get_column_type (BudgetTableLayout *self,
                                     guint              col)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), BUDGET_COLUMN_LABEL);
  g_return_val_if_fail (col < self->columns->len, BUDGET_COLUMN_LABEL);

  return get_column (self, col)->type;
}

/**
 * budget_table_layout_get_column_width:
 * @self: a layout
 * @col: a table column
 *
 * Returns: the definition's relative print width of @col in digits (0 for 序号, which is as wide as
 * its numbers)
 */
guint
budget_table_layout_get_column_width (BudgetTableLayout *self,
                                      guint              col)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), 0);
  g_return_val_if_fail (col < self->columns->len, 0);

  return get_column (self, col)->width;
}

/**
 * budget_table_layout_column_wraps:
 * @self: a layout
 * @col: a table column
 *
 * Returns: whether @col holds text (names, labels, descriptions) rather than codes and figures
 */
gboolean
budget_table_layout_column_wraps (BudgetTableLayout *self,
                                  guint              col)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), FALSE);
  g_return_val_if_fail (col < self->columns->len, FALSE);

  return get_column (self, col)->wraps;
}

/**
 * budget_table_layout_get_n_key_columns:
 * @self: a layout
 *
 * The leading columns that say which row a figure belongs to (序号, codes, names), as far as no
 * heading spans from them into the figures: the grid keeps them on screen when it scrolls sideways.
 *
 * Returns: how many columns from the left are key columns
 */
guint
budget_table_layout_get_n_key_columns (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), 0);

  return self->n_key_columns;
}

/**
 * budget_table_layout_get_n_heading_rows:
 * @self: a layout
 *
 * Returns: the header rows of the definition's headings (without the 栏次 row)
 */
guint
budget_table_layout_get_n_heading_rows (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), 0);

  return self->n_heading_rows;
}

/**
 * budget_table_layout_get_n_header_rows:
 * @self: a layout
 *
 * Returns: all header rows, the 栏次 row (the last) included when the form numbers its columns
 */
guint
budget_table_layout_get_n_header_rows (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), 0);

  return self->n_header_rows;
}

/**
 * budget_table_layout_get_n_cells:
 * @self: a layout
 *
 * Returns: the header's cells: the headings in the definition's order, then the 栏次 row
 */
guint
budget_table_layout_get_n_cells (BudgetTableLayout *self)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), 0);

  return self->cells->len;
}

/**
 * budget_table_layout_get_cell:
 * @self: a layout
 * @index: a cell index
 *
 * Returns: (transfer none): the header cell at @index
 */
const BudgetLayoutCell *
budget_table_layout_get_cell (BudgetTableLayout *self,
                              guint              index)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->cells->len, NULL);

  return &g_array_index (self->cells, BudgetLayoutCell, index);
}

/**
 * budget_table_layout_straddles:
 * @self: a layout
 * @col: a table column
 *
 * Returns: whether a header cell spans across the left edge of @col
 */
gboolean
budget_table_layout_straddles (BudgetTableLayout *self,
                               guint              col)
{
  g_return_val_if_fail (BUDGET_IS_TABLE_LAYOUT (self), FALSE);

  for (guint i = 0; i < self->cells->len; i++)
    {
      const BudgetLayoutCell *cell = &g_array_index (self->cells, BudgetLayoutCell, i);

      if (cell->col < col && cell->col + cell->col_span > col)
        return TRUE;
    }
  return FALSE;
}
