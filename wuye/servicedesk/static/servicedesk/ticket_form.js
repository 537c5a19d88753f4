/* Urgency only for repairs, category only for complaints: hide what the chosen kind does not use. */
(function () {
  "use strict";
  var kind = document.querySelector("[name=kind]");
  if (!kind) return;
  function show() {
    var urgency = document.querySelector("[data-field=urgency]");
    var category = document.querySelector("[data-field=complaint_category]");
    if (urgency) urgency.hidden = kind.value !== "repair";
    if (category) category.hidden = kind.value !== "complaint";
  }
  kind.addEventListener("change", show);
  show();
})();
