// Progressive enhancement: a "copy link" button next to the selectable link (works without it).
(function () {
  "use strict";
  var field = document.getElementById("share-url");
  if (!field || !navigator.clipboard) { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary share__copy-button";
  button.textContent = field.getAttribute("data-copy-label");
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = field.getAttribute("data-copied-label");
    });
  });
  field.insertAdjacentElement("afterend", button);
  field.addEventListener("focus", function () { field.select(); });
}());

// The print notice offers a Print button when scripts run; browsers' own Print works anyway.
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".js-print");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
}());
