// Progressive enhancement. The attention list and the goal table read fully without script; the script
// adds filters and sorting, and draws each goal's card and chart from the JSON data block when the card
// comes near the screen. Every user string is set as text (textContent, setAttribute), never as markup.
(function () {
  "use strict";
  var table = document.getElementById("goal-table");
  var form = document.getElementById("filters");
  var holder = document.getElementById("cards");
  var source = document.getElementById("goal-data");
  if (!table || !form || !holder || !source) { document.documentElement.classList.remove("paging"); return; }
  var data = JSON.parse(source.textContent);
  var L = data.labels, goals = data.goals, keys = data.keys, files = data.files, strings = data.strings;
  // Repeated strings are stored once; "\u00a7" and a base-36 number refers to one, "\u00a7\u00a7" escapes the mark.
  function decode(value) {
    if (typeof value === "string") {
      if (value.charAt(0) !== "\u00a7") { return value; }
      return value.charAt(1) === "\u00a7" ? value.slice(1) : strings[parseInt(value.slice(1), 36)];
    }
    if (Array.isArray(value)) { return value.map(decode); }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = decode(value[k]); });
      return out;
    }
    return value;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  // What the row already shows is read from it: id, title, owner, team, status.
  var cells = rows.map(function (row) {
    var c = row.cells, badge = c[5].firstChild;
    return [c[0].textContent, c[1].textContent, c[2].textContent, c[3].textContent,
            badge.className, badge.textContent, c[7].textContent, c[8].textContent, c[9].textContent,
            c[4].textContent];
  });
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function svg(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function text(parent, x, y, cls, value, anchor) {
    var node = svg("text", {x: x, y: y, "class": cls}, parent);
    if (anchor) { node.setAttribute("text-anchor", anchor); }
    node.textContent = value;
    return node;
  }
  function titled(node, value) { svg("title", {}, node).textContent = value; return node; }

  // Numbers as the report writes them (i18n.format_number), for the charts' values and round ticks: as many
  // decimals as the number shows, at most two, more for a small one, rounded half to even on the digits Python's
  // repr writes; the locale's marks and groups from the data block (i18n.number_marks), or the browser's
  // formatting for a locale whose form they cannot say.
  var MARKS = data.num, DATES = data.dates;
  function rounded(v) {  // half to even, as the report rounds
    var r = Math.round(v);
    return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }
  function roundTo(v, d) {  // Python's round(v, d): to the nearest, an exact half to even (toFixed goes up)
    var exact = Math.abs(v).toFixed(Math.min(100, d + 60)), cut = exact.indexOf(".") + 1 + d;
    var kept = exact.slice(0, d ? cut : cut - 1);
    if (/^50*$/.test(exact.slice(cut)) && kept.slice(-1) % 2 === 0) { return v < 0 ? -kept : +kept; }
    return +v.toFixed(d);
  }
  function estimate(v) {  // three significant digits, whole units from 1,000 up (i18n.estimate)
    var m = Math.abs(v);
    if (m >= 1000) { return rounded(v); }
    if (m === 0) { return 0; }
    return roundTo(v, Math.min(100, Math.max(0, 2 - Math.floor(Math.log10(m)))));
  }
  function zeros(n) { return new Array(n + 1).join("0"); }
  function plain(m) {  // the shortest form of m (as the report's repr), never with an exponent
    var s = String(m), e = s.indexOf("e");
    if (e === -1) { return s; }
    var mantissa = s.slice(0, e), point = mantissa.indexOf("."), digits = mantissa.replace(".", "");
    var whole = (point === -1 ? mantissa.length : point) + +s.slice(e + 1);
    if (whole <= 0) { return "0." + zeros(-whole) + digits; }
    return whole >= digits.length ? digits + zeros(whole - digits.length)
                                  : digits.slice(0, whole) + "." + digits.slice(whole);
  }
  function fixed(m, d) {  // m with d decimals, rounded half to even on its written digits, as the report rounds
    var s = plain(m), point = s.indexOf(".");
    var whole = point === -1 ? s : s.slice(0, point), fraction = point === -1 ? "" : s.slice(point + 1);
    if (fraction.length <= d) { return whole + (d ? "." + fraction + zeros(d - fraction.length) : ""); }
    var kept = whole + fraction.slice(0, d), rest = fraction.slice(d);
    if (rest.charAt(0) > "5" || (rest.charAt(0) === "5" && (/[1-9]/.test(rest.slice(1)) || kept.slice(-1) % 2))) {
      var i = kept.length - 1;
      while (i >= 0 && kept.charAt(i) === "9") { i--; }
      kept = i < 0 ? "1" + zeros(kept.length) : kept.slice(0, i) + (+kept.charAt(i) + 1) + zeros(kept.length - i - 1);
    }
    var cut = kept.length - d;
    return d ? kept.slice(0, cut) + "." + kept.slice(cut) : kept;
  }
  function number(v) {
    var m = Math.abs(v), d = 0;
    if (v !== Math.floor(v)) {
      if (m < 0.01) {
        var shown = v.toFixed(Math.min(12, 2 - Math.floor(Math.log10(m)))).replace(/0+$/, "");
        d = shown.length - shown.indexOf(".") - 1;
      } else {
        d = roundTo(v, 1) === roundTo(v, 2) ? 1 : 2;
      }
    }
    if (MARKS.length === 1) {
      return new Intl.NumberFormat(MARKS[0], {minimumFractionDigits: d, maximumFractionDigits: d}).format(v);
    }
    var parts = fixed(m, d).split(".");
    var text = grouped(parts[0]) + (parts[1] ? MARKS[0] + parts[1] : "");
    return v < 0 ? "-" + text : text;
  }
  function grouped(digits) {  // the last group, then the others (3 and 3, or 3 and 2 as in 12,34,567)
    var last = MARKS[2], other = MARKS[3];
    if (!last || digits.length <= last) { return digits; }
    var out = digits.slice(-last), rest = digits.slice(0, -last);
    for (; rest.length > other; rest = rest.slice(0, -other)) { out = rest.slice(-other) + MARKS[1] + out; }
    return rest + MARKS[1] + out;
  }
  function ticks(low, high) {  // round values spread over the axis, about five of them
    var span = high - low;
    if (span <= 0) { return [low]; }
    var raw = span / 4, exponent = Math.floor(Math.log10(raw));
    var power = exponent < 0 ? +("1e" + exponent) : Math.pow(10, exponent), step = 10 * power;
    [1, 2, 2.5, 5].some(function (m) { if (m * power >= raw) { step = m * power; return true; } return false; });
    var first = Math.ceil(low / step) * step, out = [];
    for (var i = 0, n = Math.trunc((high - first) / step) + 1; i < n; i++) { out.push(first + i * step); }
    return out;
  }

  // The chart, drawn from its numbers (svg.goal_chart): days from the report's today, values as they are.
  function chart(c, alt, status) {
    var W = 560, H = 220, LEFT = 64, RIGHT = 16, TOP = 14, BOTTOM = 30;
    var x0 = c.r[0], x1 = c.r[1], low = c.r[2], high = c.r[3];
    var pad = (high - low) * 0.08 || Math.abs(high) * 0.1 || 1.0, y0 = low - pad, y1 = high + pad;
    var xSpan = Math.max(x1 - x0, 1), ySpan = (y1 - y0) || 1.0, width = W - LEFT - RIGHT, height = H - TOP - BOTTOM;
    function X(day) { return rounded(LEFT + (day - x0) / xSpan * width); }
    function Y(value) { return rounded(H - BOTTOM - (value - y0) / ySpan * height); }
    function points(flat) {
      var out = [];
      for (var i = 0; i < flat.length; i += 2) { out.push(X(flat[i]) + "," + Y(flat[i + 1])); }
      return out.join(" ");
    }
    var root = svg("svg", {"class": "chart", viewBox: "0 0 " + W + " " + H, role: "img"});
    root.setAttribute("aria-label", alt);
    titled(root, alt);
    svg("line", {"class": "axis", x1: LEFT, y1: H - BOTTOM, x2: W - RIGHT, y2: H - BOTTOM}, root);
    svg("line", {"class": "axis", x1: LEFT, y1: TOP, x2: LEFT, y2: H - BOTTOM}, root);
    ticks(y0, y1).forEach(function (v) {
      var y = Y(v);
      svg("line", {"class": "grid", x1: LEFT, y1: y, x2: W - RIGHT, y2: y}, root);
      text(root, LEFT - 6, y + 4, "tick", number(estimate(v)), "end");
    });
    text(root, LEFT, H - 10, "tick", DATES[x0]);
    text(root, W - RIGHT, H - 10, "tick", DATES[x1], "end");
    var target = Y(c.t);
    svg("line", {"class": "target", x1: LEFT, y1: target, x2: W - RIGHT, y2: target}, root);
    text(root, W - RIGHT - 2, target - 4, "label", L.target_line + " " + number(c.t), "end");
    if (x0 <= 0 && 0 <= x1) {
      var today = X(0);
      svg("line", {"class": "today", x1: today, y1: TOP, x2: today, y2: H - BOTTOM}, root);
    }
    if (c.x) { svg("polyline", {"class": "context", points: points(c.x)}, root); }
    svg("polyline", {"class": "expected", points: points(c.p)}, root);
    for (var j = 0; c.m && j < c.m.length; j += 2) {
      var x = X(c.m[j]), y = Y(c.m[j + 1]);
      var diamond = x + "," + (y - 5) + " " + (x + 5) + "," + y + " " + x + "," + (y + 5) + " " + (x - 5) + "," + y;
      svg("polygon", {"class": "milestone", points: diamond}, root);
      text(root, x, y + 17, "label", number(c.m[j + 1]), "middle");
    }
    var n = c.k.length;
    if (c.f !== undefined) {
      svg("line", {"class": "forecast " + status, x1: X(c.k[n - 2]), y1: Y(c.k[n - 1]), x2: X(c.e), y2: Y(c.f)}, root);
    }
    if (n) {
      svg("polyline", {"class": "actual", points: points(c.k)}, root);
      for (var i = 0; i < n; i += 2) {
        svg("circle", {"class": "point", cx: X(c.k[i]), cy: Y(c.k[i + 1]), r: 3.5}, root);
      }
    }
    return root;
  }
  function dated(flat) {  // "1 Jan 2026: 100; 30 Jun 2026: 130" for the chart's text alternative
    var out = [];
    for (var i = 0; i < flat.length; i += 2) { out.push(DATES[flat[i]] + ": " + number(flat[i + 1])); }
    return out.join("; ");
  }

  function card(node, g, row) {
    var h = el("h3", null, row[1] + " ");
    h.appendChild(el("span", "badge " + row[4], row[5]));
    node.appendChild(h);
    node.appendChild(el("p", "legend", row[0] + " \u00b7 " + files[g.p || 0] + ":" + g.at));
    var dl = el("dl");
    function pair(label, value, href) {
      dl.appendChild(el("dt", null, label));
      var dd = el("dd");
      if (href) { var a = el("a", null, value); a.setAttribute("href", href); dd.appendChild(a); }
      else { dd.textContent = value; }
      dl.appendChild(dd);
    }
    var unit = g.u ? " " + g.u : "";
    if (row[2]) { pair(L.owner, row[2], g.ou); }
    g.d.forEach(function (d) {
      pair(L[d[0]], d[1]);
      if (d[0] === "baseline" || (d[0] === "metric" && !g.d.some(function (e) { return e[0] === "baseline"; }))) {
        if (row[7]) { pair(L.target, row[7] + unit); }
        if (row[6]) { pair(L.latest, row[6] + unit); }
      }
      if (d[0] === "expected_now" && row[8]) { pair(L.forecast, row[8] + unit); }
    });
    if (row[9]) { pair(L.deadline, row[9]); }
    if (g.src) { pair(L.source, g.src, g.su); }
    node.appendChild(dl);
    if (g.c) {
      var checkins = g.pt.filter(function (p) { return p[0] === 1; })
                         .map(function (p) { return p[1] + ": " + p[2]; }).join("; ");
      var alt = L.chart_of.replace("{goal}", row[1]).replace("{checkins}", checkins || L.none)
                          .replace("{plan}", dated(g.c.p) || L.none);
      if (g.c.x) {
        alt += " " + L.chart_context.replace("{points}", dated(g.c.x));
      }
      var figure = el("figure");
      figure.appendChild(chart(g.c, alt, row[4]));
      figure.appendChild(el("figcaption", "legend", "\u25cf " + L.checkins + " \u00b7 - - " + L.expected +
        (g.c.m ? " \u00b7 \u25c7 " + L.milestones : "") + " \u00b7 \u2501 " + L.target_line +
        (g.c.f !== undefined ? " \u00b7 \u2504 " + L.forecast_line : "") +
        (g.c.r[0] <= 0 && 0 <= g.c.r[1] ? " \u00b7 | " + L.today : "") + (g.c.x ? " \u00b7 \u2500 " + L.context_line : "")));
      node.appendChild(figure);
    }
    if (g.h) {  // the goal's changes over time, from git; a moved goalpost is marked with a shape, not colour alone
      node.appendChild(el("h4", null, L.changes));
      var changes = el("ul", "changes");
      g.h.forEach(function (c) {
        changes.appendChild(el("li", c[7] ? "moved" : null, (c[7] ? "\u25b2 " : "") + c[0] + " \u00b7 " + L[c[1]] +
          ": " + c[2] + " \u2192 " + c[3] + " \u00b7 " + c[4] + " \u00b7 " + c[5] + " \u00b7 " + c[6]));
      });
      node.appendChild(changes);
    }
    if (g.pt.length) {
      var points = el("table", "points");
      points.appendChild(el("caption", null, L.milestones + " \u00b7 " + L.notes));
      var head = points.createTHead().insertRow();
      [L.date, "", L.value, L.note].forEach(function (label, i) {
        var th = el("th", i === 2 ? "num" : null, label); th.setAttribute("scope", "col"); head.appendChild(th);
      });
      var tbody = points.createTBody();
      g.pt.forEach(function (p) {
        var tr = tbody.insertRow();
        tr.appendChild(el("td", "date", p[1]));
        tr.appendChild(el("td", null, p[0] ? "\u25cf " + L.checkins : "\u25c7 " + L.milestones));
        tr.appendChild(el("td", "num", p[2])); tr.appendChild(el("td", null, p[3] || ""));
      });
      node.appendChild(points);
    }
    node.appendChild(el("h4", null, L.findings));
    if (g.f.length) {
      var list = el("ul", "findings");
      g.f.forEach(function (f) {
        var li = el("li");
        li.appendChild(el("code", null, f[0]));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "sev", f[1]));
        li.appendChild(document.createTextNode(" " + f[2] + " "));
        li.appendChild(el("span", "legend", "(" + L.line + " " + f[3] + ")"));
        list.appendChild(li);
      });
      node.appendChild(list);
    } else {
      node.appendChild(el("p", "legend", L.no_findings));
    }
  }

  // One empty card per goal; each is filled the first time it comes near the screen or is linked to.
  var cards = goals.map(function (g, i) {
    var node = el("article", "card pending");
    node.id = "g" + (i + 1);
    node.dataset.i = i;
    holder.appendChild(node);
    return node;
  });
  function fill(i) {
    var node = cards[i];
    if (node.className.indexOf("pending") === -1) { return; }
    node.className = "card";
    card(node, decode(goals[i]), cells[i]);
  }
  var EAGER = 24;
  cards.slice(0, EAGER).forEach(function (_, i) { fill(i); });
  if ("IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { fill(+entry.target.dataset.i); watcher.unobserve(entry.target); }
      });
    }, {rootMargin: "600px"});
    cards.slice(EAGER).forEach(function (node) { watcher.observe(node); });
  } else {
    cards.forEach(function (_, i) { fill(i); });
  }
  function opened() {
    var match = /^#g(\d+)$/.exec(location.hash), node = match && cards[match[1] - 1];
    if (!node) { return; }
    if (node.hidden) {  // past the first page, or filtered out: show every goal again
      form.reset();
      limit = Infinity;
      refresh();
    }
    fill(match[1] - 1);
    node.scrollIntoView();
  }

  form.hidden = false;
  // Long tables show a page of rows at a time: hidden rows cost the browser nothing to lay out, which keeps
  // filters and sorting quick at thousands of goals. A sort's time is nearly all the layout of the rows shown
  // (measured at 3,000 goals: sorting itself a few ms, laying out 200 rows most of the rest), so a page is 100
  // rows. Without script every row is shown.
  var PAGE = 100, limit = PAGE;
  var more = document.getElementById("more");
  var order = rows.map(function (_, i) { return i; });
  function matches(i) {
    var status = form.elements.status.value, owner = form.elements.owner.value;
    var team = form.elements.team.value, letter = form.elements.letter.value, c = cells[i];
    return (!status || c[4] === status) && (!owner || c[2] === owner) &&
           (!team || c[3] === team) && (!letter || keys[i][3].indexOf(letter) !== -1);
  }
  function refresh() {
    var shown = 0, total = 0;
    order.forEach(function (i) {
      var show = matches(i) && total++ < limit;
      if (show) { shown++; }
      if (rows[i].hidden === show) { rows[i].hidden = !show; cards[i].hidden = !show; }
    });
    if (more) {
      more.hidden = shown === total;
      more.firstChild.textContent = L.showing.replace("{shown}", shown).replace("{total}", total) + " ";
    }
  }
  if (more) {
    more.lastChild.textContent = L.show_all;
    more.lastChild.addEventListener("click", function () { limit = Infinity; refresh(); });
  }
  form.addEventListener("change", function () { limit = PAGE; refresh(); });
  refresh();
  document.documentElement.classList.remove("paging");
  window.addEventListener("hashchange", opened);
  opened();
  // A printout holds every goal the filters let through, each card drawn.
  window.addEventListener("beforeprint", function () {
    if (limit !== Infinity) { limit = Infinity; refresh(); }
    cards.forEach(function (node, i) { if (!node.hidden) { fill(i); } });
  });

  var COLUMNS = {id: [cells, 0], title: [cells, 1], owner: [cells, 2], team: [cells, 3], deadline: [keys, 0],
                 status: [keys, 1], progress: [keys, 2]};
  var direction = {status: 1};
  var headers = Array.prototype.slice.call(table.tHead.querySelectorAll("th[aria-sort]"));
  var collate = window.Intl ? new Intl.Collator(document.documentElement.lang).compare
                            : function (x, y) { return x < y ? -1 : x > y ? 1 : 0; };
  Array.prototype.forEach.call(table.tHead.querySelectorAll("button[data-sort]"), function (button) {
    button.addEventListener("click", function () {
      var key = button.dataset.sort, from = COLUMNS[key][0], column = COLUMNS[key][1];
      direction[key] = direction[key] ? -direction[key] : 1;
      var sign = direction[key];
      order.sort(function (a, b) {
        var x = from[a][column], y = from[b][column];
        var result = typeof x === "number" ? x - y : collate(x, y);
        return result * sign || a - b;
      });
      refresh();  // hide first, then move: hidden rows are moved without being laid out
      var rowsOut = document.createDocumentFragment(), cardsOut = document.createDocumentFragment();
      order.forEach(function (i) { rowsOut.appendChild(rows[i]); cardsOut.appendChild(cards[i]); });
      body.appendChild(rowsOut);
      holder.appendChild(cardsOut);
      headers.forEach(function (th) { th.setAttribute("aria-sort", "none"); });
      button.parentNode.setAttribute("aria-sort", sign > 0 ? "ascending" : "descending");
    });
  });
}());
