"""PostgreSQL pools per event loop (core.db.LoopPoolPostgresEngine).

asyncpg connections work only on the loop that opened them; an app whose
lifespan runs on one loop while other code queries from another must not be
handed a connection of the wrong loop.
"""

from __future__ import annotations

import asyncio
import threading

import pytest

from core.db import LoopPoolPostgresEngine, make_engine
from core.testing import PG_URL, worker_pg_url

pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL only: CI runs it in its PostgreSQL pass")

PID = "SELECT pg_backend_pid() AS pid"


def test_each_loop_uses_its_own_pool_and_a_loop_without_one_connects_per_query(migrated_database: str) -> None:
    engine = make_engine(worker_pg_url())
    assert isinstance(engine, LoopPoolPostgresEngine)
    assert engine.pool is None  # outside any loop
    ready, done = threading.Event(), threading.Event()
    seen: dict[str, list[int]] = {}

    async def pooled(name: str) -> None:
        await engine.start_connection_pool(min_size=1, max_size=1)
        assert engine.pool is not None
        seen[name] = [(await engine.run_ddl(PID))[0]["pid"] for _ in range(3)]
        if name == "first":
            ready.set()
            await asyncio.to_thread(done.wait, 30)
            # The other loop closed its pool meanwhile: this one still works.
            seen[name].append((await engine.run_ddl(PID))[0]["pid"])
        await engine.close_connection_pool()
        assert engine.pool is None

    first = threading.Thread(target=asyncio.run, args=(pooled("first"),))
    first.start()
    assert ready.wait(30)
    asyncio.run(pooled("second"))
    done.set()
    first.join(30)

    # Each loop reused its one pooled connection; the two loops had different ones.
    assert len(set(seen["first"])) == 1 and len(set(seen["second"])) == 1
    assert seen["first"][0] != seen["second"][0]

    async def unpooled() -> list[int]:
        assert engine.pool is None
        return [(await engine.run_ddl(PID))[0]["pid"] for _ in range(2)]

    one, two = asyncio.run(unpooled())
    assert one != two  # no pool on this loop: a new connection per query, as Piccolo does without one
