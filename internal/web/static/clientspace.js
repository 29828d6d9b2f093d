// Afterward client space, progressive enhancement only: every page works
// without this file. It keeps a journal draft in localStorage on every
// keystroke until the server confirms the entry is saved (so a dropped
// connection or a restarted server never loses a word), autosaves drafts
// to the server, and shows a Print button on the journey page.
(function () {
  "use strict";
  var PREFIX = "afterward-draft:";

  function read(slot) {
    try { return JSON.parse(window.localStorage.getItem(slot) || "null"); } catch (e) { return null; }
  }

  function setupDraft(form) {
    var slot = PREFIX + form.getAttribute("data-draft");
    var f = form.elements;
    var status = form.querySelector(".draft-status");
    var timer = null, dirty = false;

    function show(msg) {
      if (status) { status.hidden = false; status.textContent = msg; }
    }
    function keep() {
      try {
        window.localStorage.setItem(slot, JSON.stringify({
          key: f.key.value, title: f.title.value, body: f.body.value, prompt: f.prompt_id.value, at: Date.now()
        }));
      } catch (e) { /* storage full or disabled: the server autosave still runs */ }
    }
    function autosave() {
      timer = null;
      if (!dirty || !f.body.value.trim()) { return; }
      dirty = false;
      var data = new FormData(form);
      data.set("draft", "1");
      window.fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function () { show("Draft saved on the server at " + new Date().toLocaleTimeString() + "."); })
        .catch(function () {
          dirty = true;
          show("No connection: your words are kept on this device and will be saved when the connection is back.");
        });
    }

    var stored = read(slot);
    if (stored && stored.body && !f.body.value) {
      f.key.value = stored.key;
      f.title.value = stored.title || "";
      f.body.value = stored.body;
      if (stored.prompt && !f.prompt_id.value) { f.prompt_id.value = stored.prompt; }
      show("We restored the draft you were writing. Save it when you are ready.");
    }
    form.addEventListener("input", function () {
      keep();
      dirty = true;
      if (!timer) { timer = window.setTimeout(autosave, 2000); }
    });
    form.addEventListener("submit", keep);
    window.addEventListener("online", function () { if (dirty) { autosave(); } });
  }

  // The entry page carries the key the server just saved: only then is the
  // local draft dropped.
  function clearConfirmed() {
    var el = document.querySelector("[data-saved-key]");
    if (!el) { return; }
    var key = el.getAttribute("data-saved-key");
    for (var i = window.localStorage.length - 1; i >= 0; i--) {
      var name = window.localStorage.key(i);
      if (name && name.indexOf(PREFIX) === 0) {
        var d = read(name);
        if (d && d.key === key) { window.localStorage.removeItem(name); }
      }
    }
  }

  function setupPrint() {
    var b = document.querySelector("[data-print]");
    if (!b) { return; }
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  }

  // Time-zone selects marked data-detect-zone start on the device's own
  // zone when nothing is chosen yet; without JavaScript the person picks it.
  function detectZones() {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
    if (!zone) { return; }
    var selects = document.querySelectorAll("select[data-detect-zone]");
    for (var i = 0; i < selects.length; i++) {
      var sel = selects[i];
      if (sel.value) { continue; }
      var found = false;
      for (var j = 0; j < sel.options.length; j++) { found = found || sel.options[j].value === zone; }
      if (!found) { sel.add(new Option(zone + " (this device)", zone), 1); }
      sel.value = zone;
    }
  }

  var forms = document.querySelectorAll("form[data-draft]");
  for (var i = 0; i < forms.length; i++) { setupDraft(forms[i]); }
  clearConfirmed();
  setupPrint();
  detectZones();
})();

// A time-zone picker with nothing chosen yet starts at the browser's zone.
(function () {
  var sel = document.querySelector('select[data-browser-zone]');
  if (!sel || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (var i = 0; i < sel.options.length; i++) {
    if (sel.options[i].value === zone) { sel.selectedIndex = i; return; }
  }
})();

// A table wider than the screen scrolls inside its wrapper; make the
// wrapper reachable by keyboard so the hidden columns can be scrolled to.
(function () {
  var wraps = document.querySelectorAll(".table-wrap, main table");
  for (var i = 0; i < wraps.length; i++) {
    var w = wraps[i];
    if (w.scrollWidth > w.clientWidth && !w.hasAttribute("tabindex")) {
      w.setAttribute("tabindex", "0");
      w.setAttribute("role", "region");
      var t = w.querySelector("caption");
      if (w.tagName === "TABLE") { w.setAttribute("aria-label", t ? t.textContent : "Table (scrolls sideways)"); w.removeAttribute("role"); continue; }
      w.setAttribute("aria-label", t ? t.textContent : "Table (scrolls sideways)");
    }
  }
})();

// On a phone the directory's filters start folded under one "Filters"
// toggle (which says how many are chosen) so the first coach is on the
// first screen; on wider screens the toggle is hidden and they stay open.
(function () {
  var d = document.querySelector("details[data-collapse-narrow]");
  if (!d || !window.matchMedia || window.matchMedia("(min-width: 50rem)").matches) return;
  d.open = false;
})();

// The offline page: a service worker keeps /offline for when the network
// is gone (nothing about a person is cached).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(function () {});
}
