"""Sphinx extension: write each script into a page once.

Under Jupyter Book 1.0.4 and Sphinx 7.4, the extensions that add inline
scripts (sphinx-thebe's ``const THEBE_JS_URL = ...``, sphinx-togglebutton's
settings) are set up twice, so every page carried two copies. A second
``const`` declaration of the same name is a JavaScript SyntaxError. This
extension drops exact duplicates from each page's script list, keeping the
first copy and the order.
"""

from __future__ import annotations


def _key(script) -> tuple:
    # Priority only orders the scripts and is not an attribute.
    attributes = tuple(
        sorted(
            (str(name), str(value))
            for name, value in script.attributes.items()
            if name != "priority"
        )
    )
    # Inline scripts come with a filename of None or "" depending on who
    # added them.
    return (script.filename or "", attributes)


def remove_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        key = _key(script)
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    # In place: the list is the builder's own, which handlers that run later
    # (MathJax's, for one) still append to.
    scripts[:] = unique


def setup(app):
    # Sphinx stops calling html-page-context handlers at the first one that
    # returns a template name, so this one runs early. The duplicates are
    # added when the builder starts, before any page is written.
    app.connect("html-page-context", remove_duplicate_scripts, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
