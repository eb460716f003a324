// The public statements page: on a wide screen the filters sit beside the results, so
// they are shown open; on a phone they stay folded above the results until asked for.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 992px)").matches) {
    return;
  }
  document.querySelectorAll("details[data-open-on-wide-screens]").forEach(function (details) {
    details.open = true;
  });
})();
