/* The copy-link button: hidden without JavaScript (the share links still work), shown and
   wired up here; success is announced through a polite live region. */
(function () {
  "use strict";
  var status = document.querySelector(".share-status");
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(function () {
        if (status) status.textContent = button.getAttribute("data-copied");
        button.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();
