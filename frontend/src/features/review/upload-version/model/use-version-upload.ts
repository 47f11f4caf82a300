"use client";

import { useCallback, useEffect, useRef, useState } from "react";

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
import { PartError, UploadAborted } from "./errors";
import type { MultipartUpload } from "./multipart";

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
  version: Version | null;
}

const IDLE: UploadState = { phase: "idle", fileName: null, sent: 0, total: 0, multipart: false, error: null, version: null };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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

  const progress = useCallback((sent: number, total: number) => {
    setState((current) => ({ ...current, sent, total, phase: sent >= total ? "completing" : current.phase }));
  }, []);

  const finish = useCallback((version: Version) => {
    multipartRef.current = null;
    setState((current) => ({ ...current, phase: "done", sent: current.total, version }));
  }, []);

  const fail = useCallback((error: unknown) => {
    if (error instanceof UploadAborted) return;
    setState((current) => ({ ...current, phase: "error", error: messageOf(error) }));
  }, []);

  const runMultipart = useCallback(
    async (upload: MultipartUpload<Version>) => {
      setState((current) => ({ ...current, phase: "uploading", error: null }));
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
    (file: File) => {
      fileRef.current = file;
      if (file.size >= SMALL_UPLOAD_MAX_BYTES) void startMultipart(file);
      else void startSmall(file);
    },
    [startMultipart, startSmall],
  );

  const pause = useCallback(() => {
    multipartRef.current?.pause();
    setState((current) => ({ ...current, phase: "paused" }));
  }, []);

  const resume = useCallback(() => {
    if (multipartRef.current) void runMultipart(multipartRef.current);
  }, [runMultipart]);

  /** After an error: continue a multipart upload, or send a small file again. */
  const retry = useCallback(() => {
    if (multipartRef.current) void runMultipart(multipartRef.current);
    else if (fileRef.current) upload(fileRef.current);
  }, [runMultipart, upload]);

  const cancel = useCallback(async () => {
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
  }, []);

  const reset = useCallback(() => setState(IDLE), []);

  // Leaving the page mid-upload stops sending (the server sweeps the rest).
  useEffect(() => () => {
    smallRef.current?.abort();
    multipartRef.current?.pause();
  }, []);

  return { state, upload, pause, resume, retry, cancel, reset };
}
