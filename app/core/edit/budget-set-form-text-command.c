/* budget-set-form-text-command.c: one text property of a form with its old and new value */

#include "config.h"

#include <string.h>

#include "edit/budget-set-form-text-command.h"

struct _BudgetSetFormTextCommand
{
  BudgetCommand  parent_instance;

  char          *form_id;
  const char    *property;   /* interned: "text", "name" or "goal" */
  char          *old_value;
  char          *new_value;
};

G_DEFINE_FINAL_TYPE (BudgetSetFormTextCommand, budget_set_form_text_command, BUDGET_TYPE_COMMAND)

static void
budget_set_form_text_command_apply (BudgetCommand  *command,
                                    BudgetDocument *document,
                                    gboolean        forward)
{
  BudgetSetFormTextCommand *self = BUDGET_SET_FORM_TEXT_COMMAND (command);
  BudgetForm *form = budget_document_lookup_form (document, self->form_id);

  g_return_if_fail (form != NULL);
  budget_document_store_form_text (document, form, self->property, forward ? self->new_value : self->old_value);
}

static gsize
budget_set_form_text_command_get_size (BudgetCommand *command)
{
  BudgetSetFormTextCommand *self = BUDGET_SET_FORM_TEXT_COMMAND (command);

  return sizeof *self + strlen (self->form_id) + (self->old_value != NULL ? strlen (self->old_value) : 0) +
         (self->new_value != NULL ? strlen (self->new_value) : 0);
}

static void
budget_set_form_text_command_finalize (GObject *object)
{
  BudgetSetFormTextCommand *self = BUDGET_SET_FORM_TEXT_COMMAND (object);

  g_free (self->form_id);
  g_free (self->old_value);
  g_free (self->new_value);

  G_OBJECT_CLASS (budget_set_form_text_command_parent_class)->finalize (object);
}

static void
budget_set_form_text_command_class_init (BudgetSetFormTextCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_set_form_text_command_finalize;
  BUDGET_COMMAND_CLASS (klass)->apply = budget_set_form_text_command_apply;
  BUDGET_COMMAND_CLASS (klass)->get_size = budget_set_form_text_command_get_size;
}

static void
budget_set_form_text_command_init (BudgetSetFormTextCommand *self)
{
}

BudgetSetFormTextCommand *
budget_set_form_text_command_new (const char *label,
                                  BudgetForm *form,
                                  const char *property,
                                  const char *old_value,
                                  const char *new_value)
{
  BudgetSetFormTextCommand *self = g_object_new (BUDGET_TYPE_SET_FORM_TEXT_COMMAND, NULL);

  budget_command_set_label (BUDGET_COMMAND (self), label);
  self->form_id = g_strdup (budget_form_get_id (form));
  self->property = g_intern_string (property);
  self->old_value = g_strdup (old_value);
  self->new_value = g_strdup (new_value);
  budget_command_set_focus (BUDGET_COMMAND (self), self->form_id, NULL, -1);
  return self;
}
