// The public pages are the same for every visitor; the account menu is the one
// per-user part of the header, so it is fetched separately once the page is shown.
(function () {
  "use strict";
  var menu = document.querySelector("[data-account-menu]");
  if (!menu || !window.fetch) {
    return;
  }
  fetch(menu.getAttribute("data-account-menu"), { credentials: "same-origin" })
    .then(function (response) {
      return response.ok ? response.text() : null;
    })
    .then(function (html) {
      if (html) {
        menu.innerHTML = html;
      }
    })
    .catch(function () {
      /* keep the sign-in link */
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
