"""`@guarded`: an unexpected error in a handler is reported, not a crash that loses work.

Textual stops a widget's message loop after an unhandled exception, so handlers that touch
user data catch errors themselves: the app saves the draft, writes a log and shows a toast.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """Wrap a screen/widget method so exceptions go to `app.report_error`."""
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def async_wrapper(self, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(self, *args, **kwargs)
            except Exception as error:
                self.app.report_error(error)
                return None

        return async_wrapper  # type: ignore[return-value]

    @functools.wraps(method)
    def wrapper(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as error:
            self.app.report_error(error)
            return None

    return wrapper  # type: ignore[return-value]
