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
