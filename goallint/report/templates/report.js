// Progressive enhancement: sortable columns and filters. The report reads fully without it.
(function () {
  "use strict";
  var table = document.getElementById("goal-table");
  var form = document.getElementById("filters");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  form.hidden = false;

  function applyFilters() {
    var status = form.elements.status.value, owner = form.elements.owner.value;
    var team = form.elements.team.value, letter = form.elements.letter.value;
    rows.forEach(function (row) {
      var show = (!status || row.dataset.status === status) &&
                 (!owner || row.dataset.owner === owner) &&
                 (!team || row.dataset.team === team) &&
                 (!letter || row.dataset.letters.indexOf(letter) !== -1);
      row.hidden = !show;
      var card = document.getElementById("card-" + row.dataset.index);
      if (card) { card.hidden = !show; }
    });
  }
  form.addEventListener("change", applyFilters);

  var direction = {status: 1};
  var headers = Array.prototype.slice.call(table.tHead.querySelectorAll("th[aria-sort]"));
  Array.prototype.forEach.call(table.tHead.querySelectorAll("button[data-sort]"), function (button) {
    button.addEventListener("click", function () {
      var key = button.dataset.sort;
      direction[key] = direction[key] ? -direction[key] : 1;
      var sorted = rows.slice().sort(function (a, b) {
        var x = a.dataset["sort" + key], y = b.dataset["sort" + key];
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return order * direction[key] || (a.dataset.index - b.dataset.index);
      });
      var fragment = document.createDocumentFragment();
      sorted.forEach(function (row) { fragment.appendChild(row); });
      body.appendChild(fragment);
      headers.forEach(function (th) { th.setAttribute("aria-sort", "none"); });
      button.parentNode.setAttribute("aria-sort", direction[key] > 0 ? "ascending" : "descending");
    });
  });
}());
