/* The phone header's menu button. Without JavaScript it is a link to the menu, which CSS
   shows as the link's target; here it becomes a real button that opens and closes the menu
   in place and says so (aria-expanded). Escape closes it. */
(function () {
  "use strict";
  var link = document.querySelector("[data-menu-toggle]");
  var menu = link && document.getElementById(link.getAttribute("aria-controls"));
  if (!menu) { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.setAttribute("aria-controls", menu.id);
  button.setAttribute("aria-expanded", "false");
  while (link.firstChild) { button.appendChild(link.firstChild); }
  link.replaceWith(button);

  function set(open) {
    menu.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", String(open));
  }

  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
})();
