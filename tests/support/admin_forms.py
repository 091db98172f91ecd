"""What a browser would post back from an admin page, read from its HTML, so tests can submit
forms whose fields they do not list by hand (other engineers add fields to these models)."""

from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "file", "image", "reset"}


class _FormValues(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
        if not self.inside or "name" not in attributes and tag not in {"option"}:
            return
        if tag == "input" and attributes.get("type", "text") not in SKIPPED_INPUTS:
            self._input(attributes)
        elif tag == "select":
            self._select = attributes["name"]
            # A multiple select with nothing chosen sends nothing, as a browser does.
            if "multiple" not in attributes:
                self.values.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in attributes:
            self.values[self._select] = attributes.get("value", "")
        elif tag == "textarea":
            self._textarea = attributes["name"]
            self.values[self._textarea] = ""

    def _input(self, attributes):
        kind = attributes.get("type", "text")
        if kind in {"checkbox", "radio"} and "checked" not in attributes:
            return
        self.values[attributes["name"]] = attributes.get(
            "value", "on" if kind in {"checkbox", "radio"} else ""
        )

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            # Browsers drop the one newline that follows <textarea>.
            self.values[self._textarea] += (
                data.removeprefix("\n") if not self.values[self._textarea] else data
            )


def form_values(html, form_id):
    """The name → value pairs the form ``form_id`` of ``html`` would send as it stands."""
    parser = _FormValues(form_id)
    parser.feed(html)
    parser.close()
    return parser.values
