// Statement uploads: refuse a file over the size limit before it is sent (the server
// refuses it too, but only after the browser has started sending it), and show that
// an upload is under way so that it is not sent twice.
(function () {
  "use strict";
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.addEventListener("change", function () {
      var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
      var file = input.files && input.files[0];
      var tooLarge = Boolean(file && limit && file.size > limit);
      input.setCustomValidity(tooLarge ? input.getAttribute("data-too-large") : "");
      input.classList.toggle("is-invalid", tooLarge);
      if (tooLarge) {
        input.reportValidity();
      }
    });
  });
  document.querySelectorAll("form[data-upload-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[type=file][data-max-bytes]");
      // Only a file over the limit stops the form here; a missing file or field is
      // for the server, which answers with the form's error summary.
      if (input && input.validity.customError) {
        event.preventDefault();
        input.reportValidity();
        return;
      }
      var button = form.querySelector("[data-busy-label]");
      if (button) {
        button.textContent = button.getAttribute("data-busy-label");
        button.setAttribute("aria-disabled", "true");
        form.classList.add("upload-busy");
      }
    });
  });
})();
