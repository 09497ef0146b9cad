/* budget-grid.c: a drawn, virtualized table of one form with a single overlay cell editor
 *
 * The grid draws the form the way the PDF prints it: the official multi-row header with merged cells
 * (read from the same BudgetFormDef the renderer uses), the 栏次 row, then the rows. Like gnumeric's
 * item-grid and GnuCash's register it draws everything itself with one PangoLayout, only for the rows
 * that are on screen, so a form of 10 000 rows costs no more than one of 10; a single GtkText is moved
 * over the cell being edited. GtkColumnView in GTK 4.8 has neither spanning headers nor spreadsheet
 * navigation (STYLE.md §9), which is why this is not a list view.
 *
 * The grid never changes the document itself except through BudgetDocument's edit functions, each of
 * which is one undoable command; it redraws when the document reports changed cells.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "budget-grid.h"

#define CELL_PAD      6    /* horizontal text padding inside a cell */
#define MIN_COL_WIDTH 36

typedef struct
{
  int              col;      /* form column, or -1 for the 序号 column */
  int              x;        /* left edge within the table, before scrolling */
  int              width;
  int              natural;  /* width from the definition, before stretching */
  BudgetColumnType type;
  gboolean         stretch;  /* text columns take the room a wide window leaves */
} GridColumn;

struct _BudgetGrid
{
  GtkWidget        parent_instance;

  BudgetForm      *form;
  BudgetDocument  *document;
  BudgetTableLayout *table_layout;   /* caption line, header and columns, as the PDF prints them */
  BudgetChecker   *checker;
  gulong           findings_changed_id;
  gulong           cells_changed_id;
  gulong           rows_changed_id;
  gulong           meta_changed_id;

  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  guint            hscroll_policy : 1;
  guint            vscroll_policy : 1;
  guint            in_allocate : 1;
  guint            scroll_pending : 1;

  /* layout */
  GArray          *columns;          /* GridColumn, grid order */
  guint            has_serial : 1;
  guint            n_frozen;         /* grid columns that stay put when scrolling sideways */
  int              frozen_width;
  int              natural_width;
  int              total_width;
  int              laid_out_width;   /* allocation width the columns were stretched for */
  int             *header_heights;   /* one per header row, the 栏次 row last */
  guint            n_header_rows;
  int              header_height;    /* caption band, header rows and 栏次 row */
  int              caption_height;
  int              row_height;
  int              char_width;
  int              em;
  gboolean         metrics_valid;
  PangoLayout     *layout;
  PangoAttrList   *attrs_tabular;
  PangoAttrList   *attrs_bold;
  PangoAttrList   *attrs_small;

  /* cursor and selection, in form coordinates */
  guint            cursor_row;
  guint            cursor_col;
  guint            extent_row;
  guint            extent_col;

  /* editing */
  GtkWidget       *editor;
  guint            editing : 1;
  guint            enter_mode : 1;    /* started by typing: Left and Right commit and move */
  guint            committing : 1;
  guint            drag_active : 1;
  int              resize_gcol;      /* the column whose edge is being dragged, or -1 */
  int              resize_start;
  GArray          *custom_widths;    /* int per grid column: widths the officer dragged, 0 for none */
  guint            filter_choices : 1; /* the officer has typed: offer only the matching values */
  guint            edit_row;
  guint            edit_col;
  char            *preedit;
  GtkIMContext    *im_context;

  GtkWidget       *message_popover;
  GtkWidget       *message_label;
  char            *message;
  guint            message_row;
  guint            message_col;

  GtkWidget       *choice_popover;
  GtkWidget       *choice_list;
  char           **choices;

  GtkWidget       *context_menu;
  GMenuModel      *extra_menu;

  guint64          redraw_count;
};

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

/* ------------------------------------------------------------------------------------------------ */
/* Geometry                                                                                          */

static guint
n_rows (BudgetGrid *self)
{
  return self->form != NULL ? budget_form_get_n_rows (self->form) : 0;
}

static guint
n_cols (BudgetGrid *self)
{
  return self->form != NULL ? budget_form_get_n_columns (self->form) : 0;
}

static guint
gcol_of (BudgetGrid *self,
         guint       col)
{
  return col + (self->has_serial ? 1 : 0);
}

static GridColumn *
grid_column (BudgetGrid *self,
             guint       gcol)
{
  return &g_array_index (self->columns, GridColumn, gcol);
}

static const BudgetColumnDef *
column_def (BudgetGrid *self,
            guint       col)
{
  return budget_form_def_get_column (budget_form_get_def (self->form), col);
}

static int
table_left (BudgetGrid *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  /* A form narrower than the window sits in the middle, like the printed page. */
  return MAX (0, (width - self->total_width) / 2);
}

static int
hscroll (BudgetGrid *self)
{
  return self->hadjustment != NULL ? (int) gtk_adjustment_get_value (self->hadjustment) : 0;
}

static int
vscroll (BudgetGrid *self)
{
  return self->vadjustment != NULL ? (int) gtk_adjustment_get_value (self->vadjustment) : 0;
}

/* The on-screen x of grid column @gcol. */
static int
column_screen_x (BudgetGrid *self,
                 guint       gcol)
{
  GridColumn *column = grid_column (self, gcol);

  if (gcol < self->n_frozen)
    return table_left (self) + column->x;
  return table_left (self) + column->x - hscroll (self);
}

static int
row_screen_y (BudgetGrid *self,
              guint       row)
{
  return self->header_height + (int) row * self->row_height - vscroll (self);
}

static int
body_height (BudgetGrid *self)
{
  return MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - self->header_height);
}

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

static void
cell_rect (BudgetGrid      *self,
           guint            row,
           guint            col,
           graphene_rect_t *rect)
{
  guint gcol = gcol_of (self, col);

  graphene_rect_init (rect, column_screen_x (self, gcol), row_screen_y (self, row),
                      grid_column (self, gcol)->width, self->row_height);
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

static void
ensure_metrics (BudgetGrid *self)
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
  ensure_metrics (self);
  layout = self->table_layout = budget_table_layout_new (self->form);
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
          column.natural = MAX (MIN_COL_WIDTH, (int) budget_table_layout_get_column_width (layout, g) * self->char_width + 2 * CELL_PAD);
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
  ensure_metrics (self);

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
static void
scroll_to_cell (BudgetGrid *self,
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
      gtk_widget_get_visible (self->choice_popover))
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

static gboolean
column_is_numeric (BudgetColumnType type)
{
  return type == BUDGET_COLUMN_AMOUNT || type == BUDGET_COLUMN_QUANTITY;
}

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
  display = budget_form_dup_display (self->form, row, col);

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
  return g_string_free (g_steal_pointer (&out), FALSE);
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

static void
update_accessible (BudgetGrid *self)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_autofree char *row_label = NULL;
  g_autofree char *description = NULL;
  BudgetCellKind kind;

  if (self->form == NULL || self->cursor_row >= n_rows (self) || self->cursor_col >= n_cols (self))
    return;
  name = budget_grid_dup_cell_name (self, self->cursor_row, self->cursor_col);
  value = budget_form_dup_display (self->form, self->cursor_row, self->cursor_col);
  row_label = budget_form_dup_row_label (self->form, self->cursor_row);
  kind = budget_form_get_cell_kind (self->form, self->cursor_row, self->cursor_col);
  description = g_strdup_printf ("%s: %s (%s)", row_label, value[0] != '\0' ? value : _("empty"),
                                 kind == BUDGET_CELL_ENTERED ? _("typed")
                                 : kind == BUDGET_CELL_DERIVED ? _("computed") : _("read-only"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
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
  update_accessible (self);
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
  scroll_to_cell (self, row, col);
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
static void
move_to_next_entered (BudgetGrid *self,
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
/* Editing                                                                                           */

static gboolean
column_has_choices (BudgetGrid *self,
                    guint       col)
{
  return self->form != NULL && col < n_cols (self) && column_def (self, col)->choices != NULL;
}

/* The values a choice column allows on @row: the 一级指标 of the document's scheme, or the 二级指标
 * under the row's 一级指标. */
static char **
dup_choices (BudgetGrid *self,
             guint       row,
             guint       col)
{
  const char *choices = column_def (self, col)->choices;
  const char *scheme = self->document != NULL ? budget_document_get_meta (self->document, "performance-scheme") : NULL;

  if (scheme == NULL || scheme[0] == '\0')
    scheme = "A";
  if (g_str_equal (choices, "performance-level1"))
    return budget_performance_level1 (scheme);
  if (g_str_equal (choices, "performance-level2"))
    {
      const char *level1 = NULL;

      for (guint c = 0; c < n_cols (self); c++)
        {
          const char *other = column_def (self, c)->choices;

          if (other != NULL && g_str_equal (other, "performance-level1"))
            level1 = budget_form_get_cell_text (self->form, row, c);
        }
      return budget_performance_level2 (scheme, level1 != NULL && level1[0] != '\0' ? level1 : NULL);
    }
  return g_new0 (char *, 1);
}

static void
refilter_choices (BudgetGrid *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->editor));
  GtkWidget *child;
  GtkListBoxRow *first = NULL;
  GtkListBoxRow *exact = NULL;

  for (child = gtk_widget_get_first_child (self->choice_list); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *value = g_object_get_data (G_OBJECT (child), "budget-choice");
      gboolean show = !self->filter_choices || text[0] == '\0' || strstr (value, text) != NULL;

      gtk_widget_set_visible (child, show);
      if (show && first == NULL)
        first = GTK_LIST_BOX_ROW (child);
      if (g_str_equal (value, text))
        exact = GTK_LIST_BOX_ROW (child);
    }
  gtk_list_box_select_row (GTK_LIST_BOX (self->choice_list), exact != NULL ? exact : first);
}

static void
show_choices (BudgetGrid *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->choice_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->choice_list), child);
  g_clear_pointer (&self->choices, g_strfreev);
  self->choices = dup_choices (self, self->edit_row, self->edit_col);
  for (guint i = 0; self->choices[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (self->choices[i]);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      /* The editor keeps the keyboard focus; the list is driven by Up, Down and Enter. */
      gtk_widget_set_focusable (row, FALSE);
      g_object_set_data_full (G_OBJECT (row), "budget-choice", g_strdup (self->choices[i]), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->choice_list), row);
    }
  if (self->choices[0] == NULL)
    return;
  refilter_choices (self);
  gtk_widget_set_visible (self->choice_popover, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
move_choice (BudgetGrid *self,
             int         step)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->choice_list));
  GtkWidget *next = row != NULL ? GTK_WIDGET (row) : NULL;

  do
    {
      if (next == NULL)
        next = step > 0 ? gtk_widget_get_first_child (self->choice_list) : gtk_widget_get_last_child (self->choice_list);
      else
        next = step > 0 ? gtk_widget_get_next_sibling (next) : gtk_widget_get_prev_sibling (next);
    }
  while (next != NULL && !gtk_widget_get_visible (next));
  if (next != NULL)
    gtk_list_box_select_row (GTK_LIST_BOX (self->choice_list), GTK_LIST_BOX_ROW (next));
}

static const char *
selected_choice (BudgetGrid *self)
{
  GtkListBoxRow *row;

  if (!gtk_widget_get_visible (self->choice_popover))
    return NULL;
  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->choice_list));
  if (row == NULL || !gtk_widget_get_visible (GTK_WIDGET (row)))
    return NULL;
  return g_object_get_data (G_OBJECT (row), "budget-choice");
}

static char *
not_editable_message (BudgetGrid *self,
                      guint       row,
                      guint       col)
{
  BudgetCellKind kind = budget_form_get_cell_kind (self->form, row, col);

  if (kind == BUDGET_CELL_DERIVED)
    {
      g_autofree char *tooltip = budget_grid_dup_cell_tooltip (self, row, col);

      return g_strdup_printf (_("This figure is computed and cannot be typed.\n%s"), tooltip != NULL ? tooltip : "");
    }
  return g_strdup (_("This cell is part of the form and cannot be edited."));
}

/**
 * budget_grid_start_editing:
 * @self: a grid
 * @text: (nullable): the text to start with (what was typed), or %NULL to edit the cell's value
 *
 * Opens the editor over the cursor cell. Cells the model computes cannot be edited: the grid says
 * so next to the cell instead.
 *
 * Returns: whether the editor opened
 */
gboolean
budget_grid_start_editing (BudgetGrid *self,
                           const char *text)
{
  g_autofree char *current = NULL;
  BudgetColumnType type;

  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (self->editing)
    return TRUE;
  if (self->form == NULL || self->cursor_row >= n_rows (self) || self->cursor_col >= n_cols (self))
    return FALSE;
  if (budget_form_get_cell_kind (self->form, self->cursor_row, self->cursor_col) != BUDGET_CELL_ENTERED)
    {
      g_autofree char *message = not_editable_message (self, self->cursor_row, self->cursor_col);

      budget_grid_show_message (self, self->cursor_row, self->cursor_col, message);
      return FALSE;
    }

  budget_grid_hide_message (self);
  self->extent_row = self->cursor_row;
  self->extent_col = self->cursor_col;
  scroll_to_cell (self, self->cursor_row, self->cursor_col);
  self->editing = TRUE;
  self->enter_mode = text != NULL;
  self->edit_row = self->cursor_row;
  self->edit_col = self->cursor_col;
  type = column_def (self, self->edit_col)->type;
  current = text != NULL ? g_strdup (text) : budget_form_dup_edit_text (self->form, self->edit_row, self->edit_col);
  /* F2 on a choice cell offers every allowed value; typing narrows them down. */
  self->filter_choices = text != NULL && text[0] != '\0';
  gtk_editable_set_alignment (GTK_EDITABLE (self->editor), column_is_numeric (type) ? 1.0f : 0.0f);
  gtk_editable_set_text (GTK_EDITABLE (self->editor), current);
  gtk_widget_set_visible (self->editor, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_text_grab_focus_without_selecting (GTK_TEXT (self->editor));
  gtk_editable_set_position (GTK_EDITABLE (self->editor), -1);
  update_accessible (self);
  if (column_has_choices (self, self->edit_col))
    show_choices (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/**
 * budget_grid_is_editing:
 * @self: a grid
 *
 * Returns: whether the cell editor is open
 */
gboolean
budget_grid_is_editing (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  return self->editing;
}

/**
 * budget_grid_get_editor:
 * @self: a grid
 *
 * Returns: (transfer none): the cell editor (visible only while editing)
 */
GtkEditable *
budget_grid_get_editor (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  return GTK_EDITABLE (self->editor);
}

static void
stop_editing (BudgetGrid *self)
{
  gboolean had_focus = gtk_widget_has_focus (self->editor);

  self->editing = FALSE;
  self->enter_mode = FALSE;
  g_clear_pointer (&self->preedit, g_free);
  gtk_widget_set_visible (self->choice_popover, FALSE);
  /* Keep the keyboard in the grid; but when the officer clicked elsewhere, leave the focus there. */
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * budget_grid_cancel_edit:
 * @self: a grid
 *
 * Closes the editor without changing the cell.
 */
void
budget_grid_cancel_edit (BudgetGrid *self)
{
  g_return_if_fail (BUDGET_IS_GRID (self));

  if (!self->editing)
    return;
  stop_editing (self);
}

/**
 * budget_grid_commit_edit:
 * @self: a grid
 * @error: return location for the model's reason to reject the text
 *
 * Sets the edited cell to the editor's text, as one undoable command. A rejected text stays in the
 * editor, selected, and the reason is shown next to the cell; the cell keeps its old value.
 *
 * Returns: whether the text was accepted (or nothing was being edited)
 */
gboolean
budget_grid_commit_edit (BudgetGrid  *self,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (!self->editing || self->committing)
    return TRUE;
  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor)));
  self->committing = TRUE;
  ok = budget_document_set_cell (self->document, self->form, self->edit_row, self->edit_col, text, &local_error);
  self->committing = FALSE;
  if (!ok)
    {
      budget_grid_show_message (self, self->edit_row, self->edit_col, local_error->message);
      gtk_editable_select_region (GTK_EDITABLE (self->editor), 0, -1);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  stop_editing (self);
  return TRUE;
}

static void
commit_and_move (BudgetGrid *self,
                 int         drow,
                 int         dcol,
                 gboolean    to_entered)
{
  const char *choice = selected_choice (self);

  if (choice != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->editor), choice);
  if (!budget_grid_commit_edit (self, NULL))
    return;
  if (to_entered)
    move_to_next_entered (self, drow, dcol);
  else
    budget_grid_move (self, drow, dcol, FALSE);
}

static void
editor_changed (GtkEditable *editable,
                BudgetGrid  *self)
{
  if (self->editing && gtk_widget_get_visible (self->choice_popover))
    {
      self->filter_choices = TRUE;
      refilter_choices (self);
    }
}

static void
editor_preedit_changed (GtkText    *text,
                        const char *preedit,
                        BudgetGrid *self)
{
  g_free (self->preedit);
  self->preedit = preedit != NULL && preedit[0] != '\0' ? g_strdup (preedit) : NULL;
}

static void
editor_focus_leave (GtkEventControllerFocus *controller,
                    BudgetGrid              *self)
{
  GtkRoot *root;
  g_autoptr(GError) error = NULL;

  if (!self->editing || self->committing)
    return;
  /* The window lost the focus (another application, a popover): the editor stays. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root != NULL && gtk_root_get_focus (root) == self->editor)
    return;
  if (!budget_grid_commit_edit (self, &error))
    {
      guint row = self->edit_row;
      guint col = self->edit_col;
      g_autofree char *message = g_strdup_printf (_("%s\nThe cell keeps its previous value."), error->message);

      stop_editing (self);
      budget_grid_show_message (self, row, col, message);
    }
}

static void
choice_activated (GtkListBox    *box,
                  GtkListBoxRow *row,
                  BudgetGrid    *self)
{
  const char *value = g_object_get_data (G_OBJECT (row), "budget-choice");

  if (!self->editing && !budget_grid_start_editing (self, NULL))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->editor), value);
  gtk_list_box_select_row (box, row);
  commit_and_move (self, 0, 0, FALSE);
}

/* ------------------------------------------------------------------------------------------------ */
/* Clipboard and ranges                                                                              */

static char *
clean_cell_text (const char *text)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return copy;
}

/**
 * budget_grid_dup_selection_text:
 * @self: a grid
 *
 * Returns: (transfer full): the selected cells as tab-separated text, the way spreadsheets copy:
 * typed amounts exactly, computed ones as shown
 */
char *
budget_grid_dup_selection_text (BudgetGrid *self)
{
  GString *out = g_string_new (NULL);
  guint r1, c1, r2, c2;

  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  if (self->form == NULL || n_rows (self) == 0)
    return g_string_free (out, FALSE);
  budget_grid_get_selection (self, &r1, &c1, &r2, &c2);
  for (guint r = r1; r <= r2; r++)
    {
      for (guint c = c1; c <= c2; c++)
        {
          g_autofree char *text = NULL;
          g_autofree char *clean = NULL;

          if (budget_form_get_cell_kind (self->form, r, c) == BUDGET_CELL_ENTERED)
            text = budget_form_dup_edit_text (self->form, r, c);
          else
            text = budget_form_dup_display (self->form, r, c);
          clean = clean_cell_text (text);
          if (c > c1)
            g_string_append_c (out, '\t');
          g_string_append (out, clean);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/**
 * budget_grid_paste_text:
 * @self: a grid
 * @tsv: tab-separated text, as LibreOffice, WPS or Excel copy it
 * @error: return location for the reason a paste does not fit
 *
 * Pastes a block with its top left corner at the selection's top left cell, as one undoable command.
 * A block that does not fit, or holds a value the model rejects, changes nothing; the reason is
 * shown next to the cell.
 *
 * Returns: whether the block was pasted
 */
gboolean
budget_grid_paste_text (BudgetGrid  *self,
                        const char  *tsv,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint r1, c1;

  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (self->form == NULL)
    return FALSE;
  if (self->editing && !budget_grid_commit_edit (self, error))
    return FALSE;
  budget_grid_get_selection (self, &r1, &c1, NULL, NULL);
  if (!budget_document_paste (self->document, self->form, r1, c1, tsv, &local_error))
    {
      budget_grid_show_message (self, r1, c1, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  budget_grid_hide_message (self);
  return TRUE;
}

/**
 * budget_grid_clear_selection:
 * @self: a grid
 * @error: return location for an error
 *
 * Empties the typed cells of the selection as one undoable command; computed and fixed cells are
 * left as they are.
 *
 * Returns: whether the cells were cleared
 */
gboolean
budget_grid_clear_selection (BudgetGrid  *self,
                             GError     **error)
{
  g_autoptr(GString) tsv = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  guint r1, c1, r2, c2;

  g_return_val_if_fail (BUDGET_IS_GRID (self), FALSE);

  if (self->form == NULL || n_rows (self) == 0)
    return TRUE;
  budget_grid_get_selection (self, &r1, &c1, &r2, &c2);
  for (guint r = r1; r <= r2; r++)
    {
      for (guint c = c1; c < c2; c++)
        g_string_append_c (tsv, '\t');
      g_string_append_c (tsv, '\n');
    }
  if (!budget_document_paste (self->document, self->form, r1, c1, tsv->str, &local_error))
    {
      budget_grid_show_message (self, r1, c1, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
paste_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BudgetGrid) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL)
    {
      if (self->form != NULL)
        budget_grid_show_message (self, self->cursor_row, self->cursor_col,
                                  _("The clipboard holds no text to paste."));
      return;
    }
  budget_grid_paste_text (self, text, NULL);
}

static void
grid_copy (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  BudgetGrid *self = BUDGET_GRID (widget);
  g_autofree char *text = budget_grid_dup_selection_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
grid_cut (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  grid_copy (widget, action_name, parameter);
  budget_grid_clear_selection (BUDGET_GRID (widget), NULL);
}

static void
grid_paste (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_ready, g_object_ref (widget));
}

static void
grid_clear (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  budget_grid_clear_selection (BUDGET_GRID (widget), NULL);
}

static void
grid_select_all (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BudgetGrid *self = BUDGET_GRID (widget);

  if (n_rows (self) == 0)
    return;
  budget_grid_select (self, 0, 0, n_rows (self) - 1, n_cols (self) - 1);
}

static void
grid_edit (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  budget_grid_start_editing (BUDGET_GRID (widget), NULL);
}

/* ------------------------------------------------------------------------------------------------ */
/* Keyboard and mouse                                                                                */

static gboolean
is_enter (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

/* Keys while the editor is open: seen before the editor so that they can commit and move. */
static gboolean
editing_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     BudgetGrid            *self)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean plain = (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0;

  /* While an input method composes (pinyin), its keys are its own. */
  if (!self->editing || self->preedit != NULL)
    return FALSE;

  if (keyval == GDK_KEY_Escape)
    {
      if (gtk_widget_get_visible (self->choice_popover))
        gtk_widget_set_visible (self->choice_popover, FALSE);
      else
        budget_grid_cancel_edit (self);
      budget_grid_hide_message (self);
      return TRUE;
    }
  if (is_enter (keyval))
    {
      commit_and_move (self, shift ? -1 : 1, 0, TRUE);
      return TRUE;
    }
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    {
      commit_and_move (self, 0, (shift || keyval == GDK_KEY_ISO_Left_Tab) ? -1 : 1, TRUE);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Up || keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Up || keyval == GDK_KEY_KP_Down))
    {
      int step = (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) ? -1 : 1;

      if (gtk_widget_get_visible (self->choice_popover))
        move_choice (self, step);
      else if (plain)
        commit_and_move (self, step, 0, FALSE);
      return TRUE;
    }
  if (self->enter_mode && plain &&
      (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Left || keyval == GDK_KEY_KP_Right))
    {
      commit_and_move (self, 0, (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left) ? -1 : 1, FALSE);
      return TRUE;
    }
  if (keyval == GDK_KEY_F2)
    {
      /* F2 switches to in-cell editing: the arrows then move the caret. */
      self->enter_mode = FALSE;
      return TRUE;
    }
  return FALSE;
}

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
      move_to_next_entered (self, 0, (shift || keyval == GDK_KEY_ISO_Left_Tab) ? -1 : 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (control)
        return FALSE;
      if (column_has_choices (self, self->cursor_col))
        budget_grid_start_editing (self, NULL);
      else
        move_to_next_entered (self, shift ? -1 : 1, 0);
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
      gtk_editable_insert_text (GTK_EDITABLE (self->editor), text, -1, &(int) { gtk_editable_get_position (GTK_EDITABLE (self->editor)) });
      gtk_editable_set_position (GTK_EDITABLE (self->editor), -1);
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
          update_accessible (self);
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
      self->table_layout = budget_table_layout_new (self->form);
    }
  self->laid_out_width = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
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
 * budget_grid_get_choices:
 * @self: a grid
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the values offered for the cell being
 * edited (一级/二级指标), or %NULL when it is not a choice cell
 */
const char * const *
budget_grid_get_choices (BudgetGrid *self)
{
  g_return_val_if_fail (BUDGET_IS_GRID (self), NULL);

  if (!self->editing || !column_has_choices (self, self->edit_col))
    return NULL;
  return (const char * const *) self->choices;
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
  text = budget_form_dup_display (self->form, row, (guint) column->col);
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

static void
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
  ensure_metrics (self);
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

  ensure_metrics (self);
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
  ensure_metrics (self);
  layout_columns (self, width);
  configure_adjustments (self);
  if (self->scroll_pending && self->form != NULL && self->laid_out_width >= 0)
    {
      self->scroll_pending = FALSE;
      scroll_to_cell (self, self->cursor_row, self->cursor_col);
    }
  self->in_allocate = FALSE;

  if (self->editing)
    {
      graphene_rect_t rect;
      int min_height;

      cell_rect (self, self->edit_row, self->edit_col, &rect);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
      gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (self->editor,
                                &(GtkAllocation) { rect.origin.x, rect.origin.y - MAX (0, min_height - (int) rect.size.height) / 2,
                                                   rect.size.width - 1, MAX ((int) rect.size.height - 1, min_height) },
                                -1);
    }
  present_popover (self, self->message_popover, self->message_row, self->message_col);
  if (self->editing && gtk_widget_get_visible (self->choice_popover))
    {
      GtkWidget *list = gtk_popover_get_child (GTK_POPOVER (self->choice_popover));
      int cell_width = grid_column (self, gcol_of (self, self->edit_col))->width;
      int request;

      /* The list is as wide as the cell it fills. */
      gtk_widget_get_size_request (list, &request, NULL);
      if (request != cell_width)
        gtk_widget_set_size_request (list, cell_width, -1);
    }
  present_popover (self, self->choice_popover, self->edit_row, self->edit_col);
  gtk_popover_present (GTK_POPOVER (self->context_menu));
}

/* ------------------------------------------------------------------------------------------------ */
/* GObject                                                                                           */

static void
budget_grid_dispose (GObject *object)
{
  BudgetGrid *self = BUDGET_GRID (object);

  budget_grid_set_form (self, NULL);
  budget_grid_set_checker (self, NULL);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->message_popover, gtk_widget_unparent);
  g_clear_pointer (&self->choice_popover, gtk_widget_unparent);
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
  g_free (self->preedit);
  g_strfreev (self->choices);

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

  gtk_widget_class_install_action (widget_class, "grid.copy", NULL, grid_copy);
  gtk_widget_class_install_action (widget_class, "grid.cut", NULL, grid_cut);
  gtk_widget_class_install_action (widget_class, "grid.paste", NULL, grid_paste);
  gtk_widget_class_install_action (widget_class, "grid.clear", NULL, grid_clear);
  gtk_widget_class_install_action (widget_class, "grid.select-all", NULL, grid_select_all);
  gtk_widget_class_install_action (widget_class, "grid.edit", NULL, grid_edit);
  /* Menus show the accelerator bound last: the usual one. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_CONTROL_MASK, "grid.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "grid.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "grid.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_SHIFT_MASK, "grid.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "grid.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "grid.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "grid.select-all", NULL);

  gtk_widget_class_set_css_name (widget_class, "budget-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
budget_grid_init (BudgetGrid *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkWidget *scrolled;
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

  self->editor = gtk_text_new ();
  gtk_widget_add_css_class (self->editor, "budget-grid-editor");
  gtk_text_set_enable_emoji_completion (GTK_TEXT (self->editor), FALSE);
  /* Undo belongs to the document: Ctrl+Z while typing goes to the window's undo. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->editor), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cell editor"), -1);
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  g_signal_connect (self->editor, "changed", G_CALLBACK (editor_changed), self);
  g_signal_connect (self->editor, "preedit-changed", G_CALLBACK (editor_preedit_changed), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (editor_focus_leave), self);
  gtk_widget_add_controller (self->editor, controller);

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

  self->choice_list = gtk_list_box_new ();
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->choice_list), TRUE);
  gtk_widget_set_focusable (self->choice_list, FALSE);
  g_signal_connect (self->choice_list, "row-activated", G_CALLBACK (choice_activated), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->choice_list);
  self->choice_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->choice_popover), scrolled);
  gtk_popover_set_autohide (GTK_POPOVER (self->choice_popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->choice_popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->choice_popover), GTK_POS_BOTTOM);
  gtk_widget_set_can_focus (self->choice_popover, FALSE);
  gtk_widget_add_css_class (self->choice_popover, "budget-choices");
  gtk_widget_set_parent (self->choice_popover, GTK_WIDGET (self));

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
  budget_grid_set_extra_menu (self, NULL);

  /* Navigation and commit keys of the editor are caught on their way down to it. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (editing_key_pressed), self);
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
