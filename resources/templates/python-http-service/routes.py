"""The service's own routes: path -> handler(query dict) -> (status, body)."""

ROUTES = {}
