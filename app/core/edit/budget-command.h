/* budget-command.h: one undoable change to a document: a label and a list of invertible operations */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  BUDGET_OP_SET_VALUE,     /* an amount or quantity cell */
  BUDGET_OP_SET_TEXT,      /* a text cell */
  BUDGET_OP_INSERT_ROW,    /* a code row or a list row (with its content) */
  BUDGET_OP_DELETE_ROW,
  BUDGET_OP_SET_META,      /* a document metadata item */
  BUDGET_OP_SET_FORM_TEXT, /* a form's name, goal or text */
  BUDGET_OP_ADD_FORM,      /* a performance table (with its content) */
  BUDGET_OP_REMOVE_FORM,
  BUDGET_OP_MOVE_FORM,
} BudgetOpType;

/* A row's content, kept by row insertion and deletion so that undo restores it exactly. */
typedef struct
{
  char    *key;
  char    *name;       /* custom name of a code row, or NULL */
  guint    position;   /* index among the form's rows (list forms) */
  guint    n_columns;
  gint64  *values;
  char   **texts;      /* n_columns entries, may be NULL */
} BudgetRowSnapshot;

typedef struct _BudgetFormSnapshot BudgetFormSnapshot;

typedef struct
{
  BudgetOpType        type;
  char               *form_id;
  char               *row_key;
  guint               col;
  gint64              old_value;
  gint64              new_value;
  char               *old_text;
  char               *new_text;
  int                 position;
  int                 new_position;
  BudgetRowSnapshot  *row;
  BudgetFormSnapshot *form;
} BudgetOp;

#define BUDGET_TYPE_COMMAND (budget_command_get_type ())

G_DECLARE_FINAL_TYPE (BudgetCommand, budget_command, BUDGET, COMMAND, GObject)

BudgetCommand  *budget_command_new            (const char     *label);
const char     *budget_command_get_label      (BudgetCommand  *self);
BudgetOp       *budget_command_add_op         (BudgetCommand  *self,
                                               BudgetOpType    type,
                                               const char     *form_id,
                                               const char     *row_key);
guint           budget_command_get_n_ops      (BudgetCommand  *self);
BudgetOp       *budget_command_get_op         (BudgetCommand  *self,
                                               guint           index);
guint64         budget_command_get_state_before (BudgetCommand *self);
guint64         budget_command_get_state_after  (BudgetCommand *self);
void            budget_command_set_states     (BudgetCommand  *self,
                                               guint64         before,
                                               guint64         after);
const char     *budget_command_get_focus_form (BudgetCommand  *self);
const char     *budget_command_get_focus_row  (BudgetCommand  *self);
int             budget_command_get_focus_col  (BudgetCommand  *self);

void            budget_row_snapshot_free      (BudgetRowSnapshot *snapshot);
void            budget_form_snapshot_free     (BudgetFormSnapshot *snapshot);

G_END_DECLS
