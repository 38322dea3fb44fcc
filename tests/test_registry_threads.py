"""The process registry under concurrent first use, as ``dlexam serve``'s threads call it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

FIRST_CALLS = textwrap.dedent(
    """
    import threading
    from concurrent.futures import ThreadPoolExecutor
    from generator.registry import default_registry, load_registry

    start = threading.Barrier(8)

    def first_call(_):
        start.wait()
        return default_registry()

    with ThreadPoolExecutor(8) as pool:
        registries = list(pool.map(first_call, range(8)))
    assert all(r is registries[0] for r in registries), "each thread loaded its own registry"
    loaded = registries[0]
    serial = load_registry()
    assert not loaded.broken, loaded.broken
    assert sorted(loaded.families) == sorted(serial.families)
    for name, family in serial.families.items():
        wanted = list(family.graph.quantities)
        assert list(loaded.families[name].graph.quantities) == wanted, name
    print(len(loaded.families))
    """
)


def test_concurrent_first_calls_share_one_complete_registry() -> None:
    # a fresh interpreter: the families' modules must not be imported yet
    result = subprocess.run(
        [sys.executable, "-c", FIRST_CALLS], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 60
