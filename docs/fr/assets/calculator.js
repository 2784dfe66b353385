/* Centre calculator (DIR-03): the figures of DIR-02, DIR-03, DIR-04 and DIR-06 for any capacity.
   The page embeds the model built by hooks/aar/sizing.py: named formulas in evaluation order, and the
   tables to show. This file holds no sizing rule: it evaluates the formulas (`evaluate`, in step with
   hooks/aar/formula.py) and refreshes the numbers and the plan, so it cannot drift from the printed
   tables. tests/test_browser.py compares both. Nothing is fetched and nothing is stored. */
(function () {
  "use strict";

  var EPSILON = 1e-9;  // as in hooks/aar/formula.py

  function evaluate(tree, values) {
    if (tree === null || typeof tree === "number") return tree;
    if (typeof tree === "string") return values[tree] === undefined ? null : values[tree];
    var op = tree[0], args = [], i;
    for (i = 1; i < tree.length; i++) args.push(evaluate(tree[i], values));
    if (op === "isnull") return args[0] === null ? 1 : 0;
    if (op === "nz") return args[0] === null ? 0 : args[0];
    for (i = 0; i < args.length; i++) if (args[i] === null) return null;
    switch (op) {
      case "+": return args[0] + args[1];
      case "-": return args[0] - args[1];
      case "*": return args[0] * args[1];
      case "/": return args[1] === 0 ? null : args[0] / args[1];
      case "ceil": return Math.ceil(args[0] - EPSILON);
      case "floor": return Math.floor(args[0] + EPSILON);
      case "round": return Math.floor(args[0] + 0.5);
      case "sqrt": return args[0] >= 0 ? Math.sqrt(args[0]) : null;
      case "max": return Math.max.apply(null, args);
      case "min": return Math.min.apply(null, args);
      case "sum":
        var total = 0;
        for (i = 0; i < args.length; i++) total += args[i];
        return total;
    }
    throw new Error("opération inconnue : " + op);
  }

  function evaluateModel(model, capacity, overrides) {
    var values = {capacity: capacity};
    model.forEach(function (entry) {
      values[entry[0]] = entry[0] in overrides ? overrides[entry[0]] : evaluate(entry[1], values);
    });
    return values;
  }

  // Displayed value and SVG coordinates: as `rounded` (blocks/centres.py) and `coordinate`, `fill` (plan.py).
  function rounded(value, decimals) {
    if (value === null || value === undefined) return null;
    var scale = Math.pow(10, decimals);
    return Math.floor(value * scale + 0.5) / scale;
  }

  function coordinate(value) {
    return (value === null || value === undefined) ? "0" : value.toFixed(2).replace(/\.?0+$/, "");
  }

  function fill(template, values) {
    return template.replace(/\{([A-Za-z0-9_]+)\}/g, function (match, name) { return coordinate(values[name]); });
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function valueNode(part) {
    var span = element("span");
    span.setAttribute("data-v", part.v);
    span.setAttribute("data-d", String(part.d || 0));
    if (!part.pre && !part.post) return span;
    var wrapper = element("span", undefined, "aar-calculator__part");
    if (part.hide_zero) wrapper.setAttribute("data-hide-zero", part.v);
    wrapper.appendChild(document.createTextNode(part.pre || ""));
    wrapper.appendChild(span);
    wrapper.appendChild(document.createTextNode(part.post || ""));
    return wrapper;
  }

  function cellContent(td, content, model) {
    if (typeof content === "string") {
      td.textContent = content;
    } else if (Array.isArray(content)) {
      content.forEach(function (part) { cellContent(td, part, model); });
    } else if (content.input) {
      var input = element("input", undefined, "aar-calculator__unit");
      input.type = "number";
      input.min = "0";
      input.step = "any";
      input.inputMode = "decimal";
      input.setAttribute("data-input", content.input);
      var initial = model[content.input];
      if (initial !== null && initial !== undefined) input.value = String(initial / (content.scale || 1));
      if (content.scale) input.setAttribute("data-scale", String(content.scale));
      td.appendChild(input);
    } else {
      td.appendChild(valueNode(content));
    }
  }

  function table(spec, model) {
    var wrapper = element("div", undefined, "md-typeset__table");
    var tableNode = element("table");
    if (spec.caption) tableNode.appendChild(element("caption", spec.caption));
    var head = element("thead"), headRow = element("tr");
    spec.headers.forEach(function (h) { headRow.appendChild(element("th", h)); });
    head.appendChild(headRow);
    tableNode.appendChild(head);
    var body = element("tbody");
    spec.rows.forEach(function (cells) {
      var row = element("tr");
      cells.forEach(function (c, column) {
        var td = element("td");
        cellContent(td, c, model);
        row.appendChild(td);
        // A field in a table is named by its row and its column, as a screen reader reads them.
        Array.prototype.forEach.call(td.querySelectorAll("input"), function (input) {
          input.setAttribute("aria-label", [typeof cells[0] === "string" ? cells[0] : "", spec.headers[column] || ""]
            .filter(Boolean).join(" — "));
        });
      });
      body.appendChild(row);
    });
    tableNode.appendChild(body);
    wrapper.appendChild(tableNode);
    return wrapper;
  }

  function render(root) {
    var data = JSON.parse(root.querySelector(".aar-calculator__data").textContent);
    var labels = JSON.parse(root.querySelector(".aar-calculator__labels").textContent);
    var capacityInput = root.querySelector(".aar-calculator__capacity");
    var output = root.querySelector(".aar-calculator__output");
    var plan = root.querySelector(".aar-plan");
    var number = {};
    var constants = {};
    data.model.forEach(function (entry) { if (!Array.isArray(entry[1])) constants[entry[0]] = entry[1]; });

    function format(value, decimals) {
      if (value === null || value === undefined) return labels.to_confirm;
      if (!number[decimals]) number[decimals] = new Intl.NumberFormat("fr-FR", {maximumFractionDigits: decimals});
      return number[decimals].format(rounded(value, decimals));
    }

    // The section titles come one level under the page's heading above the calculator.
    var level = 2;
    Array.prototype.forEach.call(document.querySelectorAll("article h1, article h2, article h3, article h4, article h5"), function (heading) {
      if (heading.compareDocumentPosition(root) & Node.DOCUMENT_POSITION_FOLLOWING) level = Number(heading.tagName[1]) + 1;
    });
    // The tables are built once; an update only refreshes numbers, so a field being typed keeps its focus.
    output.textContent = "";
    data.sections.forEach(function (section) {
      output.appendChild(element("h" + Math.min(level, 6), section.title));
      if (section.plan && plan) output.appendChild(plan);
      (section.tables || []).forEach(function (spec) { output.appendChild(table(spec, constants)); });
    });

    function overrides() {
      var found = {};
      Array.prototype.forEach.call(root.querySelectorAll("[data-input]"), function (input) {
        var text = input.value.replace(",", ".").trim();
        var scale = parseFloat(input.getAttribute("data-scale") || "1");
        found[input.getAttribute("data-input")] = text === "" || isNaN(parseFloat(text)) ? null : parseFloat(text) * scale;
      });
      return found;
    }

    function update() {
      var capacity = parseInt(capacityInput.value, 10);
      if (!(capacity > 0)) return;
      var values = evaluateModel(data.model, capacity, overrides());
      Array.prototype.forEach.call(root.querySelectorAll("[data-v]"), function (node) {
        node.textContent = format(values[node.getAttribute("data-v")], parseInt(node.getAttribute("data-d") || "0", 10));
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-hide-zero]"), function (node) {
        node.hidden = !values[node.getAttribute("data-hide-zero")];
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-bind]"), function (node) {
        var bound = JSON.parse(node.getAttribute("data-bind"));
        Object.keys(bound).forEach(function (attribute) { node.setAttribute(attribute, fill(bound[attribute], values)); });
      });
    }

    root.addEventListener("input", update);
    update();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".aar-calculator"), function (root) {
      if (root.getAttribute("data-ready")) return;
      root.setAttribute("data-ready", "1");
      render(root);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
