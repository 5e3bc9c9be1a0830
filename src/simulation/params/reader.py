"""Reading one YAML file strictly: duplicate keys refused, pydantic errors as Problems."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import InputError, Problem
from ..files import not_regular

MAX_YAML_BYTES = 2**20  # the largest shipped params file is a few tens of kilobytes
MAX_YAML_NODES = 100_000  # values after aliases are expanded: "billion laughs" stops here
MERGE_TAG = "tag:yaml.org,2002:merge"


# libyaml's parser where PyYAML was built with it: ten times faster than the pure-Python one
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeyLoader(SAFE_LOADER):
    """PyYAML keeps the last of two equal keys silently; a params file must not. Aliases
    may not expand a file beyond :data:`MAX_YAML_NODES` values."""

    def get_single_node(self):  # noqa: ANN201 - PyYAML's signature
        node = super().get_single_node()
        if node is not None:
            _expanded_size(node, {})
        return node

    def construct_object(self, node, deep=False):  # noqa: ANN001, ANN201 - PyYAML's
        # a scalar PyYAML cannot convert (2026-02-30, "!!int abc", "!!bool maybe") raises a
        # plain ValueError or KeyError there; make it a YAML error that names the line
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
            shown = node.value if isinstance(node, yaml.ScalarNode) else "(a collection)"
            kind = node.tag.rsplit(":", 1)[-1].replace("timestamp", "date")
            why = f" ({error})" if isinstance(error, ValueError) else ""
            raise yaml.constructor.ConstructorError(
                None, None, f"{str(shown)[:40]!r} is not a valid {kind}{why}",
                node.start_mark) from None

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == MERGE_TAG:  # "<<: *base": merged keys may be overridden
                continue
            if not isinstance(key_node, yaml.ScalarNode):  # "? [a, b]": a list as a key
                raise yaml.constructor.ConstructorError(
                    None, None, "a complex key (a list or mapping used as a key); keys are "
                    "plain names", key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values ``node`` stands for once every alias is expanded (memoised, so a
    shared node is counted as often as it is used but visited once)."""
    if id(node) in sizes:
        return sizes[id(node)]
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    if size > MAX_YAML_NODES:
        raise yaml.composer.ComposerError(
            None, None, f"more than {MAX_YAML_NODES:,} values once aliases are expanded",
            node.start_mark)
    sizes[id(node)] = size
    return size


def read_yaml(path: Path, problems: list[Problem]) -> Any:
    """The file's content, or None with a Problem naming the line when it is not YAML, or
    saying why the file cannot be read (a folder, a pipe or device, unreadable, a broken
    link, too large, empty)."""
    expected = (f"a readable YAML file of at most {MAX_YAML_BYTES // 1024} KiB (a regular file, "
                "not a pipe, socket or device)")
    try:
        special = not_regular(path.stat().st_mode)  # follows a symlink: a link to a file is fine
        if special:  # refused without opening it: opening a pipe or device can block
            problems.append(Problem(str(path), "", f"({special})", expected))
            return None
        with path.open(encoding="utf-8") as handle:
            info = os.fstat(handle.fileno())  # the file opened, not the name checked above
            special = not_regular(info.st_mode)
            if special or info.st_size > MAX_YAML_BYTES:
                shown = f"({special})" if special else f"({info.st_size:,} bytes)"
                problems.append(Problem(str(path), "", shown, expected))
                return None
            data = yaml.load(handle, Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader
        if data is None:  # nothing but comments: a file emptied by mistake reads as "none"
            problems.append(Problem(str(path), "", "(an empty document)",
                                    "a YAML mapping of keys to values"))
        return data
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        said = str(getattr(error, "problem", error))
        if "nesting depth" in said:  # libyaml stops at 1,000 levels, before Python recurses
            said = "(nested too deeply)"
        problems.append(Problem(str(path), where, said, "valid YAML"))
    except UnicodeDecodeError as error:
        problems.append(Problem(str(path), "", str(error), "a UTF-8 text file"))
    except RecursionError:
        problems.append(Problem(str(path), "", "(nested too deeply)",
                                "YAML nested at most a few hundred levels"))
    except OSError as error:  # unreadable, a broken symlink, a symlink loop
        problems.append(Problem(str(path), "", f"({error.strerror})", expected))
    return None


def read_spec(path: Path, model: type[BaseModel], problems: list[Problem]) -> Any | None:
    """Read a YAML file and validate it against a pydantic model; None if it fails."""
    before = len(problems)
    data = read_yaml(path, problems)
    if len(problems) > before:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(pydantic_problems(error, str(path), "", model))
        return None


def pydantic_problems(error: ValidationError, source: str, prefix: str,
                      model: type[BaseModel]) -> list[Problem]:
    """Translate pydantic's errors into :class:`Problem` objects with key paths."""
    problems = []
    items = [{**i, "loc": tuple("str" if str(part).startswith("function-after[") else part
                                for part in i["loc"])} for i in error.errors()]
    # a text field may be one string or {id, en}: pydantic tries both and reports each; say
    # what is wrong with the string when it is a string (e.g. HTML in it), else what the
    # {id, en} form misses, in the field's own key
    union_keys = {tuple(i["loc"][:i["loc"].index("LabelSpec")]) for i in items
                  if "LabelSpec" in i["loc"]}
    bad_strings = {tuple(i["loc"][:-1]) for i in items
                   if i["loc"][-1:] == ("str",) and i["type"] == "value_error"}
    for item in items:
        # loc is () when the whole document (or a whole parameter) has the wrong type
        is_str = item["loc"][-1:] == ("str",)
        if is_str and tuple(item["loc"][:-1]) in union_keys - bad_strings:
            continue
        if "LabelSpec" in item["loc"] and tuple(
                item["loc"][:item["loc"].index("LabelSpec")]) in bad_strings:
            continue
        if is_str and tuple(item["loc"][:-1]) in bad_strings:
            item = {**item, "loc": item["loc"][:-1]}
        loc = [str(part) for part in item["loc"] if part != "LabelSpec"]
        if item["type"] == "invalid_key":  # the key itself, not its repr (a date, a number)
            loc[-1:] = [str(item.get("input"))]
        key = ".".join([prefix, *loc] if prefix else loc)
        if item.get("ctx", {}).get("class_name") == "LabelSpec":
            expected = ("a text in both languages, written {id: <Bahasa Indonesia>, "
                        "en: <English>}")
        elif item["type"] in ("model_type", "model_attributes_type", "dict_type"):
            # the value may be a whole list or document: name its type, not its content
            known = _known_keys(model, loc) if item["type"] != "dict_type" else []
            expected = (f"a mapping with the keys {', '.join(known)}" if known
                        else "a mapping of keys to values")
            problems.append(Problem(source, key, f"(a {_yaml_type(item.get('input'))})",
                                    expected))
            continue
        elif item["type"] == "invalid_key":
            expected = "a key written as text (in quotes when it looks like a number or date)"
        elif item["type"] == "extra_forbidden":
            expected = f"no such key; known keys here: {', '.join(_known_keys(model, loc[:-1]))}"
        elif item["type"] == "missing":
            expected = "this key to be present"
            problems.append(Problem(source, key, "(missing)", expected))
            continue
        else:
            expected = item["msg"].replace("Input should be ", "").replace("Value error, ", "")
        problems.append(Problem(source, key, item.get("input"), expected))
    return problems


def _yaml_type(value: object) -> str:
    names = {dict: "mapping", list: "list", str: "text", bool: "true/false", int: "number",
             float: "number", type(None): "null", dt.date: "date", dt.datetime: "date"}
    return names.get(type(value), type(value).__name__)


def _known_keys(model: type[BaseModel], loc: list[str]) -> list[str]:
    current: Any = model
    for part in loc:
        if part.isdigit():
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            break
        annotation = info.annotation
        args = [a for a in getattr(annotation, "__args__", ()) if isinstance(a, type)]
        candidates = [a for a in [annotation, *args] if isinstance(a, type)
                      and issubclass(a, BaseModel)]
        if not candidates:
            break
        current = candidates[0]
    return list(getattr(current, "model_fields", {}))


def read_list(path: Path, key: str, what: str) -> list:
    """The list under ``key`` of an optional YAML file (empty when there is no file);
    raises :class:`InputError` for a file that is not YAML or has no such list."""
    if not path.is_file():
        return []
    problems: list[Problem] = []
    data = read_yaml(path, problems)
    if problems:
        raise InputError(problems)
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError(Problem(str(path), key, items, what))
    return items
