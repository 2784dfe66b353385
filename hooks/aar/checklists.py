"""Tick lists a phone can tick (plain functions used by hooks/checklists.py).

pymdownx.tasklist writes each `- [ ]` item as a disabled checkbox with no name, which screen readers
announce as an unlabelled control. Each box gets an id and is named by its item's text (a span the
box points to with aria-labelledby: text inside a <label> would be left out of the search index);
the page gets the tools block (overrides/partials/aar/checklist-tools.html) above its first list.
assets/phone.js enables the boxes, makes a tap on the text tick the box (a target as large as the
line) and keeps their state on the phone.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

# What ends an item's own text: its nested lists and blocks stay outside the label.
_BLOCKS = {"ul", "ol", "p", "div", "table", "details", "blockquote", "pre", "dl", "figure"}


def checklist_key(page_url: str, version: str | None) -> str:
    """`listes/lc-02/@0.2`: ticks are kept per page and per version of the page."""
    return f"{page_url}@{version or ''}"


def make_tickable(html: str, tools: str) -> str:
    """Label every task-list checkbox with its item's text and put `tools` above the first list."""
    if "task-list-item" not in html:
        return html
    document = BeautifulSoup(html, "html.parser")
    items = document.select("li.task-list-item")
    if not items:
        return html
    for number, item in enumerate(items, 1):
        control = item.find("label", class_="task-list-control", recursive=False)
        box = control.find("input") if control else None
        if box is None:
            continue
        box["id"] = f"aar-tick-{number}"
        box["data-aar-tick"] = str(number)
        box["aria-labelledby"] = f"aar-tick-{number}-text"
        label = document.new_tag("span", attrs={"id": f"aar-tick-{number}-text", "class": "aar-tick"})
        node = control.next_sibling
        while node is not None and not (isinstance(node, Tag) and node.name in _BLOCKS):
            following = node.next_sibling
            label.append(node.extract())
            node = following
        if label.contents and isinstance(label.contents[0], NavigableString):
            label.contents[0].replace_with(label.contents[0].lstrip())
        control.insert_after(label)
        control.insert_after(" ")
    first_list = items[0].find_parent(["ul", "ol"])
    first_list.insert_before(BeautifulSoup(tools, "html.parser"))
    return str(document)
