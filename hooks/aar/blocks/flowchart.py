"""Decision charts (data/flowcharts/ID.yml) rendered as linked HTML that works offline and prints.

No diagram service or script: each question is a numbered box whose answers jump to the next box,
so the chart reads on a phone, prints in the PDF, and can be translated field by field.
"""

from __future__ import annotations

import posixpath

from mkdocs.utils import get_relative_url

from ..contract import Catalogue
from ..markers import BlockContext, renderer
from ..project import DATA_DIR, DataFileError, load_data, localized
from ..templates import labels, render


# Triage colours, for charts that declare `colours: true` (the medical chart): every outcome carries one.
COLOURS = ("rouge", "jaune", "vert", "noir")


def _answer(node: dict, answer: bool):
    """`yes:`/`no:` keys are read by YAML as booleans; accept both spellings."""
    word = "yes" if answer else "no"
    return node.get(word, node.get(answer))


def page_url(relative: str) -> str:
    """The URL of a page (use_directory_urls) from its path under the language folder."""
    path, _, anchor = relative.partition("#")
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        url = stem[: -len("index")]
    else:
        url = stem + "/"
    return url + (f"#{anchor}" if anchor else "")


def flowchart_problems(chart, name: str, catalogue: Catalogue | None) -> list[str]:
    where = f"data/flowcharts/{name}.yml"
    if not isinstance(chart, dict) or not isinstance(chart.get("nodes"), list):
        return [f"{where} : attendu les champs title, start et nodes (une liste)."]
    nodes = {n.get("id"): n for n in chart["nodes"] if isinstance(n, dict)}
    problems = []
    if chart.get("start") not in nodes:
        problems.append(f"{where} : « start » doit être l'id d'un nœud ; trouvé « {chart.get('start')} ».")
    for node_id, node in nodes.items():
        if "question" in node:
            for answer in (True, False):
                target = _answer(node, answer)
                if target not in nodes:
                    word = "yes" if answer else "no"
                    problems.append(f"{where}, nœud « {node_id} » : « {word} » doit mener à un nœud existant ; "
                                    f"trouvé « {target} ».")
        elif "outcome" not in node:
            problems.append(f"{where}, nœud « {node_id} » : attendu un champ « question » ou « outcome ».")
        elif chart.get("colours") and node.get("colour") not in COLOURS:
            problems.append(f"{where}, nœud « {node_id} » : chaque résultat de cet arbre porte une couleur de tri ; "
                            f"attendu « colour: » {', '.join(COLOURS)} ; trouvé « {node.get('colour')} ».")
        link = node.get("link")
        if link and catalogue is not None:
            path = link.partition("#")[0]
            if ("fr", path) not in catalogue.by_path:
                problems.append(f"{where}, nœud « {node_id} » : le lien « {link} » ne mène à aucune page "
                                f"(attendu un chemin sous docs/fr/, par exemple protocoles/pos-01.md#etape-3).")
    return problems


def _check(arguments: dict, catalogue: Catalogue) -> str | None:
    name = arguments["id"]
    if not (DATA_DIR / "flowcharts" / f"{name}.yml").is_file():
        return f"marqueur « aar:flowchart » : aucun fichier data/flowcharts/{name}.yml."
    try:
        chart = load_data(f"flowcharts/{name}")
    except DataFileError as error:
        return str(error)
    problems = flowchart_problems(chart, name, catalogue)
    return " ; ".join(problems) if problems else None


@renderer("flowchart", arguments=("id",), required=("id",), check=_check)
def flowchart(context: BlockContext, id: str) -> str:
    chart = load_data(f"flowcharts/{id}")
    order = [n["id"] for n in chart["nodes"]]
    start = chart["start"]
    order.remove(start)
    order.insert(0, start)
    nodes = {n["id"]: n for n in chart["nodes"]}
    numbers, q, r = {}, 0, 0
    for node_id in order:
        if "question" in nodes[node_id]:
            q += 1
            numbers[node_id] = f"Q{q}"
        else:
            r += 1
            numbers[node_id] = f"R{r}"
    here = page_url(context.relative)
    items = []
    for node_id in order:
        node = nodes[node_id]
        item = {"anchor": f"{id}-{node_id}", "number": numbers[node_id],
                "level": node.get("level", "info"), "link": None}
        if "question" in node:
            item["question"] = localized(node["question"], context.language)
            item["answers"] = [{"yes": answer, "anchor": f"{id}-{_answer(node, answer)}",
                                "number": numbers[_answer(node, answer)]} for answer in (True, False)]
        else:
            item["outcome"] = localized(node["outcome"], context.language)
            item["colour"] = node.get("colour")
        if node.get("link"):
            item["link"] = get_relative_url(page_url(node["link"]), here)
            item["link_text"] = posixpath.basename(node["link"].partition("#")[0])[:-3].upper()
            anchor = node["link"].partition("#")[2]
            if anchor.startswith("etape-"):   # « étape 4 », « jéego 4 » (data/labels.yml, flow_step)
                item["link_text"] += f", {labels(context.language)['flow_step']} {anchor.removeprefix('etape-')}"
        items.append(item)
    return render("flowchart.html", context.language, title=localized(chart.get("title", ""), context.language),
                  items=items, chart_id=id)
