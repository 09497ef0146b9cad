/* budget-set-meta-command.c: one metadata item with its old and new value (NULL: absent) */

#include "config.h"

#include <string.h>

#include "edit/budget-set-meta-command.h"

struct _BudgetSetMetaCommand
{
  BudgetCommand  parent_instance;

  char          *key;
  char          *old_value;
  char          *new_value;
};

G_DEFINE_FINAL_TYPE (BudgetSetMetaCommand, budget_set_meta_command, BUDGET_TYPE_COMMAND)

static void
budget_set_meta_command_apply (BudgetCommand  *command,
                               BudgetDocument *document,
                               gboolean        forward)
{
  BudgetSetMetaCommand *self = BUDGET_SET_META_COMMAND (command);

  budget_document_store_meta (document, self->key, forward ? self->new_value : self->old_value);
}

static gsize
budget_set_meta_command_get_size (BudgetCommand *command)
{
  BudgetSetMetaCommand *self = BUDGET_SET_META_COMMAND (command);

  return sizeof *self + strlen (self->key) + (self->old_value != NULL ? strlen (self->old_value) : 0) +
         (self->new_value != NULL ? strlen (self->new_value) : 0);
}

static void
budget_set_meta_command_finalize (GObject *object)
{
  BudgetSetMetaCommand *self = BUDGET_SET_META_COMMAND (object);

  g_free (self->key);
  g_free (self->old_value);
  g_free (self->new_value);

  G_OBJECT_CLASS (budget_set_meta_command_parent_class)->finalize (object);
}

static void
budget_set_meta_command_class_init (BudgetSetMetaCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_set_meta_command_finalize;
  BUDGET_COMMAND_CLASS (klass)->apply = budget_set_meta_command_apply;
  BUDGET_COMMAND_CLASS (klass)->get_size = budget_set_meta_command_get_size;
}

static void
budget_set_meta_command_init (BudgetSetMetaCommand *self)
{
}

/**
 * budget_set_meta_command_new:
 * @label: the undo label
 * @document: the document (its current value is kept for undo)
 * @key: a metadata key
 * @value: (nullable): the new value, %NULL to remove the item
 *
 * Returns: (transfer full): the command
 */
BudgetSetMetaCommand *
budget_set_meta_command_new (const char     *label,
                             BudgetDocument *document,
                             const char     *key,
                             const char     *value)
{
  BudgetSetMetaCommand *self = g_object_new (BUDGET_TYPE_SET_META_COMMAND, NULL);

  budget_command_set_label (BUDGET_COMMAND (self), label);
  self->key = g_strdup (key);
  self->old_value = g_strdup (budget_document_get_meta (document, key));
  self->new_value = g_strdup (value);
  return self;
}
