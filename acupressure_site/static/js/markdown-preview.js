// Admin: the Markdown body rendered beside the text as the editor types, by the
// site's own renderer and sanitiser (routines.text, a staff-only endpoint).
// The server returns sanitised HTML only; nothing here renders Markdown itself.
(function () {
  "use strict";

  function token(form) {
    var field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function attach(textarea) {
    var url = textarea.getAttribute("data-markdown-preview");
    var wrapper = document.createElement("div");
    wrapper.className = "markdown-preview";
    var heading = document.createElement("p");
    heading.className = "markdown-preview__label";
    heading.textContent = "As readers will see it";
    var output = document.createElement("div");
    output.className = "markdown-preview__output";
    output.setAttribute("aria-live", "polite");
    wrapper.appendChild(heading);
    wrapper.appendChild(output);
    // The text and its rendering side by side (stacked on a narrow screen).
    var pair = document.createElement("div");
    pair.className = "markdown-preview__pair";
    textarea.parentNode.insertBefore(pair, textarea);
    pair.appendChild(textarea);
    pair.appendChild(wrapper);

    var timer = null;
    var sent = 0;
    function render() {
      var mine = ++sent;
      var body = new FormData();
      body.append("text", textarea.value);
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token(textarea.form) },
      })
        .then(function (response) {
          return response.ok ? response.json() : { html: "", error: "Preview unavailable." };
        })
        .then(function (data) {
          if (mine !== sent) {
            return; // An older answer arriving late.
          }
          if (data.error) {
            output.textContent = data.error;
          } else {
            output.innerHTML = data.html; // Sanitised by the server (nh3).
          }
        })
        .catch(function () {
          output.textContent = "Preview unavailable.";
        });
    }
    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 300);
    });
    render();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var fields = document.querySelectorAll("textarea[data-markdown-preview]");
    Array.prototype.forEach.call(fields, attach);
  });
})();
