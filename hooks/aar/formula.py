"""The small formula language of the centre sizing rules, shared by the build and the in-page calculator.

A rule in data/ is written once, as text (`max(beds_min, ceil(capacity * share_men))`) or in one of
the short forms ({fixed: N}, {per: P, min: M, each: K}, {per_person: X, min: Y}). It is compiled here
into a JSON tree that the build evaluates in Python and the calculator evaluates in JavaScript
(docs/fr/assets/calculator.js, function `evaluate`). Both evaluators are a few lines long and follow
the same rules, so the page and the calculator cannot drift; tests/test_browser.py checks it.

Tree: a number, `None` (unknown, shown « à confirmer »), a name (str), or [operator, argument…].
Any arithmetic on `None` gives `None`, except `nz` (None → 0) and `isnull` (None → 1, else 0).
"""

from __future__ import annotations

import ast
import math

# Small tolerance so that 100 × 0.3 (= 30.000000000000004 in floating point) rounds up to 30, not 31.
EPSILON = 1e-9
# name -> (minimum, maximum) number of arguments
FUNCTIONS = {"ceil": (1, 1), "floor": (1, 1), "round": (1, 1), "sqrt": (1, 1), "max": (1, 99),
             "min": (1, 99), "nz": (1, 1), "isnull": (1, 1), "sum": (1, 999)}
_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class FormulaError(ValueError):
    """A formula that cannot be read; the message is in French."""


def parse(text: str):
    """Compile a formula written as text into a tree."""
    try:
        tree = ast.parse(str(text).strip(), mode="eval")
    except SyntaxError:
        raise FormulaError(f"formule illisible « {text} » : écrire par exemple "
                           "« max(4, ceil(capacity * 0.5)) ».") from None
    return _node(tree.body, text)


def _node(node, text):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return ["-", 0, _node(node.operand, text)]
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return [_BINARY[type(node.op)], _node(node.left, text), _node(node.right, text)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        name = node.func.id
        if name not in FUNCTIONS:
            raise FormulaError(f"fonction inconnue « {name} » dans « {text} » ; "
                               f"fonctions possibles : {', '.join(sorted(FUNCTIONS))}.")
        low, high = FUNCTIONS[name]
        if not low <= len(node.args) <= high:
            raise FormulaError(f"« {name} » reçoit {len(node.args)} argument(s) dans « {text} ».")
        return [name, *(_node(a, text) for a in node.args)]
    raise FormulaError(f"élément non permis dans « {text} » : seulement des nombres, des noms, "
                       "+ - * / et les fonctions " + ", ".join(sorted(FUNCTIONS)) + ".")


def compile_rule(rule):
    """A rule of data/ (short form, {formula: …} or text) as a tree."""
    if isinstance(rule, dict):
        if "formula" in rule:
            return parse(rule["formula"])
        if "fixed" in rule:
            return rule["fixed"]
        if "per" in rule:
            return ["max", rule.get("min", 0),
                    ["*", ["ceil", ["/", "capacity", rule["per"]]], rule.get("each", 1)]]
        if "per_person" in rule:
            return ["max", rule.get("min", 0), ["ceil", ["*", "capacity", rule["per_person"]]]]
    if isinstance(rule, str):
        return parse(rule)
    if isinstance(rule, (int, float)) or rule is None:
        return rule
    raise FormulaError(f"règle inconnue : {rule!r}")


def names(tree) -> set[str]:
    """The names a tree reads."""
    if isinstance(tree, str):
        return {tree}
    if isinstance(tree, list):
        return set().union(*(names(a) for a in tree[1:])) if len(tree) > 1 else set()
    return set()


def evaluate(tree, values: dict):
    """Value of a tree; keep in step with `evaluate` in docs/fr/assets/calculator.js."""
    if tree is None or isinstance(tree, (int, float)):
        return tree
    if isinstance(tree, str):
        return values[tree]
    op, *args = tree
    found = [evaluate(a, values) for a in args]
    if op == "isnull":
        return 1 if found[0] is None else 0
    if op == "nz":
        return 0 if found[0] is None else found[0]
    if any(v is None for v in found):
        return None
    if op == "+":
        return found[0] + found[1]
    if op == "-":
        return found[0] - found[1]
    if op == "*":
        return found[0] * found[1]
    if op == "/":
        return None if found[1] == 0 else found[0] / found[1]
    if op == "ceil":
        return math.ceil(found[0] - EPSILON)
    if op == "floor":
        return math.floor(found[0] + EPSILON)
    if op == "round":
        return math.floor(found[0] + 0.5)
    if op == "sqrt":
        return math.sqrt(found[0]) if found[0] >= 0 else None
    if op == "max":
        return max(found)
    if op == "min":
        return min(found)
    if op == "sum":
        total = 0
        for value in found:
            total += value
        return total
    raise FormulaError(f"opération inconnue « {op} »")


def order(definitions: dict[str, object], given: set[str]) -> list[str]:
    """Names in an order where each comes after what it reads; French error on a cycle or unknown name."""
    done: list[str] = []
    state: dict[str, int] = {}

    def visit(name, path):
        if name in given or state.get(name) == 2:
            return
        if name not in definitions:
            reader = f" (lu par « {path[-1]} »)" if path else ""
            raise FormulaError(f"nom inconnu « {name} »{reader}")
        if state.get(name) == 1:
            raise FormulaError("calcul circulaire : " + " → ".join([*path[path.index(name):], name]))
        state[name] = 1
        for dependency in sorted(names(definitions[name])):
            visit(dependency, [*path, name])
        state[name] = 2
        done.append(name)

    for name in definitions:
        visit(name, [])
    return done
