#pragma once
// Result<T>: a value or a human-readable error, for synchronous work that can fail.
// Asynchronous work reports a status plus an error string through its signals instead.

#include <QString>

#include <utility>
#include <variant>

namespace orch {

struct Error
{
    QString message;
};

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    // By value, so `for (x : f().value())` does not dangle.
    T value() && { return std::get<0>(std::move(m_data)); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    const T& operator*() const& { return value(); }

    // Empty when ok(), so it is safe in diagnostics that are built eagerly.
    const QString& error() const
    {
        static const QString none;
        return ok() ? none : std::get<1>(m_data).message;
    }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error.message)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString& error() const { return m_error; }

private:
    QString m_error;
    bool m_failed = false;
};

} // namespace orch
