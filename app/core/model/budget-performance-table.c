/* budget-performance-table.c: a performance table keeps its project name and 绩效目标 beside its rows */

#include "config.h"

#include "model/budget-performance-table.h"

struct _BudgetPerformanceTable
{
  BudgetForm  parent_instance;

  char       *name;   /* the project */
  char       *goal;   /* the 绩效目标 text */
};

G_DEFINE_FINAL_TYPE (BudgetPerformanceTable, budget_performance_table, BUDGET_TYPE_FORM)

static const char *
budget_performance_table_get_text_property (BudgetForm *form,
                                            const char *property)
{
  BudgetPerformanceTable *self = BUDGET_PERFORMANCE_TABLE (form);

  return g_str_equal (property, "name") ? self->name : g_str_equal (property, "goal") ? self->goal : NULL;
}

static void
budget_performance_table_set_text_property (BudgetForm *form,
                                            const char *property,
                                            const char *value)
{
  BudgetPerformanceTable *self = BUDGET_PERFORMANCE_TABLE (form);
  char **field = g_str_equal (property, "name") ? &self->name : g_str_equal (property, "goal") ? &self->goal : NULL;

  g_return_if_fail (field != NULL);
  g_free (*field);
  *field = g_strdup (value);
}

static void
budget_performance_table_finalize (GObject *object)
{
  BudgetPerformanceTable *self = BUDGET_PERFORMANCE_TABLE (object);

  g_free (self->name);
  g_free (self->goal);

  G_OBJECT_CLASS (budget_performance_table_parent_class)->finalize (object);
}

static void
budget_performance_table_class_init (BudgetPerformanceTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_performance_table_finalize;
  BUDGET_FORM_CLASS (klass)->get_text_property = budget_performance_table_get_text_property;
  BUDGET_FORM_CLASS (klass)->set_text_property = budget_performance_table_set_text_property;
}

static void
budget_performance_table_init (BudgetPerformanceTable *self)
{
  self->name = g_strdup ("");
  self->goal = g_strdup ("");
}
