// The browser's uploader, timed in Debian's Chromium (playwright-core from frontend/node_modules):
// a page loads the app's own MultipartUpload and xhrPut (bundled from
// frontend/src/features/review/upload-version/model/multipart.ts by the benchmark), the file is
// chosen in an <input type=file> as a person would, and the upload runs against the real API
// (start → parts PUT straight to S3 → complete) the way the upload hook drives it.
// Usage: node bench/upload_browser.mjs '<json>' with {"pageUrl", "file", "api", "token", "assetId"};
// prints {"ms": <start to completed version>, "phases": {start, parts, complete} in ms, "parts": <part PUTs seen>}.
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
  const result = await page.evaluate(async ({ api, token, assetId, concurrency }) => {
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
  }, options);
  console.log(JSON.stringify({ ...result, parts }));
} finally {
  await browser.close();
}
