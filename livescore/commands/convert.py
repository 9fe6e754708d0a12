"""Converting command-line values without pydantic.

Typer (0.29+) converts every parameter with a pydantic TypeAdapter, built on first use:
importing pydantic and building the adapters was most of what ``watch --help`` and every
``watch``/``line`` run spent before doing anything (docs/benchmarks.md), and a bad value
was answered in pydantic's words. livescore's parameters are all strings, whole numbers,
numbers, flags, or lists of strings: those are converted here, in one plain sentence each
(``--interval: 'abc' is not a number``); any other annotation is left to Typer.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args, get_origin

from typer import core
from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _whole(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text(value).strip()
    if not text.isascii() or not text.lstrip("+-").isdigit():
        raise ValueError(f"{value!r} is not a whole number")
    return int(text)


def _number(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = _text(value).strip()
    try:
        number = float(text) if text.isascii() else math.nan
    except ValueError:
        number = math.nan
    if math.isnan(number) and text.lower().lstrip("+-") != "nan":
        raise ValueError(f"{value!r} is not a number")
    return number


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).strip().lower()
    if text in ("1", "true", "yes", "y", "on", "t"):
        return True
    if text in ("0", "false", "no", "n", "off", "f", ""):
        return False
    raise ValueError(f"{value!r} is not true or false")


PLAIN: dict[Any, Callable[[Any], Any]] = {str: _text, int: _whole, float: _number, bool: _flag}


@dataclass(frozen=True)
class PlainParam(RuntimeParam):
    """A value (or each value of a list) converted by one plain function."""

    convert: Callable[[Any], Any] = _text

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        try:
            if isinstance(value, (list, tuple)):
                return [self.convert(item) for item in value]
            return self.convert(value)
        except ValueError as exc:
            raise BadParameter(str(exc), ctx=ctx, param=param) from None


def converter(annotation: Any) -> Callable[[Any], Any] | None:
    """The plain conversion of an annotation, or None where Typer's own is needed."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (str,)
        return PLAIN.get(item)
    return PLAIN.get(annotation)


def plain_conversion() -> None:
    """Have Typer convert the parameters livescore declares with the functions above."""
    original = core._TyperParameter.get_runtime_param
    if getattr(original, "livescore", False):
        return

    def get_runtime_param(self: core._TyperParameter) -> RuntimeParam:
        if self._runtime_param is None:
            found = self.type_descriptor
            convert = None if found.file_annotation is not None else converter(found.annotation)
            if convert is not None and found.parameter_info.parser is None:
                self._runtime_param = PlainParam(found.parameter_info, found.annotation, convert)
        return original(self)

    get_runtime_param.livescore = True  # type: ignore[attr-defined]
    core._TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
