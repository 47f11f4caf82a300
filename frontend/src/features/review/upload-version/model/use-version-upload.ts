"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";

import { assetApi } from "@/entities/asset";
import { upsertVersion, type Version } from "@/entities/version";
import { getTokens } from "@/shared/api";
import { apiBaseUrl } from "@/shared/config";
import { useAppDispatch } from "@/shared/lib/redux";
import type { ApiRootState } from "@/shared/lib/redux";
import { useStore } from "react-redux";

import {
  useAbortUploadMutation,
  useCompleteUploadMutation,
  useStartUploadMutation,
  useUploadPartUrlsMutation,
  useUploadStatusMutation,
} from "../api/upload-api";
import { isPermanent, NotAVideoFile, PartError, UploadAborted } from "./errors";
import type { MultipartUpload } from "./multipart";
import { forgetUpload, recallUpload, rememberUpload, subscribeUploads, unfinishedSnapshot, type StoredUpload } from "./resume-store";
import { looksLikeVideo, readHead } from "./sniff";

/** The server's default UPLOAD_SMALL_MAX_BYTES; bigger files go the presigned multipart way. */
export const SMALL_UPLOAD_MAX_BYTES = 100 * 1024 * 1024;

export type UploadPhase = "idle" | "uploading" | "paused" | "completing" | "done" | "error";

export interface UploadState {
  phase: UploadPhase;
  fileName: string | null;
  sent: number;
  total: number;
  multipart: boolean;
  error: string | null;
  /** The error's code when known (`not_a_video`, …). */
  errorCode: string | null;
  /** No retry can fix the error (see `isPermanent`): offer another file, not "retry". */
  permanent: boolean;
  version: Version | null;
}

const IDLE: UploadState = {
  phase: "idle",
  fileName: null,
  sent: 0,
  total: 0,
  multipart: false,
  error: null,
  errorCode: null,
  permanent: false,
  version: null,
};

function messageOf(error: unknown): string {
  if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") {
    return (error as { message: string }).message;
  }
  return String(error);
}

function codeOf(error: unknown): string | null {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : null;
  return typeof code === "string" ? code : null;
}

/** Upload a new version of an asset: small files in one request, large ones in presigned parts. */
export function useVersionUpload(assetId: string) {
  const dispatch = useAppDispatch();
  const store = useStore<ApiRootState>();
  const [state, setState] = useState<UploadState>(IDLE);
  const [start] = useStartUploadMutation();
  const [status] = useUploadStatusMutation();
  const [partUrls] = useUploadPartUrlsMutation();
  const [complete] = useCompleteUploadMutation();
  const [abort] = useAbortUploadMutation();
  const multipartRef = useRef<MultipartUpload<Version> | null>(null);
  const smallRef = useRef<AbortController | null>(null);
  const fileRef = useRef<File | null>(null);
  // Uploads of this asset that stopped before a reload (none while rendering on the server).
  const snapshot = useSyncExternalStore(subscribeUploads, () => unfinishedSnapshot(assetId), () => "[]");
  const unfinished = useMemo(() => JSON.parse(snapshot) as StoredUpload[], [snapshot]);

  const progress = useCallback((sent: number, total: number) => {
    setState((current) => ({ ...current, sent, total, phase: sent >= total ? "completing" : current.phase }));
  }, []);

  const finish = useCallback(
    (version: Version) => {
      multipartRef.current = null;
      if (fileRef.current) forgetUpload(assetId, fileRef.current);
      setState((current) => ({ ...current, phase: "done", sent: current.total, version }));
    },
    [assetId],
  );

  const fail = useCallback(
    (error: unknown) => {
      if (error instanceof UploadAborted) return;
      const permanent = isPermanent(error);
      if (permanent && fileRef.current) forgetUpload(assetId, fileRef.current); // that upload can never finish
      setState((current) => ({ ...current, phase: "error", error: messageOf(error), errorCode: codeOf(error), permanent }));
    },
    [assetId],
  );

  const runMultipart = useCallback(
    async (upload: MultipartUpload<Version>) => {
      setState((current) => ({ ...current, phase: "uploading", error: null, errorCode: null, permanent: false }));
      try {
        finish(await upload.run());
      } catch (error) {
        fail(error);
      }
    },
    [fail, finish],
  );

  const startMultipart = useCallback(
    async (file: File) => {
      setState({ ...IDLE, phase: "uploading", fileName: file.name, total: file.size });
      // Both upload paths load with the first upload, not with every page that offers the button.
      const loaded = await import("./multipart").catch((error: unknown) => void fail(error));
      if (!loaded || fileRef.current !== file) return; // failed to load, or cancelled meanwhile
      const { MultipartUpload, xhrPut } = loaded;
      const upload = new MultipartUpload<Version>(
        file,
        {
          start: (body) => start({ assetId, ...body }).unwrap(),
          status: (uploadId) => status(uploadId).unwrap(),
          partUrls: async (uploadId, numbers) => (await partUrls({ uploadId, numbers }).unwrap()).parts,
          complete: (uploadId, parts) => complete({ uploadId, parts }).unwrap(),
          abort: (uploadId) => abort(uploadId).unwrap(),
          put: xhrPut,
        },
        progress,
        {
          // The same file chosen again after a reload continues the upload it started.
          resumeId: recallUpload(assetId, file),
          onSession: (session) => {
            rememberUpload(assetId, file, session.id);
                },
        },
      );
      multipartRef.current = upload;
      setState((current) => ({ ...current, multipart: true }));
      void runMultipart(upload);
    },
    [abort, assetId, complete, fail, partUrls, progress, runMultipart, start, status],
  );

  const startSmall = useCallback(
    async (file: File) => {
      const controller = new AbortController();
      smallRef.current = controller;
      setState({ ...IDLE, phase: "uploading", fileName: file.name, total: file.size, multipart: false });
      try {
        const { xhrPostFile } = await import("./small-upload");
        if (controller.signal.aborted) return; // cancelled meanwhile
        // A cheap authenticated call first: it refreshes an expired access token.
        await dispatch(assetApi.endpoints.getAsset.initiate(assetId, { forceRefetch: true, subscribe: false }));
        const version = await xhrPostFile<Version>(
          `${apiBaseUrl()}/api/v1/assets/${assetId}/versions/`,
          file,
          { Authorization: `Bearer ${getTokens()?.access ?? ""}`, Accept: "application/json" },
          (loaded) => progress(Math.min(loaded, file.size), file.size),
          controller.signal,
        );
        upsertVersion(dispatch, store.getState(), version);
        finish(version);
      } catch (error) {
        if (error instanceof PartError && error.status === 413) {
          // The server's small-file limit is lower than ours: go the multipart way.
          void startMultipart(file);
          return;
        }
        fail(error);
      } finally {
        smallRef.current = null;
      }
    },
    [assetId, dispatch, fail, finish, progress, startMultipart, store],
  );

  const upload = useCallback(
    async (file: File) => {
      fileRef.current = file;
      setState({ ...IDLE, phase: "uploading", fileName: file.name, total: file.size });
      // Refused before a byte is sent when its first bytes match no video container.
      const head = await readHead(file).catch(() => new Uint8Array());
      if (fileRef.current !== file) return; // cancelled or replaced meanwhile
      if (!looksLikeVideo(head)) {
        fail(new NotAVideoFile());
        return;
      }
      if (file.size >= SMALL_UPLOAD_MAX_BYTES) void startMultipart(file);
      else void startSmall(file);
    },
    [fail, startMultipart, startSmall],
  );

  const pause = useCallback(() => {
    multipartRef.current?.pause();
    setState((current) => ({ ...current, phase: "paused" }));
  }, []);

  const resume = useCallback(() => {
    if (multipartRef.current) void runMultipart(multipartRef.current);
  }, [runMultipart]);

  /** After an error worth another try: continue a multipart upload, or send a small file again. */
  const retry = useCallback(() => {
    if (multipartRef.current) void runMultipart(multipartRef.current);
    else if (fileRef.current) void upload(fileRef.current);
  }, [runMultipart, upload]);

  /** Drop an upload that stopped before a reload: storage throws its parts away. */
  const discard = useCallback(
    async (entry: StoredUpload) => {
      forgetUpload(assetId, entry);
      try {
        await abort(entry.uploadId).unwrap();
      } catch {
        // Already finished or gone; the sweeper aborts leftovers after a day anyway.
      }
    },
    [abort, assetId],
  );

  const cancel = useCallback(async () => {
    if (fileRef.current) forgetUpload(assetId, fileRef.current);
    fileRef.current = null;
    smallRef.current?.abort();
    const current = multipartRef.current;
    multipartRef.current = null;
    setState(IDLE);
    if (current) {
      try {
        await current.cancel();
      } catch {
        // Already gone server-side; the sweeper aborts leftovers after a day anyway.
      }
    }
  }, [assetId]);

  const reset = useCallback(() => setState(IDLE), []);

  // Leaving the page mid-upload stops sending (the server sweeps the rest).
  useEffect(() => () => {
    smallRef.current?.abort();
    multipartRef.current?.pause();
  }, []);

  return { state, unfinished, upload, pause, resume, retry, cancel, discard, reset };
}
