/* budget-sidebar.c: the list of a document's forms, grouped as the disclosure groups them
 *
 * The groups come from each definition's group attribute: the nine published tables, the other tables
 * (机构设置, 政府采购, 固定资产), the performance tables (one per project; added, renamed, reordered and
 * removed through the window's actions), the explanatory text, and the input forms that are not
 * published (NF). Within a group the forms keep the document's order. The list is rebuilt when the
 * document's forms change; that is a few dozen rows.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-sidebar.h"

struct _BudgetSidebar
{
  GtkWidget       parent_instance;

  BudgetDocument *document;
  BudgetForm     *selected;
  BudgetChecker  *checker;
  gulong          findings_changed_id;
  gulong          forms_changed_id;
  gulong          text_changed_id;
  gulong          meta_changed_id;
  guint           rebuilding : 1;
  guint           scroll_source;

  GtkWidget      *scrolled;
  GtkWidget      *list;
  GtkWidget      *row_menu;
};

G_DEFINE_FINAL_TYPE (BudgetSidebar, budget_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_FORM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FORM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char *id;
  const char *title;
} groups[] = {
  { "tables", N_("Budget Tables") },
  { "other", N_("Other Tables") },
  { "performance", N_("Performance Targets") },
  { "text", N_("Explanatory Text") },
  { "input", N_("Input Forms") },
};

static guint
group_index (BudgetForm *form)
{
  const char *group = budget_form_def_get_group (budget_form_get_def (form));

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_strcmp0 (groups[i].id, group) == 0)
      return i;
  return G_N_ELEMENTS (groups) - 1;
}

/**
 * budget_sidebar_dup_form_label:
 * @form: a form
 *
 * Returns: (transfer full): how the sidebar names a form: the short title of a table, "n、project"
 * for a performance table, the title of a text section
 */
char *
budget_sidebar_dup_form_label (BudgetForm *form)
{
  switch (budget_form_get_kind (form))
    {
    case BUDGET_FORM_KIND_PERFORMANCE:
      {
        const char *name = budget_form_get_name (form);

        return g_strdup_printf ("%u、%s", budget_form_get_number (form),
                                name != NULL && name[0] != '\0' ? name : _("Untitled project"));
      }
    case BUDGET_FORM_KIND_TEXT:
      return budget_form_dup_title (form);
    case BUDGET_FORM_KIND_FIXED:
    case BUDGET_FORM_KIND_CODED:
    case BUDGET_FORM_KIND_LIST:
    default:
      return g_strdup (budget_form_get_short_title (form));
    }
}

/* The mark of a form with findings: the css class and icon of its most serious one. */
static const char *
form_mark (BudgetSidebar *self,
           BudgetForm    *form)
{
  BudgetSeverity severity;
  gboolean rounding;

  if (self->checker == NULL ||
      !budget_checker_get_form_severity (self->checker, budget_form_get_id (form), &severity, &rounding))
    return NULL;
  if (severity == BUDGET_SEVERITY_ERROR)
    return "error";
  if (severity == BUDGET_SEVERITY_WARNING && !rounding)
    return "warning";
  return "rounding";
}

static void
update_mark (BudgetSidebar *self,
             GtkListBoxRow *row)
{
  GtkWidget *mark = g_object_get_data (G_OBJECT (row), "budget-mark");
  BudgetForm *form = g_object_get_data (G_OBJECT (row), "budget-form");
  const char *kind = form_mark (self, form);
  const char *tooltip = NULL;

  if (kind == NULL)
    {
      gtk_widget_set_visible (mark, FALSE);
      return;
    }
  gtk_widget_set_visible (mark, TRUE);
  gtk_widget_set_css_classes (mark, (const char *[]) { "form-mark", kind, NULL });
  if (g_str_equal (kind, "error"))
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (mark), "dialog-error-symbolic");
      tooltip = _("This form has errors");
    }
  else if (g_str_equal (kind, "warning"))
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (mark), "dialog-warning-symbolic");
      tooltip = _("This form has warnings");
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (mark), "dialog-information-symbolic");
      tooltip = _("This form has rounding differences or remarks");
    }
  gtk_widget_set_tooltip_text (mark, tooltip);
}

static GtkWidget *
create_row (BudgetSidebar *self,
            BudgetForm    *form)
{
  g_autofree char *label = budget_sidebar_dup_form_label (form);
  g_autofree char *title = budget_form_dup_title (form);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (label);
  const char *id = budget_form_get_id (form);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  {
    GtkWidget *mark = gtk_image_new ();

    gtk_box_append (GTK_BOX (box), mark);
    g_object_set_data (G_OBJECT (row), "budget-mark", mark);
  }
  /* Tables carry their id (T1 … T9) as officers and messages refer to them. */
  if (!BUDGET_IS_TEXT_SECTION (form) && !BUDGET_IS_PERFORMANCE_TABLE (form))
    {
      GtkWidget *tag = gtk_label_new (id);

      gtk_widget_add_css_class (tag, "dim-label");
      gtk_widget_add_css_class (tag, "form-id");
      gtk_box_append (GTK_BOX (box), tag);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (row), "budget-form", g_object_ref (form), g_object_unref);
  update_mark (self, GTK_LIST_BOX_ROW (row));
  return row;
}

static BudgetForm *
row_form (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "budget-form") : NULL;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  guint group = group_index (row_form (row));
  GtkWidget *header;

  if (before != NULL && group_index (row_form (before)) == group)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (header, "sidebar-group");
  {
    GtkWidget *label = gtk_label_new (_(groups[group].title));

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_set_hexpand (label, TRUE);
    gtk_widget_add_css_class (label, "heading");
    gtk_box_append (GTK_BOX (header), label);
  }
  if (g_str_equal (groups[group].id, "performance"))
    {
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

      gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.add-performance-table");
      gtk_widget_set_tooltip_text (add, _("Add a performance table for a project"));
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_add_css_class (add, "circular");
      gtk_box_append (GTK_BOX (header), add);
    }
  gtk_list_box_row_set_header (row, header);
}

static GtkListBoxRow *
find_row (BudgetSidebar *self,
          BudgetForm    *form)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_form (GTK_LIST_BOX_ROW (child)) == form)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void
rebuild (BudgetSidebar *self)
{
  GtkWidget *child;
  GPtrArray *by_group[G_N_ELEMENTS (groups)];
  GtkListBoxRow *row;

  self->rebuilding = TRUE;
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  if (self->document != NULL)
    {
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        by_group[g] = g_ptr_array_new ();
      for (guint i = 0; i < budget_document_get_n_forms (self->document); i++)
        {
          BudgetForm *form = budget_document_get_form (self->document, i);

          g_ptr_array_add (by_group[group_index (form)], form);
        }
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          for (guint i = 0; i < by_group[g]->len; i++)
            gtk_list_box_append (GTK_LIST_BOX (self->list), create_row (self, g_ptr_array_index (by_group[g], i)));
          g_ptr_array_unref (by_group[g]);
        }
    }
  row = self->selected != NULL ? find_row (self, self->selected) : NULL;
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
  self->rebuilding = FALSE;
  if (row == NULL && self->selected != NULL)
    {
      /* The selected form went away (a removed performance table): the window picks another. */
      g_clear_object (&self->selected);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FORM]);
    }
}

static void
forms_changed (BudgetDocument *document,
               guint           position,
               guint           removed,
               guint           added,
               BudgetSidebar  *self)
{
  rebuild (self);
}

static void
form_text_changed (BudgetDocument *document,
                   BudgetForm     *form,
                   const char     *property,
                   BudgetSidebar  *self)
{
  if (g_str_equal (property, "name"))
    rebuild (self);
}

static void
meta_changed (BudgetDocument *document,
              const char     *key,
              BudgetSidebar  *self)
{
  /* Text section titles name the department and the year. */
  rebuild (self);
}

/* Template callbacks are exported so that gtk4-builder-tool can resolve them when the data suite
 * validates the .ui files (tests/data-checks/validate-ui.py). */
G_MODULE_EXPORT void
budget_sidebar_row_selected (GtkListBox    *box,
                             GtkListBoxRow *row,
                             BudgetSidebar *self)
{
  BudgetForm *form = row_form (row);

  if (self->rebuilding || form == NULL || form == self->selected)
    return;
  g_set_object (&self->selected, form);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FORM]);
}

G_MODULE_EXPORT void
budget_sidebar_row_activated (GtkListBox    *box,
                              GtkListBoxRow *row,
                              BudgetSidebar *self)
{
  BudgetForm *form = row_form (row);

  if (form != NULL)
    g_signal_emit (self, signals[FORM_ACTIVATED], 0, form);
}

G_MODULE_EXPORT void
budget_sidebar_row_pressed (GtkGestureClick *gesture,
                            int              n_press,
                            double           x,
                            double           y,
                            BudgetSidebar   *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (GTK_LIST_BOX (self->list), (int) y);
  BudgetForm *form = row_form (row);
  graphene_point_t point;

  if (form == NULL || !BUDGET_IS_PERFORMANCE_TABLE (form))
    return;
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
  if (!graphene_point_init (&point, x, y) ||
      !gtk_widget_compute_point (self->list, GTK_WIDGET (self), &point, &point))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/**
 * budget_sidebar_set_document:
 * @self: a sidebar
 * @document: (nullable): the document whose forms to list
 */
void
budget_sidebar_set_document (BudgetSidebar  *self,
                             BudgetDocument *document)
{
  g_return_if_fail (BUDGET_IS_SIDEBAR (self));

  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->forms_changed_id, self->document);
      g_clear_signal_handler (&self->text_changed_id, self->document);
      g_clear_signal_handler (&self->meta_changed_id, self->document);
    }
  g_clear_object (&self->selected);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      self->forms_changed_id = g_signal_connect (document, "forms-changed", G_CALLBACK (forms_changed), self);
      self->text_changed_id = g_signal_connect (document, "form-text-changed", G_CALLBACK (form_text_changed), self);
      self->meta_changed_id = g_signal_connect (document, "meta-changed", G_CALLBACK (meta_changed), self);
    }
  rebuild (self);
}

static void
findings_changed (BudgetChecker      *checker,
                  const char * const *forms,
                  BudgetSidebar      *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strv_contains (forms, budget_form_get_id (row_form (GTK_LIST_BOX_ROW (child)))))
      update_mark (self, GTK_LIST_BOX_ROW (child));
}

/**
 * budget_sidebar_set_checker:
 * @self: a sidebar
 * @checker: (nullable): the checker of the document shown
 *
 * Marks the forms that have findings with the severity of their most serious one, and keeps the
 * marks up to date as the document is edited.
 */
void
budget_sidebar_set_checker (BudgetSidebar *self,
                            BudgetChecker *checker)
{
  g_return_if_fail (BUDGET_IS_SIDEBAR (self));
  g_return_if_fail (checker == NULL || BUDGET_IS_CHECKER (checker));

  if (self->checker == checker)
    return;
  if (self->checker != NULL)
    g_clear_signal_handler (&self->findings_changed_id, self->checker);
  g_set_object (&self->checker, checker);
  if (checker != NULL)
    self->findings_changed_id = g_signal_connect (checker, "findings-changed", G_CALLBACK (findings_changed), self);
  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      update_mark (self, GTK_LIST_BOX_ROW (child));
}

/**
 * budget_sidebar_get_form_mark:
 * @self: a sidebar
 * @form: a form of the document
 *
 * Returns: (nullable): the mark shown next to @form: "error", "warning", "rounding" (rounding
 * differences and remarks), or %NULL when it has no finding that counts
 */
const char *
budget_sidebar_get_form_mark (BudgetSidebar *self,
                              BudgetForm    *form)
{
  GtkListBoxRow *row;
  GtkWidget *mark;

  g_return_val_if_fail (BUDGET_IS_SIDEBAR (self), NULL);

  row = find_row (self, form);
  mark = row != NULL ? g_object_get_data (G_OBJECT (row), "budget-mark") : NULL;
  if (mark == NULL || !gtk_widget_get_visible (mark))
    return NULL;
  for (const char *const *k = (const char *[]) { "error", "warning", "rounding", NULL }; *k != NULL; k++)
    if (gtk_widget_has_css_class (mark, *k))
      return *k;
  return NULL;
}

/**
 * budget_sidebar_get_selected_form:
 * @self: a sidebar
 *
 * Returns: (transfer none) (nullable): the selected form
 */
BudgetForm *
budget_sidebar_get_selected_form (BudgetSidebar *self)
{
  g_return_val_if_fail (BUDGET_IS_SIDEBAR (self), NULL);

  return self->selected;
}

static gboolean
scroll_to_selected (gpointer user_data)
{
  BudgetSidebar *self = user_data;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  graphene_rect_t bounds;
  double value, page;

  self->scroll_source = 0;
  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), self->list, &bounds))
    return G_SOURCE_REMOVE;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
  return G_SOURCE_REMOVE;
}

/**
 * budget_sidebar_select_form:
 * @self: a sidebar
 * @form: a form of the document
 *
 * Selects @form's row and scrolls it into view.
 */
void
budget_sidebar_select_form (BudgetSidebar *self,
                            BudgetForm    *form)
{
  GtkListBoxRow *row;

  g_return_if_fail (BUDGET_IS_SIDEBAR (self));

  row = find_row (self, form);
  if (row == NULL)
    return;
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), row);
  budget_sidebar_row_selected (GTK_LIST_BOX (self->list), row, self);
  /* Once the list is laid out, the selected row is brought into view (Ctrl+Page Down, undo). */
  if (self->scroll_source == 0)
    self->scroll_source = g_idle_add (scroll_to_selected, self);
}

/**
 * budget_sidebar_get_n_rows:
 * @self: a sidebar
 *
 * Returns: the number of forms listed
 */
guint
budget_sidebar_get_n_rows (BudgetSidebar *self)
{
  guint n = 0;

  g_return_val_if_fail (BUDGET_IS_SIDEBAR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

static void
budget_sidebar_dispose (GObject *object)
{
  BudgetSidebar *self = BUDGET_SIDEBAR (object);
  GtkWidget *child;

  budget_sidebar_set_checker (self, NULL);
  budget_sidebar_set_document (self, NULL);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUDGET_TYPE_SIDEBAR);
  /* dispose_template() only unparents the children bound to fields; the others go here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (budget_sidebar_parent_class)->dispose (object);
}

static void
budget_sidebar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BudgetSidebar *self = BUDGET_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_FORM:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_sidebar_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  BudgetSidebar *self = BUDGET_SIDEBAR (widget);

  gtk_widget_size_allocate (self->scrolled, &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_popover_present (GTK_POPOVER (self->row_menu));
}

static void
budget_sidebar_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (BUDGET_SIDEBAR (widget)->scrolled, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
budget_sidebar_class_init (BudgetSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_sidebar_dispose;
  object_class->get_property = budget_sidebar_get_property;
  widget_class->size_allocate = budget_sidebar_size_allocate;
  widget_class->measure = budget_sidebar_measure;

  properties[PROP_SELECTED_FORM] =
    g_param_spec_object ("selected-form", NULL, NULL, BUDGET_TYPE_FORM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BudgetSidebar::form-activated:
   * @sidebar: the sidebar
   * @form: the form clicked (or chosen with Enter)
   */
  signals[FORM_ACTIVATED] =
    g_signal_new ("form-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BUDGET_TYPE_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetSidebar, scrolled);
  gtk_widget_class_bind_template_child (widget_class, BudgetSidebar, list);
  gtk_widget_class_bind_template_child (widget_class, BudgetSidebar, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, budget_sidebar_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, budget_sidebar_row_pressed);
  gtk_widget_class_bind_template_callback (widget_class, budget_sidebar_row_activated);
  gtk_widget_class_set_css_name (widget_class, "budget-sidebar");
}

static void
budget_sidebar_init (BudgetSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->list), update_header, NULL, NULL);
}

/**
 * budget_sidebar_new:
 *
 * Returns: (transfer floating): a new sidebar
 */
GtkWidget *
budget_sidebar_new (void)
{
  return g_object_new (BUDGET_TYPE_SIDEBAR, NULL);
}
