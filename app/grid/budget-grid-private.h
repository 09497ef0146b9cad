/* budget-grid-private.h: what the grid's files share: the widget's state, its geometry, and the
 * functions one part of the grid calls in another (budget-grid.c: widget, geometry, scrolling, keys,
 * accessibility; budget-grid-draw.c; budget-grid-edit.c; budget-grid-clipboard.c) */
#pragma once

#include "budget-cell-editor.h"
#include "budget-grid.h"

G_BEGIN_DECLS

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
  GtkWidget       *editor;           /* BudgetCellEditor */
  guint            editing : 1;
  guint            enter_mode : 1;    /* started by typing: Left and Right commit and move */
  guint            committing : 1;
  guint            drag_active : 1;
  int              resize_gcol;      /* the column whose edge is being dragged, or -1 */
  int              resize_start;
  GArray          *custom_widths;    /* int per grid column: widths the officer dragged, 0 for none */
  guint            edit_row;
  guint            edit_col;
  GtkIMContext    *im_context;

  GtkWidget       *message_popover;
  GtkWidget       *message_label;
  char            *message;
  guint            message_row;
  guint            message_col;

  GtkWidget       *context_menu;
  GMenuModel      *extra_menu;

  guint64          redraw_count;
};

/* ------------------------------------------------------------------------------------------------ */
/* Geometry, in the grid's coordinates                                                              */

static inline guint
n_rows (BudgetGrid *self)
{
  return self->form != NULL ? budget_form_get_n_rows (self->form) : 0;
}

static inline guint
n_cols (BudgetGrid *self)
{
  return self->form != NULL ? budget_form_get_n_columns (self->form) : 0;
}

static inline guint
gcol_of (BudgetGrid *self,
         guint       col)
{
  return col + (self->has_serial ? 1 : 0);
}

static inline GridColumn *
grid_column (BudgetGrid *self,
             guint       gcol)
{
  return &g_array_index (self->columns, GridColumn, gcol);
}

static inline const BudgetColumnDef *
column_def (BudgetGrid *self,
            guint       col)
{
  return budget_form_def_get_column (budget_form_get_def (self->form), col);
}

static inline int
table_left (BudgetGrid *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  /* A form narrower than the window sits in the middle, like the printed page. */
  return MAX (0, (width - self->total_width) / 2);
}

static inline int
hscroll (BudgetGrid *self)
{
  return self->hadjustment != NULL ? (int) gtk_adjustment_get_value (self->hadjustment) : 0;
}

static inline int
vscroll (BudgetGrid *self)
{
  return self->vadjustment != NULL ? (int) gtk_adjustment_get_value (self->vadjustment) : 0;
}

/* The on-screen x of grid column @gcol. */
static inline int
column_screen_x (BudgetGrid *self,
                 guint       gcol)
{
  GridColumn *column = grid_column (self, gcol);

  if (gcol < self->n_frozen)
    return table_left (self) + column->x;
  return table_left (self) + column->x - hscroll (self);
}

static inline int
row_screen_y (BudgetGrid *self,
              guint       row)
{
  return self->header_height + (int) row * self->row_height - vscroll (self);
}

static inline int
body_height (BudgetGrid *self)
{
  return MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - self->header_height);
}

static inline void
cell_rect (BudgetGrid      *self,
           guint            row,
           guint            col,
           graphene_rect_t *rect)
{
  guint gcol = gcol_of (self, col);

  graphene_rect_init (rect, column_screen_x (self, gcol), row_screen_y (self, row),
                      grid_column (self, gcol)->width, self->row_height);
}

static inline gboolean
column_is_numeric (BudgetColumnType type)
{
  return type == BUDGET_COLUMN_AMOUNT || type == BUDGET_COLUMN_QUANTITY;
}

static inline gboolean
is_enter (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

/* budget-grid.c */
void     budget_grid_ensure_metrics        (BudgetGrid            *self);
void     budget_grid_scroll_to_cell        (BudgetGrid            *self,
                                            guint                  row,
                                            guint                  col);
void     budget_grid_update_accessible     (BudgetGrid            *self);
void     budget_grid_move_to_next_entered  (BudgetGrid            *self,
                                            int                    drow,
                                            int                    dcol);

/* budget-grid-draw.c */
void     budget_grid_snapshot              (GtkWidget             *widget,
                                            GtkSnapshot           *snapshot);

/* budget-grid-edit.c */
void     budget_grid_init_editor           (BudgetGrid            *self);
gboolean budget_grid_column_has_choices    (BudgetGrid            *self,
                                            guint                  col);
gboolean budget_grid_editing_key_pressed   (GtkEventControllerKey *controller,
                                            guint                  keyval,
                                            guint                  keycode,
                                            GdkModifierType        state,
                                            BudgetGrid            *self);

/* budget-grid-clipboard.c */
void     budget_grid_class_add_clipboard_actions (GtkWidgetClass *widget_class);

G_END_DECLS
