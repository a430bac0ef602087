/* The photo lightbox. Without JavaScript each photo is a plain link to the full-size file;
   with it, the same links open a <dialog> that steps through the page's photos by button,
   arrow key or swipe and gives focus back to the photo on close (Escape or the button). */
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a.gallery-link"));
  if (!links.length || typeof HTMLDialogElement === "undefined") return;

  // The words come translated from the page (data-lightbox-words), so no catalogue is needed.
  var holder = document.querySelector("[data-lightbox-words]");
  var parts = (holder ? holder.getAttribute("data-lightbox-words") : "").split("|");
  var words = {
    close: parts[0] || "Close", prev: parts[1] || "Previous photo", next: parts[2] || "Next photo",
    label: parts[3] || "Photo", of: parts[4] || "of"
  };

  var dialog = document.createElement("dialog");
  dialog.className = "lightbox";
  dialog.setAttribute("aria-label", words.label);
  dialog.innerHTML =
    '<div class="lightbox-bar"><span class="lightbox-count" aria-live="polite"></span>' +
    '<button type="button" class="lightbox-close btn btn-light btn-sm"></button></div>' +
    '<figure class="lightbox-figure"><img alt=""><figcaption></figcaption></figure>' +
    '<div class="lightbox-nav"><button type="button" class="lightbox-prev btn btn-light"></button>' +
    '<button type="button" class="lightbox-next btn btn-light"></button></div>';
  document.body.appendChild(dialog);

  var img = dialog.querySelector("img");
  var caption = dialog.querySelector("figcaption");
  var count = dialog.querySelector(".lightbox-count");
  var close = dialog.querySelector(".lightbox-close");
  var prev = dialog.querySelector(".lightbox-prev");
  var next = dialog.querySelector(".lightbox-next");
  close.textContent = words.close;
  prev.textContent = "‹ " + words.prev;
  next.textContent = words.next + " ›";
  var current = 0;

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var thumb = link.querySelector("img");
    img.src = link.getAttribute("data-large") || link.href;
    img.alt = thumb ? thumb.alt : "";
    caption.textContent = link.getAttribute("data-caption") || "";
    count.textContent = words.label + " " + (current + 1) + " " + words.of + " " + links.length;
    prev.hidden = next.hidden = links.length < 2;
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      show(index);
      dialog.showModal();
      close.focus();
    });
  });
  close.addEventListener("click", function () { dialog.close(); });
  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") show(current - 1);
    if (event.key === "ArrowRight") show(current + 1);
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();  // a click on the backdrop
  });
  dialog.addEventListener("close", function () { links[current].focus(); });

  var startX = null;
  dialog.addEventListener("touchstart", function (e) { startX = e.touches[0].clientX; }, { passive: true });
  dialog.addEventListener("touchend", function (e) {
    if (startX === null) return;
    var dx = e.changedTouches[0].clientX - startX;
    if (Math.abs(dx) > 50) show(current + (dx < 0 ? 1 : -1));
    startX = null;
  });
})();
