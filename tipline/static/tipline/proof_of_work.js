// The ALTCHA widget (vendored, external build) finds its proof-of-work worker here. Loaded after altcha.min.js,
// before any challenge is solved (solving starts only after the challenge has been fetched).
(function () {
  "use strict";
  if (!window.$altcha) { return; }
  var workerUrl = document.currentScript.getAttribute("data-worker");
  window.$altcha.algorithms.set("PBKDF2/SHA-256", function () { return new Worker(workerUrl); });
})();
