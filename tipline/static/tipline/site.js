// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Receipt page: copy and print buttons (shown only when they can work).
  var actions = document.querySelector("[data-receipt-actions]");
  if (actions) {
    actions.hidden = false;
    var code = document.querySelector("[data-receipt-code]");
    var copy = document.querySelector("[data-copy-receipt]");
    copy.addEventListener("click", function () {
      var text = code.textContent.replace(/\s+/g, " ").trim();
      var done = function () { copy.textContent = copy.getAttribute("data-copied"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
      } else {
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try { document.execCommand("copy"); done(); } catch (e) { /* the code stays selected for the user to copy */ }
      }
    });
    document.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
  }

  // Report form: identity fields only when reporting by name.
  var identity = document.querySelector("[data-identity]");
  if (identity) {
    var radios = document.querySelectorAll("input[name=reporter_kind]");
    var sync = function () {
      var checked = document.querySelector("input[name=reporter_kind]:checked");
      identity.hidden = !checked || checked.value === "anonymous";
    };
    radios.forEach(function (r) { r.addEventListener("change", sync); });
    sync();
  }

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // Forms with files: send with progress; on a network failure keep everything typed and let the user retry.
  // The hidden submission token makes a retry safe: the server never makes two reports from one form.
  var messages = document.getElementById("upload-messages");
  document.querySelectorAll("form[data-upload-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !window.FormData) { return; }
      event.preventDefault();
      var status = form.querySelector("[data-upload-status]");
      var bar = form.querySelector("[data-upload-progress]");
      var text = form.querySelector("[data-upload-message]");
      var failed = form.querySelector("[data-upload-failed]");
      var button = form.querySelector("button[type=submit]");
      failed.hidden = true;
      status.hidden = false;
      button.disabled = true;
      var request = new XMLHttpRequest();
      request.open("POST", form.getAttribute("action") || window.location.href);
      request.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        text.textContent = messages.getAttribute("data-sending") + " " + percent + "%";
        if (percent >= 100) { text.textContent = messages.getAttribute("data-processing"); }
      });
      request.addEventListener("load", function () {
        // Show the server's answer as a page of its own (receipt, or the form with its errors).
        if (request.responseURL && request.responseURL !== window.location.href && request.status < 400 &&
            request.responseURL.indexOf(window.location.origin) === 0 && form.getAttribute("action")) {
          window.location.assign(request.responseURL);
          return;
        }
        document.open();
        document.write(request.responseText);
        document.close();
        // The new page keeps the form's scroll position: start at the top, where the receipt code (or the
        // error summary) is, and move focus there for screen readers.
        window.scrollTo(0, 0);
        var heading = document.getElementById("error-summary") || document.querySelector("main h1");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      });
      request.addEventListener("error", function () {
        status.hidden = true;
        failed.hidden = false;
        button.disabled = false;
      });
      request.send(new FormData(form));
    });
  });
})();
