"""sift with the Airbyte agent SDK: a sift query turned into the arguments of the SDK's own
context-store search, checked against the connector's schema first.

    >>> import sift.sdk
    >>> from airbyte_agent_sdk.connectors.hubspot import HubspotConnector   # doctest: +SKIP
    >>> connector = HubspotConnector(auth_config=...)                       # doctest: +SKIP
    >>> query = 'from contacts where properties.email endswith "@acme.com" limit 10'
    >>> params = sift.sdk.search_params(query, catalog=sift.Catalog.from_sdk("hubspot"))  # doctest: +SKIP
    >>> result = await connector.contacts.context_store_search(**params)    # doctest: +SKIP

or, in one step with the catalog of the connector's own spec,
``await sift.sdk.search(connector, query)``.

The SDK sends ``{"entity", "action", "skip_truncation", "params"}`` to the execute endpoint;
``params`` is what ``sift compile --emit params`` prints, key for key, whenever each number in
the query is written as Python writes it back (``2.5``, not ``2.50`` or ``25e-1``: the SDK holds
the params as Python values and writes them with ``json.dumps``).
"""

from __future__ import annotations

from typing import Any

from . import Catalog, compile

#: The action of the context-store search on today's API (target 2026-10).
ACTION = "context_store_search"

#: The API version the SDK's ``context_store_search`` speaks.
TARGET = "2026-10"

__all__ = ["ACTION", "TARGET", "execute_args", "search", "search_params"]


def execute_args(source: str, **options: Any) -> tuple[str, str, dict[str, Any]]:
    """``(entity, action, params)`` for the SDK's generic ``connector.execute(...)``: a query
    (``from ENTITY ...``) compiled for the target the SDK speaks (2026-10), semantic search
    included. Takes the keyword arguments of ``sift.compile`` but ``emit``; raises
    ``SiftError`` for a query that would be refused."""
    options.setdefault("target", TARGET)
    request = compile(source, emit="request", **options)
    return request["entity"], request["action"], request["params"]


def search_params(source: str, **options: Any) -> dict[str, Any]:
    """The keyword arguments of the SDK's ``connector.ENTITY.context_store_search(...)``:
    ``query``, and ``limit``, ``cursor`` and ``fields`` when the query sets them. The entity is
    the query's ``from`` (or ``entity=``). Semantic search (``similar to``) has no argument in
    that method: use ``execute_args`` with ``connector.execute``."""
    options.setdefault("target", TARGET)
    params: dict[str, Any] = compile(source, emit="params", **options)
    if "semantic" in params:
        raise ValueError(
            "semantic search has no argument in context_store_search; "
            "pass sift.sdk.execute_args(...) to connector.execute instead"
        )
    return params


async def search(connector: Any, source: str, **options: Any) -> Any:
    """Runs a sift query with an SDK connector object: checked against the catalog of the
    connector's own spec (``Catalog.from_sdk(connector.connector_name)`` unless ``catalog=``
    is given), then sent with the connector's ``context_store_search`` for the query's entity.
    Returns what that method returns."""
    if "catalog" not in options:
        options["catalog"] = Catalog.from_sdk(connector.connector_name)
    entity, _action, params = execute_args(source, **options)
    if "semantic" in params:
        return await connector.execute(entity, ACTION, params)
    return await getattr(connector, entity).context_store_search(**params)
