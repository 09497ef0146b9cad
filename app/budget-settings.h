/* budget-settings.h: the application's GSettings, found also when the program runs uninstalled */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *budget_settings_new (void);

G_END_DECLS
