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

  function init() {
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
