/* budget-text-section.c: a text section keeps its text; it has no rows */

#include "config.h"

#include "model/budget-text-section.h"

struct _BudgetTextSection
{
  BudgetForm  parent_instance;

  char       *text;
};

G_DEFINE_FINAL_TYPE (BudgetTextSection, budget_text_section, BUDGET_TYPE_FORM)

static const char *
budget_text_section_get_text_property (BudgetForm *form,
                                       const char *property)
{
  return g_str_equal (property, "text") ? BUDGET_TEXT_SECTION (form)->text : NULL;
}

static void
budget_text_section_set_text_property (BudgetForm *form,
                                       const char *property,
                                       const char *value)
{
  BudgetTextSection *self = BUDGET_TEXT_SECTION (form);

  g_return_if_fail (g_str_equal (property, "text"));
  g_free (self->text);
  self->text = g_strdup (value);
}

static void
budget_text_section_finalize (GObject *object)
{
  g_free (BUDGET_TEXT_SECTION (object)->text);

  G_OBJECT_CLASS (budget_text_section_parent_class)->finalize (object);
}

static void
budget_text_section_class_init (BudgetTextSectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_text_section_finalize;
  BUDGET_FORM_CLASS (klass)->get_text_property = budget_text_section_get_text_property;
  BUDGET_FORM_CLASS (klass)->set_text_property = budget_text_section_set_text_property;
}

static void
budget_text_section_init (BudgetTextSection *self)
{
  self->text = g_strdup ("");
}
