/* budget-finding.c: one result of the consistency checks.
 *
 * A finding is immutable once the checker has published it: when a rule's result changes, the checker
 * replaces the finding object in its list, so that list views only need items-changed.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "checks/budget-finding.h"
#include "checks/budget-rule-private.h"

struct _BudgetFinding
{
  GObject         parent_instance;

  const char     *rule_id;       /* interned */
  BudgetSeverity  severity;
  gboolean        rounding;
  char           *message;

  char           *form_id;       /* NULL: the document as a whole */
  char           *row_key;       /* NULL: the form (or a text) as a whole */
  int             column;        /* -1: the whole row */
  char           *column_id;
  char           *subject;       /* what the finding is about when there is no row (a text item, a name) */
  int             text_start;    /* character offsets in a text section, or -1 */
  int             text_end;

  char           *other_form_id; /* the other side of a comparison, or NULL */
  char           *other_row_key;
  int             other_column;

  gboolean        has_values;
  BudgetAmount    value;
  BudgetAmount    other_value;
  BudgetAmount    difference;

  gboolean        acknowledged;
  char           *ack_reason;

  char           *key;
};

G_DEFINE_FINAL_TYPE (BudgetFinding, budget_finding, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BudgetSeverity, budget_severity,
                    G_DEFINE_ENUM_VALUE (BUDGET_SEVERITY_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (BUDGET_SEVERITY_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (BUDGET_SEVERITY_INFO, "info"))

enum {
  PROP_0,
  PROP_RULE_ID,
  PROP_SEVERITY,
  PROP_ROUNDING,
  PROP_MESSAGE,
  PROP_FORM_ID,
  PROP_ROW_KEY,
  PROP_COLUMN,
  PROP_ACKNOWLEDGED,
  PROP_ACK_REASON,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * budget_severity_to_string:
 * @severity: a severity
 *
 * Returns: "error", "warning" or "info" (for machine-readable output)
 */
const char *
budget_severity_to_string (BudgetSeverity severity)
{
  switch (severity)
    {
    case BUDGET_SEVERITY_ERROR:
      return "error";
    case BUDGET_SEVERITY_WARNING:
      return "warning";
    case BUDGET_SEVERITY_INFO:
    default:
      return "info";
    }
}

static void
budget_finding_finalize (GObject *object)
{
  BudgetFinding *self = BUDGET_FINDING (object);

  g_free (self->message);
  g_free (self->form_id);
  g_free (self->row_key);
  g_free (self->column_id);
  g_free (self->subject);
  g_free (self->other_form_id);
  g_free (self->other_row_key);
  g_free (self->ack_reason);
  g_free (self->key);

  G_OBJECT_CLASS (budget_finding_parent_class)->finalize (object);
}

static void
budget_finding_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BudgetFinding *self = BUDGET_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE_ID:
      g_value_set_string (value, self->rule_id);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_ROUNDING:
      g_value_set_boolean (value, self->rounding);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_FORM_ID:
      g_value_set_string (value, self->form_id);
      break;
    case PROP_ROW_KEY:
      g_value_set_string (value, self->row_key);
      break;
    case PROP_COLUMN:
      g_value_set_int (value, self->column);
      break;
    case PROP_ACKNOWLEDGED:
      g_value_set_boolean (value, self->acknowledged);
      break;
    case PROP_ACK_REASON:
      g_value_set_string (value, self->ack_reason);
      break;
    case PROP_KEY:
      g_value_set_string (value, budget_finding_get_key (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_finding_class_init (BudgetFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = budget_finding_finalize;
  object_class->get_property = budget_finding_get_property;

  /* Read-only properties, so that list views can bind them with property expressions. */
  properties[PROP_RULE_ID] = g_param_spec_string ("rule-id", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, BUDGET_TYPE_SEVERITY,
                                                 BUDGET_SEVERITY_ERROR, flags);
  properties[PROP_ROUNDING] = g_param_spec_boolean ("rounding", NULL, NULL, FALSE, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_FORM_ID] = g_param_spec_string ("form-id", NULL, NULL, NULL, flags);
  properties[PROP_ROW_KEY] = g_param_spec_string ("row-key", NULL, NULL, NULL, flags);
  properties[PROP_COLUMN] = g_param_spec_int ("column", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_ACKNOWLEDGED] = g_param_spec_boolean ("acknowledged", NULL, NULL, FALSE, flags);
  properties[PROP_ACK_REASON] = g_param_spec_string ("ack-reason", NULL, NULL, NULL, flags);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
budget_finding_init (BudgetFinding *self)
{
  self->column = -1;
  self->other_column = -1;
  self->text_start = -1;
  self->text_end = -1;
}

/* Keys go into metadata keys separated by ':', so the parts must not contain one. */
static char *
key_part (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  g_strdelimit (copy, ": \n\t\r", '_');
  return copy;
}

/**
 * budget_finding_new: (skip)
 *
 * Creates a finding (the rules do; the checker publishes it).
 */
BudgetFinding *
budget_finding_new (const char     *rule_id,
                    BudgetSeverity  severity,
                    const char     *form_id,
                    const char     *row_key,
                    int             column,
                    const char     *column_id,
                    const char     *subject,
                    const char     *message)
{
  BudgetFinding *self = g_object_new (BUDGET_TYPE_FINDING, NULL);

  self->rule_id = g_intern_string (rule_id);
  self->severity = severity;
  self->form_id = g_strdup (form_id);
  self->row_key = g_strdup (row_key);
  self->column = column;
  self->column_id = g_strdup (column_id);
  self->subject = g_strdup (subject);
  self->message = g_strdup (message);
  return self;
}

/* Setters used while a rule builds its findings, before the checker publishes them. */

void
budget_finding_set_rounding (BudgetFinding *self,
                             gboolean       rounding)
{
  self->rounding = rounding;
}

void
budget_finding_set_severity (BudgetFinding  *self,
                             BudgetSeverity  severity)
{
  self->severity = severity;
}

void
budget_finding_set_values (BudgetFinding *self,
                           BudgetAmount   value,
                           BudgetAmount   other_value)
{
  self->has_values = TRUE;
  self->value = value;
  self->other_value = other_value;
  /* Saturate: an absurd difference stays absurd. */
  if (__builtin_sub_overflow (value, other_value, &self->difference))
    self->difference = value > other_value ? G_MAXINT64 : G_MININT64;
}

void
budget_finding_set_other (BudgetFinding *self,
                          const char    *form_id,
                          const char    *row_key,
                          int            column)
{
  g_free (self->other_form_id);
  g_free (self->other_row_key);
  self->other_form_id = g_strdup (form_id);
  self->other_row_key = g_strdup (row_key);
  self->other_column = column;
}

void
budget_finding_set_text_range (BudgetFinding *self,
                               int            start,
                               int            end)
{
  self->text_start = start;
  self->text_end = end;
}

void
budget_finding_set_subject (BudgetFinding *self,
                            const char    *subject)
{
  g_free (self->subject);
  self->subject = g_strdup (subject);
  g_clear_pointer (&self->key, g_free);
}

void
budget_finding_set_acknowledged (BudgetFinding *self,
                                 const char    *reason)
{
  g_free (self->ack_reason);
  self->acknowledged = reason != NULL;
  self->ack_reason = g_strdup (reason);
}

const char *budget_finding_get_rule_id (BudgetFinding *self) { return self->rule_id; }
BudgetSeverity budget_finding_get_severity (BudgetFinding *self) { return self->severity; }
gboolean budget_finding_get_rounding (BudgetFinding *self) { return self->rounding; }
const char *budget_finding_get_message (BudgetFinding *self) { return self->message; }
const char *budget_finding_get_form_id (BudgetFinding *self) { return self->form_id; }
const char *budget_finding_get_row_key (BudgetFinding *self) { return self->row_key; }
int budget_finding_get_column (BudgetFinding *self) { return self->column; }
const char *budget_finding_get_column_id (BudgetFinding *self) { return self->column_id; }
const char *budget_finding_get_subject (BudgetFinding *self) { return self->subject; }
int budget_finding_get_text_start (BudgetFinding *self) { return self->text_start; }
int budget_finding_get_text_end (BudgetFinding *self) { return self->text_end; }
const char *budget_finding_get_other_form_id (BudgetFinding *self) { return self->other_form_id; }
const char *budget_finding_get_other_row_key (BudgetFinding *self) { return self->other_row_key; }
int budget_finding_get_other_column (BudgetFinding *self) { return self->other_column; }
gboolean budget_finding_has_values (BudgetFinding *self) { return self->has_values; }
BudgetAmount budget_finding_get_value (BudgetFinding *self) { return self->value; }
BudgetAmount budget_finding_get_other_value (BudgetFinding *self) { return self->other_value; }
BudgetAmount budget_finding_get_difference (BudgetFinding *self) { return self->difference; }
gboolean budget_finding_get_acknowledged (BudgetFinding *self) { return self->acknowledged; }
const char *budget_finding_get_ack_reason (BudgetFinding *self) { return self->ack_reason; }

/**
 * budget_finding_can_acknowledge:
 * @self: a finding
 *
 * Returns: whether the finding may be acknowledged with a reason: warnings and remarks may, errors
 * must be fixed
 */
gboolean
budget_finding_can_acknowledge (BudgetFinding *self)
{
  return self->severity != BUDGET_SEVERITY_ERROR;
}

/**
 * budget_finding_is_blocking:
 * @self: a finding
 *
 * Returns: whether the finding is an error (export asks for confirmation while errors remain)
 */
gboolean
budget_finding_is_blocking (BudgetFinding *self)
{
  return self->severity == BUDGET_SEVERITY_ERROR;
}

/**
 * budget_finding_get_key:
 * @self: a finding
 *
 * Returns: the finding's identity, `<rule>:<form>:<row>:<column>`: the row part is the row key, the
 * subject, or both as `row/subject`; the column part is the column id. It is stable across edits that
 * do not move what the finding is about, so acknowledgements can refer to it.
 */
const char *
budget_finding_get_key (BudgetFinding *self)
{
  if (self->key == NULL)
    {
      g_autofree char *form = key_part (self->form_id);
      g_autofree char *row = NULL;
      g_autofree char *col = key_part (self->column_id);

      if (self->row_key != NULL && self->subject != NULL)
        {
          g_autofree char *joined = g_strconcat (self->row_key, "/", self->subject, NULL);

          row = key_part (joined);
        }
      else
        row = key_part (self->row_key != NULL ? self->row_key : self->subject);

      self->key = g_strdup_printf ("%s:%s:%s:%s", self->rule_id, form, row, col);
    }
  return self->key;
}

/**
 * budget_finding_dup_ack_meta_key:
 * @self: a finding
 *
 * Returns: (transfer full): the document metadata key that holds the finding's acknowledgement:
 * `ack:` followed by the finding's key
 */
char *
budget_finding_dup_ack_meta_key (BudgetFinding *self)
{
  return g_strconcat ("ack:", budget_finding_get_key (self), NULL);
}

/**
 * budget_finding_equal:
 * @a: a finding
 * @b: a finding
 *
 * Returns: whether the two findings say exactly the same thing at the same place
 */
gboolean
budget_finding_equal (BudgetFinding *a,
                      BudgetFinding *b)
{
  return a->rule_id == b->rule_id &&
         a->severity == b->severity &&
         a->rounding == b->rounding &&
         g_strcmp0 (a->message, b->message) == 0 &&
         g_strcmp0 (a->form_id, b->form_id) == 0 &&
         g_strcmp0 (a->row_key, b->row_key) == 0 &&
         a->column == b->column &&
         g_strcmp0 (a->column_id, b->column_id) == 0 &&
         g_strcmp0 (a->subject, b->subject) == 0 &&
         a->text_start == b->text_start &&
         a->text_end == b->text_end &&
         g_strcmp0 (a->other_form_id, b->other_form_id) == 0 &&
         g_strcmp0 (a->other_row_key, b->other_row_key) == 0 &&
         a->other_column == b->other_column &&
         a->has_values == b->has_values &&
         a->value == b->value &&
         a->other_value == b->other_value &&
         a->acknowledged == b->acknowledged &&
         g_strcmp0 (a->ack_reason, b->ack_reason) == 0;
}
