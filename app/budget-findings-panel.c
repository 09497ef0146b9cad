/* budget-findings-panel.c: the consistency checks' findings of a document, under the form editor
 *
 * The panel shows the checker's list of findings through a filter (errors and warnings, or the
 * rounding differences, which are not errors and are kept apart) and a stable sort (errors first, then
 * warnings, remarks, and acknowledged findings last, greyed with their reason). The checker changes its
 * list in place as the document is edited, so the panel follows every edit at once without rebuilding.
 * Activating a row emits "finding-activated"; the window shows the form and the cell.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "budget-findings-panel.h"
#include "budget-sidebar.h"

struct _BudgetFindingsPanel
{
  GtkWidget           parent_instance;

  BudgetChecker      *checker;
  gulong              changed_id;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  gboolean            show_rounding;

  GtkWidget          *ack_dialog;
  GtkWidget          *reason_entry;
  BudgetFinding      *ack_finding;
  GtkSizeGroup       *button_group;   /* the Acknowledge column lines up, with or without a button */

  /* template */
  GtkWidget          *problems_button;
  GtkWidget          *rounding_button;
  GtkWidget          *stack;
  GtkWidget          *list_box;
  GtkWidget          *empty_label;
};

G_DEFINE_FINAL_TYPE (BudgetFindingsPanel, budget_findings_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHECKER,
  PROP_SHOW_ROUNDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* 0 error, 1 warning, 2 rounding, 3 remark, 4 acknowledged: the order of the list. */
static int
finding_rank (BudgetFinding *finding)
{
  if (budget_finding_get_acknowledged (finding))
    return 4;
  switch (budget_finding_get_severity (finding))
    {
    case BUDGET_SEVERITY_ERROR:
      return 0;
    case BUDGET_SEVERITY_WARNING:
      return budget_finding_get_rounding (finding) ? 2 : 1;
    case BUDGET_SEVERITY_INFO:
    default:
      return 3;
    }
}

/* Rounding differences and the remarks on 尾差 are about rounding, not problems: one tab apart. */
static gboolean
is_about_rounding (BudgetFinding *finding)
{
  return budget_finding_get_rounding (finding) || g_str_equal (budget_finding_get_rule_id (finding), "R-01");
}

static gboolean
filter_finding (gpointer item,
                gpointer user_data)
{
  BudgetFindingsPanel *self = user_data;

  return !is_about_rounding (item) == !self->show_rounding;
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  int ra = finding_rank ((BudgetFinding *) a);
  int rb = finding_rank ((BudgetFinding *) b);

  /* Equal ranks keep the checker's order (the reference's rule order, then table order): the sort
   * list model sorts stably. */
  return ra < rb ? GTK_ORDERING_SMALLER : ra > rb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* ------------------------------------------------------------------------------------------------ */
/* Rows                                                                                              */

static char *
dup_location (BudgetFindingsPanel *self,
              BudgetFinding       *finding)
{
  BudgetDocument *document = budget_checker_get_document (self->checker);
  const char *form_id = budget_finding_get_form_id (finding);
  BudgetForm *form = form_id != NULL ? budget_document_lookup_form (document, form_id) : NULL;

  if (form == NULL)
    return g_strdup (_("Whole project"));
  return budget_sidebar_dup_form_label (form);
}

static void
ack_clicked (GtkButton     *button,
             BudgetFinding *finding)
{
  BudgetFindingsPanel *self = BUDGET_FINDINGS_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                              BUDGET_TYPE_FINDINGS_PANEL));

  if (self == NULL)
    return;
  if (budget_finding_get_acknowledged (finding))
    budget_findings_panel_unacknowledge (self, finding);
  else
    budget_findings_panel_acknowledge (self, finding);
}

/* One row: severity icon, rule, message (with the reason of an acknowledged finding under it), the
 * form, and the button that acknowledges or withdraws. Findings are immutable, so a row never
 * changes: the checker replaces a changed finding and the list box replaces its row. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  BudgetFindingsPanel *self = user_data;
  BudgetFinding *finding = item;
  g_autofree char *location = dup_location (self, finding);
  g_autofree char *label = NULL;
  gboolean acknowledged = budget_finding_get_acknowledged (finding);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon, *rule, *message, *place, *button;
  const char *icon_name, *kind, *severity_text;

  switch (finding_rank (finding))
    {
    case 0:
      icon_name = "dialog-error-symbolic";
      kind = "error";
      severity_text = _("Error");
      break;
    case 1:
      icon_name = "dialog-warning-symbolic";
      kind = "warning";
      severity_text = _("Warning");
      break;
    case 2:
      icon_name = "dialog-information-symbolic";
      kind = "rounding";
      severity_text = _("Rounding difference");
      break;
    case 3:
      icon_name = "dialog-information-symbolic";
      kind = "remark";
      severity_text = _("Remark");
      break;
    case 4:
    default:
      icon_name = "object-select-symbolic";
      kind = "acknowledged";
      severity_text = _("Acknowledged");
      break;
    }

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, severity_text);
  gtk_widget_add_css_class (icon, "finding-icon");
  rule = gtk_label_new (budget_finding_get_rule_id (finding));
  gtk_label_set_xalign (GTK_LABEL (rule), 0);
  gtk_label_set_width_chars (GTK_LABEL (rule), 6);
  gtk_widget_set_valign (rule, GTK_ALIGN_START);
  gtk_widget_add_css_class (rule, "finding-rule");
  message = gtk_label_new (budget_finding_get_message (finding));
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (message), FALSE);
  gtk_widget_add_css_class (message, "finding-message");
  gtk_box_append (GTK_BOX (text), message);
  if (acknowledged)
    {
      /* Translators: under an acknowledged finding: the officer's reason */
      g_autofree char *reason_text = g_strdup_printf (_("Acknowledged: %s"), budget_finding_get_ack_reason (finding));
      GtkWidget *reason = gtk_label_new (reason_text);

      gtk_label_set_xalign (GTK_LABEL (reason), 0);
      gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (reason, "finding-reason");
      gtk_box_append (GTK_BOX (text), reason);
    }
  gtk_widget_set_hexpand (text, TRUE);
  place = gtk_label_new (location);
  gtk_label_set_xalign (GTK_LABEL (place), 1);
  gtk_label_set_ellipsize (GTK_LABEL (place), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (place), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (place), 18);
  gtk_widget_set_valign (place, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (place, location);
  gtk_widget_add_css_class (place, "dim-label");
  gtk_widget_add_css_class (place, "finding-location");

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), rule);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), place);
  if (acknowledged || budget_finding_can_acknowledge (finding))
    {
      button = gtk_button_new_with_label (acknowledged ? _("Withdraw") : _("Acknowledge…"));
      gtk_widget_set_tooltip_text (button, acknowledged ? _("Withdraw the acknowledgement: the warning counts again")
                                                        : _("Accept the warning with a reason; the reason is saved with the project"));
      gtk_widget_set_valign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "finding-button");
      g_signal_connect_data (button, "clicked", G_CALLBACK (ack_clicked), g_object_ref (finding),
                             (GClosureNotify) (void (*) (void)) g_object_unref, 0);
    }
  else
    button = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_size_group_add_widget (self->button_group, button);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_css_classes (row, (const char *[]) { "finding", kind, NULL });
  label = g_strdup_printf ("%s %s: %s", severity_text, budget_finding_get_rule_id (finding),
                           budget_finding_get_message (finding));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (row), "budget-finding", g_object_ref (finding), g_object_unref);
  return row;
}

/* ------------------------------------------------------------------------------------------------ */
/* Counts                                                                                            */

static void
update_counts (BudgetFindingsPanel *self)
{
  GListModel *all = self->checker != NULL ? budget_checker_get_findings (self->checker) : NULL;
  guint n_problems = 0, n_rounding = 0;
  g_autofree char *problems = NULL;
  g_autofree char *rounding = NULL;
  guint shown;

  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(BudgetFinding) finding = g_list_model_get_item (all, i);

      if (is_about_rounding (finding))
        n_rounding++;
      else
        n_problems++;
    }
  /* Translators: a toggle of the findings panel, with the number of findings it shows */
  problems = g_strdup_printf (_("Errors and Warnings (%u)"), n_problems);
  /* Translators: a toggle of the findings panel: differences within the rounding allowance */
  rounding = g_strdup_printf (_("Rounding (%u)"), n_rounding);
  gtk_button_set_label (GTK_BUTTON (self->problems_button), problems);
  gtk_button_set_label (GTK_BUTTON (self->rounding_button), rounding);

  shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  gtk_label_set_text (GTK_LABEL (self->empty_label),
                      self->show_rounding ? _("No rounding differences.")
                                          : _("No errors or warnings: the figures agree."));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), shown > 0 ? "list" : "empty");
}

static void
items_changed (GListModel          *model,
               guint                position,
               guint                removed,
               guint                added,
               BudgetFindingsPanel *self)
{
  update_counts (self);
}

/* ------------------------------------------------------------------------------------------------ */
/* Acknowledging                                                                                     */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        return FALSE;
    }
  return TRUE;
}

static void
reason_changed (GtkEditable         *entry,
                BudgetFindingsPanel *self)
{
  gtk_dialog_set_response_sensitive (GTK_DIALOG (self->ack_dialog), GTK_RESPONSE_ACCEPT,
                                     !is_blank (gtk_editable_get_text (entry)));
}

static void
close_ack_dialog (BudgetFindingsPanel *self)
{
  if (self->ack_dialog == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->ack_dialog, self);
  g_signal_handlers_disconnect_by_data (self->reason_entry, self);
  gtk_window_destroy (GTK_WINDOW (self->ack_dialog));
  self->ack_dialog = NULL;
  self->reason_entry = NULL;
  g_clear_object (&self->ack_finding);
}

static void
ack_response (GtkDialog           *dialog,
              int                  response,
              BudgetFindingsPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->checker != NULL &&
      !budget_checker_acknowledge (self->checker, self->ack_finding,
                                   gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)), &error))
    {
      /* The dialog stays, with the model's reason, so that nothing typed is lost. */
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
      gtk_widget_error_bell (GTK_WIDGET (dialog));
      return;
    }
  close_ack_dialog (self);
}

/**
 * budget_findings_panel_acknowledge:
 * @self: a findings panel
 * @finding: a warning of the panel's checker
 *
 * Asks for the reason why @finding is acceptable, and acknowledges it (an undoable edit of the
 * document's metadata, saved with the project) once the officer confirms.
 */
void
budget_findings_panel_acknowledge (BudgetFindingsPanel *self,
                                   BudgetFinding       *finding)
{
  GtkRoot *root;
  GtkWidget *area;
  g_autofree char *secondary = NULL;

  g_return_if_fail (BUDGET_IS_FINDINGS_PANEL (self));
  g_return_if_fail (BUDGET_IS_FINDING (finding));

  if (!budget_finding_can_acknowledge (finding))
    return;
  close_ack_dialog (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->ack_finding = g_object_ref (finding);
  self->ack_dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                             GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                             /* Translators: %s is a rule id such as FA-03 */
                                             _("Acknowledge warning %s?"), budget_finding_get_rule_id (finding));
  secondary = g_strdup_printf ("%s\n\n%s", budget_finding_get_message (finding),
                               _("Say why the figures are right. The reason is saved with the project and "
                                 "printed in the check report; the warning no longer counts."));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (self->ack_dialog), "%s", secondary);
  area = gtk_message_dialog_get_message_area (GTK_MESSAGE_DIALOG (self->ack_dialog));
  self->reason_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->reason_entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (self->reason_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reason_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_box_append (GTK_BOX (area), self->reason_entry);
  gtk_dialog_add_buttons (GTK_DIALOG (self->ack_dialog),
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Acknowledge"), GTK_RESPONSE_ACCEPT,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (self->ack_dialog), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (self->ack_dialog), GTK_RESPONSE_ACCEPT),
                            "suggested-action");
  gtk_dialog_set_response_sensitive (GTK_DIALOG (self->ack_dialog), GTK_RESPONSE_ACCEPT, FALSE);
  g_signal_connect (self->reason_entry, "changed", G_CALLBACK (reason_changed), self);
  g_signal_connect (self->ack_dialog, "response", G_CALLBACK (ack_response), self);
  gtk_window_present (GTK_WINDOW (self->ack_dialog));
  gtk_widget_grab_focus (self->reason_entry);
}

/**
 * budget_findings_panel_unacknowledge:
 * @self: a findings panel
 * @finding: an acknowledged finding
 *
 * Withdraws the acknowledgement (an undoable edit): the warning counts again.
 *
 * Returns: whether the acknowledgement was withdrawn
 */
gboolean
budget_findings_panel_unacknowledge (BudgetFindingsPanel *self,
                                     BudgetFinding       *finding)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BUDGET_IS_FINDINGS_PANEL (self), FALSE);
  g_return_val_if_fail (BUDGET_IS_FINDING (finding), FALSE);

  if (self->checker == NULL || !budget_finding_get_acknowledged (finding))
    return FALSE;
  if (budget_checker_unacknowledge (self->checker, finding, &error))
    return TRUE;
  g_warning ("The acknowledgement of %s was not withdrawn: %s", budget_finding_get_rule_id (finding), error->message);
  return FALSE;
}

/**
 * budget_findings_panel_get_acknowledge_dialog:
 * @self: a findings panel
 *
 * Returns: (transfer none) (nullable): the dialog asking for a reason, while it is shown; answer it
 * with gtk_dialog_response() (%GTK_RESPONSE_ACCEPT acknowledges)
 */
GtkWindow *
budget_findings_panel_get_acknowledge_dialog (BudgetFindingsPanel *self)
{
  g_return_val_if_fail (BUDGET_IS_FINDINGS_PANEL (self), NULL);

  return self->ack_dialog != NULL ? GTK_WINDOW (self->ack_dialog) : NULL;
}

/**
 * budget_findings_panel_get_reason_entry:
 * @self: a findings panel
 *
 * Returns: (transfer none) (nullable): the reason field of the acknowledge dialog, while it is shown
 */
GtkEditable *
budget_findings_panel_get_reason_entry (BudgetFindingsPanel *self)
{
  g_return_val_if_fail (BUDGET_IS_FINDINGS_PANEL (self), NULL);

  return self->reason_entry != NULL ? GTK_EDITABLE (self->reason_entry) : NULL;
}

/* ------------------------------------------------------------------------------------------------ */
/* API                                                                                               */

/**
 * budget_findings_panel_get_checker:
 * @self: a findings panel
 *
 * Returns: (transfer none) (nullable): the checker whose findings are shown
 */
BudgetChecker *
budget_findings_panel_get_checker (BudgetFindingsPanel *self)
{
  g_return_val_if_fail (BUDGET_IS_FINDINGS_PANEL (self), NULL);

  return self->checker;
}

/**
 * budget_findings_panel_set_checker:
 * @self: a findings panel
 * @checker: (nullable): the checker of the window's document
 */
void
budget_findings_panel_set_checker (BudgetFindingsPanel *self,
                                   BudgetChecker       *checker)
{
  g_return_if_fail (BUDGET_IS_FINDINGS_PANEL (self));
  g_return_if_fail (checker == NULL || BUDGET_IS_CHECKER (checker));

  if (self->checker == checker)
    return;
  close_ack_dialog (self);
  if (self->checker != NULL)
    g_clear_signal_handler (&self->changed_id, budget_checker_get_findings (self->checker));
  g_set_object (&self->checker, checker);
  gtk_filter_list_model_set_model (self->filtered, checker != NULL ? budget_checker_get_findings (checker) : NULL);
  /* Connected after the filter model: the counts are taken once the shown list has followed. */
  if (checker != NULL)
    self->changed_id = g_signal_connect (budget_checker_get_findings (checker), "items-changed",
                                         G_CALLBACK (items_changed), self);
  update_counts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKER]);
}

/**
 * budget_findings_panel_get_model:
 * @self: a findings panel
 *
 * Returns: (transfer none): the findings shown, in the order shown (a list of #BudgetFinding)
 */
GListModel *
budget_findings_panel_get_model (BudgetFindingsPanel *self)
{
  g_return_val_if_fail (BUDGET_IS_FINDINGS_PANEL (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

/**
 * budget_findings_panel_get_show_rounding:
 * @self: a findings panel
 *
 * Returns: whether the panel shows the rounding differences rather than the errors and warnings
 */
gboolean
budget_findings_panel_get_show_rounding (BudgetFindingsPanel *self)
{
  g_return_val_if_fail (BUDGET_IS_FINDINGS_PANEL (self), FALSE);

  return self->show_rounding;
}

/**
 * budget_findings_panel_set_show_rounding:
 * @self: a findings panel
 * @show_rounding: %TRUE for the rounding differences, %FALSE for errors, warnings and remarks
 */
void
budget_findings_panel_set_show_rounding (BudgetFindingsPanel *self,
                                         gboolean             show_rounding)
{
  g_return_if_fail (BUDGET_IS_FINDINGS_PANEL (self));

  show_rounding = !!show_rounding;
  if (self->show_rounding == show_rounding)
    return;
  self->show_rounding = show_rounding;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (show_rounding ? self->rounding_button : self->problems_button), TRUE);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_counts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ROUNDING]);
}

/**
 * budget_findings_panel_activate:
 * @self: a findings panel
 * @position: a position in budget_findings_panel_get_model()
 *
 * Does what a click or Enter on the row does: emits #BudgetFindingsPanel::finding-activated.
 */
void
budget_findings_panel_activate (BudgetFindingsPanel *self,
                                guint                position)
{
  g_autoptr(BudgetFinding) finding = NULL;

  g_return_if_fail (BUDGET_IS_FINDINGS_PANEL (self));

  finding = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

/* Template callbacks are exported so that gtk4-builder-tool can resolve them when the data suite
 * validates the .ui files (tests/data-checks/validate-ui.py). */
G_MODULE_EXPORT void
budget_findings_panel_row_activated (GtkListBox          *box,
                                     GtkListBoxRow       *row,
                                     BudgetFindingsPanel *self)
{
  budget_findings_panel_activate (self, (guint) gtk_list_box_row_get_index (row));
}

G_MODULE_EXPORT void
budget_findings_panel_filter_toggled (GtkToggleButton     *button,
                                      BudgetFindingsPanel *self)
{
  if (gtk_toggle_button_get_active (button))
    budget_findings_panel_set_show_rounding (self, button == GTK_TOGGLE_BUTTON (self->rounding_button));
}

/* ------------------------------------------------------------------------------------------------ */
/* GObject                                                                                           */

static void
budget_findings_panel_dispose (GObject *object)
{
  BudgetFindingsPanel *self = BUDGET_FINDINGS_PANEL (object);
  GtkWidget *child;

  close_ack_dialog (self);
  if (self->checker != NULL)
    g_clear_signal_handler (&self->changed_id, budget_checker_get_findings (self->checker));
  if (self->list_box != NULL)
    gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), NULL, NULL, NULL, NULL);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->button_group);
  g_clear_object (&self->checker);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUDGET_TYPE_FINDINGS_PANEL);
  /* dispose_template() only unparents the children bound to fields; the others go here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (budget_findings_panel_parent_class)->dispose (object);
}

static void
budget_findings_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BudgetFindingsPanel *self = BUDGET_FINDINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CHECKER:
      g_value_set_object (value, self->checker);
      break;
    case PROP_SHOW_ROUNDING:
      g_value_set_boolean (value, self->show_rounding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_findings_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BudgetFindingsPanel *self = BUDGET_FINDINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CHECKER:
      budget_findings_panel_set_checker (self, g_value_get_object (value));
      break;
    case PROP_SHOW_ROUNDING:
      budget_findings_panel_set_show_rounding (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_findings_panel_class_init (BudgetFindingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = budget_findings_panel_dispose;
  object_class->get_property = budget_findings_panel_get_property;
  object_class->set_property = budget_findings_panel_set_property;

  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, NULL, BUDGET_TYPE_CHECKER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ROUNDING] =
    g_param_spec_boolean ("show-rounding", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BudgetFindingsPanel::finding-activated:
   * @panel: the panel
   * @finding: the finding the officer wants to see
   *
   * Emitted when a row is activated (a click, Enter): the window shows the finding's cell.
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BUDGET_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/budgeteditor/BudgetEditor/budget-findings-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BudgetFindingsPanel, problems_button);
  gtk_widget_class_bind_template_child (widget_class, BudgetFindingsPanel, rounding_button);
  gtk_widget_class_bind_template_child (widget_class, BudgetFindingsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BudgetFindingsPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, BudgetFindingsPanel, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, budget_findings_panel_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, budget_findings_panel_filter_toggled);
  gtk_widget_class_set_css_name (widget_class, "budget-findings-panel");
}

static void
budget_findings_panel_init (BudgetFindingsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->button_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->filter = gtk_custom_filter_new (filter_finding, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          GTK_SORTER (gtk_custom_sorter_new (compare_findings, NULL, NULL)));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), G_LIST_MODEL (self->sorted), create_row, self, NULL);
  update_counts (self);
}

/**
 * budget_findings_panel_new:
 *
 * Returns: (transfer floating): a new findings panel; give it the document's checker with
 * budget_findings_panel_set_checker()
 */
GtkWidget *
budget_findings_panel_new (void)
{
  return g_object_new (BUDGET_TYPE_FINDINGS_PANEL, NULL);
}
