/* budget-cell-editor.c: the grid's single cell editor
 *
 * Like gnumeric's item-edit beside item-grid, the grid draws every cell itself and moves this one
 * editor over the cell being typed in. It is a GtkText wrapped the way GtkEntry wraps one (GtkEditable
 * delegation), so that it can own what belongs to typing and not to the grid: the input method's
 * composition (pinyin) and, for the performance tables' indicator columns, the list of allowed values
 * under the cell, narrowed down as the officer types. Where the editor sits, and what a committed
 * text does, is the grid's business.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "budget-cell-editor.h"

struct _BudgetCellEditor
{
  GtkWidget     parent_instance;

  GtkWidget    *text;
  char         *preedit;

  GtkWidget    *choice_popover;
  GtkWidget    *choice_list;
  char        **choices;
  gboolean      filter_choices;  /* the officer has typed: offer only the matching values */
  GdkRectangle  cell_area;       /* the cell under the editor, in the editor's coordinates */
};

static void budget_cell_editor_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BudgetCellEditor, budget_cell_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, budget_cell_editor_editable_init))

enum {
  CHOICE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkEditable *
budget_cell_editor_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (BUDGET_CELL_EDITOR (editable)->text);
}

static void
budget_cell_editor_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = budget_cell_editor_get_delegate;
}

/* ------------------------------------------------------------------------------------------------ */
/* Choices                                                                                           */

static void
refilter_choices (BudgetCellEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->text));
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

/**
 * budget_cell_editor_show_choices:
 * @self: a cell editor
 * @choices: (transfer full) (array zero-terminated=1): the values the cell allows
 * @filter: whether to offer only the values that contain the editor's text (the officer typed it)
 *
 * Lists @choices under the cell; Up and Down (budget_cell_editor_move_choice()) pick one and a click
 * activates it.
 */
void
budget_cell_editor_show_choices (BudgetCellEditor  *self,
                                 char             **choices,
                                 gboolean           filter)
{
  GtkWidget *child;

  g_return_if_fail (BUDGET_IS_CELL_EDITOR (self));
  g_return_if_fail (choices != NULL);

  while ((child = gtk_widget_get_first_child (self->choice_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->choice_list), child);
  g_strfreev (self->choices);
  self->choices = choices;
  self->filter_choices = filter;
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

/**
 * budget_cell_editor_get_choices:
 * @self: a cell editor
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the values last offered
 */
const char * const *
budget_cell_editor_get_choices (BudgetCellEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_CELL_EDITOR (self), NULL);

  return (const char * const *) self->choices;
}

/**
 * budget_cell_editor_get_choices_visible:
 * @self: a cell editor
 *
 * Returns: whether the list of values is open
 */
gboolean
budget_cell_editor_get_choices_visible (BudgetCellEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_CELL_EDITOR (self), FALSE);

  return gtk_widget_get_visible (self->choice_popover);
}

/**
 * budget_cell_editor_hide_choices:
 * @self: a cell editor
 *
 * Closes the list of values; the editor stays open.
 */
void
budget_cell_editor_hide_choices (BudgetCellEditor *self)
{
  g_return_if_fail (BUDGET_IS_CELL_EDITOR (self));

  gtk_widget_set_visible (self->choice_popover, FALSE);
}

/**
 * budget_cell_editor_move_choice:
 * @self: a cell editor
 * @step: -1 for the value above, 1 for the one below
 *
 * Selects the next value on offer, skipping those the typed text filters out.
 */
void
budget_cell_editor_move_choice (BudgetCellEditor *self,
                                int               step)
{
  GtkListBoxRow *row;
  GtkWidget *next;

  g_return_if_fail (BUDGET_IS_CELL_EDITOR (self));

  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->choice_list));
  next = row != NULL ? GTK_WIDGET (row) : NULL;
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

/**
 * budget_cell_editor_get_selected_choice:
 * @self: a cell editor
 *
 * Returns: (nullable): the value selected in the open list, or %NULL
 */
const char *
budget_cell_editor_get_selected_choice (BudgetCellEditor *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (BUDGET_IS_CELL_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (self->choice_popover))
    return NULL;
  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->choice_list));
  if (row == NULL || !gtk_widget_get_visible (GTK_WIDGET (row)))
    return NULL;
  return g_object_get_data (G_OBJECT (row), "budget-choice");
}

static void
choice_activated (GtkListBox       *box,
                  GtkListBoxRow    *row,
                  BudgetCellEditor *self)
{
  const char *value = g_object_get_data (G_OBJECT (row), "budget-choice");

  gtk_list_box_select_row (box, row);
  g_signal_emit (self, signals[CHOICE_ACTIVATED], 0, value);
}

/* ------------------------------------------------------------------------------------------------ */
/* Typing                                                                                            */

static void
text_changed (GtkEditable      *editable,
              BudgetCellEditor *self)
{
  if (gtk_widget_get_visible (self->choice_popover))
    {
      self->filter_choices = TRUE;
      refilter_choices (self);
    }
}

static void
text_preedit_changed (GtkText          *text,
                      const char       *preedit,
                      BudgetCellEditor *self)
{
  g_free (self->preedit);
  self->preedit = preedit != NULL && preedit[0] != '\0' ? g_strdup (preedit) : NULL;
}

/**
 * budget_cell_editor_begin:
 * @self: a cell editor
 * @text: the text to start with
 * @numeric: whether the cell holds a figure (aligned right, as the grid shows it)
 *
 * Shows the editor with @text and the caret at its end, and gives it the keyboard.
 */
void
budget_cell_editor_begin (BudgetCellEditor *self,
                          const char       *text,
                          gboolean          numeric)
{
  g_return_if_fail (BUDGET_IS_CELL_EDITOR (self));

  gtk_editable_set_alignment (GTK_EDITABLE (self->text), numeric ? 1.0f : 0.0f);
  gtk_editable_set_text (GTK_EDITABLE (self->text), text);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_text_grab_focus_without_selecting (GTK_TEXT (self->text));
  gtk_editable_set_position (GTK_EDITABLE (self->text), -1);
}

/**
 * budget_cell_editor_end:
 * @self: a cell editor
 *
 * Closes the list of values and forgets the input method's composition; the grid then hides the
 * editor, once it has taken the keyboard back.
 */
void
budget_cell_editor_end (BudgetCellEditor *self)
{
  g_return_if_fail (BUDGET_IS_CELL_EDITOR (self));

  g_clear_pointer (&self->preedit, g_free);
  gtk_widget_set_visible (self->choice_popover, FALSE);
}

/**
 * budget_cell_editor_has_focus:
 * @self: a cell editor
 *
 * Returns: whether the editor has the keyboard in the active window
 */
gboolean
budget_cell_editor_has_focus (BudgetCellEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_CELL_EDITOR (self), FALSE);

  return gtk_widget_has_focus (self->text);
}

/**
 * budget_cell_editor_is_root_focus:
 * @self: a cell editor
 *
 * Returns: whether the editor is its window's focus widget, even while the window itself is not
 * active (another application, a popover)
 */
gboolean
budget_cell_editor_is_root_focus (BudgetCellEditor *self)
{
  GtkRoot *root;

  g_return_val_if_fail (BUDGET_IS_CELL_EDITOR (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  return root != NULL && gtk_root_get_focus (root) == self->text;
}

/**
 * budget_cell_editor_is_composing:
 * @self: a cell editor
 *
 * Returns: whether an input method is composing (pinyin): its keys are its own
 */
gboolean
budget_cell_editor_is_composing (BudgetCellEditor *self)
{
  g_return_val_if_fail (BUDGET_IS_CELL_EDITOR (self), FALSE);

  return self->preedit != NULL;
}

/**
 * budget_cell_editor_select_all:
 * @self: a cell editor
 *
 * Selects the whole text, so that typing replaces a rejected input.
 */
void
budget_cell_editor_select_all (BudgetCellEditor *self)
{
  g_return_if_fail (BUDGET_IS_CELL_EDITOR (self));

  gtk_editable_select_region (GTK_EDITABLE (self->text), 0, -1);
}

/**
 * budget_cell_editor_append:
 * @self: a cell editor
 * @text: text typed before the editor had the keyboard
 *
 * Adds @text at the caret and moves the caret to the end.
 */
void
budget_cell_editor_append (BudgetCellEditor *self,
                           const char       *text)
{
  int position;

  g_return_if_fail (BUDGET_IS_CELL_EDITOR (self));

  position = gtk_editable_get_position (GTK_EDITABLE (self->text));
  gtk_editable_insert_text (GTK_EDITABLE (self->text), text, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (self->text), -1);
}

/**
 * budget_cell_editor_set_cell_name:
 * @self: a cell editor
 * @name: what a screen reader says for the cell ("支出总表 第4行 基本支出")
 */
void
budget_cell_editor_set_cell_name (BudgetCellEditor *self,
                                  const char       *name)
{
  g_return_if_fail (BUDGET_IS_CELL_EDITOR (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/**
 * budget_cell_editor_set_cell_area:
 * @self: a cell editor
 * @area: the cell under the editor, in the editor's coordinates
 *
 * Tells the editor where the cell is (the editor may be taller than a row), for the list of values
 * to open right under the cell and as wide as it. Call it before allocating the editor.
 */
void
budget_cell_editor_set_cell_area (BudgetCellEditor   *self,
                                  const GdkRectangle *area)
{
  g_return_if_fail (BUDGET_IS_CELL_EDITOR (self));
  g_return_if_fail (area != NULL);

  self->cell_area = *area;
}

/* ------------------------------------------------------------------------------------------------ */
/* GtkWidget                                                                                         */

static void
budget_cell_editor_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  BudgetCellEditor *self = BUDGET_CELL_EDITOR (widget);

  gtk_widget_measure (self->text, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
budget_cell_editor_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  BudgetCellEditor *self = BUDGET_CELL_EDITOR (widget);

  gtk_widget_allocate (self->text, width, height, baseline, NULL);
  if (gtk_widget_get_visible (self->choice_popover))
    {
      GtkWidget *list = gtk_popover_get_child (GTK_POPOVER (self->choice_popover));
      int request;

      /* The list is as wide as the cell it fills. */
      gtk_widget_get_size_request (list, &request, NULL);
      if (request != self->cell_area.width)
        gtk_widget_set_size_request (list, self->cell_area.width, -1);
      gtk_popover_set_pointing_to (GTK_POPOVER (self->choice_popover), &self->cell_area);
      gtk_popover_present (GTK_POPOVER (self->choice_popover));
    }
}

static gboolean
budget_cell_editor_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (BUDGET_CELL_EDITOR (widget)->text);
}

static void
budget_cell_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  if (!gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
budget_cell_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  if (!gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
budget_cell_editor_dispose (GObject *object)
{
  BudgetCellEditor *self = BUDGET_CELL_EDITOR (object);

  if (self->text != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  g_clear_pointer (&self->text, gtk_widget_unparent);
  g_clear_pointer (&self->choice_popover, gtk_widget_unparent);

  G_OBJECT_CLASS (budget_cell_editor_parent_class)->dispose (object);
}

static void
budget_cell_editor_finalize (GObject *object)
{
  BudgetCellEditor *self = BUDGET_CELL_EDITOR (object);

  g_free (self->preedit);
  g_strfreev (self->choices);

  G_OBJECT_CLASS (budget_cell_editor_parent_class)->finalize (object);
}

static void
budget_cell_editor_class_init (BudgetCellEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_cell_editor_dispose;
  object_class->finalize = budget_cell_editor_finalize;
  object_class->get_property = budget_cell_editor_get_property;
  object_class->set_property = budget_cell_editor_set_property;
  gtk_editable_install_properties (object_class, 1);

  widget_class->measure = budget_cell_editor_measure;
  widget_class->size_allocate = budget_cell_editor_size_allocate;
  widget_class->grab_focus = budget_cell_editor_grab_focus;

  /**
   * BudgetCellEditor::choice-activated:
   * @editor: the editor
   * @value: the value clicked in the list
   *
   * Emitted when the officer picks a value from the list of a choice cell.
   */
  signals[CHOICE_ACTIVATED] =
    g_signal_new ("choice-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "budget-cell-editor");
  /* Not a node of its own for screen readers: the text inside is what it was before the wrapper. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_NONE);
}

static void
budget_cell_editor_init (BudgetCellEditor *self)
{
  GtkWidget *scrolled;

  self->text = gtk_text_new ();
  /* The text itself carries the editor's style (ui/style.css): it is laid out and drawn exactly as
   * when it was the grid's own child. */
  gtk_widget_add_css_class (self->text, "budget-grid-editor");
  gtk_text_set_enable_emoji_completion (GTK_TEXT (self->text), FALSE);
  /* Undo belongs to the document: Ctrl+Z while typing goes to the window's undo. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cell editor"), -1);
  gtk_widget_set_parent (self->text, GTK_WIDGET (self));
  gtk_editable_init_delegate (GTK_EDITABLE (self));
  g_signal_connect (self->text, "changed", G_CALLBACK (text_changed), self);
  g_signal_connect (self->text, "preedit-changed", G_CALLBACK (text_preedit_changed), self);

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
}

/**
 * budget_cell_editor_new:
 *
 * Returns: (transfer floating): a new cell editor
 */
GtkWidget *
budget_cell_editor_new (void)
{
  return g_object_new (BUDGET_TYPE_CELL_EDITOR, NULL);
}
