/* The post form, enhanced: photos over 2560 px are made smaller in the browser before they
   are sent, each chosen photo shows a preview and a progress bar, and the typed text is kept
   in localStorage until a save succeeds. Without JS the plain form works the same. */
(function () {
  "use strict";

  var MAX_SIDE = 2560;
  var SCALABLE = /^image\/(jpeg|png|webp)$/;

  function init(form, afterError) {
    var input = form.querySelector('input[type="file"][name="new_photos"]');
    var list = form.querySelector("[data-upload-list]");
    var status = form.querySelector("[data-upload-status]");
    var key = form.dataset.draftKey;
    var pending = []; // [{file, blob, name, item, bar}]

    MAX_SIDE = parseInt(form.dataset.maxSide, 10) || MAX_SIDE;
    if (!afterError) {
      offerDraft(form, key);
    }
    form.addEventListener("input", function () { saveDraft(form, key); });

    if (input && list && window.FormData && window.XMLHttpRequest) {
      input.addEventListener("change", function () {
        Array.prototype.forEach.call(input.files, function (file) {
          pending.push(prepare(file, list, form));
        });
        // The files now live in `pending`; the input is emptied so they are sent once.
        input.value = "";
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send(form, event.submitter, pending, status, key);
      });
    }
  }

  function prepare(file, list, form) {
    var entry = { file: file, blob: file, name: file.name };
    var item = document.createElement("li");
    item.className = "upload-item";
    var caption = document.createElement("span");
    caption.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var note = document.createElement("small");
    note.className = "d-block text-muted";
    item.appendChild(caption);
    item.appendChild(bar);
    item.appendChild(note);
    list.appendChild(item);
    entry.item = item;
    entry.bar = bar;
    entry.ready = shrink(file, note, form).then(function (result) {
      entry.blob = result.blob;
      entry.name = result.name;
      note.textContent = form.dataset.msgReady + " (" + megabytes(result.blob.size) + ")";
      preview(item, result.blob, file);
    });
    return entry;
  }

  function megabytes(bytes) {
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  /* A small thumbnail as a data: URL (the Content-Security-Policy allows data: images,
     not blob: ones). */
  function preview(item, blob, file) {
    if (!/^image\/(jpeg|png|webp)$/.test(blob.type || file.type) || !window.createImageBitmap) {
      return; // HEIC cannot be shown by most browsers; the name is enough.
    }
    createImageBitmap(blob, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, 280 / bitmap.width);
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      var img = document.createElement("img");
      img.alt = "";
      img.src = canvas.toDataURL("image/jpeg", 0.7);
      item.insertBefore(img, item.firstChild);
    }).catch(function () { /* no preview; the upload still works */ });
  }

  /* Resolve to {blob, name}: the file itself, or a JPEG at most MAX_SIDE px on its long side. */
  function shrink(file, note, form) {
    var unchanged = Promise.resolve({ blob: file, name: file.name });
    if (!SCALABLE.test(file.type) || !window.createImageBitmap || !window.HTMLCanvasElement) {
      return unchanged;
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var side = Math.max(bitmap.width, bitmap.height);
      if (side <= MAX_SIDE) {
        bitmap.close();
        return { blob: file, name: file.name };
      }
      note.textContent = form.dataset.msgShrinking;
      var scale = MAX_SIDE / side;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff"; // JPEG has no transparency: white, as the server does
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.imageSmoothingQuality = "high";
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob) {
            resolve({ blob: file, name: file.name });
            return;
          }
          resolve({ blob: blob, name: file.name.replace(/\.[^.]*$/, "") + ".jpg" });
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return unchanged; });
  }

  function send(form, submitter, pending, status, key) {
    var buttons = form.querySelectorAll("button[type=submit]");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    status.className = "upload-status alert alert-info";
    status.textContent = form.dataset.msgSending;
    Promise.all(pending.map(function (p) { return p.ready; })).then(function () {
      var data = new FormData(form);
      data.delete("new_photos");
      if (submitter && submitter.name) {
        data.append(submitter.name, submitter.value);
      }
      var offsets = [];
      var total = 0;
      pending.forEach(function (p) {
        data.append("new_photos", p.blob, p.name);
        offsets.push([total, total + p.blob.size]);
        total += p.blob.size;
      });
      var xhr = new XMLHttpRequest();
      // Not form.action: the buttons named "action" shadow that property.
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.upload.addEventListener("progress", function (event) {
        // Files travel in order, so the bytes sent so far tell how far each one got.
        pending.forEach(function (p, i) {
          var span = offsets[i][1] - offsets[i][0];
          var done = Math.min(Math.max(event.loaded - offsets[i][0], 0), span);
          p.bar.value = span ? Math.round((done / span) * 100) : 100;
        });
      });
      xhr.addEventListener("load", function () { received(xhr, form, pending, status, key); });
      xhr.addEventListener("error", function () { failed(form, status); });
      xhr.send(data);
    });
  }

  function received(xhr, form, pending, status, key) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    if (xhr.status === 200 && type.indexOf("application/json") === 0) {
      clearDraft(key);
      window.location.assign(JSON.parse(xhr.responseText).redirect);
      return;
    }
    var sameForm = xhr.responseURL && new URL(xhr.responseURL).pathname === window.location.pathname;
    if (xhr.status === 200 && sameForm && type.indexOf("text/html") === 0) {
      // The form came back with errors: show it, and keep the chosen photos for the next try.
      var fresh = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var main = document.getElementById("main");
      main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.getElementById("main").childNodes));
      var newForm = main.querySelector("[data-post-form]");
      init(newForm, true);
      reattach(newForm, pending);
      main.focus();
      return;
    }
    failed(form, status); // signed out (login page), CSRF refusal, server error…
  }

  function reattach(form, pending) {
    var list = form.querySelector("[data-upload-list]");
    var input = form.querySelector('input[type="file"][name="new_photos"]');
    if (!list || !input || !window.DataTransfer) {
      return;
    }
    var transfer = new DataTransfer();
    pending.forEach(function (p) { transfer.items.add(p.file); });
    input.files = transfer.files;
    input.dispatchEvent(new Event("change"));
  }

  function failed(form, status) {
    status.className = "upload-status alert alert-danger";
    status.textContent = form.dataset.msgFailed;
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) {
      b.disabled = false;
    });
  }

  /* The local draft: every text field, saved as typed, offered back after a failure. */
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" &&
        el.type !== "submit" && el.type !== "hidden" && el.tagName !== "BUTTON";
    });
  }

  function snapshot(form) {
    var values = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { values[el.name + "=" + el.value] = true; }
      } else if (el.multiple) {
        values[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function restore(form, values) {
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = Boolean(values[el.name + "=" + el.value]);
      } else if (el.multiple && Array.isArray(values[el.name])) {
        Array.prototype.forEach.call(el.options, function (o) {
          o.selected = values[el.name].indexOf(o.value) !== -1;
        });
      } else if (el.name in values) {
        el.value = values[el.name];
      }
    });
  }

  function saveDraft(form, key) {
    try {
      localStorage.setItem(key, JSON.stringify({ saved: Date.now(), values: snapshot(form) }));
    } catch (e) { /* storage full or disabled: the form still works */ }
  }

  function clearDraft(key) {
    try { localStorage.removeItem(key); } catch (e) { /* nothing to clear */ }
  }

  function offerDraft(form, key) {
    var draft;
    try { draft = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { draft = null; }
    if (!draft || JSON.stringify(draft.values) === JSON.stringify(snapshot(form))) {
      return;
    }
    var box = document.createElement("div");
    box.className = "alert alert-warning draft-offer";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = form.dataset.msgRestore;
    var yes = button(form.dataset.msgRestoreYes, "btn btn-sm btn-primary");
    var no = button(form.dataset.msgRestoreNo, "btn btn-sm btn-outline-secondary");
    yes.addEventListener("click", function () { restore(form, draft.values); box.remove(); });
    no.addEventListener("click", function () { clearDraft(key); box.remove(); });
    box.appendChild(text);
    box.appendChild(yes);
    box.appendChild(no);
    form.insertBefore(box, form.firstChild);
  }

  function button(label, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = label;
    return b;
  }

  document.querySelectorAll("[data-post-form]").forEach(init);
})();
