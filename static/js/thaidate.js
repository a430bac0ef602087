/* The Buddhist-era date input (ThaiDateWidget in core/forms.py): as the date is typed it
   echoes in words the date it understood ("21 กรกฎาคม 2565"), warns of a day that does not
   exist or a date the server will refuse, and splits a whole date typed or pasted into the
   day box ("21/07/2565", "21 ก.ค. 65", "๒๑/๐๗/๒๕๖๕") into its three parts. It reads years as
   the server does (core/thaidate.py): 2400 and up is Buddhist-era, two digits are 25xx.
   Without JavaScript the three boxes work as they are. */
(function () {
  "use strict";

  var BE_OFFSET = 543;
  var BE_THRESHOLD = 2400;
  var THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
  var NUMERIC = /^(\d{1,2})\s*[\/.\-\s]\s*(\d{1,2})\s*[\/.\-\s]\s*(\d{2}|\d{4})$/;
  var WORDS = /^(\d{1,2})\s*([^\d\s]+(?:\s[^\d\s]+)?)\s*(\d{2}|\d{4})$/;

  function ascii(text) {
    return text.replace(/[๐-๙]/g, function (digit) { return String(THAI_DIGITS.indexOf(digit)); });
  }

  function ceYear(year) {
    if (year < 100) { year += 2500; }
    return year >= BE_THRESHOLD ? year - BE_OFFSET : year;
  }

  function squash(text) {
    return text.trim().replace(/\.$/, "").replace(/\s+/g, "").toLowerCase();
  }

  function monthNumber(text, names) {
    text = squash(text);
    if (/^\d{1,2}$/.test(text)) {
      var number = parseInt(text, 10);
      return number >= 1 && number <= 12 ? number : null;
    }
    for (var i = 0; i < names.length; i++) {
      var name = squash(names[i].long);
      var short = squash(names[i].short);
      if (text === name || text === short || (text.length >= 3 && name.indexOf(text) === 0)) {
        return i + 1;
      }
    }
    return null;
  }

  function realDate(year, month, day) {
    var date = new Date(Date.UTC(year, month - 1, day));
    var real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day;
    return real ? date : null;
  }

  function setUp(box) {
    var parts = box.querySelectorAll("input, select");
    var day = parts[0];
    var month = parts[1];
    var year = parts[2];
    var echo = box.querySelector("[data-date-echo]");
    var era = box.dataset.era;
    var shortNames = (box.dataset.shortMonths || "").split("|");
    var names = Array.prototype.slice.call(month.options, 1).map(function (option, i) {
      return { long: option.textContent, short: shortNames[i] || option.textContent.slice(0, 3) };
    });

    function shownYear(ce) {
      return era === "be" ? ce + BE_OFFSET : ce;
    }

    /* A whole date in the day box: spread it over the three parts. While typing, only once
       the year has four digits ("21/07/25" may be the start of 2565); on leaving the box or
       pasting, a two-digit year too. */
    function split(typing) {
      var text = ascii(day.value).replace(/\s+/g, " ").trim();
      var match = text.match(NUMERIC) || text.match(WORDS);
      if (!match || (typing && match[3].length < 4)) { return; }
      var number = monthNumber(match[2], names);
      if (!number) { return; }
      day.value = String(parseInt(match[1], 10));
      month.value = String(number);
      year.value = String(shownYear(ceYear(parseInt(match[3], 10))));
    }

    function say(words, warning) {
      echo.replaceChildren();
      if (words) {
        echo.appendChild(document.createTextNode(box.dataset.msgUnderstood + " "));
        var strong = document.createElement("strong");
        strong.textContent = words;
        echo.appendChild(strong);
      }
      if (warning) {
        var note = document.createElement("span");
        note.className = "thai-date-warning";
        note.textContent = (words ? " " : "") + warning;
        echo.appendChild(note);
      }
    }

    function update() {
      var d = ascii(day.value).trim();
      var y = ascii(year.value).trim();
      if (!/^\d{1,2}$/.test(d) || !month.value || !/^\d{2}$|^\d{4}$/.test(y)) {
        say("", "");
        return;
      }
      var ce = ceYear(parseInt(y, 10));
      var m = parseInt(month.value, 10);
      var date = realDate(ce, m, parseInt(d, 10));
      if (!date) {
        say("", box.dataset.msgNoSuchDay);
        return;
      }
      var words = date.getUTCDate() + " " + names[m - 1].long + " " + shownYear(ce);
      var iso = date.toISOString().slice(0, 10);
      var warning = "";
      if (box.dataset.earliest && iso < box.dataset.earliest) {
        warning = box.dataset.msgEarly;
      } else if (box.dataset.latest && iso > box.dataset.latest) {
        warning = box.dataset.msgLate;
      }
      say(words, warning);
    }

    day.addEventListener("input", function () { split(true); update(); });
    day.addEventListener("change", function () { split(false); update(); });
    day.addEventListener("paste", function () {
      window.setTimeout(function () { split(false); update(); }, 0);
    });
    month.addEventListener("change", update);
    year.addEventListener("input", update);
  }

  function setUpWithin(root) {
    root.querySelectorAll("[data-thai-date]").forEach(setUp);
  }

  setUpWithin(document);
  // upload.js puts a fresh form in place after the server refused a save.
  document.addEventListener("jitarsa:replaced", function (event) { setUpWithin(event.target); });
})();
