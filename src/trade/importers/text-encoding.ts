/**
 * Customs exports are often not UTF-8: China customs' online query writes
 * GB18030 (GBK) CSV, Russian files may be Windows-1251. DuckDB reads UTF-8,
 * so such a file is decoded once, streamed, into a UTF-8 copy in a temporary
 * folder; a UTF-8 file (with or without BOM) is read as it is.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface Utf8File {
  /** the file to read: the original or its UTF-8 copy */
  path: string;
  /** the encoding the original was read as */
  encoding: string;
  /** removes the copy (a no-op for a UTF-8 original) */
  cleanup(): void;
}

/** True when the first MiB of the file is valid UTF-8. */
async function looksUtf8(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    try {
      // stream: a multi-byte character cut by the 1 MiB window is not an error
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, bytesRead), { stream: true });
      return true;
    } catch {
      return false;
    }
  } finally {
    await fh.close();
  }
}

/** The file as UTF-8: itself when it is UTF-8, else a copy decoded from `fallback` (e.g. 'gb18030', 'windows-1251'). */
export async function asUtf8(file: string, fallback: string): Promise<Utf8File> {
  // compressed files are read by DuckDB as they are (their text is taken to be UTF-8)
  if (/\.(gz|zst)$/i.test(file) || (await looksUtf8(file)))
    return { path: file, encoding: 'utf-8', cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'amur-utf8-'));
  const out = join(dir, basename(file));
  const decoder = new TextDecoder(fallback);
  await pipeline(
    createReadStream(file),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) yield decoder.decode(chunk, { stream: true });
      yield decoder.decode();
    },
    createWriteStream(out),
  );
  return { path: out, encoding: fallback, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The first line of a text file, decoded as UTF-8 when it is valid UTF-8, else as `fallback`. */
export async function firstLine(file: string, fallback: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 << 10);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, bytesRead);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    } catch {
      text = new TextDecoder(fallback).decode(bytes, { stream: true });
    }
    return text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  } finally {
    await fh.close();
  }
}
