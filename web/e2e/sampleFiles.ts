// What the evidence, actual-journey and export tests make for themselves: tiny files, byte
// for byte (a PNG picture, a WAV recording with a VTT transcript), and journeys posted
// whole through the API (with emotions and `next` links, which the canvas tests' helper
// does not set). Nothing is read from disk or downloaded.
import type { Page } from "@playwright/test";
import { deflateSync } from "node:zlib";
import { demoWorkspace, expect } from "./fixtures";

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `size`×`size` RGB picture of one colour. */
export function png(size = 24, rgb: [number, number, number] = [204, 34, 34]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, default compression, filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk("IHDR", header), pngChunk("IDAT", pixels), pngChunk("IEND", Buffer.alloc(0))]);
}

/** `seconds` of a quiet 440 Hz tone, 8 kHz mono 16-bit PCM. */
export function wav(seconds = 0.5): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  for (let at = 0; at < samples; at++) data.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * at) / rate)), at * 2);
  const head = Buffer.alloc(44);
  head.write("RIFF", 0, "ascii");
  head.writeUInt32LE(36 + data.length, 4);
  head.write("WAVEfmt ", 8, "ascii");
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write("data", 36, "ascii");
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

export const TRANSCRIPT = "The payment page kept timing out and I gave up on the order.";
export const VTT = Buffer.from(`WEBVTT\n\n00:00.000 --> 00:00.500\n${TRANSCRIPT}\n`);

export interface PostedJourney {
  workspace: string;
  id: string;
}

/** Post `body` (the journey format) as a new journey; its id gets a unique suffix. */
export async function postJourney(page: Page, body: Record<string, unknown>): Promise<PostedJourney> {
  const workspace = await demoWorkspace(page.request);
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "cxmap_csrf")?.value ?? "";
  const data = { ...body, id: `${String(body.id)}-${Date.now().toString(36)}` };
  const response = await page.request.post(`/workspaces/${workspace}/journeys`, { data, headers: { "X-CSRF-Token": csrf } });
  expect(response.status(), await response.text()).toBe(201);
  return { workspace, id: ((await response.json()) as { id: string }).id };
}
