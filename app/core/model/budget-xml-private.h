/* budget-xml-private.h: the small libxml2 helpers that the form-definition and project readers share */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* The attribute @name of @node as a GLib string, or NULL. */
static inline char *
budget_xml_prop (xmlNode    *node,
                 const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* The text content of @node as a GLib string ("" when empty). */
static inline char *
budget_xml_content (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strdup (value != NULL ? (const char *) value : "");

  xmlFree (value);
  return copy;
}

static inline gboolean
budget_xml_is_element (xmlNode    *node,
                       const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) name);
}

G_END_DECLS
