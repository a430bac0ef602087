/* Under each credit field, the credit as the page will print it ("วรัญญา / ข่าว"): a role
   word typed by habit ("วรัญญา / ข่าว", "ข่าว: วรัญญา") is dropped as the server drops it
   (activities/credits.py, which gives the words) and the role is added once. */
(function () {
  "use strict";

  function escape(word) {
    return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function setUp(out) {
    var input = document.getElementById(out.dataset.creditPreview);
    if (!input) { return; }
    var words = out.dataset.roleWords.split("|").map(escape);
    var any = "(?:" + words.join("|") + ")";
    // As in credits.py: a slash, a colon, or a dash with spaces around it.
    var separator = "(?:\\s*[/:：]\\s*|\\s+[-–]\\s+)";
    var trailing = new RegExp("(?:" + separator + "|\\s*\\()" + any + "\\s*\\)?\\s*$", "i");
    var leading = new RegExp("^\\s*" + any + "(?:\\s*(?:โดย|by)(?:" + separator + "|\\s*)|" + separator + ")", "i");
    var roleWords = out.dataset.roleWords.toLowerCase().split("|");

    function names(text) {
      text = text.replace(/\s+/g, " ").trim();
      var previous = null;
      while (text !== previous) {
        previous = text;
        text = text.replace(trailing, "").replace(leading, "");
      }
      var found = text.replace(/^[\s\/:]+|[\s\/:]+$/g, "").split(/\s*[,;、]\s*/).filter(Boolean);
      if (found.length === 1 && roleWords.indexOf(found[0].toLowerCase()) !== -1) { return []; }
      return found;
    }

    function update() {
      var found = names(input.value);
      out.replaceChildren();
      if (!found.length) { return; }
      out.appendChild(document.createTextNode(out.dataset.msgShown + " "));
      var strong = document.createElement("strong");
      strong.textContent = out.dataset.format.replace("%s", found.join(", "));
      out.appendChild(strong);
    }

    input.addEventListener("input", update);
  }

  function setUpWithin(root) {
    root.querySelectorAll("[data-credit-preview]").forEach(setUp);
  }

  setUpWithin(document);
  document.addEventListener("jitarsa:replaced", function (event) { setUpWithin(event.target); });
})();
