/* The post form on a phone: one photo, one request.

   Each chosen photo is sent on its own as soon as it is chosen (made smaller first where the
   browser can decode it: JPEG, PNG, WebP, and HEIC in Safari), with a progress bar each, into
   a draft that exists from the first photo or the first autosave (activities/views/drafts.py).
   A photo whose request fails is sent again a few times by itself, then gets a "Try again"
   button; the final save sends only the text. The typed text is saved on the server as it is
   typed and kept in localStorage until a save succeeds. Without JavaScript the plain form
   sends everything at once and the server keeps what it can within its time budget. */
(function () {
  "use strict";

  var MAX_SIDE = 2560;
  var SCALABLE = /^image\/(jpeg|png|webp)$/;
  var HEIC_TYPE = /^image\/hei[cf](-sequence)?$/;
  var HEIC_NAME = /\.hei[cf]$/i;
  var PARALLEL = 2; // two at a time: a phone's uplink is the limit, not the server
  var RETRY_DELAYS = [1000, 3000, 8000]; // automatic retries; after them, the button
  var AUTOSAVE_DELAY = 3000;
  var PHOTO_TIMEOUT = 120000;

  function init(form, afterError) {
    var state = {
      form: form,
      texts: readTexts(),
      key: form.dataset.draftKey,
      urls: {
        start: form.dataset.startUrl,
        edit: form.dataset.editUrl,
        autosave: form.dataset.autosaveUrl,
        photos: form.dataset.photosUrl
      },
      nextOrder: parseInt(form.dataset.nextOrder, 10) || 0,
      stored: parseInt(form.dataset.photoCount, 10) || 0,
      limit: parseInt(form.dataset.maxPhotos, 10) || 30,
      entries: [],
      queue: [],
      active: 0,
      creating: null,
      saveTimer: null,
      list: form.querySelector("[data-upload-list]"),
      summary: form.querySelector("[data-upload-summary]"),
      status: form.querySelector("[data-upload-status]")
    };
    var input = form.querySelector('input[type="file"][name="new_photos"]');

    MAX_SIDE = parseInt(form.dataset.maxSide, 10) || MAX_SIDE;
    if (!afterError) {
      offerDraft(form, state.key);
    }
    form.addEventListener("input", function (event) {
      saveDraft(form, state.key);
      if (event.target !== input) { scheduleAutosave(state); }
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "agency") { retryBlocked(state); }
    });
    if (!input || !state.list || !window.FormData || !window.XMLHttpRequest || !window.fetch) {
      return; // an old browser: the plain form, as without JavaScript
    }
    input.addEventListener("change", function () {
      choose(state, Array.prototype.slice.call(input.files));
      // The photos now travel by themselves; the input is emptied so the text goes alone.
      input.value = "";
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      finish(state, event.submitter);
    });
  }

  function readTexts() {
    var script = document.getElementById("upload-texts");
    try { return JSON.parse(script.textContent); } catch (e) { return {}; }
  }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return values[name]; });
  }

  /* ---- The draft: created by the first photo or the first autosave ---------------------- */

  function textData(form) {
    var data = new FormData(form);
    data.delete("new_photos");
    data.delete("action");
    data.delete("move");
    return data;
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, json: json };
      });
    });
  }

  function ensureDraft(state) {
    if (state.urls.photos) {
      return Promise.resolve(state.urls);
    }
    if (!state.creating) {
      state.creating = post(state.urls.start, textData(state.form)).then(function (answer) {
        if (answer.status === 201) {
          adopt(state, answer.json);
          return state.urls;
        }
        state.creating = null;
        var agency = answer.status === 400 && answer.json.errors && answer.json.errors.agency;
        throw { kind: agency ? "agency" : "refused", status: answer.status, json: answer.json };
      }, function (error) {
        state.creating = null;
        throw error;
      });
    }
    return state.creating;
  }

  /* From now on the page is the draft's: its address, the form's target, the local copy. */
  function adopt(state, draft) {
    state.urls.edit = draft.edit;
    state.urls.autosave = draft.autosave;
    state.urls.photos = draft.photos;
    state.form.setAttribute("action", draft.edit);
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", draft.edit);
    }
    var newKey = "jitarsa-draft:" + draft.edit;
    try {
      var kept = localStorage.getItem(state.key);
      if (kept) {
        localStorage.setItem(newKey, kept);
        localStorage.removeItem(state.key);
      }
    } catch (e) { /* storage disabled: nothing to move */ }
    state.key = newKey;
    state.form.dataset.draftKey = newKey;
  }

  function scheduleAutosave(state) {
    window.clearTimeout(state.saveTimer);
    state.saveTimer = window.setTimeout(function () { autosave(state); }, AUTOSAVE_DELAY);
  }

  function autosave(state) {
    var title = state.form.querySelector('[name="title"]');
    if (!state.urls.photos && !(title && title.value.trim())) {
      return; // nothing worth a draft yet
    }
    if (!state.urls.photos) {
      ensureDraft(state).then(function () { note(state, state.texts.autosaved); }, function () {});
      return;
    }
    if (!state.urls.autosave) {
      return; // a published post: changes wait for the save button
    }
    post(state.urls.autosave, textData(state.form)).then(function (answer) {
      if (answer.status === 200 && answer.json.saved) { note(state, state.texts.autosaved); }
    }, function () { /* offline: the local copy keeps the text */ });
  }

  function note(state, text) {
    if (state.status && !state.status.classList.contains("alert-danger")) {
      state.status.className = "upload-status text-muted small";
      state.status.textContent = text;
    }
  }

  /* ---- The photos: one request each --------------------------------------------------- */

  function choose(state, files) {
    files.forEach(function (file) {
      var entry = makeEntry(state, file);
      var waiting = state.entries.filter(function (e) { return e.state !== "rejected" && e.state !== "removed" && e.state !== "sent"; });
      if (state.stored + waiting.length >= state.limit) {
        reject(state, entry, state.texts.tooMany);
        return;
      }
      entry.order = state.nextOrder++;
      state.entries.push(entry);
      entry.ready = prepare(entry);
      state.queue.push(entry);
    });
    summarise(state);
    pump(state);
  }

  function makeEntry(state, file) {
    var item = document.createElement("li");
    item.className = "upload-item";
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    var text = document.createElement("small");
    text.className = "upload-note";
    var actions = document.createElement("span");
    actions.className = "upload-actions";
    item.appendChild(name);
    item.appendChild(bar);
    item.appendChild(text);
    item.appendChild(actions);
    state.list.appendChild(item);
    var entry = { file: file, blob: file, name: file.name, item: item, bar: bar, text: text,
      actions: actions, attempts: 0, state: "waiting" };
    show(entry, "waiting", state.texts.waiting);
    return entry;
  }

  function show(entry, name, text) {
    entry.state = name;
    entry.item.dataset.state = name;
    entry.text.textContent = text;
    entry.actions.replaceChildren();
  }

  function pump(state) {
    while (state.active < PARALLEL && state.queue.length) {
      var entry = state.queue.shift();
      if (entry.state === "removed") { continue; }
      state.active += 1;
      send(state, entry).then(function () {
        state.active -= 1;
        summarise(state);
        pump(state);
      });
    }
  }

  function send(state, entry) {
    show(entry, "sending", state.texts.preparing);
    return entry.ready.then(function () {
      entry.text.textContent = state.texts.sending;
      return ensureDraft(state);
    }).then(function (urls) {
      return upload(state, urls.photos, entry);
    }).then(function (answer) {
      if (answer.status === 201) {
        sent(state, entry, answer.json);
      } else if (answer.json.error && answer.status < 500 && !answer.json.retry) {
        if (answer.status === 401) {
          fail(state, entry, answer.json.error); // signed out: retrying alone cannot help
        } else {
          reject(state, entry, answer.json.error); // not a photo, too many, not allowed
        }
      } else {
        retryLater(state, entry);
      }
    }, function (error) {
      if (error && error.kind === "agency") {
        show(entry, "blocked", state.texts.chooseAgency);
      } else if (error && error.kind === "refused") {
        fail(state, entry, (error.json && error.json.error) || state.texts.failed);
      } else {
        retryLater(state, entry); // the network: dropped, timed out, aborted
      }
    });
  }

  function upload(state, url, entry) {
    return new Promise(function (resolve, reject) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", state.form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("order", String(entry.order));
      data.append("photo", entry.blob, entry.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.timeout = PHOTO_TIMEOUT;
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          // The last few per cent are the server's work on the photo.
          entry.bar.value = Math.round((event.loaded / event.total) * 90);
        }
      });
      xhr.addEventListener("load", function () {
        var json = {};
        try { json = JSON.parse(xhr.responseText); } catch (e) { json = {}; }
        resolve({ status: xhr.status, json: json });
      });
      xhr.addEventListener("error", reject);
      xhr.addEventListener("timeout", reject);
      xhr.addEventListener("abort", reject);
      xhr.send(data);
    });
  }

  function sent(state, entry, answer) {
    entry.bar.value = 100;
    show(entry, "sent", state.texts.sent);
    state.stored = answer.count || state.stored + 1;
    var placeholder = entry.item.querySelector(".upload-placeholder");
    if (answer.thumbnail && placeholder) {
      // A photo this browser could not show (HEIC in Chrome): the server's copy instead.
      var img = document.createElement("img");
      img.alt = "";
      img.src = answer.thumbnail;
      entry.item.replaceChild(img, placeholder);
    }
  }

  function retryLater(state, entry) {
    if (entry.attempts >= RETRY_DELAYS.length) {
      fail(state, entry, state.texts.failed);
      return;
    }
    var delay = RETRY_DELAYS[entry.attempts];
    entry.attempts += 1;
    entry.bar.value = 0;
    show(entry, "retrying", state.texts.retrying);
    window.setTimeout(function () {
      if (entry.state !== "retrying") { return; }
      state.queue.push(entry);
      pump(state);
    }, delay);
  }

  function fail(state, entry, message) {
    show(entry, "failed", message);
    var again = button(state.texts.retry, "btn btn-sm btn-primary");
    again.addEventListener("click", function () {
      entry.attempts = 0;
      show(entry, "waiting", state.texts.waiting);
      state.queue.push(entry);
      summarise(state);
      pump(state);
    });
    entry.actions.appendChild(again);
    entry.actions.appendChild(removeButton(state, entry));
  }

  function reject(state, entry, message) {
    show(entry, "rejected", message);
    entry.actions.appendChild(removeButton(state, entry));
  }

  function removeButton(state, entry) {
    var remove = button(state.texts.remove, "btn btn-sm btn-outline-secondary");
    remove.setAttribute("aria-label", state.texts.remove + ": " + entry.name);
    remove.addEventListener("click", function () {
      entry.state = "removed";
      entry.item.remove();
      summarise(state);
    });
    return remove;
  }

  function retryBlocked(state) {
    state.entries.forEach(function (entry) {
      if (entry.state === "blocked") {
        show(entry, "waiting", state.texts.waiting);
        state.queue.push(entry);
      }
    });
    pump(state);
  }

  function count(state, names) {
    return state.entries.filter(function (e) { return names.indexOf(e.state) !== -1; }).length;
  }

  function summarise(state) {
    var total = count(state, ["waiting", "sending", "retrying", "sent", "failed", "blocked"]);
    if (!state.summary || !total) { return; }
    var text = format(state.texts.progress, { done: count(state, ["sent"]), total: total });
    var problems = count(state, ["failed", "blocked"]);
    if (problems) { text += " " + format(state.texts.problems, { count: problems }); }
    state.summary.textContent = text;
  }

  /* ---- Making photos smaller and previews ------------------------------------------- */

  function isHeic(file) {
    return HEIC_TYPE.test(file.type) || HEIC_NAME.test(file.name);
  }

  /* createImageBitmap decodes whatever the browser can (Safari: HEIC too); an <img> from a
     data: URL (the Content-Security-Policy allows data: images, not blob: ones) is the
     fallback where createImageBitmap lags behind the browser's <img>. */
  function decode(file) {
    var viaImg = function () {
      return new Promise(function (resolve, reject) {
        var reader = new FileReader();
        reader.onload = function () {
          var img = new Image();
          img.onload = function () { resolve(img); };
          img.onerror = reject;
          img.src = reader.result;
        };
        reader.onerror = reject;
        reader.readAsDataURL(file);
      });
    };
    if (!window.createImageBitmap) {
      return viaImg();
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).catch(viaImg);
  }

  function size(source) {
    return { width: source.naturalWidth || source.width, height: source.naturalHeight || source.height };
  }

  /* JPEG has no transparency: a transparent PNG goes on white, as the server does. */
  function draw(source, width, height) {
    var canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(width));
    canvas.height = Math.max(1, Math.round(height));
    var context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingQuality = "high";
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    return canvas;
  }

  /* Resolve to {blob, name}: the file itself, or a JPEG at most MAX_SIDE px on its long side
     (always a JPEG for a HEIC the browser can read, sparing the server seconds per photo). */
  function prepare(entry) {
    var file = entry.file;
    var heic = isHeic(file);
    var unchanged = { blob: file, name: file.name };
    if (!(heic || SCALABLE.test(file.type)) || !window.HTMLCanvasElement) {
      return Promise.resolve(unchanged);
    }
    return decode(file).then(function (source) {
      var dimensions = size(source);
      preview(entry, source, dimensions);
      var side = Math.max(dimensions.width, dimensions.height);
      if (!heic && side <= MAX_SIDE) {
        if (source.close) { source.close(); }
        return unchanged;
      }
      var scale = Math.min(1, MAX_SIDE / side);
      var canvas = draw(source, dimensions.width * scale, dimensions.height * scale);
      if (source.close) { source.close(); }
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob ? { blob: blob, name: file.name.replace(/\.[^.]*$/, "") + ".jpg" } : unchanged);
        }, "image/jpeg", 0.85);
      });
    }).catch(function () {
      if (heic) { placeholder(entry); }
      return unchanged;
    }).then(function (result) {
      entry.blob = result.blob;
      entry.name = result.name;
      return result;
    });
  }

  function preview(entry, source, dimensions) {
    var scale = Math.min(1, 280 / dimensions.width);
    var img = document.createElement("img");
    img.alt = "";
    img.src = draw(source, dimensions.width * scale, dimensions.height * scale).toDataURL("image/jpeg", 0.7);
    entry.item.insertBefore(img, entry.item.firstChild);
  }

  /* A photo this browser cannot show (HEIC outside Safari): its kind, name and size. */
  function placeholder(entry) {
    var box = document.createElement("span");
    box.className = "upload-placeholder";
    box.setAttribute("aria-hidden", "true");
    var kind = document.createElement("span");
    kind.className = "upload-placeholder-kind";
    kind.textContent = "HEIC";
    var bytes = document.createElement("span");
    var size = entry.file.size;
    bytes.textContent = size < 1024 * 1024 ? Math.ceil(size / 1024) + " KB" : (size / 1024 / 1024).toFixed(1) + " MB";
    box.appendChild(kind);
    box.appendChild(bytes);
    entry.item.insertBefore(box, entry.item.firstChild);
  }

  /* ---- Saving the text ----------------------------------------------------------------- */

  function unsettled(state) {
    return count(state, ["waiting", "sending", "retrying"]);
  }

  function finish(state, submitter) {
    var form = state.form;
    window.clearTimeout(state.saveTimer);
    setButtons(form, true);
    state.status.className = "upload-status alert alert-info";
    state.status.textContent = form.dataset.msgSending;
    var check = function () {
      if (unsettled(state)) {
        window.setTimeout(check, 300);
        return;
      }
      if (count(state, ["failed", "blocked"])) {
        state.status.className = "upload-status alert alert-danger";
        state.status.textContent = state.texts.wait;
        setButtons(form, false);
        return;
      }
      sendText(state, submitter);
    };
    // A draft being created (by an autosave a moment ago) gives the form its address first:
    // otherwise this save would make a second post.
    Promise.resolve(state.creating).catch(function () { return null; }).then(check);
  }

  function sendText(state, submitter) {
    var form = state.form;
    var data = new FormData(form);
    data.delete("new_photos");
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    var xhr = new XMLHttpRequest();
    // Not form.action: the buttons named "action" shadow that property.
    xhr.open("POST", form.getAttribute("action") || window.location.href);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.addEventListener("load", function () { received(state, xhr); });
    xhr.addEventListener("error", function () { failed(state); });
    xhr.send(data);
  }

  function received(state, xhr) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    if (xhr.status === 200 && type.indexOf("application/json") === 0) {
      clearDraft(state.key);
      window.location.assign(JSON.parse(xhr.responseText).redirect);
      return;
    }
    var sameForm = xhr.responseURL && new URL(xhr.responseURL).pathname === window.location.pathname;
    if (xhr.status === 200 && sameForm && type.indexOf("text/html") === 0) {
      // The form came back with errors: show it (the photos sent are in it already).
      var fresh = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var main = document.getElementById("main");
      main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.getElementById("main").childNodes));
      var newForm = main.querySelector("[data-post-form]");
      main.dispatchEvent(new CustomEvent("jitarsa:replaced", { bubbles: true }));
      init(newForm, true);
      main.focus();
      return;
    }
    failed(state); // signed out (login page), CSRF refusal, server error…
  }

  function setButtons(form, disabled) {
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) {
      b.disabled = disabled;
    });
  }

  function failed(state) {
    state.status.className = "upload-status alert alert-danger";
    state.status.textContent = state.form.dataset.msgFailed;
    setButtons(state.form, false);
  }

  /* ---- The local copy: every text field, saved as typed, offered back after a failure -- */

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
      el.dispatchEvent(new Event("input", { bubbles: true })); // echoes and previews follow
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

  document.querySelectorAll("[data-post-form]").forEach(function (form) { init(form, false); });
})();
