/* On a phone the header's many links fold behind a "Menu" button (see portal.css); without
 * this file every link simply shows, as on a wide screen. */
(function () {
  "use strict";

  var header = document.querySelector(".site-header");
  var toggle = header && header.querySelector(".nav-toggle");
  if (!toggle) {
    return;
  }
  toggle.hidden = false;
  header.classList.add("nav-collapsible");
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    header.classList.toggle("nav-open", open);
  });
})();
