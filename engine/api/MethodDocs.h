#pragma once
// The method list of docs/remote-api.md, written from the method table so the document
// cannot drift from the code (tst_api_methods compares them; scripts/update-api-doc rewrites).

#include <QString>
#include <QStringList>

namespace orch::api {

// Every wire method name, in table order.
QStringList methodNames();
// The markdown table: method, parameters, result.
QString methodListMarkdown();

} // namespace orch::api
