/// <reference types="vitest/config" />
// Vite builds the app into dist/, which `cxmap serve` serves at `/`. In development
// (`npm run dev`) the API calls go to a running `cxmap serve` (CXMAP_API, default :8000).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = process.env.CXMAP_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  build: { target: "es2022", chunkSizeWarningLimit: 800 },
  server: {
    proxy: {
      "/auth": api,
      "/workspaces": { target: api, ws: true },
      "/shared": api,
      "/openapi.json": api,
      "/docs": api,
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
  },
});
