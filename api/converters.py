class AnyPathConverter:
    """Any rest of an address, newlines included (Django's ``path`` converter stops at them)."""

    regex = "(?s:.*)"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
