/* budget-core.h: the model library (no GTK): what the window and the tests include */
#pragma once

#include "model/budget-amount.h"
#include "model/budget-catalog.h"
#include "model/budget-document.h"
#include "model/budget-form.h"
#include "model/budget-performance-table.h"
#include "model/budget-text-section.h"
#include "model/budget-form-def.h"
#include "model/budget-formula.h"
#include "model/budget-resources.h"
#include "model/budget-snapshot.h"
#include "edit/budget-command.h"
#include "edit/budget-document-edit.h"
#include "edit/budget-undo-stack.h"
#include "io/budget-project-io.h"
#include "layout/budget-table-layout.h"
#include "render/budget-tsv.h"
