"""Reading untrusted JSON for the interchange: strict parsing, and typed fields whose errors name their JSON path."""

from __future__ import annotations

import json
import math
import re
from datetime import date

from domain.limits import longest_text
from storage.files import one_line, shown

DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)
WHOLE_NUMBERS = range(-(2**63), 2**63)  # what a .tutti file (SQLite) can hold


class ExchangeError(ValueError):
    """JSON that is not a readable Tutti plan; the message starts with the JSON path."""

    def __init__(self, message: str):
        # Keys and ids quoted in the message come from the file: keep the message on one line, and short.
        super().__init__(one_line(message))


def _reject_constant(name: str):
    raise ExchangeError(f"$: {name} is not a number JSON allows")


def _unique_keys(pairs: list) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            raise ExchangeError(f"$: the key '{shown(key)}' appears twice in one object")
        result[key] = value
    return result


def parse_json(text: str | bytes):
    """Parse untrusted JSON text; raises ExchangeError for bad UTF-8, bad JSON, NaN, duplicate keys, deep
    nesting and numbers too long to convert."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExchangeError(f"$: the file is not UTF-8 text (byte {error.start})") from None
    try:
        document = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise ExchangeError(f"$: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise ExchangeError("$: the JSON is nested too deeply") from None
    except ExchangeError:
        raise
    except ValueError:  # Python refuses to convert integers of thousands of digits
        raise ExchangeError("$: not valid JSON (a number is too long)") from None
    return document


class FieldReader:
    """Checks the shape of one JSON object and reads typed fields from it."""

    def __init__(self, value, path: str, known: tuple[str, ...], required: tuple[str, ...] = ()):
        if not isinstance(value, dict):
            raise ExchangeError(f"{path}: expected an object, found {kind_of(value)}")
        for key in value:
            if key not in known:
                raise ExchangeError(f"{path}.{shown(key)}: unknown field")
        for key in required:
            if value.get(key) is None:
                raise ExchangeError(f"{path}.{key}: missing")
        self.value, self.path = value, path

    def _get(self, key: str, types: tuple, kind: str, default):
        value = self.value.get(key)
        if value is None:
            return default
        if not isinstance(value, types) or isinstance(value, bool):
            raise ExchangeError(f"{self.path}.{key}: expected {kind}, found {kind_of(value)}")
        return value

    def text(self, key: str, default: str = "") -> str:
        value = self._get(key, (str,), "text", default)
        if value and len(value) > longest_text(key):
            raise ExchangeError(
                f"{self.path}.{key}: longer than {longest_text(key):,} characters, the most a Tutti plan holds"
            )
        if value and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ExchangeError(f"{self.path}.{key}: not valid Unicode (it holds a lone surrogate)") from None
        return value

    def integer(self, key: str, default: int | None = 0) -> int | None:
        value = self._get(key, (int,), "a whole number", default)
        if value is not None and value not in WHOLE_NUMBERS:
            raise ExchangeError(f"{self.path}.{key}: the number is too large")
        return value

    def number(self, key: str, default: float | None = None) -> float | None:
        value = self._get(key, (int, float), "a number", default)
        if value is None:
            return None
        try:
            value = float(value)
        except OverflowError:  # an integer beyond the range of floats
            value = math.inf
        if not math.isfinite(value):
            raise ExchangeError(f"{self.path}.{key}: expected a finite number")
        return value

    def day(self, key: str) -> date | None:
        value = self.text(key, None)
        return None if value is None else read_date(f"{self.path}.{key}", value)

    def stamp(self, key: str, default: str) -> str:
        value = self.text(key, None)
        if value is None:
            return default
        if not TIMESTAMP.fullmatch(value):
            raise ExchangeError(f"{self.path}.{key}: expected a UTC time YYYY-MM-DDTHH:MM:SSZ")
        return value

    def identifier(self, key: str = "id") -> str:
        value = self.text(key, None)
        if not value:
            raise ExchangeError(f"{self.path}.{key}: expected a non-empty id")
        return value

    def reference(self, key: str, targets: dict, kind: str) -> str | None:
        value = self.text(key, None)
        if value is None:
            return None
        if value not in targets:
            raise ExchangeError(f"{self.path}.{key}: there is no {kind} with id '{shown(value)}'")
        return value

    def items(self, key: str, most: int | None = None):
        value = self.value.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise ExchangeError(f"{self.path}.{key}: expected a list, found {kind_of(value)}")
        if most is not None and len(value) > most:
            raise ExchangeError(f"{self.path}.{key}: more than {most:,} items, the most a Tutti plan holds")
        return [(f"{self.path}.{key}[{n}]", item) for n, item in enumerate(value)]


def read_date(path: str, value) -> date:
    if not isinstance(value, str):
        raise ExchangeError(f"{path}: expected a date YYYY-MM-DD, found {kind_of(value)}")
    try:
        if not DATE.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ExchangeError(f"{path}: expected a date YYYY-MM-DD, found '{shown(value, 40)}'") from None


def kind_of(value) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )
