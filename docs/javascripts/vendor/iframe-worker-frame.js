/*! iframe-worker 1.0.4 frame side, MIT License, Copyright (c) 2020-2022 Martin Donath.
 * Runs inside the hidden frame before the worker's script: gives it a worker's postMessage
 * and importScripts, and reports its errors to the page. */
"use strict";
(() => {
  const worker = document.currentScript.dataset.worker;
  window.postMessage = (message, origin) => parent.postMessage(message, origin || "*");
  window.importScripts = (...urls) =>
    urls.reduce(
      (done, url) =>
        done.then(
          () =>
            new Promise((resolve) => {
              const script = document.createElement("script");
              script.src = url;
              script.onload = resolve;
              document.body.appendChild(script);
            }),
        ),
      Promise.resolve(),
    );
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error }));
  });
})();
