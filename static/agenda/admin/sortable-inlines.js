// Ordering of inline rows (agenda items, role assignments) without typing numbers:
// each row gets a drag handle and "move up" / "move down" buttons; the hidden "order"
// field of every row is set from its position when rows move and when the form is
// submitted. Without JavaScript, new rows go last and the order is kept.
(function () {
  "use strict";

  var t = typeof window.gettext === "function" ? window.gettext : function (s) { return s; };

  function rows(group) {
    return Array.prototype.filter.call(
      group.querySelectorAll("tbody > tr.form-row"),
      function (row) { return !row.classList.contains("empty-form"); }
    );
  }

  function renumber(group) {
    rows(group).forEach(function (row, index) {
      var input = row.querySelector("input[name$='-order']");
      if (input) {
        input.value = String(index + 1);
      }
    });
  }

  function move(row, delta) {
    var group = row.closest(".agenda-sortable");
    var all = rows(group);
    var target = all[all.indexOf(row) + delta];
    if (!target) {
      return;
    }
    if (delta < 0) {
      target.parentNode.insertBefore(row, target);
    } else {
      target.parentNode.insertBefore(row, target.nextSibling);
    }
    renumber(group);
    row.classList.add("agenda-moved");
    window.setTimeout(function () { row.classList.remove("agenda-moved"); }, 600);
  }

  function button(label, symbol, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "agenda-move-button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.textContent = symbol;
    b.addEventListener("click", onClick);
    return b;
  }

  var dragged = null;

  function enhance(row) {
    if (row.classList.contains("empty-form") || row.querySelector(".agenda-move")) {
      return;
    }
    var cell = row.querySelector("td.original");
    if (!cell) {
      return;
    }
    var controls = document.createElement("div");
    controls.className = "agenda-move";
    var handle = document.createElement("span");
    handle.className = "agenda-drag-handle";
    handle.title = t("Drag to reorder");
    handle.setAttribute("aria-hidden", "true");
    handle.textContent = "⠿";
    controls.appendChild(handle);
    controls.appendChild(button(t("Move up"), "▲", function () { move(row, -1); this.focus(); }));
    controls.appendChild(button(t("Move down"), "▼", function () { move(row, 1); this.focus(); }));
    // After the row's title paragraph, which the admin's CSS positions above the row.
    cell.appendChild(controls);

    handle.addEventListener("mousedown", function () { row.draggable = true; });
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("agenda-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.id);
    });
    row.addEventListener("dragend", function () {
      row.draggable = false;
      row.classList.remove("agenda-dragging");
      var group = row.closest(".agenda-sortable");
      dragged = null;
      if (group) {
        renumber(group);
      }
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged || dragged === row || dragged.parentNode !== row.parentNode) {
        return;
      }
      event.preventDefault();
      var box = row.getBoundingClientRect();
      var before = event.clientY < box.top + box.height / 2;
      row.parentNode.insertBefore(dragged, before ? row : row.nextSibling);
    });
    row.addEventListener("drop", function (event) { event.preventDefault(); });
  }

  function init() {
    var groups = document.querySelectorAll(".agenda-sortable");
    Array.prototype.forEach.call(groups, function (group) {
      group.classList.add("agenda-sortable-ready");
      rows(group).forEach(enhance);
      var form = group.closest("form");
      if (form && !form.dataset.agendaSortable) {
        form.dataset.agendaSortable = "1";
        form.addEventListener("submit", function () {
          Array.prototype.forEach.call(document.querySelectorAll(".agenda-sortable"), renumber);
        });
      }
    });
  }

  document.addEventListener("formset:added", function (event) {
    var row = event.target;
    var group = row && row.closest ? row.closest(".agenda-sortable") : null;
    if (group) {
      enhance(row);
      renumber(group);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
