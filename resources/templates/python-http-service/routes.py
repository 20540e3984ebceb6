"""The service's own routes.

ROUTES maps "/path" to a GET handler(query dict), or ("POST", "/path") to a handler(request)
where request is {"query": {name: value}, "json": the parsed JSON body or None}. A handler
returns (status, JSON-serialisable body).
"""

ROUTES = {}
