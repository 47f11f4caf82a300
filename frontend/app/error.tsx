"use client";

export { ErrorPage as default } from "@/views/error";
