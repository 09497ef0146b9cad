/* budget-grid.c: a drawn, virtualized table of one form with a single overlay cell editor
 *
 * The grid shows the form the way the PDF prints it: the caption line, the official multi-row header
 * with merged cells and the 栏次 row come from the same BudgetTableLayout the renderer uses, then the
 * rows. Like gnumeric's item-grid and GnuCash's register it draws everything itself, only for the rows
 * that are on screen, so a form of 10 000 rows costs no more than one of 10; a single cell editor is
 * moved over the cell being edited. GtkColumnView in GTK 4.8 has neither spanning headers nor
 * spreadsheet navigation (STYLE.md §9), which is why this is not a list view.
 *
 * The grid is split by concern, as gnumeric splits item-grid.c and item-edit.c: this file is the
 * widget (geometry, column widths, scrolling, the cursor, keys and mouse, accessibility, messages);
 * budget-grid-draw.c draws it; budget-grid-edit.c opens, commits and cancels the cell editor
 * (BudgetCellEditor); budget-grid-clipboard.c copies and pastes ranges. budget-grid-private.h holds
 * what they share.
 *
 * The grid never changes the document itself except through BudgetDocument's edit functions, each of
 * which is one undoable command; it redraws when the document reports changed cells.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-grid-private.h"

static void budget_grid_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BudgetGrid, budget_grid, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, budget_grid_scrollable_init))

enum {
  PROP_0,
  PROP_FORM,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  CURSOR_MOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------------ */
/* Geometry                                                                                          */

/**
 * budget_grid_get_first_visible_row:
 * @self: a grid
 *
 * Returns: the first row at least partly on screen
 */
guint
budget_grid_get_first_visible_row (BudgetGrid *self)
{
  if (self->row_height <= 0)
    return 0;
  return (guint) (vscroll (self) / self->row_height);
}

/**
 * budget_grid_get_n_visible_rows:
 * @self: a grid
 *
 * Returns: how many rows the grid draws at its current size (the rest are not drawn at all)
 */
guint
budget_grid_get_n_visible_rows (BudgetGrid *self)
{
  guint first = budget_grid_get_first_visible_row (self);
  guint count;

  if (self->row_height <= 0)
    return 0;
  count = (guint) ((body_height (self) + (vscroll (self) % self->row_height)) / self->row_height) + 1;
  return MIN (count, n_rows (self) > first ? n_rows (self) - first : 0);
}

/* Finds the grid column under on-screen @x, or -1. */
static int
gcol_at (BudgetGrid *self,
         double      x)
{
  int left = table_left (self);

  for (guint g = 0; g < self->columns->len; g++)
    {
      int sx = column_screen_x (self, g);

      if (g >= self->n_frozen && x < left + self->frozen_width)
        continue;
      if (x >= sx && x < sx + grid_column (self, g)->width)
        return (int) g;
    }
  return -1;
}

/* Finds the cell under (@x, @y) in form coordinates; FALSE over the header or outside the table. */
static gboolean
cell_at (BudgetGrid *self,
         double      x,
         double      y,
         guint      *row,
         guint      *col)
{
  int gcol = gcol_at (self, x);
  double body_y = y - self->header_height + vscroll (self);
  int r;

  if (y < self->header_height || body_y < 0 || self->row_height <= 0)
    return FALSE;
  r = (int) (body_y / self->row_height);
  if (r >= (int) n_rows (self))
    return FALSE;
  if (gcol < 0)
    return FALSE;
  if (grid_column (self, gcol)->col < 0)
    {
      /* A click on the 序号 selects the row's first cell. */
      gcol = self->has_serial ? 1 : 0;
      if ((guint) gcol >= self->columns->len)
        return FALSE;
    }
  *row = (guint) r;
  *col = (guint) grid_column (self, gcol)->col;
  return TRUE;
}

/**
 * budget_grid_get_cell_area:
 * @self: a grid
 * @row: a row index
 * @col: a column index
 * @area: (out): where the cell is drawn, in the grid's coordinates
 *
 * Returns: whether the cell is (at least partly) on screen
 */
gboolean
budget_grid_get_cell_area (BudgetGrid      *self,
                           guint            row,
                           guint            col,
                           graphene_rect_t *area)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (self->form == NULL || row >= n_rows (self) || col >= n_cols (self))
    return FALSE;
  cell_rect (self, row, col, area);
  return area->origin.y + area->size.height > self->header_height &&
         area->origin.y < gtk_widget_get_height (GTK_WIDGET (self)) &&
         area->origin.x + area->size.width > 0 &&
         area->origin.x < gtk_widget_get_width (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------------------ */
/* Metrics and column layout                                                                         */

static int
layout_width (PangoLayout *layout,
              const char  *text)
{
  int width;

  pango_layout_set_width (layout, -1);
  pango_layout_set_attributes (layout, NULL);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

void
budget_grid_ensure_metrics (BudgetGrid *self)
{
  int height;

  if (self->metrics_valid)
    return;
  g_clear_object (&self->layout);
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  /* The relative print widths of the definitions are in digits, as spreadsheets count them. */
  self->char_width = MAX (7, (layout_width (self->layout, "0123456789") + 9) / 10);
  self->em = MAX (12, layout_width (self->layout, "国"));
  pango_layout_set_text (self->layout, "国0", -1);
  pango_layout_get_pixel_size (self->layout, NULL, &height);
  self->row_height = height + 10;
  self->metrics_valid = TRUE;
}

static int
wrapped_height (BudgetGrid *self,
                const char *text,
                int         width)
{
  int height;

  pango_layout_set_attributes (self->layout, NULL);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (self->layout, MAX (1, width - 2 * CELL_PAD) * PANGO_SCALE);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_pixel_size (self->layout, NULL, &height);
  return height;
}

/* The width the names of a text column ask for, from their length: printed widths suit the PDF's
 * small font and wrapped cells, the screen shows one line per row. Counting characters instead of
 * laying out every name keeps this cheap for a form of 10 000 rows. */
static int
content_width (BudgetGrid *self,
               guint       col)
{
  guint rows = n_rows (self);
  long widest = 0;

  for (guint r = 0; r < rows; r++)
    {
      const char *text = budget_form_get_cell_text (self->form, r, col);
      guint level = budget_form_get_row_level (self->form, r);
      long width = 0;

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        width += g_unichar_iswide (g_utf8_get_char (p)) ? self->em : self->char_width;
      if (budget_form_get_row_kind (self->form, r) == BUDGET_ROW_FIXED)
        width += (long) level * self->em;
      else if (level > 1)
        width += (long) (level - 1) * self->em;
      widest = MAX (widest, width);
    }
  return (int) MIN (widest + 2 * CELL_PAD + 2, G_MAXINT / 4);
}

/* Builds the columns from the table layout; widths are fixed by the definition and the font. */
static void
build_columns (BudgetGrid *self)
{
  BudgetTableLayout *layout;
  guint n;

  g_array_set_size (self->columns, 0);
  self->n_frozen = 0;
  self->natural_width = 0;
  self->laid_out_width = -1;
  g_clear_object (&self->table_layout);
  if (self->form == NULL)
    return;
  budget_grid_ensure_metrics (self);
  layout = self->table_layout = budget_table_layout_new_for_editor (self->form);
  self->has_serial = budget_table_layout_has_serial (layout);

  n = budget_table_layout_get_n_columns (layout);
  for (guint g = 0; g < n; g++)
    {
      GridColumn column = { budget_table_layout_get_form_column (layout, g), 0, 0, 0,
                            budget_table_layout_get_column_type (layout, g), FALSE };

      if (column.col < 0)
        {
          g_autofree char *digits = g_strdup_printf ("%u", MAX (n_rows (self), 10));

          column.natural = MAX (layout_width (self->layout, "序号"), layout_width (self->layout, digits)) + 2 * CELL_PAD + 4;
        }
      else
        {
          double chars = budget_table_layout_get_column_width (layout, g);

          /* Figures in 元 have 4 more digits than in 万元. */
          if (column.type == BUDGET_COLUMN_AMOUNT &&
              budget_document_get_entry_unit (budget_form_get_document (self->form)) == BUDGET_UNIT_YUAN)
            chars += 4;
          column.natural = MAX (MIN_COL_WIDTH, (int) chars * self->char_width + 2 * CELL_PAD);
          column.stretch = budget_table_layout_column_wraps (layout, g);
          if (column.stretch)
            column.natural = MAX (column.natural, MIN (content_width (self, (guint) column.col), column.natural * 5 / 2));
        }
      g_array_append_val (self->columns, column);
    }
  /* A short heading such as 计量单位 stays on one line rather than breaking before its last character. */
  for (guint i = 0; i < budget_table_layout_get_n_cells (layout); i++)
    {
      const BudgetLayoutCell *cell = budget_table_layout_get_cell (layout, i);

      if (cell->kind != BUDGET_LAYOUT_HEADING || cell->col_span != 1)
        continue;
      grid_column (self, cell->col)->natural = MAX (grid_column (self, cell->col)->natural,
                                                    MIN (layout_width (self->layout, cell->text), 4 * self->em) + 2 * CELL_PAD + 2);
    }
  /* Codes and names stay on screen when the amounts scroll sideways. */
  self->n_frozen = budget_table_layout_get_n_key_columns (layout);
  for (guint g = 0; g < self->columns->len; g++)
    self->natural_width += grid_column (self, g)->natural;
}

static int
custom_width (BudgetGrid *self,
              guint       gcol)
{
  return gcol < self->custom_widths->len ? g_array_index (self->custom_widths, int, gcol) : 0;
}

/* Positions the columns for an allocation @width and measures the header rows for those widths. */
static void
layout_columns (BudgetGrid *self,
                int         width)
{
  BudgetTableLayout *layout = self->table_layout;
  int extra;
  int stretch_total = 0;
  int x = 0;
  guint n_def_rows;
  int base;

  if (self->form == NULL || self->columns->len == 0)
    {
      self->total_width = 0;
      self->header_height = 0;
      return;
    }
  if (width == self->laid_out_width)
    return;
  self->laid_out_width = width;
  budget_grid_ensure_metrics (self);

  /* A wide window gives text columns up to twice their printed width; amounts keep theirs. */
  extra = MAX (0, width - self->natural_width - 2);
  for (guint g = 0; g < self->columns->len; g++)
    if (grid_column (self, g)->stretch && custom_width (self, g) == 0)
      stretch_total += grid_column (self, g)->natural;
  for (guint g = 0; g < self->columns->len; g++)
    {
      GridColumn *column = grid_column (self, g);
      int add = 0;

      if (column->stretch && stretch_total > 0 && custom_width (self, g) == 0)
        add = MIN (column->natural, (int) ((gint64) extra * column->natural / stretch_total));
      column->width = custom_width (self, g) > 0 ? custom_width (self, g) : column->natural + add;
      column->x = x;
      x += column->width;
    }
  self->total_width = x + 1;
  self->frozen_width = self->n_frozen > 0 ? grid_column (self, self->n_frozen - 1)->x +
                                            grid_column (self, self->n_frozen - 1)->width : 0;

  /* Header rows are as tall as their wrapped text needs; the 栏次 row is one line. */
  n_def_rows = budget_table_layout_get_n_heading_rows (layout);
  self->n_header_rows = budget_table_layout_get_n_header_rows (layout);
  g_free (self->header_heights);
  self->header_heights = g_new0 (int, MAX (self->n_header_rows, 1));
  base = self->row_height;
  for (guint r = 0; r < n_def_rows; r++)
    self->header_heights[r] = base;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < budget_table_layout_get_n_cells (layout); i++)
      {
        const BudgetLayoutCell *cell = budget_table_layout_get_cell (layout, i);
        int cell_width = 0;
        int need;
        int have = 0;

        /* Single-row cells first, then spanning cells take what is still missing. */
        if (cell->kind != BUDGET_LAYOUT_HEADING || (pass == 0) != (cell->row_span == 1))
          continue;
        for (guint g = cell->col; g < cell->col + cell->col_span; g++)
          cell_width += grid_column (self, g)->width;
        need = wrapped_height (self, cell->text, cell_width) + 10;
        for (guint r = cell->row; r < cell->row + cell->row_span; r++)
          have += self->header_heights[r];
        if (need > have)
          self->header_heights[cell->row + cell->row_span - 1] += need - have;
      }
  if (self->n_header_rows > n_def_rows)
    self->header_heights[n_def_rows] = self->row_height - 4;
  self->caption_height = budget_table_layout_has_caption (layout) ? self->row_height + 2 : 0;
  self->header_height = self->caption_height;
  for (guint r = 0; r < self->n_header_rows; r++)
    self->header_height += self->header_heights[r];
}

/* ------------------------------------------------------------------------------------------------ */
/* Scrolling                                                                                         */

static void
configure_adjustments (BudgetGrid *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int content_height = self->header_height + (int) n_rows (self) * self->row_height + 1;

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (gtk_adjustment_get_value (self->hadjustment), 0,
                                     MAX (0, self->total_width - width)),
                              0, MAX (self->total_width, width),
                              self->char_width * 4, MAX (1, width - self->frozen_width) * 0.9, width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                     MAX (0, content_height - height)),
                              0, MAX (content_height, height),
                              self->row_height, MAX (self->row_height, body_height (self) - self->row_height),
                              height);
}

/* Scrolls so that the cell is entirely on screen. */
void
budget_grid_scroll_to_cell (BudgetGrid *self,
                            guint       row,
                            guint       col)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint gcol;

  if (self->form == NULL || row >= n_rows (self) || col >= n_cols (self))
    return;
  if (width <= 0 || self->laid_out_width < 0)
    {
      /* Not allocated yet: size_allocate scrolls once it knows the geometry. */
      self->scroll_pending = TRUE;
      return;
    }
  if (self->vadjustment != NULL)
    {
      double top = (double) row * self->row_height;
      double value = gtk_adjustment_get_value (self->vadjustment);
      int visible = body_height (self);

      if (top < value)
        gtk_adjustment_set_value (self->vadjustment, top);
      else if (top + self->row_height > value + visible)
        gtk_adjustment_set_value (self->vadjustment, top + self->row_height - visible);
    }
  gcol = gcol_of (self, col);
  if (self->hadjustment != NULL && gcol >= self->n_frozen)
    {
      GridColumn *column = grid_column (self, gcol);
      double value = gtk_adjustment_get_value (self->hadjustment);
      int left = column->x - self->frozen_width;
      int right = column->x + column->width - width;

      if (column->x - value < self->frozen_width)
        gtk_adjustment_set_value (self->hadjustment, MAX (0, left));
      else if (right > value)
        gtk_adjustment_set_value (self->hadjustment, right);
    }
}

static void
adjustment_value_changed (GtkAdjustment *adjustment,
                          BudgetGrid    *self)
{
  if (self->in_allocate)
    return;
  if (self->editing || gtk_widget_get_visible (self->message_popover) ||
      budget_cell_editor_get_choices_visible (BUDGET_CELL_EDITOR (self->editor)))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (BudgetGrid     *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------------------ */
/* Cell descriptions                                                                                 */

/* Describes one formula term for people: "支出总表 206 合计" rather than "T3[206].c3". */
static void
append_term (GString                 *out,
             BudgetGrid              *self,
             guint                    row,
             guint                    col,
             const BudgetFormulaTerm *term)
{
  BudgetForm *form = self->form;
  BudgetFormDef *def;
  int column;

  if (term->form != NULL && self->document != NULL)
    {
      BudgetForm *other = budget_document_lookup_form (self->document, term->form);

      if (other != NULL)
        form = other;
      g_string_append_printf (out, "%s ", other != NULL ? budget_form_get_short_title (other) : term->form);
    }
  def = budget_form_get_def (form);
  if (term->key != NULL)
    {
      int r = budget_form_find_row (form, term->key);

      if (g_str_equal (term->key, "total"))
        g_string_append (out, budget_form_def_get_total_label (def) != NULL
                         ? budget_form_def_get_total_label (def) : "合计");
      else if (r >= 0)
        {
          g_autofree char *label = budget_form_dup_row_label (form, (guint) r);

          g_string_append (out, label);
        }
      else
        g_string_append (out, term->key);
      if (term->key_end != NULL)
        {
          int r2 = budget_form_find_row (form, term->key_end);
          g_autofree char *label = r2 >= 0 ? budget_form_dup_row_label (form, (guint) r2) : g_strdup (term->key_end);

          g_string_append_printf (out, " … %s", label);
        }
      g_string_append_c (out, ' ');
    }
  else if (term->form != NULL && form != self->form)
    {
      g_autofree char *label = budget_form_dup_row_label (self->form, row);

      g_string_append_printf (out, "%s ", label);
    }
  column = term->column != NULL ? budget_form_def_find_column (def, term->column) : (int) col;
  if (term->column != NULL && term->form == NULL && form == self->form)
    def = budget_form_get_def (self->form);
  if (column >= 0 && (guint) column < budget_form_def_get_n_columns (def))
    g_string_append (out, budget_form_def_get_column (def, (guint) column)->title);
  else if (term->column != NULL)
    g_string_append (out, term->column);
}

static char *dup_cell_help (BudgetGrid *self,
                            guint       row,
                            guint       col);

/* The messages of the findings at a cell (or, for @col -1, about its whole row), one a line. */
static void
append_findings (BudgetGrid *self,
                 GString    *out,
                 guint       row,
                 int         col)
{
  g_autoptr(GPtrArray) findings = NULL;

  if (self->checker == NULL)
    return;
  findings = budget_checker_dup_cell_findings (self->checker, budget_form_get_id (self->form),
                                               budget_form_get_row_key (self->form, row), col);
  for (guint i = 0; i < findings->len; i++)
    {
      BudgetFinding *finding = g_ptr_array_index (findings, i);
      const char *kind;

      if (budget_finding_get_acknowledged (finding))
        kind = _("Acknowledged");
      else if (budget_finding_get_severity (finding) == BUDGET_SEVERITY_ERROR)
        kind = _("Error");
      else if (budget_finding_get_rounding (finding))
        kind = _("Rounding difference");
      else if (budget_finding_get_severity (finding) == BUDGET_SEVERITY_WARNING)
        kind = _("Warning");
      else
        kind = _("Remark");
      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: a finding in a cell's tooltip: "Warning FA-03: FA 2、车辆 价值 is …" */
      g_string_append_printf (out, _("%s %s: %s"), kind, budget_finding_get_rule_id (finding),
                              budget_finding_get_message (finding));
      if (budget_finding_get_acknowledged (finding))
        {
          g_string_append_c (out, '\n');
          g_string_append_printf (out, _("Reason: %s"), budget_finding_get_ack_reason (finding));
        }
    }
}

/**
 * budget_grid_dup_cell_tooltip:
 * @self: a grid
 * @row: a row index
 * @col: a column index
 *
 * Returns: (transfer full) (nullable): what the grid's tooltip says about a cell: the formula of a
 * computed cell (in the definition's notation and in words), "Σ children" for parent and total rows,
 * the whole text of a cell too narrow to show it
 */
char *
budget_grid_dup_cell_tooltip (BudgetGrid *self,
                              guint       row,
                              guint       col)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *help = NULL;

  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  if (self->form == NULL || row >= n_rows (self) || col >= n_cols (self))
    return NULL;
  append_findings (self, out, row, (int) col);
  help = dup_cell_help (self, row, col);
  if (help != NULL)
    {
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, help);
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What the tooltip says about the cell itself: formulas, how to type it, a long text. */
static char *
dup_cell_help (BudgetGrid *self,
               guint       row,
               guint       col)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *display = NULL;
  BudgetCellKind kind;

  kind = budget_form_get_cell_kind (self->form, row, col);
  display = budget_form_dup_entry_display (self->form, row, col);

  switch (kind)
    {
    case BUDGET_CELL_DERIVED:
      {
        BudgetFormula *formula = budget_form_get_cell_formula (self->form, row, col);
        BudgetRowKind row_kind = budget_form_get_row_kind (self->form, row);

        if (formula != NULL)
          {
            g_string_append_printf (out, _("Computed: %s"), budget_formula_get_text (formula));
            g_string_append (out, "\n= ");
            for (guint i = 0; i < budget_formula_get_n_terms (formula); i++)
              {
                const BudgetFormulaTerm *term = budget_formula_get_term (formula, i);

                if (i > 0 || term->sign < 0)
                  g_string_append (out, term->sign < 0 ? (i > 0 ? " − " : "−") : " + ");
                append_term (out, self, row, col, term);
              }
          }
        else if (row_kind == BUDGET_ROW_TOTAL || row_kind == BUDGET_ROW_PARENT)
          g_string_append (out, _("Computed: Σ children (the sum of the rows under it)"));
        else
          {
            const char * const *sources = budget_form_def_get_sources (budget_form_get_def (self->form));
            g_autofree char *list = sources != NULL ? g_strjoinv (" ", (char **) sources) : g_strdup ("");

            g_string_append_printf (out, _("Computed from the forms %s: type the figure there"), list);
          }
      }
      break;

    case BUDGET_CELL_ENTERED:
      if (column_def (self, col)->type == BUDGET_COLUMN_TEXT && display[0] != '\0')
        g_string_append_printf (out, "%s\n", display);
      if (column_def (self, col)->choices != NULL)
        g_string_append (out, _("Typed cell: press F2 or Enter to choose from the allowed values"));
      else
        g_string_append (out, _("Typed cell: type a value, or press F2 to edit"));
      break;

    case BUDGET_CELL_LABEL:
      if (display[0] == '\0')
        return NULL;
      g_string_append (out, display);
      break;

    case BUDGET_CELL_BLANK:
    default:
      return NULL;
    }
  if (budget_grid_cell_is_finer_than_shown (self, row, col))
    {
      g_autofree char *exact = budget_amount_format_exact (budget_form_get_value (self->form, row, col));

      /* Translators: a figure in 万元 with more decimals than the 2 shown, e.g. "Exact figure: 12.345 万元" */
      g_string_append_printf (out, "\n");
      g_string_append_printf (out, _("Exact figure: %s 万元 (the table shows it rounded to 2 decimals)"), exact);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * budget_grid_cell_is_finer_than_shown:
 * @self: a grid
 * @row: a row index
 * @col: a column index
 *
 * Returns: whether the cell is an amount with more precision than the editor shows (in 万元 entry,
 *   12.345 shows as 12.35), so that it is marked and its tooltip gives the exact figure
 */
gboolean
budget_grid_cell_is_finer_than_shown (BudgetGrid *self,
                                      guint       row,
                                      guint       col)
{
  BudgetCellKind kind;

  if (self->form == NULL || row >= budget_form_get_n_rows (self->form) || col >= budget_form_get_n_columns (self->form) ||
      column_def (self, col)->type != BUDGET_COLUMN_AMOUNT)
    return FALSE;
  kind = budget_form_get_cell_kind (self->form, row, col);
  if (kind != BUDGET_CELL_ENTERED && kind != BUDGET_CELL_DERIVED)
    return FALSE;
  return budget_amount_is_finer_than_shown (budget_form_get_value (self->form, row, col),
                                            budget_document_get_entry_unit (budget_form_get_document (self->form)));
}

/**
 * budget_grid_dup_cell_name:
 * @self: a grid
 * @row: a row index
 * @col: a column index
 *
 * Returns: (transfer full): the cell's accessible name: form, row number and column, e.g.
 * "支出总表 第4行 基本支出"
 */
char *
budget_grid_dup_cell_name (BudgetGrid *self,
                           guint       row,
                           guint       col)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  if (self->form == NULL || col >= n_cols (self))
    return g_strdup ("");
  /* Translators: the accessible name of a table cell: the form, the row number and the column,
   * e.g. "支出总表 第4行 基本支出" */
  return g_strdup_printf (_("%s row %u %s"), budget_form_get_short_title (self->form), row + 1,
                          column_def (self, col)->title);
}

void
budget_grid_update_accessible (BudgetGrid *self)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_autofree char *row_label = NULL;
  g_autofree char *description = NULL;
  BudgetCellKind kind;

  if (self->form == NULL || self->cursor_row >= n_rows (self) || self->cursor_col >= n_cols (self))
    return;
  name = budget_grid_dup_cell_name (self, self->cursor_row, self->cursor_col);
  value = budget_form_dup_entry_display (self->form, self->cursor_row, self->cursor_col);
  row_label = budget_form_dup_row_label (self->form, self->cursor_row);
  kind = budget_form_get_cell_kind (self->form, self->cursor_row, self->cursor_col);
  description = g_strdup_printf ("%s: %s (%s)", row_label, value[0] != '\0' ? value : _("empty"),
                                 kind == BUDGET_CELL_ENTERED ? _("typed")
                                 : kind == BUDGET_CELL_DERIVED ? _("computed") : _("read-only"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  budget_cell_editor_set_cell_name (BUDGET_CELL_EDITOR (self->editor), name);
}

/* ------------------------------------------------------------------------------------------------ */
/* Messages next to a cell                                                                           */

/**
 * budget_grid_show_message:
 * @self: a grid
 * @row: a row index
 * @col: a column index
 * @message: why an input was not accepted
 *
 * Shows @message in a popover pointing at the cell until the next move or edit.
 */
void
budget_grid_show_message (BudgetGrid *self,
                          guint       row,
                          guint       col,
                          const char *message)
{
  g_return_if_fail (BUDGET_IS_GRID (self));

  g_free (self->message);
  self->message = g_strdup (message);
  self->message_row = row;
  self->message_col = col;
  gtk_label_set_text (GTK_LABEL (self->message_label), message);
  gtk_widget_set_visible (self->message_popover, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/**
 * budget_grid_hide_message:
 * @self: a grid
 *
 * Hides the message shown next to a cell, if any.
 */
void
budget_grid_hide_message (BudgetGrid *self)
{
  g_return_if_fail (BUDGET_IS_GRID (self));

  if (self->message == NULL)
    return;
  g_clear_pointer (&self->message, g_free);
  gtk_widget_set_visible (self->message_popover, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * budget_grid_get_message:
 * @self: a grid
 *
 * Returns: (nullable): the message shown next to a cell, or %NULL
 */
const char *
budget_grid_get_message (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  return self->message;
}

/* ------------------------------------------------------------------------------------------------ */
/* Cursor and selection                                                                              */

/**
 * budget_grid_get_cursor:
 * @self: a grid
 * @row: (out) (optional): the cursor's row
 * @col: (out) (optional): the cursor's column
 *
 * Gets the cell the cursor is on (the active cell of a selected range).
 */
void
budget_grid_get_cursor (BudgetGrid *self,
                        guint      *row,
                        guint      *col)
{
  g_return_if_fail (BUDGET_IS_GRID (self));

  if (row != NULL)
    *row = self->cursor_row;
  if (col != NULL)
    *col = self->cursor_col;
}

/**
 * budget_grid_get_selection:
 * @self: a grid
 * @first_row: (out) (optional): top row
 * @first_col: (out) (optional): left column
 * @last_row: (out) (optional): bottom row
 * @last_col: (out) (optional): right column
 *
 * Gets the selected rectangle; without a range it is the cursor cell.
 */
void
budget_grid_get_selection (BudgetGrid *self,
                           guint      *first_row,
                           guint      *first_col,
                           guint      *last_row,
                           guint      *last_col)
{
  g_return_if_fail (BUDGET_IS_GRID (self));

  if (first_row != NULL)
    *first_row = MIN (self->cursor_row, self->extent_row);
  if (last_row != NULL)
    *last_row = MAX (self->cursor_row, self->extent_row);
  if (first_col != NULL)
    *first_col = MIN (self->cursor_col, self->extent_col);
  if (last_col != NULL)
    *last_col = MAX (self->cursor_col, self->extent_col);
}

static gboolean
in_selection (BudgetGrid *self,
              guint       row,
              guint       col)
{
  guint r1, c1, r2, c2;

  budget_grid_get_selection (self, &r1, &c1, &r2, &c2);
  return row >= r1 && row <= r2 && col >= c1 && col <= c2;
}

static void
cursor_changed (BudgetGrid *self)
{
  budget_grid_update_accessible (self);
  if (self->message != NULL && (self->message_row != self->cursor_row || self->message_col != self->cursor_col))
    budget_grid_hide_message (self);
  if (self->im_context != NULL)
    {
      graphene_rect_t rect;

      cell_rect (self, self->cursor_row, self->cursor_col, &rect);
      gtk_im_context_set_cursor_location (self->im_context,
                                          &(GdkRectangle) { rect.origin.x, rect.origin.y,
                                                            rect.size.width, rect.size.height });
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CURSOR_MOVED], 0);
}

static void
move_cursor_to (BudgetGrid *self,
                guint       row,
                guint       col,
                gboolean    extend)
{
  if (n_rows (self) == 0 || n_cols (self) == 0)
    return;
  row = MIN (row, n_rows (self) - 1);
  col = MIN (col, n_cols (self) - 1);
  if (extend)
    {
      self->extent_row = row;
      self->extent_col = col;
    }
  else
    {
      self->cursor_row = self->extent_row = row;
      self->cursor_col = self->extent_col = col;
    }
  budget_grid_scroll_to_cell (self, row, col);
  cursor_changed (self);
}

/**
 * budget_grid_set_cursor:
 * @self: a grid
 * @row: a row index
 * @col: a column index
 *
 * Moves the cursor to a cell (clamped to the form), drops the selected range and scrolls the cell
 * into view. An edit in progress is committed first; when it is rejected the cursor stays.
 */
void
budget_grid_set_cursor (BudgetGrid *self,
                        guint       row,
                        guint       col)
{
  g_return_if_fail (BUDGET_IS_GRID (self));

  if (self->editing && !budget_grid_commit_edit (self, NULL))
    return;
  move_cursor_to (self, row, col, FALSE);
}

/**
 * budget_grid_select:
 * @self: a grid
 * @first_row: the row of the cursor
 * @first_col: the column of the cursor
 * @last_row: the row of the opposite corner
 * @last_col: the column of the opposite corner
 *
 * Selects a rectangle of cells, with the cursor in the first corner.
 */
void
budget_grid_select (BudgetGrid *self,
                    guint       first_row,
                    guint       first_col,
                    guint       last_row,
                    guint       last_col)
{
  g_return_if_fail (BUDGET_IS_GRID (self));

  budget_grid_set_cursor (self, first_row, first_col);
  move_cursor_to (self, last_row, last_col, TRUE);
}

/**
 * budget_grid_focus_cell:
 * @self: a grid
 * @row: a row index
 * @col: a column index
 *
 * Moves the cursor to a cell, scrolls it into view and gives the grid the keyboard focus.
 */
void
budget_grid_focus_cell (BudgetGrid *self,
                        guint       row,
                        guint       col)
{
  g_return_if_fail (BUDGET_IS_GRID (self));

  budget_grid_cancel_edit (self);
  move_cursor_to (self, row, col, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* The next typed cell from (@row, @col) going by @drow rows or @dcol columns; Tab wraps to the next
 * row. Returns FALSE when there is none, and the caller moves by one cell instead. */
static gboolean
find_entered (BudgetGrid *self,
              guint       row,
              guint       col,
              int         drow,
              int         dcol,
              guint      *out_row,
              guint      *out_col)
{
  int r = (int) row;
  int c = (int) col;
  int rows = (int) n_rows (self);
  int cols = (int) n_cols (self);

  for (;;)
    {
      if (dcol != 0)
        {
          c += dcol;
          if (c >= cols)
            {
              c = 0;
              r++;
            }
          else if (c < 0)
            {
              c = cols - 1;
              r--;
            }
        }
      else
        r += drow;
      if (r < 0 || r >= rows)
        return FALSE;
      if (budget_form_get_cell_kind (self->form, (guint) r, (guint) c) == BUDGET_CELL_ENTERED)
        {
          *out_row = (guint) r;
          *out_col = (guint) c;
          return TRUE;
        }
    }
}

/**
 * budget_grid_move:
 * @self: a grid
 * @drow: rows to move (negative: up)
 * @dcol: columns to move (negative: left)
 * @extend: %TRUE to extend the selected range instead of moving the cursor
 *
 * Moves the cursor like the arrow keys do, committing an edit in progress first.
 *
 * Returns: %FALSE when an edit in progress was rejected and the cursor stayed
 */
gboolean
budget_grid_move (BudgetGrid *self,
                  int         drow,
                  int         dcol,
                  gboolean    extend)
{
  int row;
  int col;

  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (self->editing && !budget_grid_commit_edit (self, NULL))
    return FALSE;
  if (n_rows (self) == 0)
    return TRUE;
  row = (int) (extend ? self->extent_row : self->cursor_row) + drow;
  col = (int) (extend ? self->extent_col : self->cursor_col) + dcol;
  move_cursor_to (self, (guint) CLAMP (row, 0, (int) n_rows (self) - 1),
                  (guint) CLAMP (col, 0, (int) n_cols (self) - 1), extend);
  return TRUE;
}

/* Enter and Tab: to the next typed cell in that direction, or one cell when there is none. */
void
budget_grid_move_to_next_entered (BudgetGrid *self,
                                  int         drow,
                                  int         dcol)
{
  guint row, col;

  if (find_entered (self, self->cursor_row, self->cursor_col, drow, dcol, &row, &col))
    move_cursor_to (self, row, col, FALSE);
  else
    budget_grid_move (self, drow, dcol, FALSE);
}

/* ------------------------------------------------------------------------------------------------ */
/* Keyboard and mouse                                                                                */

static void
popup_context_menu (BudgetGrid *self,
                    double      x,
                    double      y)
{
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* Keys on the grid itself (not editing). Printable text arrives through the input method. */
static gboolean
grid_key_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  BudgetGrid            *self)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  int page;

  if (self->editing || self->form == NULL || (state & GDK_ALT_MASK) != 0)
    return FALSE;
  page = MAX (1, body_height (self) / MAX (1, self->row_height) - 1);

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      budget_grid_move (self, control ? -(int) n_rows (self) : -1, 0, shift);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      budget_grid_move (self, control ? (int) n_rows (self) : 1, 0, shift);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      budget_grid_move (self, 0, control ? -(int) n_cols (self) : -1, shift);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      budget_grid_move (self, 0, control ? (int) n_cols (self) : 1, shift);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      budget_grid_move (self, -page, 0, shift);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      budget_grid_move (self, page, 0, shift);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      budget_grid_move (self, control ? -(int) n_rows (self) : 0, -(int) n_cols (self), shift);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      budget_grid_move (self, control ? (int) n_rows (self) : 0, (int) n_cols (self), shift);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (control)
        return FALSE;
      budget_grid_move_to_next_entered (self, 0, (shift || keyval == GDK_KEY_ISO_Left_Tab) ? -1 : 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (control)
        return FALSE;
      if (budget_grid_column_has_choices (self, self->cursor_col))
        budget_grid_start_editing (self, NULL);
      else
        budget_grid_move_to_next_entered (self, shift ? -1 : 1, 0);
      return TRUE;
    case GDK_KEY_F2:
      budget_grid_start_editing (self, NULL);
      return TRUE;
    case GDK_KEY_BackSpace:
      budget_grid_start_editing (self, "");
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      budget_grid_clear_selection (self, NULL);
      return TRUE;
    case GDK_KEY_Escape:
      budget_grid_hide_message (self);
      move_cursor_to (self, self->cursor_row, self->cursor_col, FALSE);
      return TRUE;
    case GDK_KEY_Menu:
      {
        graphene_rect_t rect;

        cell_rect (self, self->cursor_row, self->cursor_col, &rect);
        popup_context_menu (self, rect.origin.x + rect.size.width / 2, rect.origin.y + rect.size.height);
      }
      return TRUE;
    case GDK_KEY_F10:
      if (shift)
        {
          graphene_rect_t rect;

          cell_rect (self, self->cursor_row, self->cursor_col, &rect);
          popup_context_menu (self, rect.origin.x + rect.size.width / 2, rect.origin.y + rect.size.height);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

/* Typing on a cell replaces it: the first character (or the input method's composed text) opens the
 * editor with it. */
static void
im_commit (GtkIMContext *context,
           const char   *text,
           BudgetGrid   *self)
{
  if (self->editing)
    {
      /* Keys that raced the focus change to the editor. */
      budget_cell_editor_append (BUDGET_CELL_EDITOR (self->editor), text);
      return;
    }
  if (text == NULL || text[0] == '\0' || g_unichar_iscntrl (g_utf8_get_char (text)))
    return;
  budget_grid_start_editing (self, text);
}

static void
grid_focus_changed (GtkEventControllerFocus *controller,
                    GParamSpec              *pspec,
                    BudgetGrid              *self)
{
  if (gtk_event_controller_focus_is_focus (controller))
    gtk_im_context_focus_in (self->im_context);
  else
    gtk_im_context_focus_out (self->im_context);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
point_in_editor (BudgetGrid *self,
                 double      x,
                 double      y)
{
  graphene_rect_t rect;

  if (!self->editing)
    return FALSE;
  cell_rect (self, self->edit_row, self->edit_col, &rect);
  return graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (x, y));
}

/* The grid column whose right edge is under (@x, @y) in the header, for resizing it, or -1. */
static int
column_edge_at (BudgetGrid *self,
                double      x,
                double      y)
{
  int left = table_left (self);

  if (y < self->caption_height || y >= self->header_height)
    return -1;
  for (guint g = 0; g < self->columns->len; g++)
    {
      int edge = column_screen_x (self, g) + grid_column (self, g)->width;

      if (g >= self->n_frozen && edge < left + self->frozen_width)
        continue;
      if (ABS (x - edge) <= 4)
        return (int) g;
    }
  return -1;
}

static void
set_column_width (BudgetGrid *self,
                  guint       gcol,
                  int         width)
{
  if (self->custom_widths->len < self->columns->len)
    g_array_set_size (self->custom_widths, self->columns->len);
  g_array_index (self->custom_widths, int, gcol) = width;
  self->laid_out_width = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
pointer_motion (GtkEventControllerMotion *controller,
                double                    x,
                double                    y,
                BudgetGrid               *self)
{
  gboolean on_edge = self->resize_gcol >= 0 || column_edge_at (self, x, y) >= 0;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), on_edge ? "col-resize" : NULL);
}

static void
click_pressed (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               BudgetGrid      *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint row, col;

  if (point_in_editor (self, x, y))
    return;
  /* A double click on a column's edge in the header gives the column its own width back. */
  if (n_press == 2 && column_edge_at (self, x, y) >= 0)
    {
      set_column_width (self, (guint) column_edge_at (self, x, y), 0);
      return;
    }
  if (!cell_at (self, x, y, &row, &col))
    {
      if (!self->editing)
        gtk_widget_grab_focus (GTK_WIDGET (self));
      return;
    }
  if (self->editing && !budget_grid_commit_edit (self, NULL))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (button == GDK_BUTTON_SECONDARY)
    {
      if (!in_selection (self, row, col))
        move_cursor_to (self, row, col, FALSE);
      popup_context_menu (self, x, y);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    return;
  move_cursor_to (self, row, col, (state & GDK_SHIFT_MASK) != 0);
  if (n_press == 2)
    budget_grid_start_editing (self, NULL);
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            BudgetGrid     *self)
{
  int edge = column_edge_at (self, x, y);

  /* Dragging a column's edge in the header resizes the column (for this window). */
  self->resize_gcol = edge;
  if (edge >= 0)
    {
      self->resize_start = grid_column (self, (guint) edge)->width;
      self->drag_active = FALSE;
      return;
    }
  self->drag_active = !point_in_editor (self, x, y) && !self->editing;
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          BudgetGrid     *self)
{
  self->resize_gcol = -1;
  self->drag_active = FALSE;
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             BudgetGrid     *self)
{
  double x, y;
  guint row, col;

  if (self->resize_gcol >= 0)
    {
      set_column_width (self, (guint) self->resize_gcol, MAX (MIN_COL_WIDTH, self->resize_start + (int) dx));
      return;
    }
  if (!self->drag_active || self->editing)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (cell_at (self, x + dx, y + dy, &row, &col) && (row != self->extent_row || col != self->extent_col))
    move_cursor_to (self, row, col, TRUE);
}

static gboolean
grid_query_tooltip (GtkWidget  *widget,
                    int         x,
                    int         y,
                    gboolean    keyboard,
                    GtkTooltip *tooltip)
{
  BudgetGrid *self = BUDGET_GRID (widget);
  g_autofree char *text = NULL;
  graphene_rect_t rect;
  guint row, col;

  if (keyboard)
    {
      row = self->cursor_row;
      col = self->cursor_col;
    }
  else if (!cell_at (self, x, y, &row, &col))
    return FALSE;
  if (self->editing && row == self->edit_row && col == self->edit_col)
    return FALSE;
  text = budget_grid_dup_cell_tooltip (self, row, col);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  cell_rect (self, row, col, &rect);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { rect.origin.x, rect.origin.y, rect.size.width, rect.size.height });
  return TRUE;
}

/* ------------------------------------------------------------------------------------------------ */
/* Document signals                                                                                  */

static void
cells_changed (BudgetDocument *document,
               GArray         *cells,
               BudgetGrid     *self)
{
  guint first = budget_grid_get_first_visible_row (self);
  guint last = first + budget_grid_get_n_visible_rows (self);

  /* Only a changed cell on screen costs a redraw; the rest of a large form is never drawn. */
  for (guint i = 0; i < cells->len; i++)
    {
      BudgetCellRef *ref = &g_array_index (cells, BudgetCellRef, i);

      if (ref->form == self->form && ref->row >= first && ref->row <= last)
        {
          gtk_widget_queue_draw (GTK_WIDGET (self));
          budget_grid_update_accessible (self);
          return;
        }
    }
}

static void
reload (BudgetGrid *self)
{
  guint rows = n_rows (self);

  budget_grid_cancel_edit (self);
  budget_grid_hide_message (self);
  if (rows == 0)
    self->cursor_row = self->extent_row = 0;
  else
    {
      self->cursor_row = MIN (self->cursor_row, rows - 1);
      self->extent_row = MIN (self->extent_row, rows - 1);
    }
  build_columns (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  cursor_changed (self);
}

static void
rows_changed (BudgetDocument *document,
              BudgetForm     *form,
              BudgetGrid     *self)
{
  if (form == self->form)
    reload (self);
}

static void
meta_changed (BudgetDocument *document,
              const char     *key,
              BudgetGrid     *self)
{
  /* The caption line and header texts name the department and the year ({year}年预留中小微企业份额). */
  if (self->form != NULL)
    {
      g_clear_object (&self->table_layout);
      self->table_layout = budget_table_layout_new_for_editor (self->form);
      /* Amount columns are wider in 元 than in 万元. */
      if (g_strcmp0 (key, "entry-unit") == 0)
        build_columns (self);
    }
  self->laid_out_width = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * budget_grid_set_form:
 * @self: a grid
 * @form: (nullable): the form to show
 *
 * Shows @form; the cursor goes to its first typed cell.
 */
void
budget_grid_set_form (BudgetGrid *self,
                      BudgetForm *form)
{
  guint row = 0, col = 0;

  g_return_if_fail (BUDGET_IS_GRID (self));
  g_return_if_fail (form == NULL || BUDGET_IS_FORM (form));

  if (self->form == form)
    return;
  budget_grid_cancel_edit (self);
  budget_grid_hide_message (self);
  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->cells_changed_id, self->document);
      g_clear_signal_handler (&self->rows_changed_id, self->document);
      g_clear_signal_handler (&self->meta_changed_id, self->document);
    }
  g_clear_object (&self->document);
  g_set_object (&self->form, form);
  g_array_set_size (self->custom_widths, 0);
  if (form != NULL && budget_form_get_document (form) != NULL)
    {
      self->document = g_object_ref (budget_form_get_document (form));
      self->cells_changed_id = g_signal_connect (self->document, "cells-changed", G_CALLBACK (cells_changed), self);
      self->rows_changed_id = g_signal_connect (self->document, "rows-changed", G_CALLBACK (rows_changed), self);
      self->meta_changed_id = g_signal_connect (self->document, "meta-changed", G_CALLBACK (meta_changed), self);
    }
  build_columns (self);
  /* The cursor starts on the first typed cell when that is near the top; a form whose typed cells
   * are far down (T1, T4) opens at its top, on the first figure. */
  if (form != NULL && budget_form_get_n_rows (form) > 0)
    {
      if (budget_form_get_cell_kind (form, 0, 0) == BUDGET_CELL_ENTERED)
        row = col = 0;
      else if (!find_entered (self, 0, 0, 0, 1, &row, &col) || row >= 12)
        {
          row = 0;
          col = 0;
          for (guint c = 0; c < n_cols (self); c++)
            if (column_is_numeric (column_def (self, c)->type))
              {
                col = c;
                break;
              }
        }
    }
  self->cursor_row = self->extent_row = row;
  self->cursor_col = self->extent_col = col;
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0);
  self->scroll_pending = TRUE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  cursor_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM]);
}

static void
findings_changed (BudgetChecker      *checker,
                  const char * const *forms,
                  BudgetGrid         *self)
{
  if (self->form != NULL && g_strv_contains (forms, budget_form_get_id (self->form)))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * budget_grid_set_checker:
 * @self: a grid
 * @checker: (nullable): the checker of the form's document
 *
 * Marks the cells that have findings, and lists their messages in the cells' tooltips.
 */
void
budget_grid_set_checker (BudgetGrid    *self,
                         BudgetChecker *checker)
{
  g_return_if_fail (BUDGET_IS_GRID (self));
  g_return_if_fail (checker == NULL || BUDGET_IS_CHECKER (checker));

  if (self->checker == checker)
    return;
  if (self->checker != NULL)
    g_clear_signal_handler (&self->findings_changed_id, self->checker);
  g_set_object (&self->checker, checker);
  if (checker != NULL)
    self->findings_changed_id = g_signal_connect (checker, "findings-changed", G_CALLBACK (findings_changed), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * budget_grid_get_form:
 * @self: a grid
 *
 * Returns: (transfer none) (nullable): the form shown
 */
BudgetForm *
budget_grid_get_form (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  return self->form;
}

/**
 * budget_grid_set_extra_menu:
 * @self: a grid
 * @model: (nullable): items added to the grid's context menu (row commands of the editor)
 */
void
budget_grid_set_extra_menu (BudgetGrid *self,
                            GMenuModel *model)
{
  GMenu *menu;
  GMenu *section;

  g_return_if_fail (BUDGET_IS_GRID (self));

  g_set_object (&self->extra_menu, model);
  menu = g_menu_new ();
  section = g_menu_new ();
  g_menu_append (section, _("Cu_t"), "grid.cut");
  g_menu_append (section, _("_Copy"), "grid.copy");
  g_menu_append (section, _("_Paste"), "grid.paste");
  g_menu_append (section, _("C_lear Contents"), "grid.clear");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  if (model != NULL)
    g_menu_append_section (menu, NULL, model);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), G_MENU_MODEL (menu));
  g_object_unref (menu);
}

/**
 * budget_grid_get_redraw_count:
 * @self: a grid
 *
 * Returns: how often the grid has drawn itself (tests use it to see that unrelated edits cost nothing)
 */
guint64
budget_grid_get_redraw_count (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), 0);

  return self->redraw_count;
}

/**
 * budget_grid_get_table_layout:
 * @self: a grid
 *
 * Returns: (transfer none) (nullable): the caption line, header and columns the grid shows, the
 * same as the PDF prints
 */
BudgetTableLayout *
budget_grid_get_table_layout (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  return self->table_layout;
}

/* ------------------------------------------------------------------------------------------------ */
/* Size                                                                                              */

static void
budget_grid_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  BudgetGrid *self = BUDGET_GRID (widget);

  budget_grid_ensure_metrics (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN (200, self->natural_width);
      *natural = self->natural_width + 1;
    }
  else
    {
      int header;
      int body = (int) MAX (n_rows (self), 2) * self->row_height;

      /* The header's height depends on the width its wrapped headings get. */
      layout_columns (self, for_size > 0 ? for_size : self->natural_width);
      header = self->header_height;

      *minimum = MIN (header + 3 * self->row_height, header + body);
      *natural = header + body + 1;
    }
}

static GtkSizeRequestMode
budget_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
present_popover (BudgetGrid *self,
                 GtkWidget  *popover,
                 guint       row,
                 guint       col)
{
  graphene_rect_t rect;

  if (!gtk_widget_get_visible (popover))
    return;
  if (self->form == NULL || row >= n_rows (self) || col >= n_cols (self))
    {
      gtk_widget_set_visible (popover, FALSE);
      return;
    }
  cell_rect (self, row, col, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { rect.origin.x, rect.origin.y, rect.size.width, rect.size.height });
  gtk_popover_present (GTK_POPOVER (popover));
}

static void
budget_grid_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  BudgetGrid *self = BUDGET_GRID (widget);

  self->in_allocate = TRUE;
  budget_grid_ensure_metrics (self);
  layout_columns (self, width);
  configure_adjustments (self);
  if (self->scroll_pending && self->form != NULL && self->laid_out_width >= 0)
    {
      self->scroll_pending = FALSE;
      budget_grid_scroll_to_cell (self, self->cursor_row, self->cursor_col);
    }
  self->in_allocate = FALSE;

  if (self->editing)
    {
      graphene_rect_t rect;
      int min_height;

      GtkAllocation allocation;

      cell_rect (self, self->edit_row, self->edit_col, &rect);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      /* A font taller than a row gets an editor taller than the cell, centred on it. */
      allocation = (GtkAllocation) { rect.origin.x, rect.origin.y - MAX (0, min_height - (int) rect.size.height) / 2,
                                     rect.size.width - 1, MAX ((int) rect.size.height - 1, min_height) };
      budget_cell_editor_set_cell_area (BUDGET_CELL_EDITOR (self->editor),
                                        &(GdkRectangle) { rect.origin.x - allocation.x, rect.origin.y - allocation.y,
                                                          rect.size.width, rect.size.height });
      gtk_widget_size_allocate (self->editor, &allocation, -1);
    }
  present_popover (self, self->message_popover, self->message_row, self->message_col);
  gtk_popover_present (GTK_POPOVER (self->context_menu));
}

/* ------------------------------------------------------------------------------------------------ */
/* GObject                                                                                           */

static void
grid_edit (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  budget_grid_start_editing (BUDGET_GRID (widget), NULL);
}

static void
budget_grid_dispose (GObject *object)
{
  BudgetGrid *self = BUDGET_GRID (object);

  budget_grid_set_form (self, NULL);
  budget_grid_set_checker (self, NULL);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->message_popover, gtk_widget_unparent);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->im_context);
  g_clear_object (&self->extra_menu);

  G_OBJECT_CLASS (budget_grid_parent_class)->dispose (object);
}

static void
budget_grid_finalize (GObject *object)
{
  BudgetGrid *self = BUDGET_GRID (object);

  g_array_unref (self->columns);
  g_array_unref (self->custom_widths);
  g_free (self->header_heights);
  g_clear_object (&self->table_layout);
  g_clear_object (&self->layout);
  pango_attr_list_unref (self->attrs_tabular);
  pango_attr_list_unref (self->attrs_bold);
  pango_attr_list_unref (self->attrs_small);
  g_free (self->message);

  G_OBJECT_CLASS (budget_grid_parent_class)->finalize (object);
}

static void
budget_grid_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BudgetGrid *self = BUDGET_GRID (object);

  switch (prop_id)
    {
    case PROP_FORM:
      g_value_set_object (value, self->form);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_grid_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BudgetGrid *self = BUDGET_GRID (object);

  switch (prop_id)
    {
    case PROP_FORM:
      budget_grid_set_form (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
budget_grid_get_border (GtkScrollable *scrollable,
                        GtkBorder     *border)
{
  BudgetGrid *self = BUDGET_GRID (scrollable);

  /* The header stays on top: the scrolled window's rubberband and scroll-to go below it. */
  border->top = self->header_height;
  return TRUE;
}

static void
budget_grid_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = budget_grid_get_border;
}

static void
budget_grid_class_init (BudgetGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_grid_dispose;
  object_class->finalize = budget_grid_finalize;
  object_class->get_property = budget_grid_get_property;
  object_class->set_property = budget_grid_set_property;

  widget_class->snapshot = budget_grid_snapshot;
  widget_class->measure = budget_grid_measure;
  widget_class->get_request_mode = budget_grid_get_request_mode;
  widget_class->size_allocate = budget_grid_size_allocate;
  widget_class->query_tooltip = grid_query_tooltip;

  properties[PROP_FORM] =
    g_param_spec_object ("form", NULL, NULL, BUDGET_TYPE_FORM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * BudgetGrid::cursor-moved:
   * @grid: the grid
   *
   * Emitted when the cursor or the selected range changes.
   */
  signals[CURSOR_MOVED] =
    g_signal_new ("cursor-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  budget_grid_class_add_clipboard_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "grid.edit", NULL, grid_edit);

  gtk_widget_class_set_css_name (widget_class, "budget-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
budget_grid_init (BudgetGrid *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  PangoAttribute *attr;

  self->columns = g_array_new (FALSE, TRUE, sizeof (GridColumn));
  self->custom_widths = g_array_new (FALSE, TRUE, sizeof (int));
  self->resize_gcol = -1;
  self->laid_out_width = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  /* Amounts and codes use tabular digits so that the decimal points line up. */
  self->attrs_tabular = pango_attr_list_new ();
  pango_attr_list_insert (self->attrs_tabular, pango_attr_font_features_new ("tnum"));
  self->attrs_bold = pango_attr_list_new ();
  pango_attr_list_insert (self->attrs_bold, pango_attr_font_features_new ("tnum"));
  pango_attr_list_insert (self->attrs_bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  self->attrs_small = pango_attr_list_new ();
  attr = pango_attr_scale_new (PANGO_SCALE_SMALL);
  pango_attr_list_insert (self->attrs_small, attr);

  budget_grid_init_editor (self);

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->message_label), 48);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  self->message_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->message_popover), self->message_label);
  gtk_popover_set_autohide (GTK_POPOVER (self->message_popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->message_popover), GTK_POS_BOTTOM);
  gtk_widget_add_css_class (self->message_popover, "budget-cell-message");
  gtk_widget_set_can_focus (self->message_popover, FALSE);
  gtk_widget_set_parent (self->message_popover, GTK_WIDGET (self));

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
  budget_grid_set_extra_menu (self, NULL);

  /* Navigation and commit keys of the editor are caught on their way down to it. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (budget_grid_editing_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->im_context = gtk_im_multicontext_new ();
  gtk_im_context_set_client_widget (self->im_context, GTK_WIDGET (self));
  gtk_im_context_set_use_preedit (self->im_context, FALSE);
  g_signal_connect (self->im_context, "commit", G_CALLBACK (im_commit), self);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_key_set_im_context (GTK_EVENT_CONTROLLER_KEY (controller), self->im_context);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (grid_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "notify::is-focus", G_CALLBACK (grid_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (pointer_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * budget_grid_new:
 *
 * Returns: (transfer floating): a new grid; put it in a #GtkScrolledWindow
 */
GtkWidget *
budget_grid_new (void)
{
  return g_object_new (BUDGET_TYPE_GRID, NULL);
}
