#pragma once
// Result<T>: a value or a human-readable error, for synchronous work that can fail.
// Asynchronous work reports a status plus an error string through its signals instead.

#include <QString>
#include <utility>
#include <variant>

namespace orch {

// What kind of failure an error is, so a front end can react (show "not found", retry when
// unavailable) without reading the message. Crosses the remote API as its wire name.
enum class ErrorCode
{
    Failed,       // anything not covered below; the message says what
    BadRequest,   // a malformed request: a missing or mistyped parameter, an unknown method
    NotFound,     // no such run, project, graph version, report or file
    Invalid,      // a well-formed request the engine refuses (a negative top-up)
    InvalidGraph, // a graph document with problems, each with its JSON path
    Forbidden,    // not allowed for this caller
    Conflict,     // the thing is in a state that does not allow it (a run that is not waiting)
    Unavailable,  // cannot be served now (disconnected, shutting down); may work later
};

struct Error
{
    QString message;
    ErrorCode code = ErrorCode::Failed;
};

template <typename T> class [[nodiscard]] Result
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
    ErrorCode code() const { return ok() ? ErrorCode::Failed : std::get<1>(m_data).code; }
    // The error with its code, to pass a failure on: `return found.failure();`.
    Error failure() const { return ok() ? Error{} : std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const QString& error() const { return m_error.message; }
    ErrorCode code() const { return m_error.code; }
    Error failure() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace orch
