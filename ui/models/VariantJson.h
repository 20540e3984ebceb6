#pragma once
// Values from QML (QVariant, or a JavaScript value wrapped in one) as the engine's JSON, and
// a checked lookup by JSON pointer; both never throw.

#include "core/Json.h"

#include <QJSValue>
#include <QJsonDocument>
#include <QVariant>

namespace orch::ui {

// Null for an invalid or null value; a JavaScript object or array arrives as its plain form.
inline Json jsonFromVariant(const QVariant& given)
{
    const QVariant value = given.metaType() == QMetaType::fromType<QJSValue>()
                               ? given.value<QJSValue>().toVariant()
                               : given;
    if (!value.isValid() || value.isNull())
        return Json();
    const Json wrapped =
        parseJson(QJsonDocument::fromVariant(QVariantList{value}).toJson(QJsonDocument::Compact));
    return wrapped.is_array() && !wrapped.empty() ? wrapped[0] : Json();
}

// The value at a JSON pointer ("/spec/title"); null for a malformed pointer or nothing there.
inline const Json* jsonAt(const Json& document, const std::string& pointer)
{
    try {
        const Json::json_pointer parsed(pointer);
        return document.contains(parsed) ? &document.at(parsed) : nullptr;
    } catch (const Json::exception&) {
        return nullptr;
    }
}

} // namespace orch::ui
