/* Autocomplete for the header search box: the ARIA 1.2 combobox pattern (list popup).
 * Progressive enhancement: without JavaScript the box is a plain search form.
 * Keys: ArrowDown/ArrowUp move through the suggestions, Enter opens the chosen one,
 * Escape closes the list (a second Escape clears the box). A polite live region announces
 * how many suggestions there are (the text comes translated from the server). Requests are
 * debounced and stale answers are dropped. */
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var MIN_CHARS = 2;

  function init(form) {
    var input = form.querySelector("input[type=search]");
    var url = form.getAttribute("data-suggest-url");
    if (!input || !url) { return; }

    var listId = input.id + "-listbox";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    var label = form.querySelector("label[for='" + input.id + "']");
    if (label) { list.setAttribute("aria-labelledby", label.id || (label.id = input.id + "-label")); }
    list.hidden = true;

    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");

    form.classList.add("has-suggestions");
    form.appendChild(list);
    form.appendChild(live);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function close() {
      // A pending or answering request must not reopen the list the user just closed.
      window.clearTimeout(timer);
      latest++;
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      if (items[index]) { window.location.assign(items[index].url); }
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function render(suggestions, announcement) {
      items = suggestions;
      // The old options are gone: never leave aria-activedescendant pointing at one of them.
      highlight(-1);
      list.textContent = "";
      suggestions.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.className = "suggestions__title";
        title.textContent = item.title;
        var kind = document.createElement("span");
        kind.className = "suggestions__kind";
        kind.textContent = item.kind_label;
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(index); });
        list.appendChild(option);
      });
      live.textContent = announcement || "";
      if (suggestions.length) {
        open();
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_CHARS) { render([]); return; }
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === latest) { render(data.suggestions || [], data.announcement); } })
        .catch(function () { if (ticket === latest) { close(); } });
    }

    input.addEventListener("input", function () {
      latest++; // an answer to what the box said before is stale now
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      var isOpen = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) { return; }
        event.preventDefault();
        if (!isOpen) { open(); }
        if (event.key === "ArrowDown") {
          highlight(active + 1 >= items.length ? 0 : active + 1);
        } else {
          highlight(active <= 0 ? items.length - 1 : active - 1);
        }
      } else if (event.key === "Enter") {
        if (isOpen && active >= 0) { event.preventDefault(); go(active); }
      } else if (event.key === "Escape") {
        if (isOpen) { event.preventDefault(); close(); } else { input.value = ""; }
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  var forms = document.querySelectorAll("form[data-suggest-url]");
  for (var i = 0; i < forms.length; i++) { init(forms[i]); }
})();
