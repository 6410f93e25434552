// Filters the findings table by category and severity. It only reads the
// rows' data- attributes and sets their hidden property; without it the
// filters stay hidden and every row shows.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("findings");
  var status = document.getElementById("shown");
  if (!form || !table || !status) {
    return;
  }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function checked(name) {
    var on = {};
    var boxes = form.querySelectorAll("input[name=" + name + "]");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) {
        on[boxes[i].value] = true;
      }
    }
    return on;
  }
  function apply() {
    var category = checked("category");
    var severity = checked("severity");
    var shown = 0;
    rows.forEach(function (row) {
      var show = category[row.dataset.category] === true && severity[row.dataset.severity] === true;
      row.hidden = !show;
      if (show) {
        shown++;
      }
    });
    var text = "Showing " + shown.toLocaleString("en-US") + " of " + rows.length.toLocaleString("en-US") +
      (rows.length === 1 ? " finding." : " findings.");
    if (status.textContent !== text) {
      status.textContent = text;
    }
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
