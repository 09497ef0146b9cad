/* budget-catalog.h: classification catalogs (功能分类, 经济分类) and performance-indicator levels */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BUDGET_TYPE_CATALOG (budget_catalog_get_type ())

G_DECLARE_FINAL_TYPE (BudgetCatalog, budget_catalog, BUDGET, CATALOG, GObject)

BudgetCatalog *budget_catalog_get               (const char     *name);
BudgetCatalog *budget_catalog_get_for_year      (const char     *name,
                                                 int             year);
int            budget_catalog_get_year          (BudgetCatalog  *self);
gboolean       budget_catalog_is_imported       (BudgetCatalog  *self);
gboolean       budget_catalog_import            (const char     *name,
                                                 int             year,
                                                 const char     *tsv,
                                                 guint          *n_codes,
                                                 GError        **error);
BudgetCatalog *budget_catalog_new_from_tsv      (const char     *name,
                                                 const char     *tsv,
                                                 GError        **error);
const char    *budget_catalog_get_name          (BudgetCatalog  *self);
const char    *budget_catalog_lookup_name       (BudgetCatalog  *self,
                                                 const char     *code);
const char    *budget_catalog_lookup_field      (BudgetCatalog  *self,
                                                 const char     *code,
                                                 const char     *field);
guint          budget_catalog_get_n_levels      (BudgetCatalog  *self);
guint          budget_catalog_get_level_length  (BudgetCatalog  *self,
                                                 guint           level);
int            budget_catalog_level_of          (BudgetCatalog  *self,
                                                 const char     *code);
char          *budget_catalog_parent_code       (BudgetCatalog  *self,
                                                 const char     *code);
gboolean       budget_catalog_check_code        (BudgetCatalog  *self,
                                                 const char     *code,
                                                 gboolean        leaf,
                                                 GError        **error);
GPtrArray     *budget_catalog_list_codes        (BudgetCatalog  *self);

char         **budget_performance_level1        (const char     *scheme);
char         **budget_performance_level2        (const char     *scheme,
                                                 const char     *level1);
gboolean       budget_performance_pair_allowed  (const char     *scheme,
                                                 const char     *level1,
                                                 const char     *level2);

char          *budget_normalize_name            (const char     *name);

G_END_DECLS
