/* validate-ui.c: validates GtkBuilder files the way `gtk4-builder-tool validate` does from GTK 4.10 on,
 * for GTK 4.8, with the application's widget types linked in.
 *
 * GTK 4.8's gtk4-builder-tool cannot validate a template that connects signal handlers (it looks the
 * handlers up as global symbols, and template callbacks are static) or that uses the application's own
 * widgets (BudgetGrid, ...). This program does what the tool's later versions do: a builder scope that
 * accepts every callback, and a stand-in type, derived from the template's parent, for the template's
 * class. Other types resolve through GtkBuilderCScope, which finds the application's get_type functions
 * among the executable's exported symbols (the executable is linked with export_dynamic), so child
 * widgets are the real ones, built with their own templates.
 *
 * Usage: validate-ui FILE.ui
 * Exit status 0 when the file is valid, 1 when it is not, 77 without a display.
 */

#include <string.h>
#include <gtk/gtk.h>

#define VALIDATE_TYPE_SCOPE (validate_scope_get_type ())
G_DECLARE_FINAL_TYPE (ValidateScope, validate_scope, VALIDATE, SCOPE, GtkBuilderCScope)

struct _ValidateScope
{
  GtkBuilderCScope parent_instance;
};

static GtkBuilderScopeInterface *parent_scope_iface;

static void validate_scope_iface_init (GtkBuilderScopeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ValidateScope, validate_scope, GTK_TYPE_BUILDER_CSCOPE,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDER_SCOPE, validate_scope_iface_init))

static void
do_nothing (void)
{
}

/* Every handler name is accepted: the handlers are bound by the widget classes, not found here. */
static GClosure *
validate_scope_create_closure (GtkBuilderScope        *scope,
                               GtkBuilder             *builder,
                               const char             *function_name,
                               GtkBuilderClosureFlags  flags,
                               GObject                *object,
                               GError                **error)
{
  if (function_name == NULL || function_name[0] == '\0')
    {
      g_set_error (error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_FUNCTION,
                   "A signal handler without a name");
      return NULL;
    }
  return g_cclosure_new (G_CALLBACK (do_nothing), NULL, NULL);
}

static GType
validate_scope_get_type_from_name (GtkBuilderScope *scope,
                                   GtkBuilder      *builder,
                                   const char      *type_name)
{
  return parent_scope_iface->get_type_from_name (scope, builder, type_name);
}

static GType
validate_scope_get_type_from_function (GtkBuilderScope *scope,
                                       GtkBuilder      *builder,
                                       const char      *function_name)
{
  return parent_scope_iface->get_type_from_function (scope, builder, function_name);
}

static void
validate_scope_iface_init (GtkBuilderScopeInterface *iface)
{
  parent_scope_iface = g_type_interface_peek_parent (iface);
  iface->get_type_from_name = validate_scope_get_type_from_name;
  iface->get_type_from_function = validate_scope_get_type_from_function;
  iface->create_closure = validate_scope_create_closure;
}

static void
validate_scope_class_init (ValidateScopeClass *klass)
{
}

static void
validate_scope_init (ValidateScope *self)
{
}

static GtkBuilder *
new_builder (void)
{
  GtkBuilder *builder = gtk_builder_new ();
  g_autoptr(GtkBuilderScope) scope = g_object_new (VALIDATE_TYPE_SCOPE, NULL);

  gtk_builder_set_scope (builder, scope);
  return builder;
}

static char *
quoted_after (const char *message,
              const char *marker)
{
  const char *start = strstr (message, marker);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (marker);
  end = strchr (start, '\'');
  return end != NULL ? g_strndup (start, end - start) : NULL;
}

static gboolean
validate_template (const char *filename,
                   const char *type_name,
                   const char *parent_name)
{
  g_autoptr(GtkBuilder) builder = new_builder ();
  g_autoptr(GError) error = NULL;
  GType parent_type;
  GType template_type;
  GTypeQuery query;
  GObject *object;
  gboolean ok;

  parent_type = gtk_builder_get_type_from_name (builder, parent_name);
  if (parent_type == G_TYPE_INVALID)
    {
      g_printerr ("%s: unknown template parent type %s\n", filename, parent_name);
      return FALSE;
    }
  /* The stand-in must carry the template's class name; the real class is never registered in this
   * process (one file per process), so the name is free. */
  template_type = g_type_from_name (type_name);
  if (template_type == G_TYPE_INVALID)
    {
      g_type_query (parent_type, &query);
      template_type = g_type_register_static_simple (parent_type, type_name, query.class_size, NULL,
                                                     query.instance_size, NULL, 0);
    }
  object = g_object_new (template_type, NULL);
  if (G_IS_INITIALLY_UNOWNED (object))
    g_object_ref_sink (object);

  ok = gtk_builder_extend_with_template (builder, object, template_type, " ", 1, &error)
       && gtk_builder_add_from_file (builder, filename, &error);
  if (!ok)
    g_printerr ("%s\n", error->message);

  if (GTK_IS_WINDOW (object))
    gtk_window_destroy (GTK_WINDOW (object));
  else if (GTK_IS_WIDGET (object))
    {
      GtkWidget *child;

      /* The stand-in has no dispose of its own to drop the template's children. */
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
        gtk_widget_unparent (child);
    }
  g_object_unref (object);
  return ok;
}

static gboolean
validate_file (const char *filename)
{
  g_autoptr(GtkBuilder) builder = new_builder ();
  g_autoptr(GError) error = NULL;
  g_autofree char *class_name = NULL;
  g_autofree char *parent_name = NULL;

  if (gtk_builder_add_from_file (builder, filename, &error))
    return TRUE;
  if (g_error_matches (error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_UNHANDLED_TAG))
    {
      class_name = quoted_after (error->message, "(class '");
      parent_name = quoted_after (error->message, ", parent '");
      if (class_name != NULL && parent_name != NULL)
        return validate_template (filename, class_name, parent_name);
    }
  g_printerr ("%s\n", error->message);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE.ui\n", argv[0]);
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_print ("SKIP: no display\n");
      return 77;
    }
  /* A warning or critical while building the file is a defect of the file (or of a widget it uses). */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return validate_file (argv[1]) ? 0 : 1;
}
