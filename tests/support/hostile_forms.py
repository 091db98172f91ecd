"""Read an admin form the way a browser does, so tests can submit it with hostile values.

``scrape(html)`` returns the fields of the page's model form: name, kind (text, textarea,
number, date, time, select, checkbox, file, hidden, ...) and what a browser would send for it
untouched. ``submission(fields)`` turns them into POST data.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str
    value: str = ""
    checked: bool = False
    options: list = field(default_factory=list)
    multiple: bool = False


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = []
        self.in_form = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            css = attrs.get("class", "")
            if "vDateField" in css:
                kind = "date"
            elif "vTimeField" in css:
                kind = "time"
            if kind in ("submit", "button", "image", "reset"):
                return
            self.fields.append(Field(name, kind, attrs.get("value", ""), "checked" in attrs))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = Field(name, "textarea")
            self.fields.append(self._textarea)
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = Field(name, "select", multiple="multiple" in attrs)
            self.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data


def scrape(html):
    parser = _FormParser()
    parser.feed(html)
    return parser.fields


def submission(fields, replace=None):
    """POST data as a browser sends it; ``replace(field)`` may return a hostile value instead."""
    data = {}
    for item in fields:
        value = replace(item) if replace else None
        if value is None:
            value = _browser_value(item)
            if value is None:
                continue
        data.setdefault(item.name, [])
        data[item.name].extend(value if isinstance(value, list) else [value])
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def _browser_value(item):
    if item.kind in ("checkbox", "radio"):
        return (item.value or "on") if item.checked else None
    if item.kind == "file":
        return None
    if item.kind == "select":
        chosen = [value for value, selected in item.options if selected]
        if item.multiple:
            return chosen or None
        return chosen[0] if chosen else (item.options[0][0] if item.options else "")
    return item.value
