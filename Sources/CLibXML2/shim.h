// libxml2 is built with ICU, and its encoding.h then includes the system's ICU headers, which
// clash with the copy of ICU inside Foundation. Gazette only ever holds pointers to encoding
// handlers, so hiding their ICU fields changes no layout it uses.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
