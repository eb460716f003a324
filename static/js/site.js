// The public pages are the same for every visitor; the account menu is the one
// per-user part of the header, so it is fetched separately once the page is shown.
(function () {
  "use strict";
  var menu = document.querySelector("[data-account-menu]");
  if (!menu || !window.fetch) {
    return;
  }
  menu.setAttribute("aria-busy", "true");
  fetch(menu.getAttribute("data-account-menu"), { credentials: "same-origin" })
    .then(function (response) {
      return response.ok ? response.text() : null;
    })
    .then(function (html) {
      // Compared as the browser writes them out, entities and quotes alike.
      var fresh = document.createElement("div");
      fresh.innerHTML = html || "";
      if (!html || fresh.innerHTML.trim() === menu.innerHTML.trim()) {
        return; // the page already shows this menu: leave the focus where it is
      }
      // Someone who has tabbed into the menu keeps the focus in it: on the link to the
      // same place if the new menu has one, else on its first link.
      var focused = menu.contains(document.activeElement) ? document.activeElement : null;
      var href = focused && focused.getAttribute("href");
      menu.innerHTML = html;
      if (focused) {
        var links = Array.prototype.slice.call(menu.querySelectorAll("a[href]"));
        var same = links.filter(function (link) {
          return link.getAttribute("href") === href;
        });
        var target = same[0] || links[0];
        if (target) {
          target.focus({ preventScroll: true });
        }
      }
    })
    .catch(function () {
      /* keep the sign-in link */
    })
    .then(function () {
      menu.removeAttribute("aria-busy");
    });
})();

// A form sent back with errors opens on its error summary
// (templates/bootstrap5/errors.html): it takes the focus, so that it is read first,
// and each of its links moves the focus to the field it names.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    // The field's label and error sit above or beside it: bring the whole group in view.
    var group = field.closest("[id^='div_']") || field;
    group.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
})();
