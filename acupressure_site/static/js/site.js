// Progressive enhancements; every feature works without this file.
(function () {
  "use strict";

  // Video facade: the player (and any request to the video host) is created only
  // when the reader asks for it. Without JavaScript the link opens the video page.
  function loadVideo(event) {
    var link = event.currentTarget;
    var src = link.getAttribute("data-embed");
    if (!src) {
      return;
    }
    event.preventDefault();
    var iframe = document.createElement("iframe");
    iframe.src = src;
    iframe.title = link.getAttribute("data-title") || "Video";
    iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    iframe.allowFullscreen = true;
    iframe.className = "video__iframe";
    link.replaceWith(iframe);
    iframe.focus();
  }

  // Comment form on a cached page: every reader gets the same copy, so its CSRF
  // token field is empty. A token of the reader's own is fetched when the form
  // is first used, and at the latest when it is sent. Without this script, the
  // server shows the comment again with a token, to be sent once more.
  function fetchToken(form, field) {
    if (!form.tokenRequest) {
      form.tokenRequest = fetch(form.getAttribute("data-token-url"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .then(function (data) {
          if (data.token) {
            field.value = data.token;
          }
        })
        .catch(function () {
          form.tokenRequest = null;
        });
    }
    return form.tokenRequest;
  }

  function initCommentForm(form) {
    var field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (!field || field.value) {
      return;
    }
    form.addEventListener("focusin", function () {
      fetchToken(form, field);
    });
    form.addEventListener("submit", function (event) {
      if (field.value) {
        return;
      }
      event.preventDefault();
      fetchToken(form, field).then(function () {
        form.submit();
      });
    });
  }

  // "Was this page helpful?": the answer is sent in the background and the
  // follow-up question takes the form's place. Without this script the form
  // posts as usual and the question comes on a page of its own.
  function initFeedbackForm(form) {
    var field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData || !event.submitter) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      var submitter = event.submitter;
      var ready = field && !field.value ? fetchToken(form, field) : Promise.resolve();
      ready
        .then(function () {
          return fetch(form.action, {
            method: "POST",
            body: new FormData(form, submitter),
            credentials: "same-origin",
            headers: { "X-Requested-With": "fetch" },
          });
        })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.text();
        })
        .then(function (html) {
          var box = form.parentNode;
          var holder = document.createElement("div");
          holder.innerHTML = html;
          form.replaceWith(holder.firstElementChild || holder);
          var status = box.querySelector('[role="status"]');
          if (status) {
            status.setAttribute("tabindex", "-1");
            status.focus();
          }
        })
        .catch(function () {
          // form.submit() sends no button: carry the answer in a field.
          var answer = document.createElement("input");
          answer.type = "hidden";
          answer.name = submitter.name;
          answer.value = submitter.value;
          form.appendChild(answer);
          form.submit();
        });
    });
  }

  function init() {
    document.querySelectorAll("form[data-feedback]").forEach(initFeedbackForm);
    document.querySelectorAll("form[data-token-url]").forEach(initCommentForm);
    document.querySelectorAll(".video-facade[data-embed]").forEach(function (link) {
      link.addEventListener("click", loadVideo);
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
