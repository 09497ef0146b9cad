/* budget-text-generator.h: the numeric sentences of the explanatory text, written from the tables */
#pragma once

#include <glib.h>

#include "model/budget-document.h"

G_BEGIN_DECLS

const char * const *budget_text_sentence_ids          (void);
const char         *budget_text_sentence_get_section  (const char     *sentence_id);
const char         *budget_text_sentence_get_title    (const char     *sentence_id);

char               *budget_text_generate              (BudgetDocument *doc,
                                                       const char     *sentence_id);
gboolean            budget_text_find_sentence         (const char     *text,
                                                       const char     *sentence_id,
                                                       int            *start,
                                                       int            *end);
char               *budget_text_replace_sentence      (const char     *text,
                                                       const char     *sentence_id,
                                                       const char     *sentence);

char               *budget_text_expand                (BudgetDocument *doc,
                                                       const char     *text);
char               *budget_text_make_live             (BudgetDocument *doc,
                                                       const char     *section_id,
                                                       const char     *text);

int                 budget_text_map_to_typed          (BudgetDocument *doc,
                                                       const char     *typed,
                                                       int             rendered_offset,
                                                       gboolean        at_end);

const char *budget_form_get_rendered_text (BudgetForm *self);
char       *budget_form_dup_rendered_text (BudgetForm *self);

BudgetAmount budget_text_fixed_asset_purchases (BudgetDocument *doc);

G_END_DECLS
