/* Leaves the unused filters out of the address, so a filtered feed has a short link to
   share (?type=disaster rather than ?q=&agency=&…&type=disaster). Without JavaScript the
   form still works; the address is only longer. */
(function () {
  "use strict";
  var form = document.querySelector("form.feed-filters");
  if (!form) return;
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && !field.value) field.disabled = true;
    });
  });
  // Coming back with the browser's Back button must not find the fields still disabled.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
  });
})();
