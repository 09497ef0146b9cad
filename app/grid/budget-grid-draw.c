/* budget-grid-draw.c: how the grid draws itself: the caption line, the official header with merged
 * cells and the 栏次 row from the table layout, only the rows on screen (the frozen key columns over
 * the scrolled ones), the corner marks of findings, the selection and the cursor. Everything is drawn
 * with one PangoLayout; the cell editor is the only child drawn on top.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-grid-private.h"

/* The palette of a printed form: white paper for what is typed, a grey-blue tint for what the model
 * computes, so that an officer sees at a glance where figures go. */
static const GdkRGBA color_paper     = { 1.0, 1.0, 1.0, 1.0 };
static const GdkRGBA color_derived   = { 0.925, 0.941, 0.961, 1.0 };
static const GdkRGBA color_total     = { 0.875, 0.902, 0.937, 1.0 };
static const GdkRGBA color_label     = { 0.957, 0.961, 0.969, 1.0 };
static const GdkRGBA color_header    = { 0.898, 0.914, 0.933, 1.0 };
static const GdkRGBA color_line      = { 0.780, 0.808, 0.843, 1.0 };
static const GdkRGBA color_frame     = { 0.545, 0.588, 0.643, 1.0 };
static const GdkRGBA color_text      = { 0.102, 0.102, 0.110, 1.0 };
static const GdkRGBA color_text_dim  = { 0.353, 0.396, 0.451, 1.0 };
static const GdkRGBA color_derived_text = { 0.180, 0.243, 0.322, 1.0 };
static const GdkRGBA color_selection = { 0.208, 0.518, 0.894, 0.16 };
static const GdkRGBA color_cursor    = { 0.110, 0.443, 0.847, 1.0 };
static const GdkRGBA color_error     = { 0.753, 0.110, 0.157, 1.0 };
static const GdkRGBA color_shadow    = { 0.0, 0.0, 0.0, 0.10 };
/* Corner marks of the consistency checks' findings. */
static const GdkRGBA color_mark_error    = { 0.753, 0.110, 0.157, 1.0 };
static const GdkRGBA color_mark_warning  = { 0.902, 0.380, 0.0, 1.0 };
static const GdkRGBA color_mark_rounding = { 0.208, 0.518, 0.894, 0.85 };
static const GdkRGBA color_mark_precise  = { 0.400, 0.240, 0.700, 0.90 };

/* ------------------------------------------------------------------------------------------------ */
/* Drawing                                                                                           */

static void
fill (GtkSnapshot   *snapshot,
      const GdkRGBA *color,
      float          x,
      float          y,
      float          width,
      float          height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
draw_text (BudgetGrid     *self,
           GtkSnapshot    *snapshot,
           const char     *text,
           float           x,
           float           y,
           float           width,
           float           height,
           PangoAlignment  align,
           int             indent,
           PangoAttrList  *attrs,
           gboolean        wrap,
           const GdkRGBA  *color)
{
  int text_height;
  int inner = (int) width - 2 * CELL_PAD - indent;

  if (text == NULL || text[0] == '\0' || inner <= 2)
    return;
  pango_layout_set_attributes (self->layout, attrs);
  pango_layout_set_width (self->layout, inner * PANGO_SCALE);
  pango_layout_set_alignment (self->layout, align);
  if (wrap)
    {
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_NONE);
    }
  else
    {
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_pixel_size (self->layout, NULL, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + CELL_PAD + indent, y + (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, color);
  gtk_snapshot_restore (snapshot);
  pango_layout_set_single_paragraph_mode (self->layout, FALSE);
}

/* Draws the header rows for the grid columns [@from, @to). */
static void
draw_header (BudgetGrid  *self,
             GtkSnapshot *snapshot,
             guint        from,
             guint        to)
{
  BudgetTableLayout *layout = self->table_layout;
  int *row_y = g_newa (int, self->n_header_rows + 1);

  row_y[0] = self->caption_height;
  for (guint r = 0; r < self->n_header_rows; r++)
    row_y[r + 1] = row_y[r] + self->header_heights[r];

  /* The headings, then the 栏次 row in smaller, dimmer figures. */
  for (guint i = 0; i < budget_table_layout_get_n_cells (layout); i++)
    {
      const BudgetLayoutCell *cell = budget_table_layout_get_cell (layout, i);
      gboolean heading = cell->kind == BUDGET_LAYOUT_HEADING;
      float x, width = 0, y, height;

      if (cell->col < from || cell->col >= to)
        continue;
      x = column_screen_x (self, cell->col);
      for (guint g = cell->col; g < cell->col + cell->col_span; g++)
        width += grid_column (self, g)->width;
      y = row_y[cell->row];
      height = row_y[cell->row + cell->row_span] - y;
      fill (snapshot, &color_header, x, y, width, height);
      fill (snapshot, &color_line, x, y + height - 1, width, 1);
      fill (snapshot, &color_line, x + width - 1, y, 1, height);
      draw_text (self, snapshot, cell->text, x, y, width, height, PANGO_ALIGN_CENTER, 0,
                 heading ? self->attrs_bold : self->attrs_small, heading, heading ? &color_text : &color_text_dim);
    }
}

static void
draw_cell (BudgetGrid  *self,
           GtkSnapshot *snapshot,
           guint        row,
           guint        gcol,
           float        x,
           float        y)
{
  GridColumn *column = grid_column (self, gcol);
  BudgetRowKind row_kind = budget_form_get_row_kind (self->form, row);
  gboolean total = row_kind == BUDGET_ROW_TOTAL;
  const GdkRGBA *background;
  const GdkRGBA *color = &color_text;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  PangoAttrList *attrs = total ? self->attrs_bold : NULL;
  g_autofree char *text = NULL;
  int indent = 0;

  if (column->col < 0)
    {
      /* 序号 */
      text = g_strdup_printf ("%u", row + 1);
      fill (snapshot, &color_label, x, y, column->width, self->row_height);
      draw_text (self, snapshot, text, x, y, column->width, self->row_height, PANGO_ALIGN_CENTER, 0,
                 self->attrs_tabular, FALSE, &color_text_dim);
      return;
    }

  switch (budget_form_get_cell_kind (self->form, row, (guint) column->col))
    {
    case BUDGET_CELL_ENTERED:
      background = &color_paper;
      break;
    case BUDGET_CELL_DERIVED:
      background = total ? &color_total : &color_derived;
      color = &color_derived_text;
      break;
    case BUDGET_CELL_LABEL:
    case BUDGET_CELL_BLANK:
    default:
      background = total ? &color_total : &color_label;
      break;
    }
  fill (snapshot, background, x, y, column->width, self->row_height);

  if (self->editing && row == self->edit_row && (guint) column->col == self->edit_col)
    return;
  text = budget_form_dup_entry_display (self->form, row, (guint) column->col);
  if (column_is_numeric (column->type) && budget_form_get_cell_kind (self->form, row, (guint) column->col) != BUDGET_CELL_LABEL)
    {
      align = PANGO_ALIGN_RIGHT;
      attrs = total ? self->attrs_bold : self->attrs_tabular;
    }
  else if (column->type == BUDGET_COLUMN_CODE)
    attrs = total ? self->attrs_bold : self->attrs_tabular;
  else if (column->type == BUDGET_COLUMN_NAME || column->type == BUDGET_COLUMN_LABEL)
    {
      guint level = budget_form_get_row_level (self->form, row);

      /* 类 flush left, 款 one step in, 项 two; fixed rows as their definition indents them. */
      if (row_kind == BUDGET_ROW_FIXED)
        indent = (int) level * self->em;
      else if (row_kind == BUDGET_ROW_TOTAL)
        align = PANGO_ALIGN_CENTER;
      else if (level > 1)
        indent = (int) (level - 1) * self->em;
    }
  draw_text (self, snapshot, text, x, y, column->width, self->row_height, align, indent, attrs, FALSE, color);
  /* A figure with more decimals than shown (12.345 万元 as 12.35): a small mark in the top-left corner;
   * the tooltip gives the exact figure. */
  if (budget_grid_cell_is_finer_than_shown (self, row, (guint) column->col))
    {
      fill (snapshot, &color_mark_precise, x + 1, y + 1, 5, 2);
      fill (snapshot, &color_mark_precise, x + 1, y + 1, 2, 5);
    }
}

/**
 * budget_grid_get_cell_mark:
 * @self: a grid
 * @row: a row index
 * @col: a column index, or -1 for the row as a whole (marked in the 序号 column)
 * @severity: (out) (optional): the severity of the most serious finding there
 * @rounding: (out) (optional): whether that is a rounding difference
 *
 * Returns: whether the grid marks the cell as having a finding (acknowledged findings are not marked)
 */
gboolean
budget_grid_get_cell_mark (BudgetGrid     *self,
                           guint           row,
                           int             col,
                           BudgetSeverity *severity,
                           gboolean       *rounding)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (self->checker == NULL || self->form == NULL || row >= n_rows (self))
    return FALSE;
  return budget_checker_get_cell_severity (self->checker, budget_form_get_id (self->form),
                                           budget_form_get_row_key (self->form, row), col, severity, rounding);
}

/* A finding's cell gets a triangle in its top right corner, in the colour of its severity, as
 * spreadsheets mark cells with a comment; the tooltip gives the messages. */
static void
draw_mark (BudgetGrid  *self,
           GtkSnapshot *snapshot,
           guint        row,
           GridColumn  *column,
           float        x,
           float        y)
{
  BudgetSeverity severity;
  gboolean rounding;
  const GdkRGBA *color;
  float size = MIN (9, self->row_height / 2);
  float right = x + column->width - 1;
  cairo_t *cr;

  if (!budget_grid_get_cell_mark (self, row, column->col, &severity, &rounding))
    return;
  if (severity == BUDGET_SEVERITY_ERROR)
    color = &color_mark_error;
  else if (severity == BUDGET_SEVERITY_WARNING && !rounding)
    color = &color_mark_warning;
  else
    color = &color_mark_rounding;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (right - size, y, size, size));
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, right - size, y);
  cairo_line_to (cr, right, y);
  cairo_line_to (cr, right, y + size);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_destroy (cr);
}

/* Draws rows [@first, @last] of the grid columns [@from, @to). */
static void
draw_body (BudgetGrid  *self,
           GtkSnapshot *snapshot,
           guint        first,
           guint        last,
           guint        from,
           guint        to)
{
  for (guint r = first; r <= last; r++)
    {
      float y = row_screen_y (self, r);

      for (guint g = from; g < to; g++)
        {
          GridColumn *column = grid_column (self, g);
          float x = column_screen_x (self, g);

          draw_cell (self, snapshot, r, g, x, y);
          fill (snapshot, &color_line, x + column->width - 1, y, 1, self->row_height);
          fill (snapshot, &color_line, x, y + self->row_height - 1, column->width, 1);
          draw_mark (self, snapshot, r, column, x, y);
        }
    }
}

static void
draw_selection (BudgetGrid  *self,
                GtkSnapshot *snapshot,
                guint        first,
                guint        last)
{
  guint r1, c1, r2, c2;
  graphene_rect_t a, b, cursor;
  gboolean focused = gtk_widget_has_focus (GTK_WIDGET (self)) || self->editing;
  float width = focused ? 2 : 1;

  budget_grid_get_selection (self, &r1, &c1, &r2, &c2);
  if ((r1 != r2 || c1 != c2) && r2 >= first && r1 <= last)
    {
      cell_rect (self, MAX (r1, first), c1, &a);
      cell_rect (self, MIN (r2, last), c2, &b);
      graphene_rect_union (&a, &b, &a);
      fill (snapshot, &color_selection, a.origin.x, a.origin.y, a.size.width, a.size.height);
    }
  if (self->cursor_row < first || self->cursor_row > last)
    return;
  cell_rect (self, self->cursor_row, self->cursor_col, &cursor);
  gtk_snapshot_append_border (snapshot,
                              &GSK_ROUNDED_RECT_INIT (cursor.origin.x - 1, cursor.origin.y - 1,
                                                      cursor.size.width + 1, cursor.size.height + 1),
                              (float[4]) { width, width, width, width },
                              (GdkRGBA[4]) { color_cursor, color_cursor, color_cursor, color_cursor });
}

void
budget_grid_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  BudgetGrid *self = BUDGET_GRID (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int left;
  int table_height;
  guint first, last, rows;

  self->redraw_count++;
  fill (snapshot, &color_paper, 0, 0, width, height);
  if (self->form == NULL || self->columns->len == 0)
    return;
  budget_grid_ensure_metrics (self);
  left = table_left (self);
  rows = n_rows (self);
  first = budget_grid_get_first_visible_row (self);
  last = first + budget_grid_get_n_visible_rows (self);
  table_height = MIN (height, self->header_height + (int) rows * self->row_height - vscroll (self));

  /* Body: the scrolling columns under the frozen ones, all under the header. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, self->header_height, width, MAX (0, height - self->header_height)));
  if (rows > 0 && last > first)
    {
      last = MIN (last, rows - 1);
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (left + self->frozen_width, 0, MAX (0, width - left - self->frozen_width), height));
      draw_body (self, snapshot, first, last, self->n_frozen, self->columns->len);
      gtk_snapshot_pop (snapshot);
      draw_body (self, snapshot, first, last, 0, self->n_frozen);
      draw_selection (self, snapshot, first, last);
      if (self->message != NULL && self->message_row >= first && self->message_row <= last &&
          self->message_col < n_cols (self))
        {
          graphene_rect_t rect;

          cell_rect (self, self->message_row, self->message_col, &rect);
          gtk_snapshot_append_border (snapshot,
                                      &GSK_ROUNDED_RECT_INIT (rect.origin.x, rect.origin.y, rect.size.width - 1, rect.size.height - 1),
                                      (float[4]) { 2, 2, 2, 2 },
                                      (GdkRGBA[4]) { color_error, color_error, color_error, color_error });
        }
    }
  if (rows == 0)
    {
      /* An empty list table says how to start it. */
      float width_shown = MIN (self->total_width, width - left);

      draw_text (self, snapshot, _("No rows yet: press Ctrl+Plus or “Add Row” to add one."),
                 left, self->header_height, width_shown, 2 * self->row_height, PANGO_ALIGN_CENTER, 0, NULL,
                 TRUE, &color_text_dim);
    }
  if (self->editing)
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
  gtk_snapshot_pop (snapshot);

  /* Header, and a frame around the whole table. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (left + self->frozen_width, 0, MAX (0, width - left - self->frozen_width), height));
  draw_header (self, snapshot, self->n_frozen, self->columns->len);
  gtk_snapshot_pop (snapshot);
  draw_header (self, snapshot, 0, self->n_frozen);
  if (self->caption_height > 0)
    {
      float caption_width = MIN (self->total_width, width - left);
      static const PangoAlignment aligns[3] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT };

      fill (snapshot, &color_paper, 0, 0, width, self->caption_height);
      for (guint i = 0; i < 3; i++)
        draw_text (self, snapshot, budget_table_layout_get_caption (self->table_layout, i), left - CELL_PAD, 0, caption_width + 2 * CELL_PAD,
                   self->caption_height, aligns[i], 0, NULL, FALSE, &color_text);
    }
  if (vscroll (self) > 0)
    fill (snapshot, &color_shadow, left, self->header_height, MIN (width, self->total_width), 3);
  if (self->n_frozen > 0 && hscroll (self) > 0)
    fill (snapshot, &color_shadow, left + self->frozen_width, 0, 3, MAX (0, table_height));
  {
    float frame_width = MIN (self->total_width - 1, width - left);

    int top = self->caption_height;

    fill (snapshot, &color_frame, left, top, frame_width, 1);
    fill (snapshot, &color_frame, left, top, 1, MAX (0, table_height - top));
    fill (snapshot, &color_frame, left + frame_width - 1, top, 1, MAX (0, table_height - top));
    if (table_height < height)
      fill (snapshot, &color_frame, left, table_height - 1, frame_width, 1);
    fill (snapshot, &color_frame, left, self->header_height - 1, frame_width, 1);
  }
}
