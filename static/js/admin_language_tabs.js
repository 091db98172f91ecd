// modeltranslation labels its language tabs and its "all fields" switch with the field suffix
// ("ind", "en", shown in capitals); staff read the language's name instead. Runs once the page's
// own scripts have built the tabs.
(function () {
  "use strict";
  var script = document.currentScript;

  function languageName(code) {
    return script.getAttribute("data-" + code.trim().toLowerCase());
  }

  window.addEventListener("load", function () {
    var labels = document.querySelectorAll(".ui-tabs-nav a, .modeltranslation-switch option");
    Array.prototype.forEach.call(labels, function (label) {
      var name = languageName(label.textContent);
      if (name) {
        label.textContent = name;
        label.style.textTransform = "none";
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".modeltranslation-switch"), function (select) {
      select.style.textTransform = "none";
    });
  });
}());
