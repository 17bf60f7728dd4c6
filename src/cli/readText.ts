/**
 * Reads a file a command was given as text, or says in one line why it will not: it does not
 * exist, it is not a regular file (`/dev/zero`, a folder, a pipe), it is larger than the limit,
 * or it is binary (a NUL byte, or mostly bytes that are not text). It never reads more than the
 * limit, so a device that never ends cannot exhaust memory.
 */
import { open } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { MAX_NON_TEXT_SHARE, MAX_SCAN_FILE_BYTES, TEXT_SAMPLE_BYTES } from './limits';

/** The outcome: the text, a file that is not text (skipped), or one that cannot be read (an error). */
export type TextFile =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** What a non-regular file is, in words. */
function fileType(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** `128 MB`, `2.1 GB`: a size for a message. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Why `sample` is not text, or undefined when it is. */
export function binaryReason(sample: Buffer): string | undefined {
  const nul = sample.indexOf(0);
  if (nul >= 0) return `binary: it has a NUL byte (at byte ${nul.toLocaleString('en-US')}), which text files do not (or it is UTF-16 text, which scan does not read)`;
  const head = sample.subarray(0, TEXT_SAMPLE_BYTES);
  if (head.length === 0) return undefined;
  // A sample may end inside a multi-byte character: that one is not counted against the file.
  const text = head.toString('utf8').replace(/\ufffd{1,3}$/, '');
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) bad++;
  }
  const share = bad / Math.max(1, text.length);
  if (share > MAX_NON_TEXT_SHARE) {
    return `binary: ${Math.round(share * 100)}% of its first ${formatBytes(head.length)} is not UTF-8 text (at most ${Math.round(MAX_NON_TEXT_SHARE * 100)}% is allowed)`;
  }
  return undefined;
}

/** Reads `file` as UTF-8 text, within {@link MAX_SCAN_FILE_BYTES}; never throws. */
export async function readTextFile(file: string, limit = MAX_SCAN_FILE_BYTES): Promise<TextFile> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(err));
    return { kind: 'unreadable', reason: why };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { kind: 'unreadable', reason: `${fileType(st)}, not a regular file (scan reads regular files of up to ${formatBytes(limit)})` };
    if (st.size > limit) return { kind: 'unreadable', reason: `too large: ${formatBytes(st.size)}, and scan reads files up to ${formatBytes(limit)}` };
    // The size stat gives can be wrong (0 for files under /proc, or a file still growing): read
    // until the end, but never past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(limit + 1 - total, Math.max(64 * 1024, st.size - total + 1)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return { kind: 'unreadable', reason: `too large: more than ${formatBytes(limit)}, the most scan reads` };
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    }
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    chunks.length = 0;
    const binary = binaryReason(bytes);
    if (binary) return { kind: 'binary', reason: binary };
    return { kind: 'text', text: bytes.toString('utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { kind: 'unreadable', reason: code === 'EISDIR' ? 'it is a folder' : `read failed (${code ?? (err instanceof Error ? err.message : String(err))})` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
