// modeltranslation labels its language tabs and its "all fields" switch with the field suffix
// ("ind", "en", shown in capitals); staff read the language's name instead. modeltranslation
// builds the tabs from jQuery's ready queue, which jQuery 3 runs asynchronously and can finish
// after the window's load event: so the labels are renamed whenever tabs appear, not once.
(function () {
  "use strict";
  var script = document.currentScript;
  var SELECTOR = ".ui-tabs-nav a, .modeltranslation-switch option";

  function languageName(code) {
    return script.getAttribute("data-" + code.trim().toLowerCase());
  }

  function relabel() {
    Array.prototype.forEach.call(document.querySelectorAll(SELECTOR), function (label) {
      var name = languageName(label.textContent);
      if (name) {
        label.textContent = name;
        label.style.textTransform = "none";
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".modeltranslation-switch"), function (select) {
      select.style.textTransform = "none";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    relabel();
    // Renaming is idempotent (a language's name is not a field suffix), so the observer's own
    // changes end the loop on the next pass.
    new MutationObserver(relabel).observe(document.body, {childList: true, subtree: true});
  });
}());
