// The browser's uploader, timed in Debian's Chromium (playwright-core from frontend/node_modules):
// a page loads the app's own MultipartUpload and xhrPut (bundled from
// frontend/src/features/review/upload-version/model/multipart.ts by the benchmark), the file is
// chosen in an <input type=file> as a person would, and the upload runs against the real API
// (start → parts PUT straight to S3 → complete) the way the upload hook drives it.
// Usage: node bench/upload_browser.mjs '<json>' with {"pageUrl", "file", "api", "token", "assetId"};
// prints {"ms": <start to completed version>, "phases": {start, parts, complete} in ms, "parts": <part PUTs seen>}.
// With {"pageUrl", "file", "bare": {"urls", "partSize", "lanes"}} it measures Chromium itself instead:
// the fewest lines that PUT the file's slices to the given URLs, `lanes` at a time, with no app code;
// prints {"ms", "etags", "parts"}.
import { createRequire } from "node:module";

const require = createRequire(new URL("../frontend/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const options = JSON.parse(process.argv[2]);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage();
  let parts = 0;
  page.on("request", (request) => {
    if (request.method() === "PUT" && request.url().includes("partNumber=")) parts += 1;
  });
  await page.goto(options.pageUrl);
  await page.locator("#file").setInputFiles(options.file);
  const result = options.bare ? await page.evaluate(bareUpload, options.bare) : await page.evaluate(appUpload, options);
  console.log(JSON.stringify({ ...result, parts }));
} finally {
  await browser.close();
}

async function appUpload({ api, token, assetId, concurrency }) {
  const call = async (path, init = {}) => {
    const response = await fetch(`${api}/api/v1/${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" },
    });
    const body = response.status === 204 ? null : await response.json();
    if (!response.ok) throw Object.assign(new Error(JSON.stringify(body)), { status: response.status, code: body?.error?.code });
    return body;
  };
  const post = (path, body) => call(path, { method: "POST", body: JSON.stringify(body) });
  const marks = {};
  const deps = {
    start: async (body) => {
      const session = await post(`assets/${assetId}/uploads/`, body);
      marks.started = performance.now();
      return session;
    },
    status: (id) => call(`uploads/${id}/`),
    partUrls: async (id, numbers) => (await post(`uploads/${id}/parts/`, { numbers })).parts,
    complete: (id, parts) => {
      marks.sent = performance.now();
      return post(`uploads/${id}/complete/`, { parts });
    },
    abort: (id) => call(`uploads/${id}/`, { method: "DELETE" }),
    put: window.VpUpload.xhrPut,
  };
  const file = document.getElementById("file").files[0];
  const began = performance.now();
  await new window.VpUpload.MultipartUpload(file, deps, undefined, concurrency ? { concurrency } : {}).run();
  const ended = performance.now();
  const phases = { start: marks.started - began, parts: marks.sent - marks.started, complete: ended - marks.sent };
  return { ms: ended - began, phases };
}

async function bareUpload({ urls, partSize, lanes }) {
  const file = document.getElementById("file").files[0];
  const put = (url, body) =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("PUT", url);
      xhr.onload = () => (xhr.status === 200 ? resolve(xhr.getResponseHeader("ETag")) : reject(new Error(xhr.status)));
      xhr.onerror = () => reject(new Error("network"));
      xhr.send(body);
    });
  const etags = new Array(urls.length);
  let next = 0;
  const lane = async () => {
    while (next < urls.length) {
      const index = next++;
      etags[index] = await put(urls[index], file.slice(index * partSize, (index + 1) * partSize));
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: lanes }, lane));
  return { ms: performance.now() - began, etags };
}
