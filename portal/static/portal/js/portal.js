// Progressive enhancement only: every feature works without JavaScript.
(function () {
  "use strict";
  // Move focus to <main> after following the skip link (some browsers keep it on the link).
  var skip = document.querySelector(".skip-link");
  var main = document.getElementById("main");
  if (skip && main) {
    skip.addEventListener("click", function () { main.focus(); });
  }
  // Print buttons: the Content Security Policy forbids inline handlers (onclick="…").
  var printButtons = document.querySelectorAll("button[data-print]");
  for (var i = 0; i < printButtons.length; i++) {
    printButtons[i].addEventListener("click", function () { window.print(); });
  }
})();
