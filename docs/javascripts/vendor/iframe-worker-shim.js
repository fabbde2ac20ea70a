/*! iframe-worker 1.0.4 shim, MIT License, Copyright (c) 2020-2022 Martin Donath.
 * Adapted for this site: the frame's own code is loaded from iframe-worker-frame.js beside this
 * file instead of being written into the frame inline, so the Content Security Policy (no inline
 * script without a hash) lets it run; and it is served from the site itself, so the offline copy
 * needs no other host. Only file:// pages use it: browsers refuse workers from file URLs. */
"use strict";
(() => {
  const frameCode = new URL("iframe-worker-frame.js", document.currentScript.src).href;
  const attr = (value) => String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.m = (event) => {
        if (event.source !== this.w) return;
        this.dispatchEvent(new MessageEvent("message", { data: event.data }));
        if (this.onmessage) this.onmessage(event);
      };
      this.e = (message, filename, lineno, colno, error) => {
        if (filename !== `${this.url}`) return;
        const event = new ErrorEvent("error", { message, filename, lineno, colno, error });
        this.dispatchEvent(event);
        if (this.onerror) this.onerror(event);
      };
      const frame = document.createElement("iframe");
      frame.hidden = true;
      document.body.appendChild((this.iframe = frame));
      this.w.document.open();
      this.w.document.write(
        `<html><body><script src="${attr(frameCode)}" data-worker="${attr(url)}"></script>` +
          `<script src="${attr(`${url}?${Date.now()}`)}"></script></body></html>`,
      );
      this.w.document.close();
      onmessage = this.m;
      onerror = this.e;
      this.r = new Promise((resolve, reject) => {
        this.w.onload = resolve;
        this.w.onerror = reject;
      });
    }

    terminate() {
      this.iframe.remove();
      onmessage = onerror = null;
    }

    postMessage(data) {
      this.r.catch().then(() => {
        this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data })));
      });
    }

    get w() {
      return this.iframe.contentWindow;
    }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
