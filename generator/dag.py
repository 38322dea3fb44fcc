"""Solutions as a small DAG of named quantities.

A family's ``solution.py`` marks functions with :func:`quantity`. A function's argument names say
what it needs (parameters or other quantities), like pytest fixtures, so the dependency graph is
written once, in the code that computes. Evaluating with ``given`` overrides replaces a quantity by
a supplied value, which is how the grader recomputes a later part's key from a student's own earlier
answers (follow-through credit).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from generator.errors import DlexamError

_MARK = "__dlexam_quantity__"


def quantity(function: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a function in ``solution.py`` as a named quantity of the solution."""
    setattr(function, _MARK, True)
    return function


def collect(namespace: Mapping[str, Any]) -> dict[str, Callable[..., Any]]:
    """The marked quantities of a module namespace, in definition order."""
    return {name: fn for name, fn in namespace.items() if getattr(fn, _MARK, False)}


@cache
def arguments(function: Callable[..., Any]) -> tuple[str, ...]:
    """A quantity's argument names (inspected once: every evaluation of every variant asks)."""
    return tuple(inspect.signature(function).parameters)


class Graph:
    """The quantities of one family, checked once for unknown names and cycles."""

    def __init__(self, quantities: dict[str, Callable[..., Any]], param_names: Iterable[str]):
        self.quantities = quantities
        self.param_names = set(param_names)
        for name, function in quantities.items():
            for arg in arguments(function):
                if arg not in quantities and arg not in self.param_names:
                    raise DlexamError(
                        f"quantity {name!r} needs {arg!r}, "
                        "which is neither a parameter nor a quantity"
                    )
        for name in quantities:
            self._check_cycle(name, ())

    def _check_cycle(self, name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise DlexamError("quantities depend on each other in a cycle: " + " -> ".join(path))
        for arg in arguments(self.quantities[name]):
            if arg in self.quantities:
                self._check_cycle(arg, (*path, name))

    def evaluate(
        self,
        params: Mapping[str, Any],
        given: Mapping[str, Any] | None = None,
        wanted: Iterable[str] | None = None,
    ) -> dict[str, Any]:
        """Compute ``wanted`` quantities (default all); ``given`` values replace computed ones."""
        values: dict[str, Any] = dict(params)
        values.update(given or {})

        def resolve(name: str) -> Any:
            if name not in values:
                function = self.quantities[name]
                values[name] = function(*(resolve(arg) for arg in arguments(function)))
            return values[name]

        for name in wanted if wanted is not None else self.quantities:
            resolve(name)
        return {name: values[name] for name in self.quantities if name in values}

    def upstream(self, name: str, stop: set[str]) -> set[str]:
        """Quantities in ``stop`` that ``name`` depends on, not looking past them."""
        found: set[str] = set()
        seen: set[str] = set()

        def walk(current: str) -> None:
            for arg in arguments(self.quantities[current]):
                if arg in stop:
                    found.add(arg)
                elif arg in self.quantities and arg not in seen:
                    seen.add(arg)
                    walk(arg)

        walk(name)
        return found
