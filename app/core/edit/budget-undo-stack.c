/* budget-undo-stack.c: undo and redo lists of commands, bounded by count and by size like gnumeric's
 * truncate_undo_info: a paste of 100 000 cells weighs what it holds, not one step. */

#include "config.h"

#include "edit/budget-undo-stack.h"

#define DEFAULT_LIMIT 1000
#define DEFAULT_MAX_SIZE (64u << 20)

struct _BudgetUndoStack
{
  GObject              parent_instance;

  GQueue               undo;    /* newest first */
  GQueue               redo;    /* next to redo first */
  guint                limit;
  gsize                max_size;
  gsize                undo_size;   /* the sum of the undo list's command sizes */
  BudgetDocument      *document;    /* not a reference: the document owns its stack */
};

G_DEFINE_FINAL_TYPE (BudgetUndoStack, budget_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
budget_undo_stack_dispose (GObject *object)
{
  BudgetUndoStack *self = BUDGET_UNDO_STACK (object);

  g_queue_clear_full (&self->undo, g_object_unref);
  g_queue_clear_full (&self->redo, g_object_unref);

  G_OBJECT_CLASS (budget_undo_stack_parent_class)->dispose (object);
}

static void
budget_undo_stack_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BudgetUndoStack *self = BUDGET_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, budget_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, budget_undo_stack_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, budget_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, budget_undo_stack_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_undo_stack_class_init (BudgetUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = budget_undo_stack_dispose;
  object_class->get_property = budget_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
budget_undo_stack_init (BudgetUndoStack *self)
{
  self->limit = DEFAULT_LIMIT;
  self->max_size = DEFAULT_MAX_SIZE;
}

/**
 * budget_undo_stack_new:
 * @document: the document whose commands it records (not referenced)
 *
 * Returns: (transfer full): an empty stack
 */
BudgetUndoStack *
budget_undo_stack_new (BudgetDocument *document)
{
  BudgetUndoStack *self = g_object_new (BUDGET_TYPE_UNDO_STACK, NULL);

  self->document = document;
  return self;
}

static void
notify_all (BudgetUndoStack *self,
            gboolean         could_undo,
            gboolean         could_redo)
{
  if (could_undo != budget_undo_stack_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != budget_undo_stack_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

/* Forgets the oldest steps beyond the limits; the newest step is always kept, however large. */
static void
truncate (BudgetUndoStack *self)
{
  while (self->undo.length > self->limit || (self->undo.length > 1 && self->undo_size > self->max_size))
    {
      BudgetCommand *oldest = g_queue_pop_tail (&self->undo);

      self->undo_size -= budget_command_get_size (oldest);
      g_object_unref (oldest);
    }
}

/**
 * budget_undo_stack_push:
 * @self: a stack
 * @command: (transfer none): a command that has just been applied
 *
 * Records @command as the newest undoable step and forgets what could be redone.
 */
void
budget_undo_stack_push (BudgetUndoStack *self,
                        BudgetCommand   *command)
{
  gboolean could_undo = budget_undo_stack_can_undo (self);
  gboolean could_redo = budget_undo_stack_can_redo (self);

  g_queue_clear_full (&self->redo, g_object_unref);
  g_queue_push_head (&self->undo, g_object_ref (command));
  self->undo_size += budget_command_get_size (command);
  truncate (self);
  notify_all (self, could_undo, could_redo);
}

/**
 * budget_undo_stack_execute:
 * @self: a stack
 * @command: (transfer none): a new command
 *
 * Runs @command on the document and records it, unless it changes nothing.
 *
 * Returns: whether the command was run
 */
gboolean
budget_undo_stack_execute (BudgetUndoStack *self,
                           BudgetCommand   *command)
{
  guint64 before;

  if (budget_command_is_empty (command))
    return FALSE;
  before = budget_document_get_state_id (self->document);
  budget_command_set_states (command, before, budget_document_new_state_id (self->document));
  budget_command_apply (command, self->document, TRUE);
  budget_undo_stack_push (self, command);
  return TRUE;
}

gboolean
budget_undo_stack_undo (BudgetUndoStack *self)
{
  gboolean could_undo = budget_undo_stack_can_undo (self);
  gboolean could_redo = budget_undo_stack_can_redo (self);
  BudgetCommand *command = g_queue_pop_head (&self->undo);

  if (command == NULL)
    return FALSE;
  self->undo_size -= budget_command_get_size (command);
  g_queue_push_head (&self->redo, command);
  budget_command_apply (command, self->document, FALSE);
  notify_all (self, could_undo, could_redo);
  return TRUE;
}

gboolean
budget_undo_stack_redo (BudgetUndoStack *self)
{
  gboolean could_undo = budget_undo_stack_can_undo (self);
  gboolean could_redo = budget_undo_stack_can_redo (self);
  BudgetCommand *command = g_queue_pop_head (&self->redo);

  if (command == NULL)
    return FALSE;
  g_queue_push_head (&self->undo, command);
  self->undo_size += budget_command_get_size (command);
  budget_command_apply (command, self->document, TRUE);
  notify_all (self, could_undo, could_redo);
  return TRUE;
}

gboolean budget_undo_stack_can_undo (BudgetUndoStack *self) { return self->undo.length > 0; }
gboolean budget_undo_stack_can_redo (BudgetUndoStack *self) { return self->redo.length > 0; }
guint budget_undo_stack_get_n_undo (BudgetUndoStack *self) { return self->undo.length; }
guint budget_undo_stack_get_n_redo (BudgetUndoStack *self) { return self->redo.length; }
guint budget_undo_stack_get_limit (BudgetUndoStack *self) { return self->limit; }
gsize budget_undo_stack_get_max_size (BudgetUndoStack *self) { return self->max_size; }
gsize budget_undo_stack_get_size (BudgetUndoStack *self) { return self->undo_size; }
BudgetCommand *budget_undo_stack_peek_undo (BudgetUndoStack *self) { return g_queue_peek_head (&self->undo); }
BudgetCommand *budget_undo_stack_peek_redo (BudgetUndoStack *self) { return g_queue_peek_head (&self->redo); }

const char *
budget_undo_stack_get_undo_label (BudgetUndoStack *self)
{
  BudgetCommand *command = g_queue_peek_head (&self->undo);

  return command != NULL ? budget_command_get_label (command) : NULL;
}

const char *
budget_undo_stack_get_redo_label (BudgetUndoStack *self)
{
  BudgetCommand *command = g_queue_peek_head (&self->redo);

  return command != NULL ? budget_command_get_label (command) : NULL;
}

void
budget_undo_stack_set_limit (BudgetUndoStack *self,
                             guint            limit)
{
  gboolean could_undo = budget_undo_stack_can_undo (self);

  self->limit = MAX (limit, 1);
  truncate (self);
  notify_all (self, could_undo, budget_undo_stack_can_redo (self));
}

/**
 * budget_undo_stack_set_max_size:
 * @self: a stack
 * @max_size: the memory the undo steps may hold, in bytes (the newest step is kept whatever its size)
 */
void
budget_undo_stack_set_max_size (BudgetUndoStack *self,
                                gsize            max_size)
{
  gboolean could_undo = budget_undo_stack_can_undo (self);

  self->max_size = max_size;
  truncate (self);
  notify_all (self, could_undo, budget_undo_stack_can_redo (self));
}

void
budget_undo_stack_clear (BudgetUndoStack *self)
{
  gboolean could_undo = budget_undo_stack_can_undo (self);
  gboolean could_redo = budget_undo_stack_can_redo (self);

  g_queue_clear_full (&self->undo, g_object_unref);
  g_queue_clear_full (&self->redo, g_object_unref);
  self->undo_size = 0;
  notify_all (self, could_undo, could_redo);
}
