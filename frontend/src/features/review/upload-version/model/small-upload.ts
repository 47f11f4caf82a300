import { PartError, UploadAborted } from "./errors";

/**
 * POST the file as multipart `file` to `assets/{id}/versions/` with upload
 * progress (XMLHttpRequest; fetch has none). Resolves with the parsed JSON of
 * a 2xx answer, rejects with the envelope's error otherwise.
 */
export function xhrPostFile<T>(
  url: string,
  file: File,
  headers: Record<string, string>,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else {
        const envelope = (body as { error?: { code?: string; message?: string } } | null)?.error;
        const error = new PartError(xhr.status, envelope?.message || `upload failed (${xhr.status})`);
        (error as PartError & { code?: string }).code = envelope?.code;
        reject(error);
      }
    };
    xhr.onerror = () => reject(new PartError(0, "network error"));
    xhr.onabort = () => reject(new UploadAborted());
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}
