/* Centre calculator (DIR-03): areas, equipment and staff for any capacity.
   Same rules as hooks/aar/blocks/centres.py; the data is embedded in the page, nothing is fetched. */
(function () {
  "use strict";

  function quantity(rule, capacity) {
    if ("fixed" in rule) return rule.fixed;
    if ("per" in rule) return Math.max(rule.min || 0, Math.ceil(capacity / rule.per) * (rule.each || 1));
    if ("per_person" in rule) return Math.max(rule.min || 0, Math.ceil(capacity * rule.per_person));
    return 0;
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function table(headers, rows) {
    var wrapper = element("div", undefined, "md-typeset__table");
    var tableNode = element("table");
    var head = element("thead");
    var headRow = element("tr");
    headers.forEach(function (h) { headRow.appendChild(element("th", h)); });
    head.appendChild(headRow);
    tableNode.appendChild(head);
    var body = element("tbody");
    rows.forEach(function (cells) {
      var row = element("tr");
      cells.forEach(function (c) { row.appendChild(element("td", String(c))); });
      body.appendChild(row);
    });
    tableNode.appendChild(body);
    wrapper.appendChild(tableNode);
    return wrapper;
  }

  function render(root) {
    var data = JSON.parse(root.querySelector(".aar-calculator__data").textContent);
    var labels = JSON.parse(root.querySelector(".aar-calculator__labels").textContent);
    var input = root.querySelector(".aar-calculator__capacity");
    var output = root.querySelector(".aar-calculator__output");
    var number = new Intl.NumberFormat("fr-FR");

    function update() {
      var capacity = parseInt(input.value, 10);
      if (!(capacity > 0)) return;
      output.textContent = "";
      output.appendChild(element("h4", labels.area));
      var total = 0;
      var areaRows = data.zones.map(function (z) {
        var area = quantity(z.area, capacity);
        total += area;
        return [z.name, number.format(area)];
      });
      areaRows.push([labels.total, number.format(total)]);
      output.appendChild(table([labels.zone, "m²"], areaRows));
      output.appendChild(element("h4", labels.equipment));
      data.zones.forEach(function (z) {
        if (!z.items.length) return;
        output.appendChild(element("h5", z.name));
        output.appendChild(table([labels.item, "#"], z.items.map(function (i) {
          return [i.name, number.format(quantity(i.rule, capacity))];
        })));
      });
      output.appendChild(element("h4", labels.staff));
      var staffRows = data.roles.map(function (r) {
        return [r.name].concat(data.shifts.map(function (s) {
          var count = quantity(r.per_shift[s.id], capacity);
          var women = Math.min(count, (r.women_min || {})[s.id] || 0);
          return women ? count + " (" + labels.women.replace("{n}", women) + ")" : count;
        }));
      });
      output.appendChild(table([labels.role].concat(data.shifts.map(function (s) { return s.name; })), staffRows));
    }

    input.addEventListener("input", update);
    update();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".aar-calculator"), render);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
